"""Storing and reading questionnaires de satisfaction."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.satisfaction import AccompanimentKind, AnswerVia, Commitment, Satisfaction
from ..models import SatisfactionRow


def add(session: Session, answer: Satisfaction) -> Satisfaction:
    row = SatisfactionRow(agent_id=answer.agent_id, accompaniment=str(answer.accompaniment),
                          recorded_on=answer.recorded_on, via=str(answer.via), declined=answer.declined,
                          scores={str(item): score for item, score in answer.scores.items()},
                          overall=answer.overall, comment=answer.comment,
                          accompaniment_id=answer.accompaniment_id)
    session.add(row)
    session.flush()
    return to_domain(row)


def for_agent(session: Session, agent_id: int) -> list[Satisfaction]:
    rows = session.execute(select(SatisfactionRow).where(SatisfactionRow.agent_id == agent_id)
                           .order_by(SatisfactionRow.recorded_on, SatisfactionRow.id)).scalars()
    return [to_domain(row) for row in rows]


def to_domain(row: SatisfactionRow) -> Satisfaction:
    return Satisfaction(agent_id=row.agent_id, accompaniment=AccompanimentKind(row.accompaniment),
                        recorded_on=row.recorded_on, via=AnswerVia(row.via), declined=row.declined,
                        scores={Commitment(key): int(score) for key, score in row.scores.items()},
                        overall=row.overall, comment=row.comment, id=row.id,
                        accompaniment_id=row.accompaniment_id)
