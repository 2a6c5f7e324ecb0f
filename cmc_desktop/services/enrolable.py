"""Who waits for a place in a promotion: the demandes « Inscrire des agents » offers and the tableau de bord lists,
the priority publics first."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, or_, select

from ..data.models import AgentRow, BppRow, DemandeRow
from ..data.repositories import demandes
from ..domain.agent import PRIORITY_PUBLICS, AgentState, person_name
from ..domain.bpp import BppForm
from ..domain.demande import Decision
from .agent_search import list_name
from .workspace import Workspace


@dataclass(frozen=True)
class EnrolableDemande:
    """A demande whose agent waits for a promotion: accepted, de droit, or whose report has ended."""

    demande_id: int
    agent_id: int
    display_name: str
    request_date: date
    priority: bool
    """The agent is one of the three priority publics of art. L. 422-3 CGFP: served first."""
    of_right: bool = False
    """The BPP is de droit (restructuration)."""
    ended_report_on: date | None = None
    """The horizon of the report the demande came back from, if it was postponed."""
    list_name: str = ""
    """« NOM Prénom », as lists (and the dashboard) show agents."""


def enrolable_demandes(ws: Workspace) -> list[EnrolableDemande]:
    """Demandes that `enrol` can place (accepted, de droit, or whose report has ended), the priority publics
    first, then the oldest request: the agent is still accompanied and has no BPP yet, or the demande's
    collective BPP is open and outside any promotion (the agent left one)."""
    today = ws.clock.today()
    with ws.store.reading() as s:
        # Only the agent's columns shown here: an agent row also holds the CMC's notes, long and not needed.
        a, b = AgentRow, BppRow
        # Agents with an open BPP already placed (most of them, on a large store) cannot be enrolled again: not
        # read. What remains is decided below, demande by demande.
        open_bpp = exists().where(b.agent_id == DemandeRow.agent_id, b.closed_on.is_(None))
        awaiting_a_place = exists().where(b.agent_id == DemandeRow.agent_id, b.closed_on.is_(None),
                                          b.form == BppForm.COLLECTIF, b.promotion_id.is_(None))
        candidates = s.execute(select(DemandeRow, a.id, a.last_name, a.first_name, a.pseudo_id, a.priority_grounds)
                               .join(a, a.id == DemandeRow.agent_id)
                               .where(DemandeRow.decision.in_((Decision.ACCORD, Decision.REPORT, Decision.EN_ATTENTE)),
                                      a.state == AgentState.ACTIF, or_(~open_bpp, awaiting_a_place))
                               .order_by(DemandeRow.request_date, DemandeRow.id)).all()
        rows = [(row[0], row) for row in candidates if demandes.to_demande(row[0]).status(today).opens_bpp]
        ended = {d.id: d.report_until for d, _ in rows if d.decision is Decision.REPORT}
        agent_ids = {agent.id for _, agent in rows}
        # The columns looked at only: loading a BPP entity each (thousands of them) was most of this reading.
        bpp_rows = s.execute(select(BppRow.agent_id, BppRow.demande_id, BppRow.form, BppRow.closed_on,
                                    BppRow.promotion_id).where(BppRow.agent_id.in_(agent_ids))).all()
        by_demande = {b.demande_id: b for b in bpp_rows if b.demande_id is not None}
        with_open_bpp = {b.agent_id for b in bpp_rows if b.closed_on is None}
        enrolable = []
        for demande, agent in rows:
            bpp = by_demande.get(demande.id)
            if bpp is None:
                ok = agent.id not in with_open_bpp
            else:
                ok = bpp.form is BppForm.COLLECTIF and bpp.closed_on is None and bpp.promotion_id is None
            if ok:
                name = person_name(agent.first_name, agent.last_name)
                enrolable.append(EnrolableDemande(demande.id, agent.id, name, demande.request_date,
                                                  bool(agent.priority_grounds & PRIORITY_PUBLICS), demande.of_right,
                                                  ended.get(demande.id), list_name(agent.last_name, agent.first_name)))
        # Priority regulates demand: the priority publics come first (sorted() keeps the date order within).
        return sorted(enrolable, key=lambda d: not d.priority)
