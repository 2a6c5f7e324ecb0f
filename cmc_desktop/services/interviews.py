"""Use cases of the interviews: an E2 accompaniment's series of interviews and their three phases, the
referral to a BPP (from an E2 or an E4), the individual interviews of a BPP (E3) mapped onto its four phases,
the aiguillage of an E1 and the initiative and target public of an E4."""

from dataclasses import dataclass, fields, replace
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..data.models import AgentRow, InterviewRow
from ..data.repositories import agents, audit, bpps, demandes, interviews
from ..domain.audit import AuditCode
from ..domain.bpp import Bpp, BppForm, Phase, check_interviews_in_time
from ..domain.demande import Initiative
from ..domain.errors import DomainError
from ..domain.interview import (
    E1Response,
    E3Role,
    Interview,
    InterviewType,
    Mode,
    Orientation,
    PropositionItem,
    SupportKind,
    TargetPublic,
)
from .agent_search import list_name
from .bpp import dates_in
from .demandes import record_in
from .workspace import Workspace


@dataclass(frozen=True)
class InterviewInput:
    """Everything the CMC edits in an interview; E2 interviews use the three phases' fields."""

    held_on: date
    mode: Mode = Mode.PRESENTIEL
    duration_minutes: int | None = None
    subject: str = ""
    proposition_items: frozenset[PropositionItem] = frozenset()
    proposition_notes: str = ""
    support_kind: SupportKind | None = None
    support_notes: str = ""
    progress_shared: str = ""
    next_actions: str = ""
    private_notes: str = ""
    starts_at: time | None = None
    place: str = ""
    link: str = ""
    e1_response: E1Response | None = None
    orientation: Orientation | None = None
    orientation_actor: str = ""
    orientation_tool: str = ""
    documents_sent: str = ""
    initiative: Initiative | None = None
    target_public: TargetPublic | None = None


_EDITABLE = tuple(f.name for f in fields(InterviewInput))


@dataclass(frozen=True)
class InterviewSummary:
    """A line of the agent's list of interviews (no notes)."""

    id: int
    agent_id: int
    type: InterviewType
    held_on: date
    mode: Mode
    duration_minutes: int | None
    subject: str
    referred_to_bpp: bool
    bpp_id: int | None
    bpp_phase: Phase | None
    e3_role: E3Role | None

    @classmethod
    def of(cls, interview: Interview) -> "InterviewSummary":
        return cls(id=_id(interview), agent_id=interview.agent_id, type=interview.type, held_on=interview.held_on,
                   mode=interview.mode, duration_minutes=interview.duration_minutes, subject=interview.subject,
                   referred_to_bpp=interview.referred_to_bpp, bpp_id=interview.bpp_id,
                   bpp_phase=None if interview.bpp_phase is None else Phase(interview.bpp_phase),
                   e3_role=interview.e3_role)


@dataclass(frozen=True)
class InterviewView:
    """One interview with all its fields; `demande_id` is the demande its referral to a BPP opened."""

    id: int
    agent_id: int
    type: InterviewType
    data: InterviewInput
    referred_to_bpp: bool
    demande_id: int | None
    bpp_id: int | None
    bpp_phase: Phase | None
    e3_role: E3Role | None


def start_interview(ws: Workspace, agent_id: int, interview_type: InterviewType, held_on: date,
                    mode: Mode = Mode.PRESENTIEL) -> int:
    """Record an E1, E2 or E4 interview for an agent whose accompaniment is in progress; returns its id.
    A BPP's interviews are added with add_e3_interview, which places them in the bilan. An entretien de
    carrière (E4) is at the employer's initiative unless recorded otherwise."""
    if interview_type is InterviewType.E3:
        raise DomainError("Un entretien de BPP (E3) s'ajoute depuis le bilan de l'agent, dans l'une de ses phases.")
    initiative = Initiative.EMPLOYEUR if interview_type is InterviewType.E4 else None
    with ws.store.session() as s:
        return _add(s, ws, Interview(agent_id=agent_id, type=interview_type, held_on=held_on, mode=mode,
                                     initiative=initiative))


