"""The OS keyring, used only when its backend really protects secrets.

Headless Linux gives `keyring.backends.fail` (raises), the `null` backend silently drops what it is given,
and keyrings.alt stores secrets in plaintext files: none may ever hold the database key. A key is trusted
in the keyring only after reading it back.

`keyring` is imported on first use, not with this module: its import and the discovery of the desktop's
backend (D-Bus Secret Service, Windows vault…) cost ~80 ms and ~10 MiB, which the window's first paint does
not wait for (see ui/app.py).
"""

import contextlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

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


def _qualified(backend: "KeyringBackend") -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


class KeyVault:
    """Stores raw database keys in the keyring under a pseudonymous store id, if the backend is secure."""

    def __init__(self, backend: "KeyringBackend | None" = None, secure: frozenset[str] = SECURE_BACKENDS):
        self._backend = backend
        self._secure = secure

    def _usable(self) -> "KeyringBackend | None":
        if not self._secure:  # turned off by the CMC: not even a look at the keyring
            return None
        import keyring

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
        from keyring.errors import KeyringError

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
        from keyring.errors import KeyringError

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
        from keyring.errors import KeyringError

        with contextlib.suppress(KeyringError):
            backend.delete_password(SERVICE, store_id)


def effective_vault(vault: KeyVault, enabled: bool) -> KeyVault:
    """`vault`, or one that never stores nor returns a key when the CMC turned the keyring off."""
    return vault if enabled else KeyVault(secure=frozenset())
