"""The key file beside the database: the 256-bit database key wrapped by the phrase secrète, and by the
recovery code when the CMC has one.

Argon2id (cryptography) derives a key-encryption key from the phrase; AES-256-GCM wraps the database key, with
the store id and slot as associated data so a slot cannot be swapped or moved to another store. A second slot,
`pending`, holds a new key while a rekey is under way (see Store.rekey). The `recovery` slot wraps the same
database key under a key derived from the recovery code (recovery_code.py), with its own salt.

Version 2 added the recovery slot; version 1 files (no slot) are still read, and written back as version 2. An
application that knows only version 1 refuses a version 2 file instead of rewriting it without the slot.
"""

import base64
import json
import os
import uuid
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .atomic import write_atomically
from .errors import KeyFileInvalid, WrongPassphrase

FORMAT = "cmc-desktop/keyfile"
VERSION = 2
READABLE_VERSIONS = (1, 2)
# The associated data keeps version 1's label in every version: keys wrapped by a version 1 file still unwrap.
AAD_LABEL = f"{FORMAT}/v1"
MAX_SIZE = 16 * 1024
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def check(self) -> None:
        # Bounds refuse a hostile key file that would make the derivation take hours or all memory.
        if not (8 * 1024 <= self.memory_kib <= 1024 * 1024 and 1 <= self.iterations <= 16
                and 1 <= self.lanes <= 16):
            raise KeyFileInvalid("paramètres de dérivation hors limites")


@dataclass(frozen=True)
class WrappedKey:
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class RecoverySlot:
    """The database key wrapped under the recovery code; `created` is printed on the recovery kit."""

    salt: bytes
    wrapped: WrappedKey
    created: date


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    kdf: KdfParams
    salt: bytes
    key: WrappedKey
    pending: WrappedKey | None = None
    recovery: RecoverySlot | None = None

    def derive_kek(self, passphrase: str) -> bytes:
        return _argon2id(self.kdf, self.salt, passphrase)

    def unwrap(self, kek: bytes, slot: str = "key") -> bytes:
        wrapped = {"key": self.key, "pending": self.pending,
                   "recovery": self.recovery.wrapped if self.recovery else None}[slot]
        if wrapped is None:
            raise KeyFileInvalid("emplacement de clé vide")
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, self._aad(slot))
        except InvalidTag:
            raise WrongPassphrase() from None

    def with_slot(self, kek: bytes, slot: str, raw_key: bytes | None) -> "KeyFile":
        wrapped = None if raw_key is None else _wrap(kek, raw_key, self._aad(slot))
        if slot == "key":
            assert wrapped is not None
            return replace(self, key=wrapped)
        return replace(self, pending=wrapped)

    def recovery_kek(self, code: str) -> bytes:
        """The key-encryption key of the recovery slot, from the code's canonical form (recovery_code.canonical)."""
        if self.recovery is None:
            raise KeyFileInvalid("emplacement de récupération vide")
        return _argon2id(self.kdf, self.recovery.salt, code)

    def with_recovery(self, code: str, raw_key: bytes, created: date) -> "KeyFile":
        """A new recovery slot for `code` (canonical form), replacing (revoking) any previous one."""
        salt = os.urandom(16)
        kek = _argon2id(self.kdf, salt, code)
        return replace(self, recovery=RecoverySlot(salt, _wrap(kek, raw_key, self._aad("recovery")), created))

    def without_recovery(self) -> "KeyFile":
        return replace(self, recovery=None)

    def _aad(self, slot: str) -> bytes:
        return f"{AAD_LABEL}/{self.store_id}/{slot}".encode()

    def save(self, path: Path) -> None:
        document = {
            "format": FORMAT, "version": VERSION, "store_id": self.store_id,
            "kdf": {"algorithm": "argon2id", "memory_kib": self.kdf.memory_kib,
                    "iterations": self.kdf.iterations, "lanes": self.kdf.lanes, "salt": _b64(self.salt)},
            "key": _wrapped_json(self.key),
            "pending": _wrapped_json(self.pending) if self.pending else None,
            "recovery": None if self.recovery is None else {
                "salt": _b64(self.recovery.salt), "created": self.recovery.created.isoformat(),
                **_wrapped_json(self.recovery.wrapped)},
        }
        write_atomically(path, json.dumps(document, indent=2).encode("utf-8"))


