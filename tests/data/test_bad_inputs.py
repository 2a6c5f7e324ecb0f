"""Every bad key or bad file gives a clear French message and leaves every file byte-identical."""

import json
import os
import sqlite3
from pathlib import Path

import pytest

from cmc_desktop.data.errors import (
    DatabaseMissing,
    KeyFileInvalid,
    KeyFileMissing,
    KeyMismatch,
    NotAStore,
    PassphraseRequired,
    StoreCorrupted,
    StoreError,
    WrongPassphrase,
)
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import AgentState, Statut
from tests.conftest import PASSPHRASE

from .helpers import digest_tree


@pytest.fixture
def closed_store(store: Store, data_dir: Path) -> Path:
    with store.session() as s:
        for i in range(200):  # several pages, so corruption can hit a page other than the first
            s.add(AgentRow(pseudo_id=f"AG-{i:08d}", last_name=f"Nom{i}" * 20, first_name="P",
                           statut=Statut.TITULAIRE, state=AgentState.ACTIF, private_notes="x" * 500))
    store.close()
    return data_dir


def _assert_refused(data_dir: Path, error_type: type[StoreError], passphrase: str | None, vault) -> StoreError:
    before = digest_tree(data_dir)
    with pytest.raises(error_type) as caught:
        Store.unlock(data_dir, passphrase, vault=vault)
    assert digest_tree(data_dir) == before
    message = str(caught.value)
    assert message and message[0].isupper() and "Error" not in message
    return caught.value


def test_wrong_passphrase(closed_store: Path, no_vault) -> None:
    _assert_refused(closed_store, WrongPassphrase, "une mauvaise phrase", no_vault)


def test_no_passphrase_and_no_keyring_asks_for_it(closed_store: Path, no_vault) -> None:
    _assert_refused(closed_store, PassphraseRequired, None, no_vault)


def test_missing_key_file_never_creates_a_store(closed_store: Path, no_vault) -> None:
    (closed_store / "store.key").unlink()
    _assert_refused(closed_store, KeyFileMissing, PASSPHRASE, no_vault)
    assert not (closed_store / "store.key").exists()


def test_missing_database_never_creates_one(closed_store: Path, no_vault) -> None:
    (closed_store / "store.db").unlink()
    _assert_refused(closed_store, DatabaseMissing, PASSPHRASE, no_vault)
    assert not (closed_store / "store.db").exists()


def test_corrupted_key_file(closed_store: Path, no_vault) -> None:
    (closed_store / "store.key").write_text("{ pas du json")
    _assert_refused(closed_store, KeyFileInvalid, PASSPHRASE, no_vault)


def test_key_file_of_another_store(closed_store: Path, tmp_path: Path, no_vault) -> None:
    from tests.conftest import FAST_KDF

    other = Store.create(tmp_path / "autre", PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    other.close()
    (closed_store / "store.key").write_bytes((tmp_path / "autre" / "store.key").read_bytes())
    _assert_refused(closed_store, KeyMismatch, PASSPHRASE, no_vault)


def test_empty_database_file(closed_store: Path, no_vault) -> None:
    (closed_store / "store.db").write_bytes(b"")
    _assert_refused(closed_store, NotAStore, PASSPHRASE, no_vault)


def test_plaintext_sqlite_file(closed_store: Path, no_vault) -> None:
    path = closed_store / "store.db"
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (zeroblob(5000))")
    conn.commit()
    conn.close()
    error = _assert_refused(closed_store, NotAStore, PASSPHRASE, no_vault)
    assert "non chiffrée" in str(error)


def test_random_bytes_are_not_a_store(closed_store: Path, no_vault) -> None:
    (closed_store / "store.db").write_bytes(os.urandom(64 * 1024))
    _assert_refused(closed_store, KeyMismatch, PASSPHRASE, no_vault)


def test_first_page_flipped_bit(closed_store: Path, no_vault) -> None:
    path = closed_store / "store.db"
    data = bytearray(path.read_bytes())
    data[100] ^= 0x01
    path.write_bytes(bytes(data))
    _assert_refused(closed_store, KeyMismatch, PASSPHRASE, no_vault)


def test_truncated_store_is_refused(closed_store: Path, no_vault) -> None:
    path = closed_store / "store.db"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    _assert_refused(closed_store, StoreCorrupted, PASSPHRASE, no_vault)


def test_tampered_page_opens_read_only_with_problems(closed_store: Path, no_vault) -> None:
    path = closed_store / "store.db"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))
    before = digest_tree(closed_store)
    store = Store.unlock(closed_store, PASSPHRASE, vault=no_vault)
    try:
        assert store.read_only and store.problems
        from cmc_desktop.data.errors import StoreReadOnly

        with pytest.raises((StoreReadOnly, StoreError)), store.session() as s:
            s.add(AgentRow(pseudo_id="AG-NOUVEAU1", last_name="X", first_name="Y", statut=Statut.TITULAIRE,
                           state=AgentState.ACTIF))
    finally:
        store.close()
    assert digest_tree(closed_store)["store.db"] == before["store.db"]


def test_key_file_is_not_rewritten_by_a_wrong_passphrase(closed_store: Path, no_vault) -> None:
    before = json.loads((closed_store / "store.key").read_text())
    with pytest.raises(WrongPassphrase):
        Store.unlock(closed_store, "mauvaise phrase", vault=no_vault)
    assert json.loads((closed_store / "store.key").read_text()) == before
