"""Demandes d'accompagnement and the agent's requests about their data: ORM rows <-> domain objects, and the
dates on which the CMC met the agent (what tells when a request was taken in charge)."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.accompaniment import Accompaniment
from ...domain.data_rights import RightsRequest
from ...domain.errors import DomainError
from ..models import AccompanimentRow, AttendanceRow, BppRow, InterviewRow, RightsRequestRow, SeanceRow

_FIELDS = ("agent_id", "requested_on", "channel", "level", "need", "diagnosis", "promised_days", "closed_on",
           "project_kind", "result", "questionnaire")


def to_accompaniment(row: AccompanimentRow) -> Accompaniment:
    return Accompaniment(**{name: getattr(row, name) for name in _FIELDS}, id=row.id)


def _row(session: Session, accompaniment_id: int) -> AccompanimentRow:
    row = session.get(AccompanimentRow, accompaniment_id)
    if row is None:
        raise DomainError("Cette demande d'accompagnement n'existe pas ou a été supprimée.")
    return row


def get(session: Session, accompaniment_id: int) -> Accompaniment:
    return to_accompaniment(_row(session, accompaniment_id))


def save(session: Session, accompaniment: Accompaniment) -> Accompaniment:
    row = AccompanimentRow() if accompaniment.id is None else _row(session, accompaniment.id)
    for name in _FIELDS:
        setattr(row, name, getattr(accompaniment, name))
    if accompaniment.id is None:
        session.add(row)
    session.flush()
    accompaniment.id = row.id
    return accompaniment


def delete(session: Session, accompaniment_id: int) -> None:
    session.delete(_row(session, accompaniment_id))
    session.flush()


def for_agent(session: Session, agent_id: int) -> list[Accompaniment]:
    """The agent's accompaniments, the most recent request first."""
    rows = session.execute(select(AccompanimentRow).where(AccompanimentRow.agent_id == agent_id)
                           .order_by(AccompanimentRow.requested_on.desc(), AccompanimentRow.id.desc()))
    return [to_accompaniment(row) for row in rows.scalars()]


def met_on(session: Session, agent_id: int, today: date) -> list[date]:
    """Every day the CMC met (or is to meet) the agent: interviews of any type, whatever their date; collective
    séances the agent attended, and those of the agent's promotions still ahead."""
    return met_on_by_agent(session, today, agent_id).get(agent_id, [])


def met_on_by_agent(session: Session, today: date, agent_id: int | None = None) -> dict[int, list[date]]:
    """met_on for one agent, or for every agent at once (indicators, dashboard)."""
    interviews = select(InterviewRow.agent_id, InterviewRow.held_on)
    attended = (select(AttendanceRow.agent_id, SeanceRow.held_on)
                .join(SeanceRow, SeanceRow.id == AttendanceRow.seance_id).where(AttendanceRow.present.is_(True)))
    ahead = (select(BppRow.agent_id, SeanceRow.held_on)
             .join(SeanceRow, SeanceRow.promotion_id == BppRow.promotion_id).where(SeanceRow.held_on > today))
    if agent_id is not None:
        interviews = interviews.where(InterviewRow.agent_id == agent_id)
        attended = attended.where(AttendanceRow.agent_id == agent_id)
        ahead = ahead.where(BppRow.agent_id == agent_id)
    days: dict[int, set[date]] = {}
    for query in (interviews, attended, ahead):
        for who, day in session.execute(query):
            days.setdefault(who, set()).add(day)
    return {who: sorted(found) for who, found in days.items()}


def to_rights_request(row: RightsRequestRow) -> RightsRequest:
    return RightsRequest(agent_id=row.agent_id, kind=row.kind, requested_on=row.requested_on,
                         answered_on=row.answered_on, id=row.id)


def rights_requests(session: Session, agent_id: int) -> list[RightsRequest]:
    rows = session.execute(select(RightsRequestRow).where(RightsRequestRow.agent_id == agent_id)
                           .order_by(RightsRequestRow.requested_on, RightsRequestRow.id))
    return [to_rights_request(row) for row in rows.scalars()]


def save_rights_request(session: Session, request: RightsRequest) -> RightsRequest:
    row = RightsRequestRow() if request.id is None else session.get(RightsRequestRow, request.id)
    if row is None:
        raise DomainError("Cette demande n'existe pas ou a été supprimée.")
    row.agent_id, row.kind, row.requested_on, row.answered_on = (request.agent_id, request.kind,
                                                                 request.requested_on, request.answered_on)
    if request.id is None:
        session.add(row)
    session.flush()
    request.id = row.id
    return request
