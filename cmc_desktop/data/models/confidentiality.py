"""Content-free records that outlive destroyed data: tombstones and the audit journal; store settings."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JsonText, UtcDateTime, utcnow


class TombstoneRow(Base):
    __tablename__ = "tombstones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    pseudo_id: Mapped[str] = mapped_column(String(20), index=True)
    created_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    requested_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    destroyed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(40))
    # Set once every copy the application knows of (backups included) has been cleaned of what was destroyed.
    copies_settled_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class AuditEventRow(Base):
    """Append-only, hash-chained: each row's hash covers its fields and the previous hash."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    code: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(String(200), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class StoreSettingRow(Base):
    __tablename__ = "store_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(JsonText)


class SatisfactionRow(Base):
    """Questionnaire de satisfaction (« Mon accompagnement en + ») at the end of an accompaniment."""

    __tablename__ = "satisfactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL"), nullable=True, index=True)
    accompaniment: Mapped[str] = mapped_column(String(20))
    recorded_on: Mapped[date] = mapped_column(Date)
    via: Mapped[str] = mapped_column(String(20))
    declined: Mapped[bool] = mapped_column(default=False)
    scores: Mapped[dict[str, Any]] = mapped_column(JsonText, default=dict)
    overall: Mapped[int | None] = mapped_column(Integer, nullable=True)
    comment: Mapped[str] = mapped_column(String(4000), default="")
    accompaniment_id: Mapped[int | None] = mapped_column(
        ForeignKey("accompaniments.id", ondelete="SET NULL"), nullable=True, index=True)
