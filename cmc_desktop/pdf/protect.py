"""Password protection of an exported PDF with pypdf's AES-256.

reportlab's own AES-256 writes a deprecated revision that poppler and pypdf cannot open (measured), so the
document is rendered first and encrypted here. The owner password is random and never shown: nobody needs
it, and it keeps the permissions from being lifted with a guessable word.
"""

import io
import secrets

from pypdf import PdfReader, PdfWriter

from ..domain.errors import ValidationError

MIN_PASSWORD_LENGTH = 8


class PdfPasswordError(ValidationError, ValueError):
    """A password or document that cannot be used for protection (a ValueError, shown like any rule)."""


def protect(pdf: bytes, password: str) -> bytes:
    """`pdf` encrypted with AES-256: it opens only with `password`."""
    if len(password.strip()) < MIN_PASSWORD_LENGTH:
        raise PdfPasswordError(f"Le mot de passe du PDF doit compter au moins {MIN_PASSWORD_LENGTH} caractères.")
    try:
        reader = PdfReader(io.BytesIO(pdf))
        encrypted = reader.is_encrypted
        writer = None if encrypted else PdfWriter(clone_from=reader)
    except Exception as exc:  # whatever the parser trips on, the input is not a usable PDF
        raise PdfPasswordError("Le document à protéger n'est pas un PDF lisible.") from exc
    if writer is None:
        raise PdfPasswordError("Le document est déjà protégé par un mot de passe.")
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32), algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
