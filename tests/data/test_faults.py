"""Faults while writing (full disk, read-only data directory) and hostile key files.

A failed write gives a clear French message, leaves nothing half-written, and loses nothing written before.
"""

import base64
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from cmc_desktop.data.errors import DiskWriteFailed, KeyFileInvalid, StoreError, StoreReadOnly, WrongPassphrase
from cmc_desktop.data.keyfile import load_keyfile, new_keyfile
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import AgentState, Statut
from cmc_desktop.services.backup import make_backup
from cmc_desktop.services.restore import restore_backup
from cmc_desktop.services.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.services.helpers import tiny_tmpfs

from .helpers import digest_tree

ROOT = Path(__file__).resolve().parent.parent.parent


def _add(store: Store, number: int, notes: str = "") -> None:
    with store.session() as s:
        s.add(AgentRow(pseudo_id=f"AG-{number:08d}", last_name="Nom", first_name="P", statut=Statut.TITULAIRE,
                       state=AgentState.ACTIF, private_notes=notes))


def _numbers(data_dir: Path, vault) -> list[int]:
    """The agents in the store, after checking it is sound."""
    store = Store.unlock(data_dir, PASSPHRASE, vault=vault)
    try:
        assert not store.read_only, store.problems
        with store.session() as s:
            return sorted(int(p[3:]) for p in s.execute(select(AgentRow.pseudo_id)).scalars())
    finally:
        store.close()


def _assert_french(error: StoreError) -> None:
    message = str(error)
    assert message[0].isupper() and "Error" not in message and "SQL" not in message


def test_full_disk_while_writing(tmp_path: Path, no_vault) -> None:
    with tiny_tmpfs(tmp_path / "disque", 1024) as disk:  # a new store (~300 KiB) and its WAL, then little room
        data_dir = disk / "donnees"
        store = Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
        written = 0
        with pytest.raises(DiskWriteFailed) as caught:
            while True:
                _add(store, written, os.urandom(12_000).hex())
                written += 1
        _assert_french(caught.value)
        assert "disque plein" in str(caught.value) and written > 0
        # The CMC frees some space; the store then closes and reopens with every acknowledged write.
        subprocess.run(["mount", "-o", "remount,size=8m", str(disk)], check=True)
        store.close()
        assert _numbers(data_dir, no_vault) == list(range(written))


