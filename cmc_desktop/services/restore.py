"""Restoring the store from one of its backups (backup.py writes them).

A restore works on a closed store and changes nothing until the backup is proven good: it is copied beside
the store, checked (size, no plaintext header, opens with the current key, integrity, known schema
revision), migrated, and every destruction recorded in the current store (tombstones, destruction requests)
is re-applied to it: those recorded after the backup remove what the backup still holds, the older ones find
nothing left to remove. Only then is it swapped in; the current store is kept as
`store.db.avant-restauration-<horodatage>` and put back if the restored one does not open. A backup made
before a rekey does not open with the current key file: restoring it is refused with a message saying so.
"""

import contextlib
import logging
import os
import shutil
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
from sqlalchemy import exc as sa_exc
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data import engine as db
from ..data import journal_anchor, migrate
from ..data.atomic import fsync_dir
from ..data.errors import (
    DiskWriteFailed,
    KeyFileMissing,
    KeyMismatch,
    StoreCorrupted,
    StoreError,
)
from ..data.keyfile import load_keyfile
from ..data.models import AuditEventRow
from ..data.repositories import audit
from ..data.store import Store, StorePaths
from ..data.vault import KeyVault
from ..domain.audit import GENESIS, AuditCode
from ..domain.clock import Clock
from ..domain.journal_anchor import Inside, Outside, Point
from . import copy_registry
from .backup import BACKUP_NAME, STAMP, numbered
from .restore_journal import BackupJournal, BackupUnreadable, JournalRollback, read_backup_journal
from .tombstones import DestructionLedger, Reapplied, read_ledger, reapply_destructions

log = logging.getLogger(__name__)

PAGE_SIZE = 4096
STAGING_NAME = ".restauration-en-cours.db"
_CHUNK = 1024 * 1024


class BackupInvalid(StoreError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"Cette sauvegarde ne peut pas être restaurée : {detail} Le dossier actuel n'a pas "
                         "été modifié.")


class BackupKeyMismatch(StoreError):
    def __init__(self) -> None:
        super().__init__("La clé actuelle ne déchiffre pas cette sauvegarde. Soit elle a été faite avant un "
                         "changement de la clé de chiffrement (« rekey ») et il faut le fichier de clé "
                         "(store.key) de cette époque, soit elle vient d'un autre dossier, soit le fichier est "
                         "endommagé ou n'est pas une sauvegarde cmc-desktop. Le dossier actuel n'a pas été modifié.")


@dataclass(frozen=True)
class RestoreReport:
    backup_name: str
    previous_store: Path | None
    reapplied: Reapplied
    current_store_read: bool  # False: the current store was unreadable, its destructions could not be re-applied
    journal: JournalRollback


@dataclass(frozen=True)
class _CurrentStore:
    """What a restore takes from the store it replaces: its destructions and where its journal stood."""

    ledger: DestructionLedger
    records: copy_registry.CopyRecords | None  # its backup folders and remaining copies
    ledger_read: bool
    end: Point | None  # the replaced journal's end: its outside anchor, else its own chain
    outside: Point | None  # its outside anchor as found on disk (accepted after the swap until rewritten)
    hash_at_backup_end: str | None  # its entry at the backup's last position


def restore_backup(data_dir: Path, backup_file: Path, passphrase: str, vault: KeyVault | None = None, *,
                   clock: Clock | None = None) -> RestoreReport:
    """Replace the (closed) store by a backup, re-applying every destruction recorded in the current store."""
    clock = clock or Clock()
    paths = StorePaths(data_dir)
    if not paths.key.exists():
        raise KeyFileMissing()
    keyfile = load_keyfile(paths.key)
    kek = keyfile.derive_kek(passphrase)
    keys = [keyfile.unwrap(kek)] + ([keyfile.unwrap(kek, "pending")] if keyfile.pending else [])
    staging = paths.root / STAGING_NAME
    _remove_with_sidecars(staging)  # left by an interrupted restore: only ever a partial copy
    try:
        _copy_in(backup_file, staging)
        key = _backup_key(staging, keys)
        try:
            backup_journal = read_backup_journal(staging, key)
        except BackupUnreadable:
            raise BackupInvalid("le fichier ne contient pas de dossier cmc-desktop.") from None
        current = _current_store(paths, keys, keyfile.store_id, backup_journal.end.count)
        reapplied, journal = _prepare(staging, key, current, backup_journal, clock.now(), backup_file.name)
        previous = _swap_in(paths, staging, clock.now())
    except BaseException:
        _remove_with_sidecars(staging)
        raise
    try:
        restored = Store.unlock(data_dir, passphrase, vault=vault or KeyVault())
        read_only = restored.read_only
        restored.close()
        if read_only:
            raise BackupInvalid("la base restaurée ne passe pas le contrôle d'intégrité.")
    except BaseException:
        _swap_back(paths, previous)
        raise
    try:  # the restored journal is now the reference; until this is written, its inside anchor vouches for it
        journal_anchor.write_outside(journal_anchor.anchor_path(paths.root), key, keyfile.store_id, journal.restored,
                                     force=True)
    except (OSError, StoreError):
        log.warning("backup.restore_anchor_not_written")
    log.info("backup.restored agents_removed=%d syntheses_removed=%d", len(reapplied.agents_removed),
             len(reapplied.syntheses_removed))
    return RestoreReport(backup_file.name, previous, reapplied, current.ledger_read, journal)


