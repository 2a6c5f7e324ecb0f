"""Interviews E1–E4."""

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.demande import Initiative
from ...domain.interview import (
    E1Response,
    E3Role,
    InterviewType,
    Mode,
    Orientation,
    PropositionItem,
    SupportKind,
    TargetPublic,
)
from .base import Base, EnumSet, EnumValue, UtcDateTime, utcnow


class InterviewRow(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    type: Mapped[InterviewType] = mapped_column(EnumValue(InterviewType), index=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    mode: Mapped[Mode] = mapped_column(EnumValue(Mode))
    duration_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subject: Mapped[str] = mapped_column(String(200), default="")
    proposition_items: Mapped[frozenset[PropositionItem]] = mapped_column(EnumSet(PropositionItem), default="")
    proposition_notes: Mapped[str] = mapped_column(Text, default="")
    support_kind: Mapped[SupportKind | None] = mapped_column(EnumValue(SupportKind), nullable=True)
    support_notes: Mapped[str] = mapped_column(Text, default="")
    progress_shared: Mapped[str] = mapped_column(Text, default="")
    next_actions: Mapped[str] = mapped_column(Text, default="")
    private_notes: Mapped[str] = mapped_column(Text, default="")
    referred_to_bpp: Mapped[bool] = mapped_column(Boolean, default=False)
    bpp_id: Mapped[int | None] = mapped_column(ForeignKey("bpps.id", ondelete="SET NULL"), nullable=True)
    bpp_phase: Mapped[int | None] = mapped_column(Integer, nullable=True)
    e3_role: Mapped[E3Role | None] = mapped_column(EnumValue(E3Role), nullable=True)
    # The agenda (revision 0005): time of day, place or link, iCalendar SEQUENCE.
    starts_at: Mapped[time | None] = mapped_column(Time, nullable=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    # E1: the answer given and where the agent was directed; E4: its initiative and target public.
    e1_response: Mapped[E1Response | None] = mapped_column(EnumValue(E1Response), nullable=True)
    orientation: Mapped[Orientation | None] = mapped_column(EnumValue(Orientation), nullable=True)
    orientation_actor: Mapped[str] = mapped_column(String(200), default="", server_default="")
    orientation_tool: Mapped[str] = mapped_column(String(200), default="", server_default="")
    documents_sent: Mapped[str] = mapped_column(Text, default="", server_default="")
    initiative: Mapped[Initiative | None] = mapped_column(EnumValue(Initiative), nullable=True)
    target_public: Mapped[TargetPublic | None] = mapped_column(EnumValue(TargetPublic), nullable=True)
