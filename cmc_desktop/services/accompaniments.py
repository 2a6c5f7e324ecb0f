"""Use cases of an accompaniment: the demande d'accompagnement that opens it (« prendre en charge »), its
outcome when the CMC closes it, and the satisfaction questionnaire proposed then."""

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy.orm import Session

from ..data.repositories import accompaniments as repo
from ..data.repositories import agents, audit, bpps, interviews
from ..domain.accompaniment import (
    Accompaniment,
    Channel,
    Level,
    ProjectKind,
    Questionnaire,
    Result,
    TakeChargeState,
    check_new_request,
)
from ..domain.audit import AuditCode
from ..domain.errors import DomainError
from ..domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from . import satisfaction
from .workspace import Workspace


@dataclass(frozen=True)
class RequestInput:
    """What the CMC records when taking charge of a request."""

    requested_on: date
    channel: Channel = Channel.AGENT
    level: Level = Level.PERSONNALISE
    need: str = ""
    diagnosis: str = ""
    promised_days: int | None = None


_REQUEST_FIELDS = tuple(f.name for f in fields(RequestInput))


@dataclass(frozen=True)
class Outcome:
    """How the accompaniment ended."""

    closed_on: date
    project_kind: ProjectKind
    result: Result


@dataclass(frozen=True)
class AccompanimentView:
    """One accompaniment as the agent's file shows it."""

    id: int
    agent_id: int
    request: RequestInput
    promised_on: date | None
    take_charge: TakeChargeState
    closed_on: date | None
    project_kind: ProjectKind | None
    result: Result | None
    questionnaire: Questionnaire | None
    answered: bool
    """A questionnaire (filled or declined) is recorded for this accompaniment."""

    @property
    def open(self) -> bool:
        return self.closed_on is None


def record_request(ws: Workspace, agent_id: int, data: RequestInput) -> int:
    """Open an accompaniment for an agent whose file is in progress; returns its id."""
    today = ws.clock.today()
    with ws.store.session() as s:
        agent = agents.get(s, agent_id)
        agent.check_active()
        check_new_request(repo.for_agent(s, agent_id))
        accompaniment = Accompaniment(agent_id, **{name: getattr(data, name) for name in _REQUEST_FIELDS})
        repo.save(s, accompaniment.validated(today))
        audit.append(s, AuditCode.ACCOMPANIMENT_REQUESTED, ws.clock.now(), subject=agent.pseudo_id,
                     detail=f"accompagnement={accompaniment.id} niveau={int(accompaniment.level)}")
        return _id(accompaniment)


def update_request(ws: Workspace, accompaniment_id: int, data: RequestInput) -> None:
    """Correct what was recorded of the request (also once closed: the outcome stays)."""
    today = ws.clock.today()
    with ws.store.session() as s:
        stored = repo.get(s, accompaniment_id)
        edited = repo.get(s, accompaniment_id)
        for name in _REQUEST_FIELDS:
            setattr(edited, name, getattr(data, name))
        edited.validated(today)
        changed = [name for name in _REQUEST_FIELDS if getattr(edited, name) != getattr(stored, name)]
        if not changed:
            return
        repo.save(s, edited)
        # Field names only: the journal never holds what was typed.
        audit.append(s, AuditCode.ACCOMPANIMENT_UPDATED, ws.clock.now(), subject=agents.pseudo_id(s, stored.agent_id),
                     detail=f"accompagnement={accompaniment_id} champs=" + ",".join(changed))


def delete_request(ws: Workspace, accompaniment_id: int) -> None:
    """Remove a request recorded by mistake (twice, or in the wrong file); a closed one keeps its outcome."""
    with ws.store.session() as s:
        stored = repo.get(s, accompaniment_id)
        if stored.closed:
            raise DomainError("Cet accompagnement est clos avec son issue : il ne peut plus être supprimé.")
        repo.delete(s, accompaniment_id)
        audit.append(s, AuditCode.ACCOMPANIMENT_DELETED, ws.clock.now(), subject=agents.pseudo_id(s, stored.agent_id),
                     detail=f"accompagnement={accompaniment_id}")


def list_for_agent(ws: Workspace, agent_id: int) -> list[AccompanimentView]:
    with ws.store.session() as s:
        return views_for_agent(s, agent_id, ws.clock.today())