def start_e2(ws: Workspace, agent_id: int, held_on: date, mode: Mode = Mode.PRESENTIEL) -> int:
    """Start an entretien projet de mobilité (one of the series that makes an E2 accompaniment)."""
    return start_interview(ws, agent_id, InterviewType.E2, held_on, mode)


def add_e3_interview(ws: Workspace, agent_id: int, bpp_id: int, phase: Phase, role: E3Role, held_on: date,
                     mode: Mode = Mode.PRESENTIEL) -> int:
    """Record an individual interview of the agent's BPP in one of its phases: the entretien initial (phase 1,
    once), an individual séance (any phase) or the entretien final (phase 4, once). The BPP's dates of its
    initial and final interviews follow these interviews."""
    with ws.store.session() as s:
        bpp = bpps.get(s, bpp_id)
        if bpp.agent_id != agent_id:
            raise DomainError("Ce bilan n'est pas celui de cet agent.")
        if bpp.closed_on:
            raise DomainError("Ce bilan est clos : il ne reçoit plus d'entretien.")
        if role is not E3Role.SEANCE and interviews.with_role(s, bpp_id, role) is not None:
            raise DomainError(f"L'{role.label.lower()} de ce bilan est déjà enregistré : modifiez-le plutôt que "
                              "d'en ajouter un second.")
        interview = Interview(agent_id=agent_id, type=InterviewType.E3, held_on=held_on, mode=mode,
                              bpp_id=bpp_id, bpp_phase=int(phase), e3_role=role)
        interview_id = _add(s, ws, interview)
        _sync_bpp(s, ws, bpp, role, held_on)
        return interview_id


def update_interview(ws: Workspace, interview_id: int, data: InterviewInput) -> None:
    """Save the interview's fields (autosave: nothing is written or journaled when nothing changed)."""
    today = ws.clock.today()
    with ws.store.session() as s:
        stored = interviews.get(s, interview_id)
        edited = replace(stored, **{name: getattr(data, name) for name in _EDITABLE}).validated(today)
        changed = [name for name in _EDITABLE if getattr(edited, name) != getattr(stored, name)]
        if not changed:
            return
        interviews.save(s, edited)
        if "held_on" in changed and stored.bpp_id is not None and stored.e3_role is not None:
            _sync_bpp(s, ws, bpps.get(s, stored.bpp_id), stored.e3_role, edited.held_on)
        audit.append(s, AuditCode.INTERVIEW_UPDATED, ws.clock.now(), subject=agents.pseudo_id(s, stored.agent_id),
                     detail=f"entretien={interview_id} champs={','.join(changed)}")


def delete_interview(ws: Workspace, interview_id: int) -> None:
    """Delete an interview recorded by mistake; a BPP's initial or final interview date goes with it."""
    with ws.store.session() as s:
        interview = interviews.get(s, interview_id)
        interviews.delete(s, interview_id)
        if interview.bpp_id is not None and interview.e3_role is not None:
            _sync_bpp(s, ws, bpps.get(s, interview.bpp_id), interview.e3_role, None)
        audit.append(s, AuditCode.INTERVIEW_DELETED, ws.clock.now(),
                     subject=agents.pseudo_id(s, interview.agent_id),
                     detail=f"entretien={interview_id} type={interview.type.value}")


def get_interview(ws: Workspace, interview_id: int) -> InterviewView:
    with ws.store.session() as s:
        interview = interviews.get(s, interview_id)
        demande = demandes.from_interview(s, interview_id)
    return InterviewView(
        id=interview_id, agent_id=interview.agent_id, type=interview.type,
        data=InterviewInput(**{name: getattr(interview, name) for name in _EDITABLE}),
        referred_to_bpp=interview.referred_to_bpp, demande_id=None if demande is None else demande.id,
        bpp_id=interview.bpp_id, bpp_phase=None if interview.bpp_phase is None else Phase(interview.bpp_phase),
        e3_role=interview.e3_role)


