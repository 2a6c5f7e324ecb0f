"""The CMC's profile at the top of every PDF and in the attestation's identity block; nothing for an empty
profile; the logo drawn from the stored PNG."""

from datetime import UTC, date, datetime

from pypdf import PdfReader

from cmc_desktop.domain.profile import CmcProfile
from cmc_desktop.pdf.receipt import DestructionReceipt, render_destruction_receipt
from cmc_desktop.pdf.synthesis_pdf import render_synthesis
from tests.pdf.samples import all_text, page_texts, synthesis

PROFILE = CmcProfile(last_name="Lefèvre", first_name="Anne", function="Conseillère mobilité-carrière",
                     service="Plateforme RH de Lyon", administration="Ministère de l'Économie",
                     address="12 rue de la Charité\n69002 Lyon", phone="04 72 00 00 00",
                     email="anne.lefevre@finances.gouv.fr")
RECEIPT = DestructionReceipt("DS-7K2M9Q", "Agent fictif", date(2026, 11, 2), "l'agent",
                             datetime(2026, 11, 16, 9, 30, tzinfo=UTC), ["le document de synthèse"])


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "#000091").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_synthesis_carries_the_letterhead_on_its_first_page_only() -> None:
    pages = page_texts(render_synthesis(synthesis(), profile=PROFILE))
    for expected in ("Anne LEFÈVRE", "Plateforme RH de Lyon", "69002 Lyon",
                     "04 72 00 00 00 · anne.lefevre@finances.gouv.fr"):
        assert expected in pages[0]
    assert all("anne.lefevre" not in page for page in pages[1:])
    assert "LEFÈVRE" not in all_text(render_synthesis(synthesis()))


def test_the_attestation_names_the_cmc_under_her_signature() -> None:
    text = all_text(render_destruction_receipt(RECEIPT, PROFILE))
    assert "Nom : Anne LEFÈVRE" in text and "Conseillère mobilité-carrière" in text
    blank = all_text(render_destruction_receipt(RECEIPT))
    assert "Nom :" in blank and "LEFÈVRE" not in blank


def test_the_logo_is_drawn_and_an_empty_profile_adds_nothing() -> None:
    from dataclasses import replace

    from cmc_desktop.pdf.pages import build_pdf

    with_logo = PdfReader(__import__("io").BytesIO(build_pdf([], title="t", subject="s", footer="f",
                                                              profile=replace(PROFILE, logo_png=_png()))))
    assert with_logo.pages[0]["/Resources"]["/XObject"]
    assert "LEFÈVRE" not in all_text(build_pdf([], title="t", subject="s", footer="f", profile=CmcProfile()))