def _copy_in(source: Path, staging: Path) -> None:
    """Copy the backup beside the store: what is checked is then exactly what gets installed."""
    try:
        if not source.is_file():
            raise BackupInvalid("le fichier est introuvable ou n'est pas un fichier.")
        size = source.stat().st_size
    except OSError as error:
        raise BackupInvalid(f"le fichier est illisible ({error.strerror}).") from None
    if shutil.disk_usage(staging.parent).free < 2 * size + 16 * _CHUNK:
        raise DiskWriteFailed("espace disque insuffisant pour restaurer cette sauvegarde")
    with contextlib.ExitStack() as files:
        try:
            reader = files.enter_context(source.open("rb"))
        except OSError as error:
            raise BackupInvalid(f"le fichier est illisible ({error.strerror}).") from None
        try:
            out = files.enter_context(open(staging, "xb", opener=_private))
        except OSError as error:
            raise DiskWriteFailed(error.strerror or "écriture impossible") from None
        while True:
            try:
                chunk = reader.read(_CHUNK)
            except OSError as error:
                raise BackupInvalid(f"le fichier est illisible ({error.strerror}).") from None
            try:
                if not chunk:
                    out.flush()
                    os.fsync(out.fileno())
                    break
                out.write(chunk)
            except OSError as error:
                raise DiskWriteFailed(error.strerror or "écriture impossible") from None
    db.check_file(staging)
    if staging.stat().st_size % PAGE_SIZE:
        raise BackupInvalid("le fichier est tronqué ou n'est pas une sauvegarde cmc-desktop.")


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


def _backup_key(staging: Path, keys: list[bytes]) -> bytes:
    for key in keys:
        try:
            problems = db.probe(staging, key)
        except KeyMismatch:
            continue
        except (StoreCorrupted, sqlcipher3.DatabaseError):
            raise BackupInvalid("le fichier est endommagé ou tronqué.") from None
        if problems:
            raise BackupInvalid("le contrôle d'intégrité de la sauvegarde a échoué (fichier endommagé).")
        return key
    raise BackupKeyMismatch()


def _current_store(paths: StorePaths, keys: list[bytes], store_id: str, backup_count: int) -> _CurrentStore:
    """The current store's tombstones, destruction requests and journal, read without writing to it."""
    outside = None
    for key in keys:
        found = journal_anchor.read_outside(journal_anchor.anchor_path(paths.root), key, store_id)
        if isinstance(found, Outside) and found.authenticated:
            outside = found.point
            break
    path = paths.db
    for key in keys if path.exists() else ():
        try:
            db.probe(path, key)  # integrity problems do not stop us reading what can be read
        except KeyMismatch:
            continue
        except (StoreError, sqlcipher3.DatabaseError):
            break
        engine = db.make_engine(path, key, read_only=True)
        try:
            with Session(engine) as s:
                ledger, records = read_ledger(s), copy_registry.read_copy_records(s)
                last = s.execute(select(AuditEventRow.seq, AuditEventRow.hash)
                                 .order_by(AuditEventRow.seq.desc()).limit(1)).first()
                chain_end = Point(last.seq, last.hash) if last else Point(0, GENESIS)
                at_backup = GENESIS if backup_count == 0 else audit.hash_at(s, backup_count)
            return _CurrentStore(ledger, records, True, outside or chain_end, outside, at_backup)
        except (sa_exc.DBAPIError, ValueError):
            break
        finally:
            engine.dispose()
    log.warning("backup.restore_current_store_unreadable")
    return _CurrentStore(DestructionLedger(), None, False, outside, outside, None)


