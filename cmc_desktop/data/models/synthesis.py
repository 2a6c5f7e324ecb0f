"""The document de synthèse and everything that holds its content (versions, imports, attachments).

Every child table cascades from `syntheses`, so destroying a document is one DELETE.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.consent import RecipientKind
from ...domain.synthesis import Author, SynthesisStatus
from ...domain.synthesis_schema import SynthesisKind
from .base import Base, EnumValue, JsonText, UtcDateTime, utcnow


class SynthesisRow(Base):
    __tablename__ = "syntheses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pseudo_id: Mapped[str] = mapped_column(String(20), unique=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    bpp_id: Mapped[int | None] = mapped_column(ForeignKey("bpps.id", ondelete="SET NULL"), nullable=True)
    kind: Mapped[SynthesisKind] = mapped_column(EnumValue(SynthesisKind))
    status: Mapped[SynthesisStatus] = mapped_column(EnumValue(SynthesisStatus), index=True)
    finalised_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    agent_signatory: Mapped[str] = mapped_column(String(200), default="")
    agent_signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    cmc_signatory: Mapped[str] = mapped_column(String(200), default="")
    cmc_signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


def _child_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("syntheses.id", ondelete="CASCADE"), index=True)


class SynthesisFieldRow(Base):
    __tablename__ = "synthesis_fields"

    synthesis_id: Mapped[int] = mapped_column(ForeignKey("syntheses.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[Author | None] = mapped_column(EnumValue(Author), nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class SynthesisActionRow(Base):
    __tablename__ = "synthesis_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    synthesis_id: Mapped[int] = _child_fk()
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    duree: Mapped[str] = mapped_column(String(200), default="")
    date_realisation: Mapped[str] = mapped_column(String(200), default="")
    steps: Mapped[list[str]] = mapped_column(JsonText, default=list)
    author: Mapped[Author | None] = mapped_column(EnumValue(Author), nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    criteria: Mapped[str] = mapped_column(Text, default="", server_default="")


class SynthesisVersionRow(Base):
    __tablename__ = "synthesis_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    synthesis_id: Mapped[int] = _child_fk()
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    label: Mapped[str] = mapped_column(String(200), default="")
    snapshot: Mapped[dict[str, Any]] = mapped_column(JsonText)


class ReopeningRow(Base):
    __tablename__ = "synthesis_reopenings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    synthesis_id: Mapped[int] = _child_fk()
    requested_on: Mapped[date] = mapped_column(Date)
    agent_request: Mapped[str] = mapped_column(Text)


class ConsentRow(Base):
    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    synthesis_id: Mapped[int] = _child_fk()
    recipient_kind: Mapped[RecipientKind] = mapped_column(EnumValue(RecipientKind))
    recipient_name: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(200))
    given_on: Mapped[date] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    rubrics: Mapped[list[str]] = mapped_column(JsonText, default=list, server_default="[]")
    """The keys of the rubrics the agent ticked (synthesis_schema.rubrics); the header and dates always go."""


class TransmissionRow(Base):
    __tablename__ = "transmissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    synthesis_id: Mapped[int] = _child_fk()
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consents.id", ondelete="SET NULL"), nullable=True)
    recipient_kind: Mapped[RecipientKind] = mapped_column(EnumValue(RecipientKind))
    recipient_name: Mapped[str] = mapped_column(String(200))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class PdfImportRow(Base):
    __tablename__ = "pdf_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    synthesis_id: Mapped[int] = _child_fk()
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    values: Mapped[dict[str, Any]] = mapped_column(JsonText)
    accepted_keys: Mapped[list[str]] = mapped_column(JsonText, default=list)


class AttachmentRow(Base):
    __tablename__ = "synthesis_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    synthesis_id: Mapped[int] = _child_fk()
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class DestructionRequestRow(Base):
    """Outlives the document: it says a destruction was asked for, by whom, and when it was done."""

    __tablename__ = "destruction_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    synthesis_id: Mapped[int | None] = mapped_column(
        ForeignKey("syntheses.id", ondelete="SET NULL"), nullable=True)
    synthesis_pseudo_id: Mapped[str] = mapped_column(String(20), index=True)
    requested_on: Mapped[date] = mapped_column(Date)
    requested_by: Mapped[str] = mapped_column(String(40))
    carried_out_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
