"""The OS keyring, used only when its backend really protects secrets.

Headless Linux gives `keyring.backends.fail` (raises), the `null` backend silently drops what it is given,
and keyrings.alt stores secrets in plaintext files: none may ever hold the database key. A key is trusted
in the keyring only after reading it back.
"""

import contextlib
import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

SERVICE = "cmc-desktop"
log = logging.getLogger(__name__)

SECURE_BACKENDS = frozenset({
    "keyring.backends.Windows.WinVaultKeyring",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.libsecret.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.kwallet.DBusKeyringKWallet4",
})


def _qualified(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


class KeyVault:
    """Stores raw database keys in the keyring under a pseudonymous store id, if the backend is secure."""

    def __init__(self, backend: KeyringBackend | None = None, secure: frozenset[str] = SECURE_BACKENDS):
        self._backend = backend
        self._secure = secure

    def _usable(self) -> KeyringBackend | None:
        backend = self._backend or keyring.get_keyring()
        candidates = getattr(backend, "backends", [backend])  # the chainer tries several backends
        for candidate in candidates:
            if _qualified(candidate) in self._secure:
                return candidate
        return None

    @property
    def available(self) -> bool:
        return self._usable() is not None

    def get(self, store_id: str) -> bytes | None:
        backend = self._usable()
        if backend is None:
            return None
        try:
            value = backend.get_password(SERVICE, store_id)
            return bytes.fromhex(value) if value else None
        except (KeyringError, ValueError) as error:
            log.warning("keyring.read_failed %s", type(error).__name__)
            return None

    def put(self, store_id: str, raw_key: bytes) -> bool:
        """Save a key; True only if it reads back identical."""
        backend = self._usable()
        if backend is None:
            return False
        try:
            backend.set_password(SERVICE, store_id, raw_key.hex())
            return backend.get_password(SERVICE, store_id) == raw_key.hex()
        except KeyringError as error:
            log.warning("keyring.write_failed %s", type(error).__name__)
            return False

    def forget(self, store_id: str) -> None:
        backend = self._usable()
        if backend is None:
            return
        with contextlib.suppress(KeyringError):
            backend.delete_password(SERVICE, store_id)
