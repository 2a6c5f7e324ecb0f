"""Use cases of the questionnaire de satisfaction: record an answer, record a refusal to answer, list them."""

from sqlalchemy.orm import Session

from ..data.models import AgentRow
from ..data.repositories import satisfaction as repo
from ..domain.errors import DomainError
from ..domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from .workspace import Workspace


def record(ws: Workspace, answer: Satisfaction) -> Satisfaction:
    """Store a filled questionnaire (or a declined one) for an existing agent."""
    answer.validated(ws.clock.today())
    with ws.store.session() as s:
        _check_agent(s, answer.agent_id)
        return repo.add(s, answer)


def decline(ws: Workspace, agent_id: int, accompaniment: AccompanimentKind, via: AnswerVia) -> Satisfaction:
    """The agent chose not to answer: that choice is recorded today, with no score and no comment."""
    return record(ws, Satisfaction(agent_id=agent_id, accompaniment=accompaniment, recorded_on=ws.clock.today(),
                                   via=via, declined=True))


def list_for_agent(ws: Workspace, agent_id: int) -> list[Satisfaction]:
    with ws.store.session() as s:
        _check_agent(s, agent_id)
        return repo.for_agent(s, agent_id)


def _check_agent(session: Session, agent_id: int | None) -> None:
    if agent_id is None or session.get(AgentRow, agent_id) is None:
        raise DomainError("Agent introuvable : son dossier a peut-être été supprimé.")
