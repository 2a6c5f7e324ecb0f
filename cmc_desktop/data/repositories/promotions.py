"""Promotions, their séances and attendance, and who takes part: ORM rows <-> domain objects."""

from collections.abc import Collection

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ...domain.agent import person_name
from ...domain.errors import DomainError
from ...domain.promotion import Participant, Promotion, Seance
from ..models import AgentRow, AttendanceRow, BppRow, PromotionRow, SeanceRow


def to_promotion(row: PromotionRow) -> Promotion:
    return Promotion(name=row.name, start_date=row.start_date, end_date=row.end_date, place=row.place,
                     online=row.online, current_phase=row.current_phase, small_group_reason=row.small_group_reason,
                     confidential_points=list(row.confidential_points or []), closed_on=row.closed_on, id=row.id,
                     small_group_kind=row.small_group_kind)


def _row(session: Session, promotion_id: int) -> PromotionRow:
    row = session.get(PromotionRow, promotion_id)
    if row is None:
        raise DomainError("Cette promotion n'existe pas ou a été supprimée.")
    return row


def get(session: Session, promotion_id: int) -> Promotion:
    return to_promotion(_row(session, promotion_id))


def get_many(session: Session, promotion_ids: Collection[int]) -> dict[int, Promotion]:
    """The promotions of `promotion_ids` that exist, by id, read at once."""
    rows = session.execute(select(PromotionRow).where(PromotionRow.id.in_(list(promotion_ids)))).scalars()
    return {row.id: to_promotion(row) for row in rows}


def save(session: Session, promotion: Promotion) -> Promotion:
    """Insert (id None) or update the promotion; returns it with its id."""
    row = PromotionRow() if promotion.id is None else _row(session, promotion.id)
    row.name, row.place, row.online = promotion.name, promotion.place, promotion.online
    row.start_date, row.end_date = promotion.start_date, promotion.end_date
    row.current_phase, row.closed_on = promotion.current_phase, promotion.closed_on
    row.small_group_reason, row.small_group_kind = promotion.small_group_reason, promotion.small_group_kind
    row.confidential_points = list(promotion.confidential_points)
    if promotion.id is None:
        session.add(row)
        session.flush()
        promotion.id = row.id
    return promotion


def listing(session: Session) -> list[Promotion]:
    """Open promotions first, then by start date (undated last) and name."""
    rows = session.execute(select(PromotionRow).order_by(
        PromotionRow.closed_on.is_not(None), PromotionRow.start_date.is_(None), PromotionRow.start_date,
        PromotionRow.name))
    return [to_promotion(r) for r in rows.scalars()]


def participant_counts(session: Session) -> dict[int, int]:
    rows = session.execute(select(BppRow.promotion_id, func.count()).where(BppRow.promotion_id.is_not(None))
                           .group_by(BppRow.promotion_id))
    return {promotion_id: count for promotion_id, count in rows if promotion_id is not None}


def seance_counts(session: Session) -> dict[int, int]:
    rows = session.execute(select(SeanceRow.promotion_id, func.count()).group_by(SeanceRow.promotion_id))
    return {promotion_id: count for promotion_id, count in rows}


def participants(session: Session, promotion_id: int) -> list[Participant]:
    """The enrolled agents, alphabetically."""
    return participants_of(session, [promotion_id])[promotion_id]


def participants_of(session: Session, promotion_ids: Collection[int]) -> dict[int, list[Participant]]:
    """The enrolled agents of each promotion, alphabetically, read at once (the tableau de bord reads those of
    every blocked promotion)."""
    found: dict[int, list[Participant]] = {promotion_id: [] for promotion_id in promotion_ids}
    rows = session.execute(
        select(BppRow, AgentRow).join(AgentRow, AgentRow.id == BppRow.agent_id)
        .where(BppRow.promotion_id.in_(list(found))).order_by(AgentRow.last_name, AgentRow.first_name))
    for bpp, agent in rows:
        found[bpp.promotion_id].append(Participant(
            agent_id=agent.id, bpp_id=bpp.id, display_name=person_name(agent.first_name, agent.last_name),
            contract_signed_on=bpp.contract_signed_on, final_interview_on=bpp.final_interview_on))
    return found


