"""Password protection: AES-256 through pypdf, readable by pypdf and poppler with the password only."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PasswordType, PdfReader

from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.pdf.annexe import FOOTER
from cmc_desktop.pdf.protect import protect
from cmc_desktop.pdf.synthesis_pdf import render_synthesis
from tests.conftest import MARKER
from tests.pdf.samples import squash, synthesis

PASSWORD = "Hérisson-2026!"


@pytest.fixture(scope="module")
def protected() -> bytes:
    return protect(render_synthesis(synthesis()), PASSWORD)


def test_opens_only_with_the_password(protected: bytes) -> None:
    reader = PdfReader(io.BytesIO(protected))
    assert reader.is_encrypted
    assert reader.decrypt("mauvais mot de passe") is PasswordType.NOT_DECRYPTED
    reader = PdfReader(io.BytesIO(protected))
    assert reader.decrypt(PASSWORD) is PasswordType.USER_PASSWORD
    assert f"{FOOTER} — page 1/" in squash(reader.pages[0].extract_text())
    assert MARKER in squash(reader.pages[0].extract_text())
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def test_uses_aes_256_and_leaves_no_readable_metadata(protected: bytes) -> None:
    encrypt = PdfReader(io.BytesIO(protected)).trailer["/Encrypt"]
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert "Document de synthèse".encode("utf-16-be") not in protected
    assert b"Document de synth" not in protected


def test_owner_password_is_random() -> None:
    pdf = render_synthesis(synthesis(filled=False))
    first = PdfReader(io.BytesIO(protect(pdf, PASSWORD))).trailer["/Encrypt"]["/O"]
    second = PdfReader(io.BytesIO(protect(pdf, PASSWORD))).trailer["/Encrypt"]["/O"]
    assert first != second


@pytest.mark.parametrize("password", ["", "        ", "court", "1234567"])
def test_refuses_an_empty_or_short_password(password: str) -> None:
    with pytest.raises(ValueError, match="au moins 8 caractères"):
        protect(b"%PDF-1.4", password)


def test_refuses_what_is_not_a_pdf_or_already_protected(protected: bytes) -> None:
    with pytest.raises(ValueError, match="n'est pas un PDF lisible"):
        protect(b"pas un pdf du tout", PASSWORD)
    with pytest.raises(ValidationError, match="déjà protégé"):
        protect(protected, PASSWORD)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_poppler_renders_it_with_the_password_only(protected: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "protege.pdf"
    pdf.write_bytes(protected)
    refused = subprocess.run(["pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "no")],
                             capture_output=True, check=False)
    assert refused.returncode != 0 and not list(tmp_path.glob("no*.png"))
    opened = subprocess.run(["pdftoppm", "-upw", PASSWORD, "-r", "20", "-png", str(pdf), str(tmp_path / "yes")],
                            capture_output=True, check=False)
    assert opened.returncode == 0
    assert len(list(tmp_path.glob("yes-*.png"))) == len(PdfReader(io.BytesIO(render_synthesis(synthesis()))).pages)
