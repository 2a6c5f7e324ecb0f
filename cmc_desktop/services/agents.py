"""Use cases of an agent: the identity form, the accent-insensitive search of the list, the agent's file,
and the end (or resumption) of the accompaniment."""

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import TYPE_CHECKING

from ..data.repositories import accompaniments, agents, audit, bpps, interviews, promotions
from ..domain.agent import (
    Agent,
    Category,
    PriorityGround,
    Statut,
    referent_handicap_pending,
)
from ..domain.audit import AuditCode
from ..domain.bpp import Bpp, BppForm, Phase
from ..domain.consent import RecipientKind
from ..domain.data_rights import RightsRequest
from ..domain.errors import DomainError
from ..domain.synthesis import SynthesisStatus
from ..domain.synthesis_schema import SynthesisKind
from . import accompaniments as accompaniment_views
from .agent_search import list_name
from .bpp import current_dates
from .demandes import DemandeView, views_for_agent
from .interviews import InterviewSummary, summaries_for_agent
from .workspace import Workspace

if TYPE_CHECKING:
    from .duplicates import DuplicateView


@dataclass(frozen=True)
class AgentInput:
    """Every identity field the CMC edits in the agent's form."""

    last_name: str
    first_name: str
    category: Category | None = None
    statut: Statut = Statut.TITULAIRE
    fonction: str = ""
    service: str = ""
    email: str = ""
    phone: str = ""
    date_prise_fonction: date | None = None
    priority_grounds: frozenset[PriorityGround] = frozenset()
    referent_handicap_informed_on: date | None = None
    referent_handicap_associated: bool = False
    private_notes: str = ""
    birth_year: int | None = None

    @classmethod
    def of(cls, agent: Agent) -> "AgentInput":
        """The form's values for a stored agent (to edit and give back to update_agent)."""
        return cls(**{name: getattr(agent, name) for name in _EDITABLE})


_EDITABLE = tuple(f.name for f in fields(AgentInput))


@dataclass(frozen=True)
class BppSummary:
    """One of the agent's bilans, with the promotion it belongs to (collective form)."""

    id: int
    form: BppForm
    current_phase: Phase
    demande_id: int | None
    promotion_id: int | None
    promotion_name: str
    contract_signed_on: date | None
    initial_interview_on: date | None
    final_interview_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class SynthesisSummary:
    id: int
    pseudo_id: str
    kind: SynthesisKind
    status: SynthesisStatus
    bpp_id: int | None


@dataclass(frozen=True)
class ConsentSummary:
    """A consent the agent gave to communicate one of their documents de synthèse."""

    synthesis_id: int
    synthesis_pseudo_id: str
    recipient_kind: RecipientKind
    recipient_name: str
    scope: str
    given_on: date
    withdrawn_on: date | None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None


@dataclass(frozen=True)
class AgentFile:
    """The agent's file: identity and priority grounds, demandes, interviews, bilans, syntheses, consents."""

    agent: Agent
    demandes: list[DemandeView] = field(default_factory=list)
    interviews: list[InterviewSummary] = field(default_factory=list)
    bpps: list[BppSummary] = field(default_factory=list)
    syntheses: list[SynthesisSummary] = field(default_factory=list)
    consents: list[ConsentSummary] = field(default_factory=list)
    referent_handicap_pending: bool = False
    """The agent is covered by art. L. 5212-13, has started a BPP, and the référent handicap is not informed."""
    accompaniments: list[accompaniment_views.AccompanimentView] = field(default_factory=list)
    rights_requests: list[RightsRequest] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return list_name(self.agent.last_name, self.agent.first_name)

    @property
    def priority_grounds(self) -> frozenset[PriorityGround]:
        return self.agent.priority_grounds


class PossibleDuplicate(DomainError):
    """The agent may already have a file: the CMC is asked before a second one is created."""

    def __init__(self, matches: "list[DuplicateView]") -> None:
        names = ", ".join(f"{m.display_name} ({m.pseudo_id})" for m in matches)
        super().__init__(f"Cet agent a peut-être déjà un dossier : {names}. Vérifiez avant d'en créer un second.")
        self.matches = matches


