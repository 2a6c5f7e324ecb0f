"""Reading and checking the audit journal (Paramètres › Journal, `cmc-desktop audit verify`): its hash chain and
its anchors inside and outside the store (domain/journal_anchor.py)."""

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from ..data import journal_anchor
from ..data.errors import StoreError
from ..data.repositories import audit
from ..domain.audit import AuditEntry, find_break
from ..domain.errors import DomainError
from ..domain.journal_anchor import Check, Finding, check_anchor, verdict
from .workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JournalStatus:
    count: int
    first_broken_seq: int | None
    check: Check | None = None  # None: the chain itself could not be read

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None and self.check is not None and self.check.sound

    @property
    def verdict(self) -> str:
        return verdict(self.check or Check(Finding.BROKEN, self.count, at=self.first_broken_seq))


def verify_journal(ws: Workspace) -> JournalStatus:
    """Check the chain, then the anchors; an outside anchor found behind (a crash between a commit and its write)
    or under the previous key is brought up to date."""
    store = ws.store
    path = journal_anchor.anchor_path(store.paths.root)
    with store.session() as s:
        try:
            entries = audit.entries(s)
        except (ValueError, TypeError):
            # A row edited outside the application may not even parse; that is a break, not a crash.
            rows = s.execute(text("SELECT seq, at FROM audit_events ORDER BY seq")).all()
            broken = next((seq for seq, at in rows if not _parses(at)), rows[0][0])
            return JournalStatus(len(rows), broken)
        inside = audit.read_inside(s)
    hashes = {entry.seq: entry.hash for entry in entries}
    outside = journal_anchor.read_outside(path, store.raw_key, store.store_id)
    check = check_anchor(len(entries), hashes.get, inside, outside, chain_break=find_break(entries))
    if check.finding in (Finding.LAGGING, Finding.NOT_YET_WRITTEN, Finding.OTHER_KEY) and inside is not None \
            and not store.read_only:
        try:
            journal_anchor.write_outside(path, store.raw_key, store.store_id, inside.point, stale=inside.replaced)
        except (OSError, StoreError):
            log.warning("audit.anchor_refresh_failed")
    return JournalStatus(len(entries), check.at if check.finding is Finding.BROKEN else None, check)


def refuse_if_rolled_back(ws: Workspace) -> None:
    """Refuse to hand out content from a store whose journal does not verify: a backup copied in place of the store
    (the case that matters here) holds what was destroyed after it was made, and its journal falls short of the
    anchor. `cmc-desktop restore` is the way to bring a backup back: it re-applies every destruction."""
    status = verify_journal(ws)
    if not status.intact:
        raise DomainError(f"{status.verdict} Aucun document n'est exporté d'un dossier dans cet état : il peut "
                          "s'agir d'une copie plus ancienne, où des documents détruits depuis seraient encore "
                          "présents. Pour revenir à une sauvegarde, utilisez « cmc-desktop restore », qui réapplique "
                          "les destructions.")


def list_entries(ws: Workspace, limit: int | None = None) -> list[AuditEntry]:
    """The journal, oldest first; with `limit`, only the most recent entries."""
    with ws.store.session() as s:
        return audit.entries(s, limit)


def _parses(value: object) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False
