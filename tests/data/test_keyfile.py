"""The key file: wrapping, versioned format, refusal of malformed or hostile files."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmc_desktop.data.errors import KeyFileInvalid, WrongPassphrase
from cmc_desktop.data.keyfile import load_keyfile, new_keyfile, rewrapped
from tests.conftest import FAST_KDF

RAW = bytes(range(32))


def test_round_trip_unwraps_the_same_key(tmp_path: Path) -> None:
    keyfile, _ = new_keyfile("une phrase assez longue", RAW, FAST_KDF)
    keyfile.save(tmp_path / "store.key")
    loaded = load_keyfile(tmp_path / "store.key")
    assert loaded.unwrap(loaded.derive_kek("une phrase assez longue")) == RAW
    assert RAW.hex() not in (tmp_path / "store.key").read_text()


def test_wrong_passphrase_is_refused() -> None:
    keyfile, _ = new_keyfile("une phrase assez longue", RAW, FAST_KDF)
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap(keyfile.derive_kek("une autre phrase"))


def test_rewrap_changes_salt_and_keeps_key() -> None:
    keyfile, _ = new_keyfile("ancienne phrase longue", RAW, FAST_KDF)
    new, _ = rewrapped(keyfile, RAW, "nouvelle phrase longue")
    assert new.salt != keyfile.salt and new.store_id == keyfile.store_id
    assert new.unwrap(new.derive_kek("nouvelle phrase longue")) == RAW
    with pytest.raises(WrongPassphrase):
        new.unwrap(new.derive_kek("ancienne phrase longue"))


def test_slots_cannot_be_swapped() -> None:
    keyfile, kek = new_keyfile("une phrase assez longue", RAW, FAST_KDF)
    with_pending = keyfile.with_slot(kek, "pending", bytes(32))
    from dataclasses import replace

    swapped = replace(with_pending, key=with_pending.pending)
    with pytest.raises(WrongPassphrase):
        swapped.unwrap(kek)


def _saved(tmp_path: Path) -> dict:
    keyfile, _ = new_keyfile("une phrase assez longue", RAW, FAST_KDF)
    keyfile.save(tmp_path / "store.key")
    return json.loads((tmp_path / "store.key").read_text())


@pytest.mark.parametrize("mutate", [
    lambda d: d.update(format="autre"),
    lambda d: d.update(version=99),
    lambda d: d["kdf"].update(memory_kib=10**9),
    lambda d: d["kdf"].update(iterations=10**6),
    lambda d: d["kdf"].update(algorithm="pbkdf2"),
    lambda d: d["kdf"].update(salt="!!!"),
    lambda d: d.update(store_id="pas-un-uuid"),
    lambda d: d["key"].update(ciphertext="AAAA"),
    lambda d: d.pop("key"),
])
def test_malformed_key_files_are_refused(tmp_path: Path, mutate) -> None:
    doc = _saved(tmp_path)
    mutate(doc)
    (tmp_path / "store.key").write_text(json.dumps(doc))
    with pytest.raises(KeyFileInvalid) as caught:
        load_keyfile(tmp_path / "store.key")
    assert "fichier de clé" in str(caught.value)


def test_oversized_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "store.key").write_bytes(b" " * 100_000)
    with pytest.raises(KeyFileInvalid):
        load_keyfile(tmp_path / "store.key")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_only_raise_key_file_invalid(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("k") / "store.key"
    path.write_bytes(data)
    with pytest.raises(KeyFileInvalid):
        load_keyfile(path)


@settings(max_examples=150, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=40),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10),
                                                                                       children, max_size=5),
                    max_leaves=20))
def test_arbitrary_json_only_raises_key_file_invalid(tmp_path_factory, doc) -> None:
    path = tmp_path_factory.mktemp("k") / "store.key"
    path.write_text(json.dumps({"format": "cmc-desktop/keyfile", "version": 1, "kdf": doc, "key": doc}))
    with pytest.raises(KeyFileInvalid):
        load_keyfile(path)
