"""Interviews E1–E4: ORM rows <-> domain objects."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.bpp import Phase
from ...domain.errors import DomainError
from ...domain.interview import E3Role, Interview
from ..models import InterviewRow

# The columns an Interview shares with its row, id aside.
_FIELDS = ("agent_id", "type", "held_on", "mode", "duration_minutes", "subject", "proposition_items",
           "proposition_notes", "support_kind", "support_notes", "progress_shared", "next_actions",
           "private_notes", "referred_to_bpp", "bpp_id", "bpp_phase", "e3_role", "starts_at", "place", "link",
           "calendar_sequence", "e1_response", "orientation", "orientation_actor", "orientation_tool", "documents_sent",
           "initiative", "target_public")


def to_interview(row: InterviewRow) -> Interview:
    return Interview(**{name: getattr(row, name) for name in _FIELDS}, id=row.id)


def _row(session: Session, interview_id: int) -> InterviewRow:
    row = session.get(InterviewRow, interview_id)
    if row is None:
        raise DomainError("Cet entretien n'existe pas ou a été supprimé.")
    return row


def get(session: Session, interview_id: int) -> Interview:
    return to_interview(_row(session, interview_id))


def save(session: Session, interview: Interview) -> Interview:
    """Insert (id None) or update the interview; returns it with its id."""
    row = InterviewRow() if interview.id is None else _row(session, interview.id)
    if interview.id is not None and interview.slot != to_interview(row).slot:
        interview.calendar_sequence = row.calendar_sequence + 1  # a calendar that imported it must update it
    for name in _FIELDS:
        setattr(row, name, getattr(interview, name))
    if interview.id is None:
        session.add(row)
    session.flush()
    interview.id = row.id
    return interview


def delete(session: Session, interview_id: int) -> None:
    session.delete(_row(session, interview_id))
    session.flush()


def for_agent(session: Session, agent_id: int) -> list[Interview]:
    """The agent's interviews, most recent first."""
    rows = session.execute(select(InterviewRow).where(InterviewRow.agent_id == agent_id)
                           .order_by(InterviewRow.held_on.desc(), InterviewRow.id.desc()))
    return [to_interview(row) for row in rows.scalars()]


def with_role(session: Session, bpp_id: int, role: E3Role) -> Interview | None:
    """The BPP's interview holding `role` (its entretien initial or final), if recorded."""
    row = session.execute(select(InterviewRow).where(InterviewRow.bpp_id == bpp_id, InterviewRow.e3_role == role)
                          .order_by(InterviewRow.id)).scalars().first()
    return None if row is None else to_interview(row)


def e3_placements(session: Session, bpp_id: int) -> list[tuple[Phase, date]]:
    """The phase and date of each E3 interview of the BPP (held or planned), by date."""
    rows = session.execute(select(InterviewRow.bpp_phase, InterviewRow.held_on)
                           .where(InterviewRow.bpp_id == bpp_id, InterviewRow.bpp_phase.is_not(None))
                           .order_by(InterviewRow.held_on, InterviewRow.id))
    return [(Phase(phase), day) for phase, day in rows]
