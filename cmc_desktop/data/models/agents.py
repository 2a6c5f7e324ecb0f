"""Agents and their demandes de BPP."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.agent import AgentState, Category, PriorityGround, Statut
from ...domain.demande import Decision, Initiative, ReportReason
from .base import Base, EnumSet, EnumValue, UtcDateTime, utcnow


class AgentRow(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pseudo_id: Mapped[str] = mapped_column(String(20), unique=True)
    last_name: Mapped[str] = mapped_column(String(200))
    first_name: Mapped[str] = mapped_column(String(200))
    category: Mapped[Category | None] = mapped_column(EnumValue(Category), nullable=True)
    statut: Mapped[Statut] = mapped_column(EnumValue(Statut))
    fonction: Mapped[str] = mapped_column(String(200), default="")
    service: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(200), default="")
    date_prise_fonction: Mapped[date | None] = mapped_column(Date, nullable=True)
    priority_grounds: Mapped[frozenset[PriorityGround]] = mapped_column(EnumSet(PriorityGround), default="")
    referent_handicap_informed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    referent_handicap_associated: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[AgentState] = mapped_column(EnumValue(AgentState), index=True)
    accompaniment_ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    private_notes: Mapped[str] = mapped_column(Text, default="")
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class DemandeRow(Base):
    __tablename__ = "demandes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    request_date: Mapped[date] = mapped_column(Date)
    initiative: Mapped[Initiative] = mapped_column(EnumValue(Initiative))
    agent_agreement: Mapped[bool] = mapped_column(Boolean, default=True)
    decision: Mapped[Decision] = mapped_column(EnumValue(Decision), index=True)
    decision_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    hr_agreement_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    source_interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL", use_alter=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    of_right: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    report_reason: Mapped[ReportReason | None] = mapped_column(EnumValue(ReportReason), nullable=True)
    report_until: Mapped[date | None] = mapped_column(Date, nullable=True)