def _to_seance(row: SeanceRow, attendance: dict[int, bool]) -> Seance:
    return Seance(promotion_id=row.promotion_id, held_on=row.held_on, phase=row.phase, place=row.place,
                  topic=row.topic, attendance=attendance, id=row.id, starts_at=row.starts_at,
                  duration_minutes=row.duration_minutes, link=row.link, calendar_sequence=row.calendar_sequence)


def _seance_row(session: Session, seance_id: int) -> SeanceRow:
    row = session.get(SeanceRow, seance_id)
    if row is None:
        raise DomainError("Cette séance n'existe pas ou a été supprimée.")
    return row


def get_seance(session: Session, seance_id: int) -> Seance:
    rows = session.execute(select(AttendanceRow).where(AttendanceRow.seance_id == seance_id)).scalars()
    return _to_seance(_seance_row(session, seance_id), {r.agent_id: r.present for r in rows})


def seances(session: Session, promotion_id: int) -> list[Seance]:
    """The promotion's séances in date order, each with its attendance."""
    return seances_of(session, [promotion_id])[promotion_id]


def seances_of(session: Session, promotion_ids: Collection[int]) -> dict[int, list[Seance]]:
    """The séances of each promotion in date order, each with its attendance, read at once."""
    found: dict[int, list[Seance]] = {promotion_id: [] for promotion_id in promotion_ids}
    rows = session.execute(select(SeanceRow).where(SeanceRow.promotion_id.in_(list(found)))
                           .order_by(SeanceRow.held_on, SeanceRow.id)).scalars().all()
    attendance: dict[int, dict[int, bool]] = {r.id: {} for r in rows}
    marks = session.execute(select(AttendanceRow).join(SeanceRow, SeanceRow.id == AttendanceRow.seance_id)
                            .where(SeanceRow.promotion_id.in_(list(found)))).scalars()
    for mark in marks:
        attendance[mark.seance_id][mark.agent_id] = mark.present
    for row in rows:
        found[row.promotion_id].append(_to_seance(row, attendance[row.id]))
    return found


def save_seance(session: Session, seance: Seance) -> Seance:
    """Insert or update the séance itself; attendance is written by set_attendance."""
    row = SeanceRow() if seance.id is None else _seance_row(session, seance.id)
    if seance.id is not None and seance.slot != _to_seance(row, {}).slot:
        seance.calendar_sequence = row.calendar_sequence + 1  # a calendar that imported it must update it
    row.promotion_id, row.held_on, row.phase = seance.promotion_id, seance.held_on, seance.phase
    row.place, row.topic = seance.place, seance.topic
    row.starts_at, row.duration_minutes, row.link = seance.starts_at, seance.duration_minutes, seance.link
    row.calendar_sequence = seance.calendar_sequence
    if seance.id is None:
        session.add(row)
        session.flush()
        seance.id = row.id
    return seance


def delete_seance(session: Session, seance_id: int) -> None:
    """Delete a séance; its attendance goes with it (ON DELETE CASCADE)."""
    session.delete(_seance_row(session, seance_id))
    session.flush()


def set_attendance(session: Session, seance_id: int, agent_id: int, present: bool | None) -> None:
    """Note the agent present or absent, or forget the mark (None)."""
    row = session.get(AttendanceRow, (seance_id, agent_id))
    if present is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(AttendanceRow(seance_id=seance_id, agent_id=agent_id, present=present))
    else:
        row.present = present
    session.flush()


def forget_attendance(session: Session, promotion_id: int, agent_id: int) -> None:
    """Remove an agent's presence marks at every séance of the promotion (the agent has left it)."""
    seance_ids = select(SeanceRow.id).where(SeanceRow.promotion_id == promotion_id)
    session.execute(delete(AttendanceRow).where(AttendanceRow.agent_id == agent_id,
                                                AttendanceRow.seance_id.in_(seance_ids)))
