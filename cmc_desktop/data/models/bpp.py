"""BPPs, promotions, séances, attendance and exercises."""

from datetime import date, time

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.bpp import BppForm, Phase, ReferentPoint
from ...domain.promotion import SmallGroupReason
from .base import Base, EnumValue, JsonText


class PromotionRow(Base):
    __tablename__ = "promotions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200), default="")
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    current_phase: Mapped[Phase] = mapped_column(EnumValue(Phase))
    small_group_reason: Mapped[str] = mapped_column(Text, default="")
    confidential_points: Mapped[list[str]] = mapped_column(JsonText, default=list)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    small_group_kind: Mapped[SmallGroupReason | None] = mapped_column(EnumValue(SmallGroupReason), nullable=True)


class BppRow(Base):
    __tablename__ = "bpps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    demande_id: Mapped[int | None] = mapped_column(ForeignKey("demandes.id", ondelete="SET NULL"), nullable=True)
    promotion_id: Mapped[int | None] = mapped_column(
        ForeignKey("promotions.id", ondelete="SET NULL"), nullable=True, index=True)
    form: Mapped[BppForm] = mapped_column(EnumValue(BppForm))
    individual_reason: Mapped[str] = mapped_column(Text, default="")
    current_phase: Mapped[Phase] = mapped_column(EnumValue(Phase))
    phase1_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    phase2_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    phase3_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    phase4_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    initial_interview_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    final_interview_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    contract_signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    referent_wish: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    referent_wish_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    restitution_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    restitution_notes: Mapped[str] = mapped_column(Text, default="", server_default="")


class ReferentAgreementRow(Base):
    """What was agreed with the référent handicap on one of the guide's three points."""

    __tablename__ = "referent_agreements"

    bpp_id: Mapped[int] = mapped_column(ForeignKey("bpps.id", ondelete="CASCADE"), primary_key=True)
    point: Mapped[ReferentPoint] = mapped_column(EnumValue(ReferentPoint), primary_key=True)
    agreed_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)


class SeanceRow(Base):
    __tablename__ = "seances"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    promotion_id: Mapped[int] = mapped_column(ForeignKey("promotions.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    phase: Mapped[Phase] = mapped_column(EnumValue(Phase))
    place: Mapped[str] = mapped_column(String(200), default="")
    topic: Mapped[str] = mapped_column(String(200), default="")
    # The agenda (revision 0005): a time of day, a duration, a link for a remote séance, and the iCalendar
    # SEQUENCE, raised whenever what a calendar shows changes.
    starts_at: Mapped[time | None] = mapped_column(Time, nullable=True)
    duration_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    link: Mapped[str] = mapped_column(String(500), default="")
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0)


class AttendanceRow(Base):
    __tablename__ = "attendances"

    seance_id: Mapped[int] = mapped_column(ForeignKey("seances.id", ondelete="CASCADE"), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True)
    present: Mapped[bool] = mapped_column(Boolean)


class ExerciseRow(Base):
    __tablename__ = "exercises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bpp_id: Mapped[int] = mapped_column(ForeignKey("bpps.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    instructions: Mapped[str] = mapped_column(Text, default="")
    given_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    animator_comment: Mapped[str] = mapped_column(Text, default="", server_default="")
