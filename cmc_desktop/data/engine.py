"""SQLCipher connections: the raw key first, then pinned pragmas checked at every open.

Measured on this stack: WAL keeps deleted content in old frames until a TRUNCATE checkpoint;
`journal_mode=PERSIST` keeps deleted pages in the journal; `temp_store=FILE` writes plaintext temp files.
Hence WAL + checkpoints, secure_delete, and temp_store in memory.

Write transactions start with `BEGIN IMMEDIATE`: measured here, two connections writing at once with a plain
`BEGIN` fail "database is locked" about half the time (a deferred transaction that has read cannot upgrade to a
write lock while another connection writes, and SQLite does not wait in that case); an immediate one takes the
write lock first and waits for it up to the busy timeout: 0 failures in the same test (tests/data/test_concurrency.py).
Units of work that only read (`READS_ONLY` in their execution options: Store.reading) begin with a plain `BEGIN`:
they read their WAL snapshot without waiting for a writer. They share the writers' connections, whose page cache
survives their own commits: connections of their own, re-reading and decrypting after every write, made the
benchmark's store workload 1.25× → 1.32× plain SQLite (measured).
"""

import logging
import os
import shutil
from pathlib import Path
from urllib.parse import quote

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from ..domain.progress import Step, Steps, run_to_end
from . import search_index
from .errors import (
    DataDirReadOnly,
    DataDirUnreadable,
    DiskFull,
    DiskWriteFailed,
    KeyMismatch,
    NotAStore,
    StoreBusy,
    StoreCorrupted,
    StoreError,
)

log = logging.getLogger(__name__)

PLAINTEXT_HEADER = b"SQLite format 3\x00"
APPLICATION_ID = 0x434D4344  # "CMCD": tells our stores from other SQLCipher files opened with our key
MIN_SIZE = 1024
BUSY_TIMEOUT_MS = 5000
# Below this, opening is refused as "disque plein" before anything is created: the WAL index alone is 32 KiB, and
# SQLite failing to map it on a full disk reports a mere "disk I/O error" (measured on a full tmpfs).
MIN_FREE_BYTES = 64 * 1024
# SQLite's primary result codes (sqlite3.h), for telling a full disk or a read-only folder from damage.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 5, 6, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26
READS_ONLY = "cmc_reads_only"  # an execution option: the unit of work only reads (see the module's docstring)

_PINNED = (
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", 2),
    ("foreign_keys", "ON", 1),
    ("secure_delete", "ON", 1),
    ("temp_store", "MEMORY", 2),
)
_CIPHER_DEFAULTS = (("cipher_page_size", "4096"), ("cipher_plaintext_header_size", "0"),
                    ("cipher_hmac_algorithm", "HMAC_SHA512"))


