"""The agenda of a period: séances of open promotions, planned interviews, and the legal deadlines.

Deadlines come from DEADLINE_SOURCES, one function each: adding a kind of deadline is one line there.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data.models import (
    AccompanimentRow,
    AgentRow,
    DemandeRow,
    InterviewRow,
    PromotionRow,
    RightsRequestRow,
    SeanceRow,
)
from ..data.repositories.accompaniments import met_on_by_agent, to_accompaniment
from ..domain.agenda import AgendaEvent, EventKind, Slot, conflicts, deadline_event
from ..domain.agent import Agent
from ..domain.data_rights import RightsRequest
from ..domain.dates import format_fr
from ..domain.demande import Decision, implicit_rejection_date
from .workspace import Workspace

# (session, first day, last day, today): the deadlines falling between the first and the last day.
DeadlineSource = Callable[[Session, date, date, date], list[AgendaEvent]]


def implicit_rejections(session: Session, first: date, last: date, today: date) -> list[AgendaEvent]:
    """Demandes de BPP still awaiting the hierarchy's answer: the day their silence becomes a rejection."""
    rows = session.execute(select(DemandeRow, AgentRow.last_name, AgentRow.first_name)
                           .join(AgentRow, AgentRow.id == DemandeRow.agent_id)
                           .where(DemandeRow.decision == Decision.EN_ATTENTE))
    events = []
    for demande, last_name, first_name in rows:
        day = implicit_rejection_date(demande.request_date)
        if first <= day <= last:
            name = _name(last_name, first_name)
            events.append(deadline_event(f"echeance-demande-{demande.id}", day, f"Rejet implicite — {name}",
                                         "Sans réponse de la hiérarchie, la demande de BPP est rejetée ce jour.",
                                         demande.agent_id))
    return events


def promised_take_charge(session: Session, first: date, last: date, today: date) -> list[AgendaEvent]:
    """Open requests for an accompaniment: the lead time for taking charge told to the agent (commitment 2 of
    « Mon accompagnement en + »), as long as no interview or séance is held or planned by then."""
    rows = session.execute(select(AccompanimentRow, AgentRow.last_name, AgentRow.first_name)
                           .join(AgentRow, AgentRow.id == AccompanimentRow.agent_id)
                           .where(AccompanimentRow.closed_on.is_(None), AccompanimentRow.promised_days.is_not(None)))
    met = met_on_by_agent(session, today)
    events = []
    for row, last_name, first_name in rows:
        day = to_accompaniment(row).promise_pending(met.get(row.agent_id, []))
        if day is not None and first <= day <= last:
            events.append(deadline_event(
                f"echeance-prise-en-charge-{row.id}", day, f"Délai de prise en charge — {_name(last_name, first_name)}",
                f"Demande d'accompagnement du {format_fr(row.requested_on)} : l'agent a été informé qu'un premier "
                "entretien aurait lieu au plus tard ce jour.", row.agent_id))
    return events


def report_ends(session: Session, first: date, last: date, today: date) -> list[AgendaEvent]:
    """Demandes de BPP postponed: the day the report ends and the demande comes back."""
    rows = session.execute(select(DemandeRow, AgentRow.last_name, AgentRow.first_name)
                           .join(AgentRow, AgentRow.id == DemandeRow.agent_id)
                           .where(DemandeRow.decision == Decision.REPORT,
                                  DemandeRow.report_until.between(first, last)))
    return [deadline_event(f"echeance-report-{demande.id}", demande.report_until,
                           f"Fin du report — {_name(last_name, first_name)}",
                           "Le report de la demande de BPP prend fin : l'agent peut être inscrit dans une promotion.",
                           demande.agent_id)
            for demande, last_name, first_name in rows]


def rights_answers(session: Session, first: date, last: date, today: date) -> list[AgendaEvent]:
    """Requests of an agent about their data not answered yet: the day the answer is due (RGPD, one month)."""
    rows = session.execute(select(RightsRequestRow, AgentRow.last_name, AgentRow.first_name)
                           .join(AgentRow, AgentRow.id == RightsRequestRow.agent_id)
                           .where(RightsRequestRow.answered_on.is_(None)))
    events = []
    for row, last_name, first_name in rows:
        request = RightsRequest(row.agent_id, row.kind, row.requested_on, id=row.id)
        if first <= request.due_on <= last:
            events.append(deadline_event(
                f"echeance-droits-{row.id}", request.due_on, f"Réponse due — {_name(last_name, first_name)}",
                f"{request.kind.label} demandé le {format_fr(row.requested_on)} : la réponse est due au plus tard "
                "ce jour.", row.agent_id))
    return events


DEADLINE_SOURCES: list[DeadlineSource] = [
    implicit_rejections,
    promised_take_charge,
    report_ends,
    rights_answers,
]


@dataclass(frozen=True)
class Agenda:
    """The events between `first` and `last` (inclusive), by day and time; `clashes` maps an event's key to
    what it overlaps."""

    first: date
    last: date
    events: list[AgendaEvent]
    clashes: dict[str, list[str]]

    def on(self, day: date) -> list[AgendaEvent]:
        return [e for e in self.events if e.slot.day == day]


def agenda(ws: Workspace, first: date, last: date) -> Agenda:
    with ws.store.session() as s:
        events = [*seance_events(s, first, last), *interview_events(s, first, last)]
        today = ws.clock.today()
        for source in DEADLINE_SOURCES:
            events.extend(source(s, first, last, today))
    events.sort(key=_order)
    return Agenda(first, last, events, conflicts(events))


def seance_events(session: Session, first: date, last: date) -> list[AgendaEvent]:
    rows = session.execute(select(SeanceRow, PromotionRow.name).join(PromotionRow,
                                                                     PromotionRow.id == SeanceRow.promotion_id)
                           .where(SeanceRow.held_on.between(first, last)))
    return [AgendaEvent(key=f"seance-{row.id}", kind=EventKind.SEANCE,
                        slot=Slot(row.held_on, row.starts_at, row.duration_minutes, row.place, row.link),
                        title=f"Séance — {promotion}", detail=row.topic, sequence=row.calendar_sequence,
                        target_id=row.promotion_id)
            for row, promotion in rows]


def interview_events(session: Session, first: date, last: date) -> list[AgendaEvent]:
    rows = session.execute(select(InterviewRow, AgentRow.last_name, AgentRow.first_name)
                           .join(AgentRow, AgentRow.id == InterviewRow.agent_id)
                           .where(InterviewRow.held_on.between(first, last)))
    events = []
    for row, last_name, first_name in rows:
        name = _name(last_name, first_name)
        events.append(AgendaEvent(
            key=f"entretien-{row.id}", kind=EventKind.INTERVIEW,
            slot=Slot(row.held_on, row.starts_at, row.duration_minutes, row.place, row.link),
            title=f"{row.type.value} — {name}", detail=row.type.label, agent_name=name,
            sequence=row.calendar_sequence, target_id=row.agent_id))
    return events


def _name(last_name: str, first_name: str) -> str:
    return Agent(last_name, first_name, pseudo_id="").display_name


def _order(event: AgendaEvent) -> tuple[date, int, str, str]:
    # Deadlines first in their day, then whole-day events, then by time.
    rank = 0 if event.kind is EventKind.DEADLINE else 1 if event.slot.starts_at is None else 2
    start = event.slot.starts_at.isoformat() if event.slot.starts_at else ""
    return event.slot.day, rank, start, event.key
