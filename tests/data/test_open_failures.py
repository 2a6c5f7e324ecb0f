"""An open that fails leaves the folder exactly as it was — not even an empty -wal or -shm beside the database —
and says what is really wrong: a read-only folder or a full disk is not damage, and is not reported as such."""

import json
import os
import sys
from pathlib import Path

import pytest

from cmc_desktop.data.errors import (
    DataDirNotADirectory,
    DataDirReadOnly,
    DiskFull,
    KeyMismatch,
    NotAStore,
    PassphraseRequired,
    StoreCorrupted,
    StoreError,
    StoreTooNew,
)
from cmc_desktop.data.store import Store
from tests.conftest import FAST_KDF, PASSPHRASE, MemoryKeyring, secure_vault
from tests.services.helpers import tiny_tmpfs

from .helpers import digest_tree, names, read_only_folder


@pytest.fixture
def closed(store: Store, data_dir: Path) -> Path:
    store.close()
    assert names(data_dir) == ["store.db", "store.key"]
    return data_dir


def _refused(data_dir: Path, expected: type[StoreError], no_vault, passphrase: str | None = PASSPHRASE) -> str:
    before_names, before = names(data_dir), digest_tree(data_dir)
    with pytest.raises(expected) as caught:
        Store.unlock(data_dir, passphrase, vault=no_vault)
    assert names(data_dir) == before_names and digest_tree(data_dir) == before
    return str(caught.value)


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_damaged_first_page_creates_nothing(closed: Path, no_vault) -> None:
    _flip(closed / "store.db", 100)
    _refused(closed, KeyMismatch, no_vault)


def test_a_truncated_store_creates_nothing(closed: Path, no_vault) -> None:
    path = closed / "store.db"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    _refused(closed, StoreCorrupted, no_vault)


def test_a_stale_keyring_key_creates_nothing(closed: Path) -> None:
    keyring = MemoryKeyring()
    vault = secure_vault(keyring)
    store_id = json.loads((closed / "store.key").read_text())["store_id"]
    vault.put(store_id, os.urandom(32))
    _refused(closed, PassphraseRequired, vault, passphrase=None)


def test_a_store_of_another_application_creates_nothing(closed: Path, no_vault) -> None:
    (closed / "store.db").write_bytes(b"SQLite format 3\x00" + bytes(8192))
    _refused(closed, NotAStore, no_vault)


def test_a_store_from_a_newer_version_leaves_no_sidecar(store: Store, data_dir: Path, no_vault) -> None:
    with store.session() as s:
        s.connection().exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    store.close()
    _refused(data_dir, StoreTooNew, no_vault)


@pytest.mark.skipif(sys.platform == "win32", reason="montages et modes POSIX")
def test_a_read_only_folder_is_said_as_such_not_as_damage(closed: Path, no_vault) -> None:
    """It was reported as « base endommagée ou tronquée … restaurez une sauvegarde »."""
    with read_only_folder(closed):
        message = _refused(closed, DataDirReadOnly, no_vault)
    assert "lecture seule" in message and "Rien n'est endommagé" in message and "restaur" not in message
    Store.unlock(closed, PASSPHRASE, vault=no_vault).close()  # writable again: it opens


def test_a_full_disk_is_said_as_such_not_as_damage(tmp_path: Path, no_vault) -> None:
    with tiny_tmpfs(tmp_path / "disque", 1024) as disk:
        data_dir = disk / "donnees"
        Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF).close()
        filler = disk / "remplissage"
        fill(filler)
        message = _refused(data_dir, DiskFull, no_vault)
        assert "plein" in message and "Rien n'est endommagé" in message and "restaur" not in message
        filler.unlink()
        Store.unlock(data_dir, PASSPHRASE, vault=no_vault).close()


def fill(filler: Path) -> None:
    """Write zeros until the disk is full."""
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, bytes(4096))
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_data_dir_that_is_a_file_is_refused(tmp_path: Path, no_vault) -> None:
    a_file = tmp_path / "fichier"
    a_file.write_bytes(b"rien")
    with pytest.raises(DataDirNotADirectory):
        Store.unlock(a_file, PASSPHRASE, vault=no_vault)
    with pytest.raises(DataDirNotADirectory):
        Store.create(a_file, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    assert a_file.read_bytes() == b"rien"
