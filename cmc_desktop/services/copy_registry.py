"""What the store records about its copies: the folders the CMC chose for backups, what the last clean-up could
not reach, and which destructions are complete in every copy (tombstones.copies_settled_at).

These records live in the store, not in the interface settings: a folder name is the CMC's data like any other.
A restore carries them over from the store it replaces (like the destructions themselves), so that a folder
recorded after the backup is not forgotten.
"""

import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from ..data.models import BackupFolderRow, RemainingCopyRow, TombstoneRow
from ..data.repositories import audit
from ..domain.audit import AuditCode
from ..domain.copies import CopyKind, CopyState, Obstacle, Outcome
from ..domain.errors import DomainError
from .workspace import Workspace

# Backups being written and copies being rewritten never overlap in this process: the clean-up removes the
# partial files it finds, and must not take a backup in progress for one left by a crash.
copies_lock = threading.Lock()


@dataclass(frozen=True)
class OpenDestruction:
    """A destruction not yet complete in every known copy."""

    kind: str  # services.tombstones.TombstoneKind value
    pseudo_id: str
    destroyed_at: datetime


@dataclass(frozen=True)
class CopiesStatus:
    open_destructions: tuple[OpenDestruction, ...]
    remaining: tuple[CopyState, ...]  # what the last clean-up could not reach

    @property
    def complete(self) -> bool:
        return not self.open_destructions


@dataclass(frozen=True)
class CopyRecords:
    folders: tuple[tuple[str, datetime, datetime], ...]
    remaining: tuple[tuple[str, str, str, datetime], ...]


def folder_key(folder: Path) -> str:
    """How a folder is recorded: absolute, as the CMC named it (a removable disk's mount point may not exist)."""
    return os.path.abspath(folder)


def record_backup_folder(session: Session, folder: Path, at: datetime) -> None:
    """Remember a folder a backup was written to (the data folder's own `backups/` is always known)."""
    key = folder_key(folder)
    row = session.get(BackupFolderRow, key)
    if row is None:
        session.add(BackupFolderRow(path=key, added_at=at, last_backup_at=at))
    else:
        row.last_backup_at = at


def backup_folders(session: Session) -> list[str]:
    return list(session.execute(select(BackupFolderRow.path).order_by(BackupFolderRow.path)).scalars())


def unsettled(session: Session) -> list[TombstoneRow]:
    return list(session.execute(select(TombstoneRow).where(TombstoneRow.copies_settled_at.is_(None))
                                .order_by(TombstoneRow.id)).scalars())


def save_outcome(session: Session, copies: tuple[CopyState, ...], settle_up_to: int | None, at: datetime) -> None:
    """Keep what remains after this clean-up; when nothing does, the destructions it covered (tombstone ids up
    to `settle_up_to`, those read when it began) are complete."""
    session.execute(delete(RemainingCopyRow))
    remaining = [c for c in copies if c.remains]
    for copy in remaining:
        session.add(RemainingCopyRow(folder=copy.folder, name=copy.name if copy.kind is not CopyKind.FOLDER else "",
                                     reason=str(copy.obstacle or Obstacle.WRITE_FAILED), detected_at=at))
    if not remaining and settle_up_to is not None:
        session.execute(update(TombstoneRow).where(TombstoneRow.copies_settled_at.is_(None),
                                                   TombstoneRow.id <= settle_up_to).values(copies_settled_at=at))


def copies_status(ws: Workspace) -> CopiesStatus:
    """Destructions still open and the copies that hold them, as the last clean-up found them."""
    with ws.store.session() as s:
        return status_in(s)


def status_in(session: Session) -> CopiesStatus:
    open_ones = tuple(OpenDestruction(r.kind, r.pseudo_id, r.destroyed_at) for r in unsettled(session))
    rows = session.execute(select(RemainingCopyRow).order_by(RemainingCopyRow.folder, RemainingCopyRow.name))
    remaining = tuple(CopyState(r.folder, r.name, _kind(r.name), Outcome.REMAINS, _obstacle(r.reason))
                      for r in rows.scalars())
    return CopiesStatus(open_ones, remaining)


