"""The audit journal across a restore: where the backup's journal ends and whether it still verifies, and which
entries of the replaced store's journal the restore leaves out (said in the restore's own entry)."""

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3

from ..data import engine as db
from ..data.errors import StoreError
from ..domain.audit import GENESIS, AuditEntry, find_break
from ..domain.journal_anchor import SOUND, Finding, Inside, Point, check_anchor


class BackupUnreadable(StoreError):
    """The file holds no cmc-desktop journal (services.restore turns it into BackupInvalid)."""


@dataclass(frozen=True)
class BackupJournal:
    end: Point
    finding: Finding | None  # None: it verifies against its inside anchor (or predates anchors)


@dataclass(frozen=True)
class JournalRollback:
    """The audit journal across a restore: the backup's anchor against the replaced store's."""

    backup: int  # entries in the backup's journal
    replaced: int | None  # entries in the replaced store's journal (None: unreadable, no anchor either)
    continues: bool | None  # the backup's journal begins the replaced one; False: they diverged; None: unknown
    restored: Point  # the restored journal, restore entry included
    backup_finding: Finding | None = None  # the backup's own journal did not verify: how

    @property
    def rolled_back(self) -> tuple[int, int] | None:
        """First and last entries of the replaced journal that the restore leaves out, if any."""
        if self.replaced is None or not self.continues or self.replaced <= self.backup:
            return None
        return self.backup + 1, self.replaced

    def detail(self) -> str:
        """For the restore's own journal entry: what was rolled back, by entry numbers; a backup whose own journal
        does not verify is said so here, since its inside anchor is rewritten by this very entry."""
        altered = f" journal_sauvegarde_altere={self.backup_finding.value}" if self.backup_finding else ""
        return self._rollback() + altered

    def _rollback(self) -> str:
        if self.replaced is None:
            return f"journal_sauvegarde={self.backup} journal_remplace=illisible"
        if self.continues is None:
            return f"journal_sauvegarde={self.backup} journal_remplace={self.replaced} continuite=inconnue"
        if not self.continues:
            return f"journal_sauvegarde={self.backup} journal_remplace={self.replaced} divergent"
        span = self.rolled_back
        rolled = f"{span[0]}-{span[1]}" if span else "aucune"
        return f"journal_sauvegarde={self.backup} journal_remplace={self.replaced} entrees_annulees={rolled}"


def read_backup_journal(staging: Path, key: bytes) -> BackupJournal:
    """The backup's journal as it was written, before any migration or entry touches the copy: where it ends, and
    whether its chain and its inside anchor (copied into every backup) still agree."""
    conn = db.raw_connect(staging, key, read_only=True)
    try:
        rows = conn.execute("SELECT seq, at, code, subject, detail, prev_hash, hash FROM audit_events "
                            "ORDER BY seq").fetchall()
        anchored = conn.execute("SELECT value FROM store_settings WHERE key = 'audit_anchor'").fetchone()
    except sqlcipher3.DatabaseError:
        raise BackupUnreadable() from None
    finally:
        conn.close()
    end = Point(int(rows[-1][0]), str(rows[-1][6])) if rows else Point(0, GENESIS)
    # A backup written before anchors existed: only its chain can be checked.
    inside = Inside(end.count, end.head) if anchored is None else _inside(anchored[0])
    try:
        entries = [AuditEntry(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6]) for r in rows]
        broken = find_break(entries)
    except (TypeError, ValueError):
        broken = rows[0][0] if rows else None
    hashes = {int(r[0]): str(r[6]) for r in rows}
    check = check_anchor(len(rows), hashes.get, inside, None, chain_break=broken)
    return BackupJournal(end, None if check.finding in SOUND or check.finding is Finding.OUTSIDE_MISSING
                         else check.finding)


def _inside(value: str) -> Inside | None:
    try:
        doc = json.loads(value)
        return Inside(int(doc["count"]), str(doc["head"]), int(doc.get("floor", 0)))
    except (ValueError, KeyError, TypeError):
        return None
