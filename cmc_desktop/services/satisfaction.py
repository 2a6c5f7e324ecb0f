"""Use cases of the questionnaire de satisfaction: record an answer, record a refusal to answer, list them.

An answer belongs to the accompaniment whose end it evaluates: given without one, it is attached to the agent's
latest accompaniment that has none yet (a paper questionnaire copied weeks after the closing included), which
then counts as proposed.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data.models import AccompanimentRow, AgentRow, SatisfactionRow
from ..data.repositories import satisfaction as repo
from ..domain.accompaniment import Questionnaire
from ..domain.errors import DomainError
from ..domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from .workspace import Workspace


def record(ws: Workspace, answer: Satisfaction) -> Satisfaction:
    """Store a filled questionnaire (or a declined one) for an existing agent."""
    with ws.store.session() as s:
        return add_in(s, answer, ws.clock.today())


def add_in(session: Session, answer: Satisfaction, today: date) -> Satisfaction:
    """record() in the caller's transaction (the closing of an accompaniment records a refusal this way)."""
    answer.validated(today)
    _check_agent(session, answer.agent_id)
    if answer.accompaniment_id is None:
        answer.accompaniment_id = _latest_unanswered(session, answer.agent_id)
    if answer.accompaniment_id is not None:
        accompaniment = session.get(AccompanimentRow, answer.accompaniment_id)
        if accompaniment is None or accompaniment.agent_id != answer.agent_id:
            raise DomainError("Ce questionnaire ne concerne pas un accompagnement de cet agent.")
        if accompaniment.questionnaire is None and accompaniment.closed_on is not None:
            accompaniment.questionnaire = (Questionnaire.DECLINE if answer.declined else
                                           Questionnaire.PAPIER if answer.via is AnswerVia.PAPIER
                                           else Questionnaire.ECRAN)
    return repo.add(session, answer)


def decline(ws: Workspace, agent_id: int, accompaniment: AccompanimentKind, via: AnswerVia) -> Satisfaction:
    """The agent chose not to answer: that choice is recorded today, with no score and no comment."""
    return record(ws, Satisfaction(agent_id=agent_id, accompaniment=accompaniment, recorded_on=ws.clock.today(),
                                   via=via, declined=True))


def list_for_agent(ws: Workspace, agent_id: int) -> list[Satisfaction]:
    with ws.store.session() as s:
        _check_agent(s, agent_id)
        return repo.for_agent(s, agent_id)


def answers_for_agent(session: Session, agent_id: int) -> list[Satisfaction]:
    return repo.for_agent(session, agent_id)


def _latest_unanswered(session: Session, agent_id: int | None) -> int | None:
    answered = select(SatisfactionRow.accompaniment_id).where(SatisfactionRow.accompaniment_id.is_not(None))
    return session.execute(select(AccompanimentRow.id)
                           .where(AccompanimentRow.agent_id == agent_id, AccompanimentRow.id.not_in(answered))
                           .order_by(AccompanimentRow.requested_on.desc(), AccompanimentRow.id.desc())).scalar()


def _check_agent(session: Session, agent_id: int | None) -> None:
    if agent_id is None or session.get(AgentRow, agent_id) is None:
        raise DomainError("Agent introuvable : son dossier a peut-être été supprimé.")
