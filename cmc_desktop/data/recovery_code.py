"""The recovery code: what opens the store when the phrase secrète is forgotten and no keyring holds the key.

130 random bits written as 26 characters of Crockford's base 32 (digits and capitals without I, L, O, U, so
nothing reads as something else on paper), then 2 check characters so that a slip of the pen is caught before
the slow key derivation runs: 28 characters in 7 groups of 4, « 7KQ2-9XHM-… », read back whatever the case,
spaces or dashes, with O for 0 and I or L for 1. The check characters are a typing aid, not a protection: the
code's strength is its 130 random bits, wrapped like the phrase secrète (Argon2id, see keyfile.py).
"""

import hashlib
import secrets

from .errors import RecoveryCodeMalformed

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_CHARS = 26  # 26 × 5 = 130 bits
CHECK_CHARS = 2
GROUP = 4
LENGTH = RANDOM_CHARS + CHECK_CHARS
_READ_AS = {"O": "0", "I": "1", "L": "1"}


def generate() -> str:
    """A new code, grouped for writing down."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_CHARS))
    return grouped(body + _check(body))


def grouped(code: str) -> str:
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def canonical(typed: str) -> str:
    """The 26 random characters of a typed code (what the key derivation takes), or RecoveryCodeMalformed."""
    chars = [_READ_AS.get(c, c) for c in typed.upper() if not c.isspace() and c != "-"]
    unknown = sorted({c for c in chars if c not in ALPHABET})
    if unknown:
        listed = ", ".join(f"« {c} »" for c in unknown)
        raise RecoveryCodeMalformed(f"il ne comporte que des chiffres et des lettres, jamais {listed}.")
    if len(chars) != LENGTH:
        raise RecoveryCodeMalformed(f"il compte {LENGTH} caractères en {LENGTH // GROUP} groupes de {GROUP}, "
                                    f"il en a été saisi {len(chars)}.")
    body, check = "".join(chars[:RANDOM_CHARS]), "".join(chars[RANDOM_CHARS:])
    if check != _check(body):
        raise RecoveryCodeMalformed("un caractère au moins ne correspond pas (faute de frappe ou caractère "
                                    "oublié).")
    return body


def _check(body: str) -> str:
    digest = int.from_bytes(hashlib.sha256(body.encode("ascii")).digest()[:2], "big")
    return ALPHABET[digest >> 11] + ALPHABET[(digest >> 6) & 31]
