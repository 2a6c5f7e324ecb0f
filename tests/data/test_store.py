"""The encrypted store on a real SQLCipher file: round trip, pinned settings, no plaintext anywhere."""

import tempfile
import time
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import select, text

from cmc_desktop.data.engine import PLAINTEXT_HEADER, raw_connect
from cmc_desktop.data.errors import StoreError, WeakPassphrase
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import AgentState, Statut
from tests.conftest import FAST_KDF, MARKER, PASSPHRASE

from .helpers import files_containing


def _add_agent(store: Store, last_name: str, notes: str = "") -> None:
    with store.session() as s:
        s.add(AgentRow(pseudo_id="AG-TEST0001", last_name=last_name, first_name="Test",
                       statut=Statut.TITULAIRE, state=AgentState.ACTIF, private_notes=notes))


def test_round_trip_survives_close_and_unlock(store: Store, data_dir: Path, no_vault) -> None:
    _add_agent(store, "Œuvray-Hélène")
    store.close()
    reopened = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    with reopened.session() as s:
        assert s.execute(select(AgentRow.last_name)).scalar_one() == "Œuvray-Hélène"
    reopened.close()


def test_pinned_settings_hold_on_every_connection(store: Store) -> None:
    with store.engine.connect() as conn:
        pragma = lambda name: conn.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2
        assert pragma("foreign_keys") == 1
        assert pragma("secure_delete") == 1
        assert pragma("temp_store") == 2
        assert pragma("cipher_plaintext_header_size") == "0"
        assert pragma("cipher_page_size") == "4096"


def test_database_has_no_plaintext_header(store: Store, data_dir: Path) -> None:
    _add_agent(store, "Durand")
    store.checkpoint()
    assert not (data_dir / "store.db").read_bytes().startswith(PLAINTEXT_HEADER)


def test_files_are_private_to_the_user(store: Store, data_dir: Path) -> None:
    assert (data_dir.stat().st_mode & 0o777) == 0o700
    assert ((data_dir / "store.db").stat().st_mode & 0o077) == 0
    assert ((data_dir / "store.key").stat().st_mode & 0o077) == 0


def test_no_plaintext_in_data_dir_wal_or_temp(store: Store, data_dir: Path) -> None:
    started = time.time()
    long_notes = (MARKER + " — note confidentielle. ") * 4000  # large enough to spill if temp were on disk
    for i in range(30):
        with store.session() as s:
            s.add(AgentRow(pseudo_id=f"AG-M{i:07d}", last_name=MARKER, first_name=f"n{i}",
                           statut=Statut.TITULAIRE, state=AgentState.ACTIF, private_notes=long_notes))
    with store.session() as s:  # a big sort that SQLite may spill to a temp file
        s.execute(select(AgentRow.private_notes).order_by(AgentRow.private_notes.desc())).all()
    assert (data_dir / "store.db-wal").exists()
    assert files_containing(data_dir, MARKER) == []
    assert files_containing(data_dir, "Quastenbr") == []
    assert [p for p in _recent_temp_files(started) if MARKER.encode() in _bytes(p)] == []
    store.close()
    assert files_containing(data_dir, MARKER) == []


def _recent_temp_files(since: float) -> list[Path]:
    """The files of the temp folder written since `since`; another test process may remove its own meanwhile."""
    found = []
    for path in Path(tempfile.gettempdir()).iterdir():
        try:
            if path.is_file() and path.stat().st_mtime >= since:
                found.append(path)
        except OSError:
            continue
    return found


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # gone (another process's), or not ours to read: it cannot hold what this test wrote
        return b""


def test_a_weak_passphrase_is_refused(tmp_path: Path, no_vault) -> None:
    with pytest.raises(WeakPassphrase):
        Store.create(tmp_path / "d", "court", vault=no_vault, kdf=FAST_KDF)
    assert not (tmp_path / "d" / "store.db").exists()


def test_create_never_replaces_an_existing_store(store: Store, data_dir: Path, no_vault) -> None:
    _add_agent(store, "Durand")
    store.close()
    with pytest.raises(StoreError, match="existe déjà"):
        Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    reopened = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    with reopened.session() as s:
        assert s.execute(select(AgentRow.last_name)).scalar_one() == "Durand"
    reopened.close()


def test_a_locked_store_refuses_sessions(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError, match="verrouillé"), store.session():
        pass


def test_key_is_a_raw_256_bit_key_not_a_passphrase(store: Store, data_dir: Path) -> None:
    key = store.raw_key
    assert len(key) == 32
    store.close()
    conn = raw_connect(data_dir / "store.db", key, read_only=True)
    assert conn.execute("SELECT count(*) FROM agents").fetchone() == (0,)
    conn.close()
    conn = sqlcipher3.connect(str(data_dir / "store.db"))
    conn.execute("PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'")
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
