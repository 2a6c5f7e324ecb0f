"""SQLAlchemy models of the store, one module per feature; importing this package registers them all."""

from .agents import AgentRow, DemandeRow
from .base import Base
from .bpp import AttendanceRow, BppRow, ExerciseRow, PromotionRow, ReferentAgreementRow, SeanceRow
from .confidentiality import AuditEventRow, SatisfactionRow, StoreSettingRow, TombstoneRow
from .interviews import InterviewRow
from .synthesis import (
    AttachmentRow,
    ConsentRow,
    DestructionRequestRow,
    PdfImportRow,
    ReopeningRow,
    SynthesisActionRow,
    SynthesisFieldRow,
    SynthesisRow,
    SynthesisVersionRow,
    TransmissionRow,
)

__all__ = [
    "AgentRow", "AttachmentRow", "AttendanceRow", "AuditEventRow", "Base", "BppRow", "ConsentRow",
    "DemandeRow", "DestructionRequestRow", "ExerciseRow", "InterviewRow", "PdfImportRow", "PromotionRow",
    "ReferentAgreementRow", "ReopeningRow", "SatisfactionRow", "SeanceRow", "StoreSettingRow", "SynthesisActionRow",
    "SynthesisFieldRow", "SynthesisRow", "SynthesisVersionRow", "TombstoneRow", "TransmissionRow",
]
