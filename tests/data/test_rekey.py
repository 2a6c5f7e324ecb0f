"""Passphrase change leaves the database untouched; a rekey survives being killed at any point."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cmc_desktop.data import engine as db
from cmc_desktop.data.errors import WrongPassphrase
from cmc_desktop.data.keyfile import load_keyfile
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import AgentState, Statut
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "nouvelle phrase de récupération"


def _fill(store: Store, count: int = 50) -> None:
    with store.session() as s:
        for i in range(count):
            s.add(AgentRow(pseudo_id=f"AG-{i:08d}", last_name=f"Nom{i}", first_name="P",
                           statut=Statut.TITULAIRE, state=AgentState.ACTIF))


def _count(store: Store) -> int:
    with store.session() as s:
        return s.execute(select(func.count()).select_from(AgentRow)).scalar_one()


def test_passphrase_change_keeps_database_bytes(store: Store, data_dir: Path, no_vault) -> None:
    _fill(store)
    store.checkpoint()
    db_before = (data_dir / "store.db").read_bytes()
    store.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    assert (data_dir / "store.db").read_bytes() == db_before
    store.close()
    with pytest.raises(WrongPassphrase):
        Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    reopened = Store.unlock(data_dir, NEW_PASSPHRASE, vault=no_vault)
    assert _count(reopened) == 50
    reopened.close()


def test_passphrase_change_needs_the_current_one(store: Store) -> None:
    with pytest.raises(WrongPassphrase):
        store.change_passphrase("pas la bonne phrase", NEW_PASSPHRASE)


def test_rekey_changes_the_key_and_keeps_data(store: Store, data_dir: Path, no_vault) -> None:
    _fill(store)
    old_key = store.raw_key
    store.rekey(PASSPHRASE)
    assert store.raw_key != old_key and _count(store) == 50
    store.close()
    assert not db.is_key_valid(data_dir / "store.db", old_key)
    reopened = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    assert _count(reopened) == 50 and load_keyfile(data_dir / "store.key").pending is None
    reopened.close()


def test_interrupted_before_pragma_rekey(store: Store, data_dir: Path, no_vault) -> None:
    _fill(store)
    keyfile = store.keyfile
    kek = keyfile.derive_kek(PASSPHRASE)
    keyfile.with_slot(kek, "pending", os.urandom(32)).save(data_dir / "store.key")
    store.close()
    reopened = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    assert _count(reopened) == 50 and reopened.keyfile.pending is None
    reopened.close()


def test_interrupted_after_pragma_rekey(store: Store, data_dir: Path, no_vault) -> None:
    _fill(store)
    keyfile, old_key, new_key = store.keyfile, store.raw_key, os.urandom(32)
    kek = keyfile.derive_kek(PASSPHRASE)
    keyfile.with_slot(kek, "pending", new_key).save(data_dir / "store.key")
    store.close()
    conn = db.raw_connect(data_dir / "store.db", old_key)
    conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    conn.close()
    reopened = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    assert reopened.raw_key == new_key and _count(reopened) == 50
    assert load_keyfile(data_dir / "store.key").pending is None
    reopened.close()


REKEY_LOOP = """
import sys
from pathlib import Path
from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
store = Store.unlock(Path(sys.argv[1]), sys.argv[2], vault=KeyVault())
print("ready", flush=True)
while True:
    store.rekey(sys.argv[2], vault=KeyVault())
"""


def test_rekey_killed_at_random_points_always_reopens(store: Store, data_dir: Path, no_vault) -> None:
    _fill(store, 2000)
    store.close()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    for delay in (0.0, 0.01, 0.03, 0.05, 0.08, 0.12, 0.2, 0.3):
        proc = subprocess.Popen([sys.executable, "-c", REKEY_LOOP, str(data_dir), PASSPHRASE],
                                stdout=subprocess.PIPE, env=env)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)  # where the kill lands is the point of the test, not a wait for a result
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reopened = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
        assert not reopened.read_only
        assert _count(reopened) == 2000
        reopened.close()
