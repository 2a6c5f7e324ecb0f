"""The audit journal: codes of sensitive actions and the hash chain that makes edits detectable.

Entries carry pseudonymous ids and codes only, never content or names.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

GENESIS = "0" * 64


class AuditCode(StrEnum):
    STORE_CREATED = "store.created"
    UNLOCKED = "store.unlocked"
    LOCKED = "store.locked"
    PASSPHRASE_CHANGED = "store.passphrase_changed"
    REKEYED = "store.rekeyed"
    BACKUP = "store.backup"
    RESTORE = "store.restore"
    AGENT_CREATED = "agent.created"
    AGENT_OPENED = "agent.opened"
    AGENT_UPDATED = "agent.updated"
    PURGE = "agent.purged"
    BPP_STARTED = "bpp.started"
    BPP_ENROLLED = "bpp.enrolled"
    BPP_UNENROLLED = "bpp.unenrolled"
    SYNTHESIS_CREATED = "synthesis.created"
    SYNTHESIS_EXPORTED = "synthesis.exported"
    SYNTHESIS_EXPORTED_THIRD_PARTY = "synthesis.exported_third_party"
    FILLABLE_EXPORTED = "synthesis.fillable_exported"
    FILLABLE_IMPORTED = "synthesis.fillable_imported"
    FILLABLE_REFUSED = "synthesis.fillable_refused"
    TRANSMITTED = "synthesis.transmitted"
    CONSENT_GIVEN = "consent.given"
    CONSENT_WITHDRAWN = "consent.withdrawn"
    FINALISED = "synthesis.finalised"
    COSIGNED = "synthesis.cosigned"
    REOPENED = "synthesis.reopened"
    DESTRUCTION_REQUESTED = "synthesis.destruction_requested"
    DESTROYED = "synthesis.destroyed"
    SEANCE_MODE_ENTERED = "seance_mode.entered"
    SEANCE_MODE_LEFT = "seance_mode.left"
    INDICATORS_EXPORTED = "indicators.exported"
    FILLABLE_ACCEPTED = "synthesis.fillable_accepted"
    PROVIDER_MODE_CHANGED = "settings.provider_mode"
    ACCOMPANIMENT_ENDED = "agent.accompaniment_ended"
    ACCOMPANIMENT_REOPENED = "agent.accompaniment_reopened"
    DEMANDE_RECORDED = "demande.recorded"
    DEMANDE_DECIDED = "demande.decided"
    INTERVIEW_RECORDED = "interview.recorded"
    INTERVIEW_UPDATED = "interview.updated"
    INTERVIEW_DELETED = "interview.deleted"
    ACCOMPANIMENT_REQUESTED = "accompaniment.requested"
    ACCOMPANIMENT_UPDATED = "accompaniment.updated"
    ACCOMPANIMENT_DELETED = "accompaniment.deleted"
    QUESTIONNAIRE_PROPOSED = "accompaniment.questionnaire"
    RIGHTS_REQUESTED = "agent.rights_requested"
    AGENT_EXPORTED = "agent.exported"
    AGENT_MERGED = "agent.merged"
    COPIES_CLEANED = "store.copies_cleaned"
    BACKUP_FOLDER_FORGOTTEN = "store.backup_folder_forgotten"
    COPY_DELETED = "store.copy_deleted"
    PROFILE_UPDATED = "profile.updated"
    CALENDAR_EXPORTED = "calendar.exported"
    PROMOTION_DOCUMENTS = "promotion.documents"
    ATTENDANCE_SHEET_RECORDED = "promotion.attendance_sheet"
    CASELOAD_IMPORTED = "agents.imported"
    RECOVERY_CODE_CREATED = "store.recovery_code_created"
    RECOVERY_CODE_USED = "store.recovered"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    code: str
    subject: str
    detail: str
    prev_hash: str
    hash: str


def entry_hash(prev_hash: str, seq: int, at: datetime, code: str, subject: str, detail: str) -> str:
    payload = "\x1f".join((prev_hash, str(seq), at.isoformat(), code, subject, detail))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def find_break(entries: list[AuditEntry]) -> int | None:
    """The sequence number of the first entry that does not chain, or None when the journal is intact."""
    prev, expected_seq = GENESIS, None
    for entry in entries:
        if expected_seq is not None and entry.seq != expected_seq:
            return entry.seq
        if entry.prev_hash != prev or entry.hash != entry_hash(
                prev, entry.seq, entry.at, entry.code, entry.subject, entry.detail):
            return entry.seq
        prev, expected_seq = entry.hash, entry.seq + 1
    return None