def _kind(name: str) -> CopyKind:
    if not name:
        return CopyKind.FOLDER
    if name.endswith("-wal"):
        return CopyKind.WAL
    if name.startswith("avant-migration-"):
        return CopyKind.BEFORE_MIGRATION
    if ".avant-restauration-" in name:
        return CopyKind.BEFORE_RESTORE
    return CopyKind.BACKUP


def _obstacle(value: str) -> Obstacle:
    try:
        return Obstacle(value)
    except ValueError:
        return Obstacle.WRITE_FAILED


def forget_folder(ws: Workspace, folder: str) -> None:
    """The CMC states that a backup folder no longer exists (disk lost, wiped or destroyed): stop looking for it.
    Journaled, since it closes destructions the application could not carry into that folder itself."""
    with ws.store.session() as s:
        row = s.get(BackupFolderRow, folder)
        if row is None:
            raise DomainError("Ce dossier de sauvegarde n'est pas suivi par l'application.")
        s.delete(row)
        s.execute(delete(RemainingCopyRow).where(RemainingCopyRow.folder == folder))
        audit.append(s, AuditCode.BACKUP_FOLDER_FORGOTTEN, ws.clock.now())


def delete_copy(ws: Workspace, folder: str, name: str) -> None:
    """Delete a copy the clean-up named and cannot clean (made under an earlier key, damaged): deleting it is what
    carries the destruction there. Only a copy recorded as remaining can be deleted this way."""
    with ws.store.session() as s:
        row = s.execute(select(RemainingCopyRow).where(RemainingCopyRow.folder == folder,
                                                       RemainingCopyRow.name == name)).scalar()
        if row is None or _kind(name) in (CopyKind.FOLDER, CopyKind.WAL):  # never the store's own journal
            raise DomainError("Cette copie ne figure pas parmi les copies restantes qui peuvent être supprimées.")
        path = Path(folder) / name
        try:
            for candidate in (path, *(path.with_name(name + suffix) for suffix in ("-journal", "-wal", "-shm"))):
                candidate.unlink(missing_ok=True)
        except OSError as error:
            raise DomainError(f"La copie {name} n'a pas pu être supprimée ({error.strerror}).") from None
        s.delete(row)
        audit.append(s, AuditCode.COPY_DELETED, ws.clock.now(), detail=name)


def chosen_folders(ws: Workspace) -> list[tuple[str, datetime]]:
    """The folders the CMC chose for backups, with the time of the last backup written there."""
    with ws.store.session() as s:
        return [(r.path, r.last_backup_at)
                for r in s.execute(select(BackupFolderRow).order_by(BackupFolderRow.path)).scalars()]


def read_copy_records(session: Session) -> CopyRecords:
    """The records of a store (empty for one left at a revision before they existed)."""
    if session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'backup_folders'")).first() is None:
        return CopyRecords((), ())
    folders = tuple((r.path, r.added_at, r.last_backup_at)
                    for r in session.execute(select(BackupFolderRow)).scalars())
    remaining = tuple((r.folder, r.name, r.reason, r.detected_at)
                      for r in session.execute(select(RemainingCopyRow).order_by(RemainingCopyRow.id)).scalars())
    return CopyRecords(folders, remaining)


def carry_copy_records(session: Session, records: CopyRecords) -> None:
    """In a restored store: every folder either store knew, and what the replaced store still had to clean."""
    for path, added_at, last_backup_at in records.folders:
        row = session.get(BackupFolderRow, path)
        if row is None:
            session.add(BackupFolderRow(path=path, added_at=added_at, last_backup_at=last_backup_at))
        elif row.last_backup_at < last_backup_at:
            row.last_backup_at = last_backup_at
    session.execute(delete(RemainingCopyRow))
    for folder, name, reason, detected_at in records.remaining:
        session.add(RemainingCopyRow(folder=folder, name=name, reason=reason, detected_at=detected_at))
