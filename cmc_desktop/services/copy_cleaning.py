"""Cleaning one copy of the store of everything the destructions removed, and the partial files left by crashes.

A copy that holds destroyed content is rewritten, never edited in place: it is copied to a working file beside
it, the destructions are re-applied there (services.tombstones, with secure_delete on), the result is compacted
by `VACUUM INTO` a second file — so no free page keeps anything — which is checked (integrity, the destroyed rows
really gone, every other table's rows counted as before the compaction) and then replaces the copy with an atomic
rename. Killed at any point, the copy is the old one or the new one, and what is left beside it is a `.partiel`
file the next clean-up removes. A copy that holds nothing destroyed, and has no free page, is left as it is.
"""

import contextlib
import errno
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from ..data import engine as db
from ..data import migrate
from ..data.atomic import fsync_dir
from ..data.errors import KeyMismatch, StoreError, StoreTooNew
from ..domain.copies import Obstacle, Outcome
from .tombstones import DestructionLedger, destroyed_ids, reapply_destructions

log = logging.getLogger(__name__)

SIDECARS = ("-journal", "-wal", "-shm")
WORK_SUFFIX, RESULT_SUFFIX = ".nettoyage.partiel", ".propre.partiel"
# Files only ever written as a step towards another: a crash leaves them behind, nothing reads them.
_PARTIAL = re.compile(r"^\..+\.partiel(?:-journal|-wal|-shm)?$")
_DATA_ROOT_PARTIAL = re.compile(r"^(?:store\.db\.rekey-tmp.*|\.restauration-en-cours\.db(?:-journal|-wal|-shm)?)$")
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Cleaned:
    outcome: Outcome
    obstacle: Obstacle | None = None


class _Remains(Exception):
    def __init__(self, obstacle: Obstacle) -> None:
        super().__init__(obstacle.value)
        self.obstacle = obstacle


def clean_copy(path: Path, key: bytes, ledger: DestructionLedger) -> Cleaned:
    """Make `path` hold nothing the ledger destroyed; say what became of it."""
    work, result = _beside(path, WORK_SUFFIX), _beside(path, RESULT_SUFFIX)
    try:
        _fold_sidecars(path, key)
        _check_opens(path, key)
        if not _needs_rewrite(path, key, ledger):
            return Cleaned(Outcome.CLEAN)
        _rewrite(path, key, ledger, work, result)
        return Cleaned(Outcome.CLEANED)
    except _Remains as remains:
        log.warning("copies.copy_remains reason=%s", remains.obstacle.value)
        return Cleaned(Outcome.REMAINS, remains.obstacle)
    finally:
        for leftover in (work, result):
            remove_with_sidecars(leftover)


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}{suffix}")


def _obstacle(error: OSError) -> Obstacle:
    if error.errno == errno.ENOSPC:
        return Obstacle.NO_SPACE
    return Obstacle.READ_ONLY if error.errno in _READ_ONLY else Obstacle.WRITE_FAILED


def _sqlite_obstacle(error: Exception) -> Obstacle:
    message = str(error)
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return Obstacle.READ_ONLY
    if "full" in message:
        return Obstacle.NO_SPACE
    if "not a database" in message:
        return Obstacle.OTHER_KEY
    return Obstacle.DAMAGED


def _fold_sidecars(path: Path, key: bytes) -> None:
    """A copy kept with its WAL or an interrupted transaction's journal (the old store kept by a restore): open it
    once, so SQLite folds the WAL or rolls the journal back, before anything reads the file alone."""
    if not any(path.with_name(path.name + s).exists() for s in ("-journal", "-wal")):
        return
    try:
        conn = db.raw_connect(path, key)
    except sqlcipher3.Error as error:
        raise _Remains(_sqlite_obstacle(error)) from None
    try:
        conn.isolation_level = None
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")  # no WAL left beside the copy once it closes
    except sqlcipher3.Error as error:
        raise _Remains(_sqlite_obstacle(error)) from None
    finally:
        conn.close()


def _check_opens(path: Path, key: bytes) -> None:
    try:
        problems = db.probe(path, key)
    except KeyMismatch:
        raise _Remains(Obstacle.OTHER_KEY) from None
    except (StoreError, sqlcipher3.Error, OSError):
        raise _Remains(Obstacle.DAMAGED) from None
    if problems:
        raise _Remains(Obstacle.DAMAGED)


def _targets(ledger: DestructionLedger) -> tuple[set[str], set[str]]:
    """Pseudonymous ids of the agent files and documents the ledger destroyed (as reapply_destructions reads it)."""
    return destroyed_ids(ledger.tombstones, ledger.requests)


