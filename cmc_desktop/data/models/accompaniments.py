"""Demandes d'accompagnement and their outcome, the agent's requests about their data, and the anonymous
activity that outlives an erased file."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.accompaniment import Channel, Level, ProjectKind, Questionnaire, Result
from ...domain.data_rights import RightsRequestKind
from .base import Base, EnumValue, JsonText, UtcDateTime, utcnow


class AccompanimentRow(Base):
    __tablename__ = "accompaniments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    requested_on: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[Channel] = mapped_column(EnumValue(Channel))
    level: Mapped[Level] = mapped_column(EnumValue(Level))
    need: Mapped[str] = mapped_column(Text, default="")
    diagnosis: Mapped[str] = mapped_column(Text, default="")
    promised_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    project_kind: Mapped[ProjectKind | None] = mapped_column(EnumValue(ProjectKind), nullable=True)
    result: Mapped[Result | None] = mapped_column(EnumValue(Result), nullable=True)
    questionnaire: Mapped[Questionnaire | None] = mapped_column(EnumValue(Questionnaire), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class RightsRequestRow(Base):
    """The agent asked for a copy of their data, or for their file to be erased (RGPD)."""

    __tablename__ = "rights_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RightsRequestKind] = mapped_column(EnumValue(RightsRequestKind))
    requested_on: Mapped[date] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class ActivityRecordRow(Base):
    """What an erased file counted for the indicators, without anything that says whose it was: no name, no
    pseudonymous id, no free text, no link to the tombstone (services/activity.py)."""

    __tablename__ = "activity_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    facts: Mapped[dict[str, Any]] = mapped_column(JsonText)
    version: Mapped[int] = mapped_column(Integer, default=1)
    """The layout of `facts` (services/activity.py reads every version it wrote)."""