def raw_connect(path: Path, key: bytes, *, read_only: bool = False, create: bool = False,
                immutable: bool = False) -> sqlcipher3.Connection:
    mode = "ro" if read_only or immutable else ("rwc" if create else "rw")
    flags = "&immutable=1" if immutable else ""
    conn = sqlcipher3.connect(f"file:{quote(str(path))}?mode={mode}{flags}", uri=True, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    search_index.register(conn)  # the triggers that keep the search index call it
    return conn


def sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def error_code(error: BaseException | None) -> int | None:
    """SQLite's primary result code carried by a driver error, if any."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def folder_state(folder: Path) -> StoreError | None:
    """A read-only or full data folder, which opening and writing cannot work around; None when it is fine."""
    if not os.access(folder, os.W_OK):
        return DataDirReadOnly()
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    return DiskFull() if free < MIN_FREE_BYTES else None


def translate(error: BaseException | None, folder: Path) -> StoreError | None:
    """The store error a driver error means for the CMC, or None for a bug (which is not dressed up as one).
    A full disk often shows as a mere I/O error (SQLite cannot map its shared memory): the folder tells."""
    code = error_code(error)
    if code in (SQLITE_FULL, SQLITE_IOERR, SQLITE_READONLY, SQLITE_CANTOPEN):
        state = folder_state(folder)
        if state is not None:
            return state
        if code == SQLITE_FULL:
            return DiskFull()
        if code == SQLITE_READONLY:
            return DataDirReadOnly()
        if code == SQLITE_CANTOPEN:
            return DataDirUnreadable()
        return DiskWriteFailed("erreur d'entrée-sortie du disque")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreBusy()
    if code == SQLITE_NOTADB:
        return KeyMismatch()
    if code == SQLITE_CORRUPT:
        return StoreCorrupted()
    return None


def check_file(path: Path) -> None:
    """Refuse files that cannot be one of our stores before any key is tried."""
    size = path.stat().st_size
    if size < MIN_SIZE:
        raise NotAStore("le fichier est vide ou tronqué.")
    with path.open("rb") as handle:
        if handle.read(16) == PLAINTEXT_HEADER:
            raise NotAStore("c'est une base SQLite non chiffrée, pas un dossier cmc-desktop.")


def probe(path: Path, key: bytes, *, integrity: bool = True) -> list[str]:
    """Open read-only with `key`; return integrity problems (empty when sound). Never writes the file.
    `integrity=False` only checks the key and the application id: the full checks read every page."""
    return run_to_end(probe_steps(path, key, integrity=integrity))


def probe_steps(path: Path, key: bytes, *, integrity: bool = True) -> Steps[list[str]]:
    """`probe` in two steps, each reading every page: the pages' authentication, then the b-trees. Stopped
    between them (a lock), the connection is closed and nothing is concluded.

    A read-only connection to a WAL database creates its `-wal` and `-shm` beside it (and cannot open at all in a
    read-only folder): when neither is there, nobody has the file open and no WAL content can be missed, so the
    file is opened `immutable` instead, which creates nothing. A failed open thus leaves the folder as it was."""
    check_file(path)
    untouched = not any(sidecar.exists() for sidecar in sidecars(path))
    try:
        conn = raw_connect(path, key, read_only=True, immutable=untouched)
    except sqlcipher3.DatabaseError as error:
        raise translate(error, path.parent) or StoreCorrupted() from None
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as error:
            # SQLCipher says "not a database" when page 1 does not decrypt; what is not the folder is damage.
            if error_code(error) == SQLITE_NOTADB or "not a database" in str(error):
                raise KeyMismatch() from None
            meaning = translate(error, path.parent)
            raise (meaning if isinstance(meaning, DiskFull | DataDirReadOnly | DataDirUnreadable | StoreBusy)
                   else StoreCorrupted()) from None
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id not in (0, APPLICATION_ID):
            raise NotAStore("la base chiffrée appartient à une autre application.")
        if not integrity:
            return []
        # The checks read each page once: a small page cache keeps `quick_check` from holding ~9 MiB (measured
        # on a 93 MiB store), for the same time.
        conn.execute("PRAGMA cache_size = -256")
        problems = [f"chiffrement : {row[0]}" for row in conn.execute("PRAGMA cipher_integrity_check")]
        yield Step(50, "Contrôle de la structure du dossier")
        try:
            quick = [row[0] for row in conn.execute("PRAGMA quick_check")]
        except sqlcipher3.DatabaseError as error:
            quick = [str(error)]
        problems += [f"structure : {line}" for line in quick if line != "ok"]
        return problems
    finally:
        conn.close()


def is_key_valid(path: Path, key: bytes) -> bool:
    try:
        probe(path, key, integrity=False)  # the store's opening runs the full checks once, after this
    except KeyMismatch:
        return False
    return True


def configure(conn: sqlcipher3.Connection, *, read_only: bool) -> None:
    """Apply and verify the pinned pragmas; a mismatch is a bug or a hostile build, never ignored."""
    for name, value, expected in _PINNED:
        if read_only and name == "journal_mode":
            continue
        conn.execute(f"PRAGMA {name} = {value}")
        actual = conn.execute(f"PRAGMA {name}").fetchone()[0]
        if actual != expected:
            raise RuntimeError(f"pragma {name} is {actual!r}, expected {expected!r}")
    for name, expected in _CIPHER_DEFAULTS:
        actual = str(conn.execute(f"PRAGMA {name}").fetchone()[0])
        if actual != expected:
            raise RuntimeError(f"pragma {name} is {actual!r}, expected {expected!r}")


def make_engine(path: Path, key: bytes, *, read_only: bool = False, create: bool = False) -> Engine:
    def creator() -> sqlcipher3.Connection:
        conn = raw_connect(path, key, read_only=read_only, create=create)
        configure(conn, read_only=read_only)
        return conn

    engine = create_engine("sqlite://", module=sqlcipher3, creator=creator, poolclass=QueuePool,
                           pool_size=2, max_overflow=4)
    begin_transactions(engine, read_only=read_only)
    return engine


def begin_transactions(engine: Engine, *, read_only: bool) -> None:
    """How the engine's units of work begin: see the module's docstring."""

    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_conn, _record):
        # Let SQLAlchemy emit BEGIN itself (pysqlite's own transaction handling defers it badly).
        dbapi_conn.isolation_level = None

    begin = "BEGIN" if read_only else "BEGIN IMMEDIATE"  # see the module's docstring

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READS_ONLY) else begin)


def export_rekeyed(path: Path, key: bytes, new_key: bytes, target: Path) -> None:
    """Write a copy of the database encrypted under `new_key` to `target`, verified and on disk."""
    target.unlink(missing_ok=True)
    conn = raw_connect(path, key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{new_key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('rekeyed')")
        conn.execute(f"PRAGMA rekeyed.application_id = {APPLICATION_ID}")
        conn.execute("DETACH DATABASE rekeyed")
    finally:
        conn.close()
    problems = probe(target, new_key)
    if problems:
        target.unlink(missing_ok=True)
        raise RuntimeError(f"rekeyed copy failed verification: {len(problems)} problems")
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def run_outside_transaction(engine: Engine, sql: str, params: tuple[str, ...] = ()) -> None:
    """VACUUM cannot run in a transaction, and a checkpoint inside one keeps a read snapshot that stops the
    truncation: both go straight to the driver connection, which is in autocommit mode."""
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute(sql, params)


def checkpoint(engine: Engine) -> None:
    """Fold the WAL into the database and truncate it, so no old frame keeps deleted content."""
    run_outside_transaction(engine, "PRAGMA wal_checkpoint(TRUNCATE)")


def checkpoint_reporting(engine: Engine, wait_ms: int) -> bool:
    """A TRUNCATE checkpoint that says whether it emptied the WAL. A reader holding an old snapshot keeps it
    from resetting the WAL (SQLite then answers busy after `wait_ms`): old frames, which may hold destroyed
    content, are still there. The connection's usual busy timeout is put back afterwards."""
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        try:
            busy, _log, _done = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            driver.execute("PRAGMA busy_timeout = 5000")
    return busy == 0
