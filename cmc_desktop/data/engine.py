"""SQLCipher connections: the raw key first, then pinned pragmas checked at every open.

Measured on this stack: WAL keeps deleted content in old frames until a TRUNCATE checkpoint;
`journal_mode=PERSIST` keeps deleted pages in the journal; `temp_store=FILE` writes plaintext temp files.
Hence WAL + checkpoints, secure_delete, and temp_store in memory.
"""

import logging
import os
from pathlib import Path
from urllib.parse import quote

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from ..domain.progress import Step, Steps, run_to_end
from . import search_index
from .errors import KeyMismatch, NotAStore, StoreCorrupted

log = logging.getLogger(__name__)

PLAINTEXT_HEADER = b"SQLite format 3\x00"
APPLICATION_ID = 0x434D4344  # "CMCD": tells our stores from other SQLCipher files opened with our key
MIN_SIZE = 1024

_PINNED = (
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", 2),
    ("foreign_keys", "ON", 1),
    ("secure_delete", "ON", 1),
    ("temp_store", "MEMORY", 2),
)
_CIPHER_DEFAULTS = (("cipher_page_size", "4096"), ("cipher_plaintext_header_size", "0"),
                    ("cipher_hmac_algorithm", "HMAC_SHA512"))


def raw_connect(path: Path, key: bytes, *, read_only: bool = False, create: bool = False) -> sqlcipher3.Connection:
    mode = "ro" if read_only else ("rwc" if create else "rw")
    conn = sqlcipher3.connect(f"file:{quote(str(path))}?mode={mode}", uri=True, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA busy_timeout = 5000")
    search_index.register(conn)  # the triggers that keep the search index call it
    return conn


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
    between them (a lock), the connection is closed and nothing is concluded."""
    check_file(path)
    conn = raw_connect(path, key, read_only=True)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as error:
            # SQLCipher says "not a database" when page 1 does not decrypt; anything else is damage.
            if "not a database" in str(error):
                raise KeyMismatch() from None
            raise StoreCorrupted() from None
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

    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_conn, _record):
        # Let SQLAlchemy emit BEGIN itself (pysqlite's own transaction handling defers it badly).
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")

    return engine


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