def create_agent(ws: Workspace, data: AgentInput, *, duplicate_confirmed: bool = False) -> int:
    """Create the file of a newly accompanied agent; returns its id. When a file may already be this person's,
    PossibleDuplicate is raised unless the CMC has confirmed (`duplicate_confirmed`) that it is someone else."""
    # Here: the duplicates' module (merges, tombstones, the erased files' activity) is not needed to show the
    # agents list, the first view of many start-ups (~30 ms of imports on the GUI thread).
    from .duplicates import duplicates_of

    agent = Agent(**{name: getattr(data, name) for name in _EDITABLE}).validated(ws.clock.today())
    with ws.store.session() as s:
        matches = duplicates_of(s, agent.last_name, agent.first_name, agent.birth_year, agent.email)
        if matches and not duplicate_confirmed:
            raise PossibleDuplicate(matches)
        agents.save(s, agent)
        # Which files looked alike stays in the journal (pseudonymous ids), should the two be merged later.
        audit.append(s, AuditCode.AGENT_CREATED, ws.clock.now(), subject=agent.pseudo_id,
                     detail="doublon_possible=" + ",".join(m.pseudo_id for m in matches) if matches else "")
    return _id(agent)


def update_agent(ws: Workspace, agent_id: int, data: AgentInput) -> None:
    """Save the identity form (autosave: nothing is written or journaled when nothing changed)."""
    today = ws.clock.today()
    with ws.store.session() as s:
        stored = agents.get(s, agent_id)
        edited = replace(stored, **{name: getattr(data, name) for name in _EDITABLE}).validated(today)
        changed = [name for name in _EDITABLE if getattr(edited, name) != getattr(stored, name)]
        if not changed:
            return
        agents.save(s, edited)
        # Field names only: the journal never holds what was typed.
        audit.append(s, AuditCode.AGENT_UPDATED, ws.clock.now(), subject=stored.pseudo_id,
                     detail="champs=" + ",".join(changed))


def get_agent(ws: Workspace, agent_id: int) -> Agent:
    """The agent's identity, to refresh a form (opening the whole file is get_agent_file)."""
    with ws.store.session() as s:
        return agents.get(s, agent_id)


def get_agent_file(ws: Workspace, agent_id: int, *, journal: bool = True) -> AgentFile:
    """Open the agent's file. The opening is journaled (pseudonymous id only); `journal=False` reads it again
    after a change made in it, which its own service has journaled."""
    today = ws.clock.today()
    with ws.store.session() as s:
        agent = agents.get(s, agent_id)
        bpp_list = [current_dates(s, bpp, today) for bpp in bpps.for_agent(s, agent_id)]
        names = {p: promotions.get(s, p).name for p in {b.promotion_id for b in bpp_list} if p is not None}
        bpp_summaries = [
            BppSummary(id=_id(b), form=b.form, current_phase=b.current_phase, demande_id=b.demande_id,
                       promotion_id=b.promotion_id,
                       promotion_name="" if b.promotion_id is None else names[b.promotion_id],
                       contract_signed_on=b.contract_signed_on, initial_interview_on=b.initial_interview_on,
                       final_interview_on=b.final_interview_on, closed_on=b.closed_on) for b in bpp_list]
        file = AgentFile(
            agent=agent,
            demandes=views_for_agent(s, agent_id, today),
            interviews=summaries_for_agent(s, agent_id),
            bpps=bpp_summaries,
            syntheses=[SynthesisSummary(**row._asdict()) for row in agents.syntheses(s, agent_id)],
            consents=[ConsentSummary(**row._asdict()) for row in agents.consents(s, agent_id)],
            referent_handicap_pending=referent_handicap_pending(agent, bpp_started=bool(bpp_list)),
            accompaniments=accompaniment_views.views_for_agent(s, agent_id, today),
            rights_requests=accompaniments.rights_requests(s, agent_id),
        )
        if journal and not ws.store.read_only:  # a store opened read-only (damaged) can still be read
            audit.append(s, AuditCode.AGENT_OPENED, ws.clock.now(), subject=agent.pseudo_id)
    return file


def end_accompaniment(ws: Workspace, agent_id: int, on: date) -> None:
    """The accompaniment ends on `on`; the retention period of the file runs from that date."""
    with ws.store.session() as s:
        agent = agents.get(s, agent_id)
        held = [i.held_on for i in interviews.for_agent(s, agent_id)]
        agent.end_accompaniment(on, today=ws.clock.today(), last_interview_on=max(held, default=None),
                                has_open_bpp=bpps.has_open(s, agent_id))
        agents.save(s, agent)
        audit.append(s, AuditCode.ACCOMPANIMENT_ENDED, ws.clock.now(), subject=agent.pseudo_id)


def reopen_accompaniment(ws: Workspace, agent_id: int) -> None:
    """The agent comes back: the accompaniment is in progress again."""
    with ws.store.session() as s:
        agent = agents.get(s, agent_id)
        agent.reopen_accompaniment()
        agents.save(s, agent)
        audit.append(s, AuditCode.ACCOMPANIMENT_REOPENED, ws.clock.now(), subject=agent.pseudo_id)


def _id(entity: Agent | Bpp) -> int:
    if entity.id is None:
        raise ValueError(f"{type(entity).__name__} has not been saved yet")
    return entity.id