def _prepare(staging: Path, key: bytes, current: _CurrentStore, backup_journal: BackupJournal, now: datetime,
             name: str) -> tuple[Reapplied, JournalRollback]:
    """Bring the copy to the current schema, re-apply destructions, journal what the restore rolls back, and
    fold its WAL. No pre-migration copy is made: the backup file itself is the copy from before."""
    engine = db.make_engine(staging, key)
    try:
        if migrate.current_revision(engine) is None:
            raise BackupInvalid("le fichier ne contient pas de dossier cmc-desktop.")
        from alembic.util.exc import CommandError  # Alembic is loaded for a restore, never at start-up

        try:
            migrate.upgrade(engine, None)
        except CommandError:
            raise BackupInvalid("la version du schéma enregistrée dans la sauvegarde est illisible.") from None
        backup_end = backup_journal.end
        continues: bool | None = None  # the replaced store unreadable: only its outside anchor says how far it went
        if current.ledger_read:
            continues = current.hash_at_backup_end == backup_end.head
        elif current.end == backup_end:
            continues = True
        replaced = current.end.count if current.end is not None else None
        with Session(engine, expire_on_commit=False) as s, s.begin():
            reapplied = reapply_destructions(s, current.ledger.tombstones, current.ledger.requests)
            if current.records is not None:
                copy_registry.carry_copy_records(s, current.records)
            removed = len(reapplied.agents_removed) + len(reapplied.syntheses_removed)
            journal = JournalRollback(backup_end.count, replaced, continues, backup_end, backup_journal.finding)
            # The file name goes in the journal only when it is one of ours, hence free of personal data.
            origin = f"fichier={name} " if BACKUP_NAME.match(name) else ""
            audit.append(s, AuditCode.RESTORE, now,
                         detail=f"{origin}effacements_reappliques={removed} {journal.detail()}")
            inside = audit.read_inside(s)
            assert inside is not None
            # Until the restored journal's own anchor is written beside the key, the replaced one stays there.
            audit.write_inside(s, Inside(inside.count, inside.head, 0, current.outside))
        db.checkpoint(engine)
    except sa_exc.DBAPIError as error:
        if "full" in str(error.orig) or "disk I/O" in str(error.orig):
            raise DiskWriteFailed("disque plein ou erreur d'entrée-sortie") from None
        raise BackupInvalid("le contenu de la sauvegarde est illisible ou incohérent.") from None
    finally:
        engine.dispose()
    return reapplied, replace(journal, restored=inside.point)


def _swap_in(paths: StorePaths, staging: Path, now: datetime) -> Path | None:
    """Install the staged copy; the current database stays whole under a new name, with its WAL."""
    if not paths.db.exists():
        os.replace(staging, paths.db)
        fsync_dir(paths.root)
        return None
    previous = numbered(paths.root, f"{paths.db.name}.avant-restauration-{now.astimezone(UTC).strftime(STAMP)}")
    moved: list[tuple[Path, Path]] = []
    try:
        # A hard link keeps `store.db` in place until the atomic replace; a copy where links are unsupported.
        try:
            os.link(paths.db, previous)
        except OSError:
            shutil.copy2(paths.db, previous)
        for sidecar, suffix in zip(paths.sidecars(), ("-wal", "-shm"), strict=True):
            if sidecar.exists():
                os.replace(sidecar, previous.with_name(previous.name + suffix))
                moved.append((sidecar, previous.with_name(previous.name + suffix)))
        os.replace(staging, paths.db)
        fsync_dir(paths.root)
    except OSError as error:
        for original, kept in reversed(moved):
            os.replace(kept, original)
        previous.unlink(missing_ok=True)
        raise DiskWriteFailed(error.strerror or "remplacement impossible") from None
    return previous


def _swap_back(paths: StorePaths, previous: Path | None) -> None:
    for path in (paths.db, *paths.sidecars()):
        path.unlink(missing_ok=True)
    if previous is not None:
        os.replace(previous, paths.db)
        for sidecar, suffix in zip(paths.sidecars(), ("-wal", "-shm"), strict=True):
            kept = previous.with_name(previous.name + suffix)
            if kept.exists():
                os.replace(kept, sidecar)
    fsync_dir(paths.root)
    log.warning("backup.restore_rolled_back")


def _remove_with_sidecars(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            candidate.unlink(missing_ok=True)