def interviews_for_agent(ws: Workspace, agent_id: int) -> list[InterviewSummary]:
    """The agent's interviews, most recent first."""
    with ws.store.session() as s:
        agents.get(s, agent_id)
        return summaries_for_agent(s, agent_id)


def summaries_for_agent(session: Session, agent_id: int) -> list[InterviewSummary]:
    """interviews_for_agent inside the caller's session."""
    return [InterviewSummary.of(i) for i in interviews.for_agent(session, agent_id)]


@dataclass(frozen=True)
class InterviewListItem:
    """A line of the list of every agent's interviews."""

    interview: InterviewSummary
    agent_name: str


def list_interviews(ws: Workspace, interview_type: InterviewType | None = None, offset: int = 0,
                    limit: int = 100) -> list[InterviewListItem]:
    """One page of all the interviews (of one type, if given), most recent first, with the agent's name."""
    query = (select(InterviewRow, AgentRow.last_name, AgentRow.first_name)
             .join(AgentRow, AgentRow.id == InterviewRow.agent_id)
             .order_by(InterviewRow.held_on.desc(), InterviewRow.id.desc()).offset(offset).limit(limit))
    if interview_type is not None:
        query = query.where(InterviewRow.type == interview_type)
    with ws.store.session() as s:
        return [InterviewListItem(InterviewSummary.of(interviews.to_interview(row)), list_name(last, first))
                for row, last, first in s.execute(query)]


def count_interviews(ws: Workspace, interview_type: InterviewType | None = None) -> int:
    """How many interviews list_interviews finds in all its pages."""
    query = select(func.count(InterviewRow.id))
    if interview_type is not None:
        query = query.where(InterviewRow.type == interview_type)
    with ws.store.session() as s:
        return s.execute(query).scalar_one()


def refer_to_bpp(ws: Workspace, interview_id: int, request_date: date,
                 initiative: Initiative = Initiative.AGENT) -> int:
    """« Orienter vers un BPP »: record a demande de BPP for the interview's agent, made from this E2 (or E4)
    interview; returns the demande's id.

    The initiative is the agent's by default: the CMC proposes the bilan, the agent asks for it. It is the
    employer's when the employer proposed it (the agent's agreement is then recorded).
    """
    with ws.store.session() as s:
        agent_id = interviews.get(s, interview_id).agent_id
        return record_in(s, ws, agent_id, request_date, initiative, True, interview_id)


def _add(session: Session, ws: Workspace, interview: Interview) -> int:
    agent = agents.get(session, interview.agent_id)
    agent.check_active()
    interviews.save(session, interview.validated(ws.clock.today()))
    audit.append(session, AuditCode.INTERVIEW_RECORDED, ws.clock.now(), subject=agent.pseudo_id,
                 detail=f"entretien={interview.id} type={interview.type.value}")
    return _id(interview)


def _sync_bpp(session: Session, ws: Workspace, bpp: Bpp, role: E3Role, held_on: date | None) -> None:
    """Keep the BPP's date of its initial or final interview that of the interview holding the role, and an
    individual BPP's phase dates those of its interviews held — refused (the whole write with it) when they
    would not follow each other in time."""
    if role is E3Role.INITIAL:
        bpp.initial_interview_on = held_on
    elif role is E3Role.FINAL:
        bpp.final_interview_on = held_on
    today = ws.clock.today()
    dated = dates_in(session, bpp, today).validated(today)
    if bpp.form is BppForm.INDIVIDUEL and bpp.id is not None:
        check_interviews_in_time(bpp.current_phase, interviews.e3_placements(session, bpp.id), today)
    bpps.save(session, dated)


def _id(interview: Interview) -> int:
    if interview.id is None:
        raise ValueError("the interview has not been saved yet")
    return interview.id
