"""SQLAlchemy models of the store, one module per feature; importing this package registers them all."""

from .accompaniments import AccompanimentRow, ActivityRecordRow, RightsRequestRow
from .agents import AgentRow, DemandeRow
from .base import Base
from .bpp import AttendanceRow, BppRow, ExerciseRow, PromotionRow, ReferentAgreementRow, SeanceRow
from .confidentiality import AuditEventRow, SatisfactionRow, StoreSettingRow, TombstoneRow
from .copies import BackupFolderRow, RemainingCopyRow
from .interviews import InterviewRow
from .profile import ProfileRow
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
    "AccompanimentRow", "ActivityRecordRow", "RightsRequestRow",
    "BackupFolderRow", "RemainingCopyRow",
    "ProfileRow",
]