def views_for_agent(session: Session, agent_id: int, today: date) -> list[AccompanimentView]:
    """The agent's accompaniments, the most recent request first (in the caller's session)."""
    met = repo.met_on(session, agent_id, today)
    answered = {a.accompaniment_id for a in satisfaction.answers_for_agent(session, agent_id)}
    return [_view(a, today, met, answered) for a in repo.for_agent(session, agent_id)]


def close_accompaniment(ws: Workspace, agent_id: int, outcome: Outcome, *, request: RequestInput | None = None,
                        questionnaire: Questionnaire | None = None) -> int:
    """Close the agent's accompaniment in progress with its outcome; the agent's file then counts as ended
    (its retention period runs from that date). An accompaniment opened before requests were recorded is closed
    with `request`, the request as the CMC now records it. `questionnaire`: what became of the questionnaire
    proposed at the closing (record_questionnaire), in the same transaction. Returns the accompaniment's id."""
    today = ws.clock.today()
    with ws.store.session() as s:
        agent = agents.get(s, agent_id)
        current = next((a for a in repo.for_agent(s, agent_id) if not a.closed), None)
        if current is None:
            if request is None:
                raise DomainError("Aucune demande d'accompagnement n'est en cours pour cet agent : indiquez la date "
                                  "de sa demande pour clore l'accompagnement avec son issue.")
            current = Accompaniment(agent_id, **{name: getattr(request, name) for name in _REQUEST_FIELDS})
            current.validated(today)
        last_met = max((i.held_on for i in interviews.for_agent(s, agent_id) if i.held_on <= today), default=None)
        current.close(outcome.closed_on, outcome.project_kind, outcome.result, today=today, last_met_on=last_met)
        agent.end_accompaniment(outcome.closed_on, today=today, last_interview_on=last_met,
                                has_open_bpp=bpps.has_open(s, agent_id))
        repo.save(s, current)
        agents.save(s, agent)
        audit.append(s, AuditCode.ACCOMPANIMENT_ENDED, ws.clock.now(), subject=agent.pseudo_id,
                     detail=f"accompagnement={current.id} projet={current.project_kind} resultat={current.result}")
        if questionnaire is not None:
            _record_questionnaire(s, current, questionnaire, ws)
        return _id(current)


def record_questionnaire(ws: Workspace, accompaniment_id: int, questionnaire: Questionnaire) -> None:
    """Say what became of the questionnaire proposed at the end of the accompaniment. The agent's refusal is
    also recorded as a declined questionnaire, so that it counts like one answered on paper."""
    with ws.store.session() as s:
        _record_questionnaire(s, repo.get(s, accompaniment_id), questionnaire, ws)


def _record_questionnaire(s: Session, accompaniment: Accompaniment, questionnaire: Questionnaire,
                          ws: Workspace) -> None:
    today, accompaniment_id = ws.clock.today(), _id(accompaniment)
    accompaniment.record_questionnaire(questionnaire)
    repo.save(s, accompaniment)
    if questionnaire is Questionnaire.DECLINE:
        satisfaction.add_in(s, Satisfaction(
            agent_id=accompaniment.agent_id, accompaniment=kind_of(s, accompaniment.agent_id), recorded_on=today,
            via=AnswerVia.SEANCE, declined=True, accompaniment_id=accompaniment_id), today)
    audit.append(s, AuditCode.QUESTIONNAIRE_PROPOSED, ws.clock.now(),
                 subject=agents.pseudo_id(s, accompaniment.agent_id),
                 detail=f"accompagnement={accompaniment_id} suite={questionnaire.value}")


def kind_of(session: Session, agent_id: int) -> AccompanimentKind:
    """What the questionnaire evaluates: a BPP when the agent followed one, else the E2 interviews."""
    return AccompanimentKind.BPP if bpps.for_agent(session, agent_id) else AccompanimentKind.E2


def _view(accompaniment: Accompaniment, today: date, met: list[date], answered: set[int | None]) -> AccompanimentView:
    return AccompanimentView(
        id=_id(accompaniment), agent_id=accompaniment.agent_id,
        request=RequestInput(**{name: getattr(accompaniment, name) for name in _REQUEST_FIELDS}),
        promised_on=accompaniment.promised_on, take_charge=accompaniment.take_charge(today, met_on=met),
        closed_on=accompaniment.closed_on, project_kind=accompaniment.project_kind, result=accompaniment.result,
        questionnaire=accompaniment.questionnaire, answered=accompaniment.id in answered)


def _id(accompaniment: Accompaniment) -> int:
    if accompaniment.id is None:
        raise ValueError("the accompaniment has not been saved yet")
    return accompaniment.id
