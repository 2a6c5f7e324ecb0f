"""The recovery code: its form, its slot in the key file (format version 2, version 1 still read), recovery,
replacement (the old code is revoked) and rekey (revokes it)."""

import json
import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from cmc_desktop.data import recovery_code
from cmc_desktop.data.errors import (
    KeyFileInvalid,
    NoRecoveryCode,
    RecoveryCodeMalformed,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from cmc_desktop.data.keyfile import load_keyfile
from cmc_desktop.data.store import Store
from tests.conftest import PASSPHRASE

from .helpers import digest_tree

NEW = "une phrase secrète toute neuve"
TODAY = date(2026, 11, 16)


def test_a_code_has_more_than_128_random_bits_in_groups_easy_to_copy() -> None:
    codes = {recovery_code.generate() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4] * 7
        assert set("".join(groups)) <= set(recovery_code.ALPHABET) and not set("ILOU") & set(code)
    assert recovery_code.RANDOM_CHARS * math.log2(len(recovery_code.ALPHABET)) >= 128


def test_a_code_is_read_back_however_it_is_typed() -> None:
    code = recovery_code.generate()
    body = recovery_code.canonical(code)
    assert len(body) == 26
    for typed in (code.lower(), code.replace("-", " "), code.replace("-", ""), f"  {code}\n",
                  code.replace("0", "O").replace("1", "l")):
        assert recovery_code.canonical(typed) == body


def test_a_slip_of_the_pen_is_caught_before_any_key_derivation() -> None:
    """Every one-character substitution and every swap of two neighbours, on a few codes: the 10 check bits let
    about 1 in 1,000 through (it then fails at the key, as a wrong code)."""
    typos = passed = 0
    for _ in range(5):
        code = recovery_code.generate().replace("-", "")
        variants = [code[:i] + c + code[i + 1:] for i in range(len(code)) for c in recovery_code.ALPHABET
                    if c != code[i]]
        variants += [code[:i] + code[i + 1] + code[i] + code[i + 2:] for i in range(len(code) - 1)
                     if code[i] != code[i + 1]]
        for typo in variants:
            typos += 1
            try:
                recovery_code.canonical(typo)
                passed += 1
            except RecoveryCodeMalformed:
                pass
    assert typos > 4000 and passed / typos < 0.01


@pytest.mark.parametrize(("typed", "detail"), [
    ("ABCD-EFGH-JKMN", "il en a été saisi 12."),
    ("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-234U", "jamais « U »."),
])
def test_malformed_codes_say_what_is_wrong(typed: str, detail: str) -> None:
    with pytest.raises(RecoveryCodeMalformed) as caught:
        recovery_code.canonical(typed)
    assert detail in str(caught.value)


@pytest.fixture
def with_code(store: Store, data_dir: Path) -> str:
    code = store.set_recovery_code(PASSPHRASE, TODAY)
    store.close()
    return code


def test_the_code_opens_the_store_and_sets_a_new_passphrase(with_code: str, data_dir: Path, no_vault) -> None:
    store = Store.recover(data_dir, with_code, NEW, vault=no_vault)
    key = store.raw_key
    store.close()
    with pytest.raises(WrongPassphrase):
        Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    reopened = Store.unlock(data_dir, NEW, vault=no_vault)
    assert reopened.raw_key == key and reopened.recovery_code_created == TODAY  # the code stays valid
    reopened.close()
    Store.recover(data_dir, with_code, PASSPHRASE, vault=no_vault).close()


def test_the_key_file_holds_neither_code_nor_key(with_code: str, data_dir: Path) -> None:
    text = (data_dir / "store.key").read_text()
    doc = json.loads(text)
    assert doc["version"] == 2 and doc["recovery"]["created"] == "2026-11-16"
    assert with_code not in text and recovery_code.canonical(with_code) not in text


def test_a_wrong_or_weak_recovery_changes_nothing(with_code: str, data_dir: Path, no_vault) -> None:
    before = digest_tree(data_dir)
    other = recovery_code.generate()
    with pytest.raises(WrongRecoveryCode):
        Store.recover(data_dir, other, NEW, vault=no_vault)
    with pytest.raises(WeakPassphrase):
        Store.recover(data_dir, with_code, "courte", vault=no_vault)
    with pytest.raises(RecoveryCodeMalformed):
        Store.recover(data_dir, with_code[:-1], NEW, vault=no_vault)
    assert digest_tree(data_dir) == before


def test_a_new_code_revokes_the_old_one(with_code: str, data_dir: Path, no_vault) -> None:
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    with pytest.raises(WrongPassphrase):
        store.set_recovery_code("pas la bonne phrase", TODAY)  # an unattended window is not enough
    newer = store.set_recovery_code(PASSPHRASE, date(2026, 12, 1))
    store.close()
    with pytest.raises(WrongRecoveryCode):
        Store.recover(data_dir, with_code, NEW, vault=no_vault)
    Store.recover(data_dir, newer, NEW, vault=no_vault).close()


def test_changing_the_passphrase_keeps_the_code(with_code: str, data_dir: Path, no_vault) -> None:
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    store.change_passphrase(PASSPHRASE, NEW)
    store.close()
    Store.recover(data_dir, with_code, "encore une autre phrase", vault=no_vault).close()


def test_rekey_revokes_the_code(with_code: str, data_dir: Path, no_vault) -> None:
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    store.rekey(PASSPHRASE, vault=no_vault)
    assert store.recovery_code_created is None
    store.close()
    with pytest.raises(NoRecoveryCode):
        Store.recover(data_dir, with_code, NEW, vault=no_vault)


def test_a_version_1_key_file_still_opens_and_takes_a_code(store: Store, data_dir: Path, no_vault) -> None:
    store.close()
    doc = json.loads((data_dir / "store.key").read_text())
    doc["version"] = 1
    del doc["recovery"]
    (data_dir / "store.key").write_text(json.dumps(doc))
    old = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    assert old.recovery_code_created is None
    with pytest.raises(NoRecoveryCode):
        Store.recover(data_dir, recovery_code.generate(), NEW, vault=no_vault)
    code = old.set_recovery_code(PASSPHRASE, TODAY)
    old.close()
    assert json.loads((data_dir / "store.key").read_text())["version"] == 2
    Store.recover(data_dir, code, NEW, vault=no_vault).close()


def test_the_recovery_slot_cannot_stand_for_the_key_slot(with_code: str, data_dir: Path) -> None:
    keyfile = load_keyfile(data_dir / "store.key")
    assert keyfile.recovery is not None
    moved = replace(keyfile, key=keyfile.recovery.wrapped)
    with pytest.raises(WrongPassphrase):
        moved.unwrap(keyfile.recovery_kek(recovery_code.canonical(with_code)))


@pytest.mark.parametrize("mutate", [
    lambda d: d["recovery"].update(salt="!!!"),
    lambda d: d["recovery"].update(ciphertext="AAAA"),
    lambda d: d["recovery"].update(created=20261116),
    lambda d: d["recovery"].update(created="hier"),
    lambda d: d.update(recovery=["liste"]),
    lambda d: d["recovery"].pop("nonce"),
    lambda d: d.update(version=True),
])
def test_a_malformed_recovery_slot_is_refused(with_code: str, data_dir: Path, mutate) -> None:
    doc = json.loads((data_dir / "store.key").read_text())
    mutate(doc)
    (data_dir / "store.key").write_text(json.dumps(doc))
    with pytest.raises(KeyFileInvalid):
        load_keyfile(data_dir / "store.key")
