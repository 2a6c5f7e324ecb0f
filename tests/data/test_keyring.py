"""The key goes to the keyring only when the backend is secure and reads it back; None never means new store."""

from pathlib import Path

import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.backend import KeyringBackend

from cmc_desktop.data.errors import PassphraseRequired
from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import SERVICE, KeyVault
from tests.conftest import FAST_KDF, PASSPHRASE, MemoryKeyring, secure_vault

from .helpers import digest_tree


def test_secure_keyring_unlocks_silently(data_dir: Path, memory_keyring: MemoryKeyring) -> None:
    vault = secure_vault(memory_keyring)
    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    stored = memory_keyring.secrets
    assert len(stored) == 1 and next(iter(stored))[0] == SERVICE
    store = Store.unlock(data_dir, None, vault=vault)
    assert not store.read_only
    store.close()


def test_keyring_username_is_pseudonymous(data_dir: Path, memory_keyring: MemoryKeyring) -> None:
    store = Store.create(data_dir, PASSPHRASE, vault=secure_vault(memory_keyring), kdf=FAST_KDF)
    (_service, username), = memory_keyring.secrets
    assert username == store.store_id
    store.close()


def test_fail_backend_is_never_used(data_dir: Path) -> None:
    vault = KeyVault(keyring.backends.fail.Keyring())
    assert not vault.available
    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    with pytest.raises(PassphraseRequired):
        Store.unlock(data_dir, None, vault=vault)
    Store.unlock(data_dir, PASSPHRASE, vault=vault).close()


def test_null_backend_is_refused_and_data_survive(data_dir: Path) -> None:
    vault = KeyVault(keyring.backends.null.Keyring())
    store = Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF)
    store.close()
    before = digest_tree(data_dir)
    with pytest.raises(PassphraseRequired):
        Store.unlock(data_dir, None, vault=vault)
    assert digest_tree(data_dir) == before


def test_a_backend_that_drops_secrets_is_detected_by_read_back(data_dir: Path) -> None:
    class DroppingKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service, username):
            return None

        def set_password(self, service, username, password):
            pass

        def delete_password(self, service, username):
            pass

    vault = secure_vault(DroppingKeyring())
    assert vault.put("id", bytes(32)) is False
    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    with pytest.raises(PassphraseRequired):
        Store.unlock(data_dir, None, vault=vault)


def test_unknown_or_plaintext_backends_are_not_trusted() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    assert not KeyVault(PlaintextKeyring()).available
    assert not KeyVault(MemoryKeyring()).available


def test_stale_keyring_key_falls_back_to_passphrase(data_dir: Path, memory_keyring: MemoryKeyring) -> None:
    vault = secure_vault(memory_keyring)
    store = Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF)
    store.close()
    key = next(iter(memory_keyring.secrets))
    memory_keyring.secrets[key] = "00" * 32
    with pytest.raises(PassphraseRequired):
        Store.unlock(data_dir, None, vault=vault)
    Store.unlock(data_dir, PASSPHRASE, vault=vault).close()
    Store.unlock(data_dir, None, vault=vault).close()  # the passphrase unlock refreshed the keyring