def holds_destroyed(conn: sqlcipher3.Connection, ledger: DestructionLedger) -> bool:
    """True while a destroyed agent file or document is still in the database on `conn`."""
    agents, syntheses = _targets(ledger)
    for table, ids in (("agents", agents), ("syntheses", syntheses)):
        values = sorted(ids)
        for start in range(0, len(values), 500):  # SQLite's limit on bound parameters
            chunk = values[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            if conn.execute(f"SELECT 1 FROM {table} WHERE pseudo_id IN ({marks}) LIMIT 1", chunk).fetchone():
                return True
    return False


def _needs_rewrite(path: Path, key: bytes, ledger: DestructionLedger) -> bool:
    conn = db.raw_connect(path, key, read_only=True)
    try:
        return holds_destroyed(conn, ledger) or conn.execute("PRAGMA freelist_count").fetchone()[0] > 0
    except sqlcipher3.Error as error:
        raise _Remains(_sqlite_obstacle(error)) from None
    finally:
        conn.close()


def _rewrite(path: Path, key: bytes, ledger: DestructionLedger, work: Path, result: Path) -> None:
    size = path.stat().st_size
    try:
        _private_empty(result)  # VACUUM INTO writes into an empty file: created first, so it is private
        if shutil.disk_usage(path.parent).free < 2 * size + 4 * _CHUNK:  # the working copy, its WAL, the result
            raise _Remains(Obstacle.NO_SPACE)
        _private_copy(path, work)
    except OSError as error:
        raise _Remains(_obstacle(error)) from None
    expected = _reapply(work, key, ledger, result)
    _verify(result, key, ledger, expected)
    try:
        with result.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(result, path)
        fsync_dir(path.parent)
    except OSError as error:
        raise _Remains(_obstacle(error)) from None
    for suffix in SIDECARS:  # folded above; a shared-memory index of the old file would describe another one
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def _private_copy(source: Path, target: Path) -> None:
    with source.open("rb") as reader, open(target, "xb", opener=_private) as out:
        shutil.copyfileobj(reader, out, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def _private_empty(path: Path) -> None:
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


def _reapply(work: Path, key: bytes, ledger: DestructionLedger, result: Path) -> dict[str, int]:
    """Re-apply the destructions to the working copy and compact it into `result`; the row counts it holds."""
    engine = db.make_engine(work, key)
    try:
        if not migrate.is_current(engine):
            migrate.upgrade(engine, None)  # the working file is itself the copy: no pre-migration backup
        with Session(engine) as s, s.begin():
            reapply_destructions(s, ledger.tombstones, ledger.requests)
        db.checkpoint(engine)
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            counts = count_rows(driver)
            driver.execute("VACUUM INTO ?", (str(result),))
        return counts
    except StoreTooNew:
        raise _Remains(Obstacle.TOO_NEW) from None
    except OSError as error:
        raise _Remains(_obstacle(error)) from None
    except (sa_exc.DBAPIError, sqlcipher3.Error) as error:
        raise _Remains(_sqlite_obstacle(getattr(error, "orig", error))) from None
    finally:
        engine.dispose()


def count_rows(conn: sqlcipher3.Connection) -> dict[str, int]:
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _verify(result: Path, key: bytes, ledger: DestructionLedger, expected: dict[str, int]) -> None:
    """The compacted copy opens, passes the integrity checks, holds nothing destroyed and every other row."""
    try:
        if db.probe(result, key):
            raise _Remains(Obstacle.WRITE_FAILED)
        conn = db.raw_connect(result, key, read_only=True)
        try:
            sound = (not holds_destroyed(conn, ledger) and count_rows(conn) == expected
                     and conn.execute("PRAGMA freelist_count").fetchone()[0] == 0)
        finally:
            conn.close()
    except (StoreError, sqlcipher3.Error, OSError):
        raise _Remains(Obstacle.WRITE_FAILED) from None
    if not sound:
        raise _Remains(Obstacle.WRITE_FAILED)


def remove_with_sidecars(path: Path) -> int:
    removed = 0
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDECARS)):
        with contextlib.suppress(OSError):
            if candidate.exists():
                candidate.unlink()
                removed += 1
    return removed


def remove_partials(folder: Path, *, data_root: bool = False, copies: frozenset[str] = frozenset()) -> int:
    """Delete what crashes left in `folder`: partial files and their sidecars; in the data folder, a rekey's
    temporary copy and a restore's staging copy; and the sidecars of a copy in `copies` that no longer exists."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        orphan_sidecar = any(name.endswith(s) and name[: -len(s)] not in names
                             and _copy_name(name[: -len(s)], copies) for s in SIDECARS)
        if _PARTIAL.match(name) or (data_root and _DATA_ROOT_PARTIAL.match(name)) or orphan_sidecar:
            with contextlib.suppress(OSError):
                (folder / name).unlink()
                removed += 1
    return removed


def _copy_name(name: str, patterns: frozenset[str]) -> bool:
    return any(re.fullmatch(pattern, name) for pattern in patterns)
