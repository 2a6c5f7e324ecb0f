"""Reading and checking the hash-chained audit journal (Paramètres › Journal, `cmc-desktop audit verify`)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from ..data.repositories import audit
from ..domain.audit import AuditEntry
from .workspace import Workspace


@dataclass(frozen=True)
class JournalStatus:
    count: int
    first_broken_seq: int | None

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None

    @property
    def verdict(self) -> str:
        if self.intact:
            return f"Journal d'audit intact : {self.count} entrée(s), chaîne de contrôle vérifiée."
        return (f"Journal d'audit altéré : la chaîne de contrôle est rompue à l'entrée n° {self.first_broken_seq} "
                f"(sur {self.count}). Une entrée a été modifiée ou supprimée hors de l'application.")


def verify_journal(ws: Workspace) -> JournalStatus:
    with ws.store.session() as s:
        try:
            count, broken = audit.verify(s)
        except (ValueError, TypeError):
            # A row edited outside the application may not even parse; that is a break, not a crash.
            rows = s.execute(text("SELECT seq, at FROM audit_events ORDER BY seq")).all()
            return JournalStatus(len(rows), next((seq for seq, at in rows if not _parses(at)), rows[0][0]))
    return JournalStatus(count, broken)


def list_entries(ws: Workspace, limit: int | None = None) -> list[AuditEntry]:
    """The journal, oldest first; with `limit`, only the most recent entries."""
    with ws.store.session() as s:
        return audit.entries(s, limit)


def _parses(value: object) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False