FSIZE_WRITER = """
import os, resource, signal, sys
from pathlib import Path
from cmc_desktop.data.errors import StoreError
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.agent import AgentState, Statut
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so a write past the limit fails with EFBIG instead of killing
store = Store.unlock(Path(sys.argv[1]), sys.argv[2], vault=KeyVault())
_, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), hard))
n = 0
try:
    while True:
        with store.session() as s:
            s.add(AgentRow(pseudo_id=f"AG-{n:08d}", last_name="Nom", first_name="P", statut=Statut.TITULAIRE,
                           state=AgentState.ACTIF, private_notes=os.urandom(8000).hex()))
        print(n, flush=True)
        n += 1
except StoreError as error:
    print("refus", type(error).__name__, error, flush=True)
resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
store.close()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE n'existe pas sous Windows")
def test_file_size_limit_while_writing(store: Store, data_dir: Path, no_vault) -> None:
    """Where no small file system can be mounted: the writer's files may not grow past a limit."""
    _add(store, 100_000)
    store.close()
    limit = (data_dir / "store.db").stat().st_size + 200_000
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run([sys.executable, "-c", FSIZE_WRITER, str(data_dir), PASSPHRASE, str(limit)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    *acknowledged, verdict = result.stdout.splitlines()
    assert verdict.startswith("refus DiskWriteFailed L'écriture a échoué"), verdict
    assert acknowledged and _numbers(data_dir, no_vault) == [*map(int, acknowledged), 100_000]


@contextmanager
def _read_only(directory: Path) -> Iterator[None]:
    """Make the data directory read-only as the application sees it (root ignores file modes)."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "--bind", str(directory), str(directory)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(directory)], check=True)
            yield
        finally:
            subprocess.run(["umount", str(directory)], check=True)
    else:
        modes = {p: p.stat().st_mode for p in [directory, *directory.iterdir()]}
        for path in modes:
            path.chmod(0o500 if path.is_dir() else 0o400)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)


@pytest.mark.skipif(sys.platform == "win32", reason="modes POSIX et montages")
def test_data_dir_turning_read_only_while_open(store: Store, data_dir: Path, no_vault) -> None:
    _add(store, 1)
    _add(store, 2)
    store.checkpoint()
    with _read_only(data_dir):
        store.engine.dispose()  # the pool opens fresh connections, as it does after any reconnect
        with pytest.raises((StoreReadOnly, DiskWriteFailed)) as caught:
            _add(store, 3)
        _assert_french(caught.value)
        with store.session() as s:  # what was written stays readable
            assert s.execute(select(func.count()).select_from(AgentRow)).scalar_one() == 2
        store.engine.dispose()
    store.close()
    assert _numbers(data_dir, no_vault) == [1, 2]


@pytest.mark.skipif(sys.platform == "win32", reason="modes POSIX et montages")
def test_restore_into_a_read_only_data_dir_changes_nothing(store: Store, data_dir: Path, tmp_path: Path,
                                                           no_vault) -> None:
    _add(store, 1)
    saved = make_backup(Workspace(store), tmp_path / "sauvegardes").path
    store.close()
    before = digest_tree(data_dir)
    with _read_only(data_dir), pytest.raises(DiskWriteFailed) as caught:
        restore_backup(data_dir, saved, PASSPHRASE, no_vault)
    _assert_french(caught.value)
    assert digest_tree(data_dir) == before


# Hostile key files: whatever the mutation, loading raises KeyFileInvalid and nothing else.

RAW_KEY = bytes(range(32))
# One key file for every example: its salt and nonce stay the same, so a mutation can be compared with it.
ORIGINAL, ORIGINAL_KEK = new_keyfile(PASSPHRASE, RAW_KEY, FAST_KDF)


def _valid_keyfile_document(tmp_path: Path) -> dict:
    ORIGINAL.save(tmp_path / "store.key")
    return json.loads((tmp_path / "store.key").read_text())


def _refused_or_harmless(path: Path) -> None:
    """A mutated key file is refused with a French KeyFileInvalid, or it loads: then it is the same key file
    (a change of spacing, 1 written 1.0), or the passphrase does not unwrap anything from it — never another key,
    never another error."""
    try:
        loaded = load_keyfile(path)
    except KeyFileInvalid as error:
        assert "fichier de clé" in str(error)
        return
    if loaded == ORIGINAL:
        assert loaded.unwrap(ORIGINAL_KEK) == RAW_KEY
        return
    kek = ORIGINAL_KEK if (loaded.kdf, loaded.salt) == (ORIGINAL.kdf, ORIGINAL.salt) else loaded.derive_kek(PASSPHRASE)
    for slot in ("key", "pending") if loaded.pending is not None else ("key",):
        with pytest.raises(WrongPassphrase):
            loaded.unwrap(kek, slot)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    | st.binary(max_size=48).map(lambda b: base64.b64encode(b).decode()),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8)
FIELDS = [("format",), ("version",), ("store_id",), ("kdf",), ("kdf", "algorithm"), ("kdf", "memory_kib"),
          ("kdf", "iterations"), ("kdf", "lanes"), ("kdf", "salt"), ("key",), ("key", "nonce"),
          ("key", "ciphertext"), ("pending",)]


@settings(max_examples=200, deadline=None)
@given(field=st.sampled_from(FIELDS), value=JSON_VALUES)
@example(field=("kdf", "memory_kib"), value=float("inf"))
@example(field=("kdf", "iterations"), value=1e300)
def test_key_file_field_mutations_only_raise_key_file_invalid(tmp_path_factory, field, value) -> None:
    directory = tmp_path_factory.mktemp("cle")
    doc = _valid_keyfile_document(directory)
    target = doc
    for part in field[:-1]:
        target = target[part]
    target[field[-1]] = value
    (directory / "store.key").write_text(json.dumps(doc))
    _refused_or_harmless(directory / "store.key")


@settings(max_examples=150, deadline=None)
@given(data=st.data())
@example(data=None)
def test_key_file_byte_mutations_only_raise_key_file_invalid(tmp_path_factory, data) -> None:
    directory = tmp_path_factory.mktemp("cle")
    _valid_keyfile_document(directory)
    raw = bytearray((directory / "store.key").read_bytes())
    if data is None:  # deep nesting within the size limit
        raw = bytearray(b"[" * 15_000)
    else:
        for _ in range(data.draw(st.integers(1, 6))):
            position = data.draw(st.integers(0, len(raw) - 1))
            raw[position] = data.draw(st.integers(0, 255))
        if data.draw(st.booleans()):
            raw = raw[:data.draw(st.integers(0, len(raw)))]
    (directory / "store.key").write_bytes(bytes(raw))
    _refused_or_harmless(directory / "store.key")


@pytest.mark.parametrize("field", [("store_id",), ("kdf", "salt"), ("key", "nonce"), ("key", "ciphertext")])
def test_a_changed_character_in_an_authenticated_value_unwraps_nothing(tmp_path: Path, field) -> None:
    """The file loads (the value is still well formed) but the passphrase no longer unwraps a key: the store id
    is authenticated with the wrapped key, the salt feeds the derivation, nonce and ciphertext are checked."""
    doc = _valid_keyfile_document(tmp_path)
    holder = doc if len(field) == 1 else doc[field[0]]
    value = holder[field[-1]]
    alphabet = "0123456789abcdef" if field == ("store_id",) else "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    position = 1  # not the last characters: base64 padding bits and uuid dashes would change nothing or too much
    holder[field[-1]] = value[:position] + next(c for c in alphabet if c != value[position]) + value[position + 1:]
    (tmp_path / "store.key").write_text(json.dumps(doc))
    loaded = load_keyfile(tmp_path / "store.key")
    assert loaded != ORIGINAL
    _refused_or_harmless(tmp_path / "store.key")


def test_a_refused_key_file_leaves_the_store_untouched(store: Store, data_dir: Path, no_vault) -> None:
    store.close()
    (data_dir / "store.key").write_text(json.dumps({"format": "cmc-desktop/keyfile", "version": 1,
                                                    "kdf": {"algorithm": "argon2id", "memory_kib": 1e400}}))
    before = (data_dir / "store.db").read_bytes()
    with pytest.raises(KeyFileInvalid):
        Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    assert (data_dir / "store.db").read_bytes() == before
