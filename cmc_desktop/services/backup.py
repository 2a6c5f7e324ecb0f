"""Encrypted backups of the store: written, listed, rotated. Restoring one is in restore.py.

A backup is a compacted copy written by `VACUUM INTO` from the keyed connection: it stays encrypted under
the database key, so it opens with the key file for as long as that key is unchanged. A passphrase change
only rewraps the key, so earlier backups still restore. A rekey encrypts the store under a new key: backups
made before it open only with the key file as it was then (keep a copy of that store.key with them; it is
useless without its passphrase).
"""

import contextlib
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from ..data import engine as db
from ..data.atomic import fsync_dir
from ..data.errors import (
    DiskWriteFailed,
    StoreError,
    StoreReadOnly,
)
from ..data.repositories import audit, settings
from ..data.store import Store
from ..domain.audit import AuditCode
from ..domain.errors import ValidationError
from . import copy_registry
from .workspace import Workspace

log = logging.getLogger(__name__)

KEEP_SETTING = "backup_keep"
DEFAULT_KEEP = 10
MAX_KEEP = 1000
STAMP = "%Y%m%dT%H%M%SZ"
BACKUP_NAME = re.compile(r"^sauvegarde-(\d{8}T\d{6}Z)(?:-(\d+))?\.db$")


class BackupFailed(StoreError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"La sauvegarde a échoué : {detail}. Aucun fichier incomplet n'a été conservé et le "
                         "dossier lui-même n'a pas été modifié.")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    row_counts: Mapping[str, int] = field(default_factory=dict)


def backup_keep(ws: Workspace) -> int:
    with ws.store.session() as s:
        return settings.get_int(s, KEEP_SETTING, DEFAULT_KEEP, minimum=1, maximum=MAX_KEEP)


def set_backup_keep(ws: Workspace, keep: int) -> None:
    if not 1 <= keep <= MAX_KEEP:
        raise ValidationError(f"Le nombre de sauvegardes conservées doit être compris entre 1 et {MAX_KEEP}.")
    with ws.store.session() as s:
        settings.put(s, KEEP_SETTING, keep)


def make_backup(ws: Workspace, dest_dir: Path | None = None) -> BackupInfo:
    """Write a verified, encrypted, compacted copy of the store, journal it and rotate old copies."""
    store = ws.store
    if store.read_only:
        raise StoreReadOnly(True)
    directory = dest_dir or store.paths.backups
    chosen = dest_dir is not None and copy_registry.folder_key(dest_dir) != copy_registry.folder_key(
        store.paths.backups)
    taken_at = ws.clock.now().astimezone(UTC).replace(microsecond=0)
    with copy_registry.copies_lock:  # a clean-up of the copies must not take this partial file for a crash's
        _prepare_folder(directory, default=dest_dir is None)
        if chosen:  # recorded before anything is written there: destructions must reach whatever gets there
            with store.session() as s:
                copy_registry.record_backup_folder(s, directory, taken_at)
        final, counts = _write_backup(store, directory, taken_at)
    try:
        with store.session() as s:
            audit.append(s, AuditCode.BACKUP, taken_at, detail=final.name)
            keep = settings.get_int(s, KEEP_SETTING, DEFAULT_KEEP, minimum=1, maximum=MAX_KEEP)
    except BaseException:
        final.unlink(missing_ok=True)  # a backup that is not in the journal must not exist
        raise
    size = final.stat().st_size
    _rotate(directory, keep, written=final)
    log.info("backup.written")
    return BackupInfo(final, taken_at, size, counts)


def _prepare_folder(directory: Path, *, default: bool) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if default and os.name == "posix":
            os.chmod(directory, 0o700)
    except OSError as error:
        raise BackupFailed(f"le dossier de sauvegarde est inaccessible ({error.strerror})") from None


