"""The two stores the benchmark compares: the real SQLCipher store, and its plain twin.

The twin has the same schema (the same Alembic migrations), the same pinned pragmas (WAL, synchronous=FULL,
secure_delete, foreign keys, temp in memory) and the same SQLite build — sqlcipher3 opened without a key
is plain SQLite 3 — so a ratio between the two measures encryption alone. The same generator fills both.
"""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from cmc_desktop.data import engine as db
from cmc_desktop.data import migrate, search_index
from cmc_desktop.data.keyfile import KdfParams
from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.services.workspace import Workspace

from .generate import generate

PASSPHRASE = "phrase du banc d'essai, données fictives"
# Argon2id as shipped (64 MiB, t=3, p=4): the unlock figure is the one a CMC waits for.
SHIPPED_KDF = KdfParams()


@dataclass(frozen=True)
class Scale:
    agents: int
    notes: int
    syntheses: int
    promotions: int


FULL = Scale(agents=10_000, notes=100_000, syntheses=2_000, promotions=200)
QUICK = Scale(agents=10_000, notes=20_000, syntheses=400, promotions=40)
TINY = Scale(agents=60, notes=200, syntheses=20, promotions=2)


def connect_plain(path: Path) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    search_index.register(conn)
    for name, value, _ in db._PINNED:  # the store's own pragma list, so the twin follows any change to it
        conn.execute(f"PRAGMA {name} = {value}")
    return conn


def plain_engine(path: Path) -> Engine:
    """The same engine set-up as data/engine.make_engine, minus the key."""
    engine = create_engine("sqlite://", module=sqlcipher3, creator=lambda: connect_plain(path),
                           poolclass=QueuePool, pool_size=2, max_overflow=4)
    db.begin_transactions(engine, read_only=False)
    return engine


class PlainStore:
    """What the services use of a Store (`session()`, `reading()`, `read_only`, `engine`), on an unencrypted
    file."""

    read_only = False

    def __init__(self, path: Path):
        self.path = path
        self.engine = plain_engine(path)
        self.reader = self.engine.execution_options(**{db.READS_ONLY: True})

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as s, s.begin():
            yield s

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.reader, expire_on_commit=False) as s, s.begin():
            yield s

    def close(self) -> None:
        db.checkpoint(self.engine)
        self.engine.dispose()


@dataclass
class Pair:
    root: Path
    encrypted: Store
    plain: PlainStore
    fill_seconds: float

    @property
    def plain_path(self) -> Path:
        return self.root / "plain.db"

    def workspaces(self, clock: FixedClock) -> tuple[Workspace, Workspace]:
        return Workspace(self.encrypted, clock), Workspace(self.plain, clock)  # type: ignore[arg-type]

    def close(self) -> None:
        self.encrypted.close()
        self.plain.close()


def build(root: Path, scale: Scale, *, vault: KeyVault | None = None, kdf: KdfParams = SHIPPED_KDF) -> Pair:
    """Create both stores under `root` and fill them with the same generated data."""
    root.mkdir(parents=True, exist_ok=True)
    encrypted = Store.create(root / "chiffre", PASSPHRASE, vault=vault or KeyVault(), kdf=kdf)
    plain_path = root / "plain.db"
    for leftover in (plain_path, Path(f"{plain_path}-wal"), Path(f"{plain_path}-shm")):
        leftover.unlink(missing_ok=True)
    plain = PlainStore(plain_path)
    migrate.upgrade(plain.engine, root / "plain-backups")
    start = time.perf_counter()
    for store in (encrypted, plain):
        with store.session() as s:
            generate(s, agents=scale.agents, notes=scale.notes, syntheses=scale.syntheses,
                     promotions=scale.promotions)
        store.engine.dispose()
    fill = time.perf_counter() - start
    db.checkpoint(encrypted.engine)
    db.checkpoint(plain.engine)
    return Pair(root, encrypted, plain, fill)


def file_size(path: Path) -> int:
    return sum(os.path.getsize(p) for p in (path, Path(f"{path}-wal")) if p.exists())