def new_keyfile(passphrase: str, raw_key: bytes, kdf: KdfParams) -> tuple["KeyFile", bytes]:
    """A key file for a new store; returns it with its key-encryption key."""
    blank = KeyFile(str(uuid.uuid4()), kdf, os.urandom(16), WrappedKey(b"", b""))
    kek = blank.derive_kek(passphrase)
    return blank.with_slot(kek, "key", raw_key), kek


def rewrapped(keyfile: KeyFile, raw_key: bytes, new_passphrase: str) -> tuple[KeyFile, bytes]:
    """The same database key under a new passphrase and a fresh salt."""
    fresh = replace(keyfile, salt=os.urandom(16), pending=None)
    kek = fresh.derive_kek(new_passphrase)
    return fresh.with_slot(kek, "key", raw_key), kek


# cryptography is imported where it is used: opening with the keyring's key never needs it (~6 MiB, 25 ms).
def _argon2id(kdf: KdfParams, salt: bytes, secret: str) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(salt=salt, length=32, iterations=kdf.iterations, lanes=kdf.lanes,
                    memory_cost=kdf.memory_kib).derive(secret.encode("utf-8"))


def _wrap(kek: bytes, raw_key: bytes, aad: bytes) -> WrappedKey:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return WrappedKey(nonce, AESGCM(kek).encrypt(nonce, raw_key, aad))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _wrapped_json(w: WrappedKey) -> dict[str, str]:
    return {"nonce": _b64(w.nonce), "ciphertext": _b64(w.ciphertext)}


def load_keyfile(path: Path) -> KeyFile:
    """Read and validate a key file; any malformed content raises KeyFileInvalid."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SIZE + 1)
    except OSError as error:
        raise KeyFileInvalid(f"lecture impossible : {error.strerror}") from None
    if len(data) > MAX_SIZE:
        raise KeyFileInvalid("fichier trop volumineux")
    try:
        doc = json.loads(data.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise KeyFileInvalid("format inconnu")
        version = doc.get("version")
        if type(version) is not int or version not in READABLE_VERSIONS:
            raise KeyFileInvalid(f"version {version!r} non prise en charge")
        kdf = doc["kdf"]
        if kdf.get("algorithm") != "argon2id":
            raise KeyFileInvalid("algorithme de dérivation inconnu")
        params = KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
        params.check()
        salt = _unb64(kdf["salt"], minimum=16)
        store_id = str(uuid.UUID(str(doc["store_id"])))
        key = _read_wrapped(doc["key"])
        pending = _read_wrapped(doc["pending"]) if doc.get("pending") is not None else None
        recovery = _read_recovery(doc["recovery"]) if version >= 2 and doc.get("recovery") is not None else None
    except KeyFileInvalid:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, OverflowError, RecursionError):
        raise KeyFileInvalid("contenu malformé") from None
    return KeyFile(store_id, params, salt, key, pending, recovery)


def _read_wrapped(value: object) -> WrappedKey:
    if not isinstance(value, dict):
        raise KeyFileInvalid("clé enveloppée malformée")
    nonce, ciphertext = _unb64(value["nonce"], 12), _unb64(value["ciphertext"], KEY_BYTES + 16)
    if len(nonce) != 12 or len(ciphertext) != KEY_BYTES + 16:
        raise KeyFileInvalid("clé enveloppée de taille inattendue")
    return WrappedKey(nonce, ciphertext)


def _read_recovery(value: object) -> RecoverySlot:
    if not isinstance(value, dict):
        raise KeyFileInvalid("emplacement de récupération malformé")
    created = value["created"]
    if not isinstance(created, str):
        raise KeyFileInvalid("date du code de récupération malformée")
    return RecoverySlot(_unb64(value["salt"], minimum=16), _read_wrapped(value), date.fromisoformat(created))


def _unb64(value: object, minimum: int) -> bytes:
    if not isinstance(value, str) or len(value) > 1024:
        raise KeyFileInvalid("valeur encodée malformée")
    raw = base64.b64decode(value, validate=True)
    if len(raw) < minimum:
        raise KeyFileInvalid("valeur encodée trop courte")
    return raw