def _write_backup(store: Store, directory: Path, taken_at: datetime) -> tuple[Path, dict[str, int]]:
    try:
        final = numbered(directory, f"sauvegarde-{taken_at.strftime(STAMP)}", ".db")
        partial = directory / f".{final.name}.partiel"
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as error:
        raise BackupFailed(f"le dossier de sauvegarde est inaccessible ({error.strerror})") from None
    try:
        counts = _write_snapshot(store, partial)
        _verify_copy(partial, store.raw_key, counts)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, final)
        fsync_dir(directory)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise DiskWriteFailed(error.strerror or "écriture impossible") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final, counts


def list_backups(directory: Path) -> list[BackupInfo]:
    """The backups this application wrote in `directory`, newest first."""
    found = []
    for path in directory.glob("sauvegarde-*.db") if directory.is_dir() else ():
        match = BACKUP_NAME.match(path.name)
        try:
            if not match or not path.is_file():
                continue
            size = path.stat().st_size
        except OSError:  # removed meanwhile (rotation by another window, the CMC tidying up)
            continue
        taken_at = datetime.strptime(match[1], STAMP).replace(tzinfo=UTC)
        found.append((taken_at, int(match[2] or 1), BackupInfo(path, taken_at, size)))
    return [info for *_, info in sorted(found, key=lambda item: item[:2], reverse=True)]


def numbered(directory: Path, stem: str, suffix: str = "") -> Path:
    """`stem+suffix`, or `stem-02+suffix`, … : a number above every name of that stem already there or being
    written, so that within one second the names sort in the order the copies were made (a freed lower number is
    not reused: the rotation orders by name)."""
    pattern = re.compile(rf"^\.?{re.escape(stem)}(?:-(\d+))?{re.escape(suffix)}(?:\.partiel)?$")
    taken = [int(m[1] or 1) for m in map(pattern.match, os.listdir(directory)) if m]
    n = max(taken, default=0) + 1
    return directory / f"{stem}{'' if n == 1 else f'-{n:02d}'}{suffix}"


def _count_rows(conn: sqlcipher3.Connection) -> dict[str, int]:
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _write_snapshot(store: Store, target: Path) -> dict[str, int]:
    """VACUUM INTO while a second connection holds the write lock, so the counts describe exactly the copy."""
    lock, copier = store.engine.raw_connection(), store.engine.raw_connection()
    holder, reader = lock.driver_connection, copier.driver_connection
    assert holder is not None and reader is not None
    try:
        holder.execute("BEGIN IMMEDIATE")
        counts = _count_rows(holder)
        # Straight on the driver connection: SQLAlchemy would open a transaction, inside which VACUUM fails.
        reader.execute("VACUUM INTO ?", (str(target),))
    except sqlcipher3.OperationalError as error:
        if "full" in str(error) or "disk I/O" in str(error):
            raise DiskWriteFailed("disque plein ou erreur d'entrée-sortie") from None
        raise BackupFailed("la copie n'a pas pu être écrite dans le dossier de sauvegarde") from None
    finally:
        lock.rollback()
        lock.close()
        copier.close()
    return counts


def _verify_copy(path: Path, key: bytes, expected: dict[str, int]) -> None:
    try:
        problems = db.probe(path, key)
        conn = db.raw_connect(path, key, read_only=True)
        try:
            copied = _count_rows(conn)
        finally:
            conn.close()
    except (StoreError, sqlcipher3.DatabaseError):
        raise BackupFailed("la copie écrite est illisible") from None
    if problems:
        raise BackupFailed("la copie écrite ne passe pas le contrôle d'intégrité")
    if copied != expected:
        raise BackupFailed("la copie écrite ne contient pas les mêmes données que le dossier")


def _rotate(directory: Path, keep: int, written: Path) -> None:
    """Keep `written` and the `keep - 1` newest others. The backup just written is never a candidate: with the
    clock set back its time stamp is older than those already there, and ordering by name would delete it."""
    others = [info for info in list_backups(directory) if info.path != written]
    for old in others[keep - 1:]:
        with contextlib.suppress(OSError):  # a file that cannot be removed is kept, the backup itself succeeded
            old.path.unlink(missing_ok=True)
            log.info("backup.rotated")
