"""The printed document de synthèse: every filled section, footer x/y, metadata, fonts, long texts, big plans."""

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from cmc_desktop.domain.synthesis import Author, PlanAction
from cmc_desktop.domain.synthesis_schema import PHASE_4_NOTE, FieldKind, SynthesisKind, field_specs, rubrics
from cmc_desktop.domain.text import LONG_TEXT_MAX, SHORT_TEXT_MAX
from cmc_desktop.pdf.annexe import FOOTER
from cmc_desktop.pdf.synthesis_pdf import render_synthesis
from tests import annexe2
from tests.conftest import MARKER
from tests.pdf.samples import ACTIONS, NOW, all_text, page_texts, signed_synthesis, squash, synthesis


@pytest.mark.parametrize("kind", list(SynthesisKind))
def test_every_filled_field_is_printed_with_its_number_and_label(kind: SynthesisKind) -> None:
    document = synthesis(kind)
    text = all_text(render_synthesis(document))
    for key, spec in field_specs(kind).items():
        assert squash(spec.label) in text, spec.label
        value = document.text(key)
        if value:
            assert squash(value) in text, key
        if spec.number:
            assert f"{spec.number} {squash(spec.label)}" in text
    for action in ACTIONS:
        assert action.title in text and action.duree in text and action.date_realisation in text
        assert all(step in text for step in action.steps)


def test_bpp_prints_the_annexe_2_model_word_for_word_in_its_order() -> None:
    """Rule: every number (with its final period), label and hint of the model, as printed, in its order; the
    model's title for a collective bilan; the 3.1. of phase 4 printed 4.1. with the note that says so."""
    text = annexe2.normalise(all_text(render_synthesis(synthesis(filled=False))))
    assert annexe2.missing_from(text) == []
    assert all(f"{label} :" in text for label in annexe2.labels())  # the blank steps too
    assert annexe2.normalise(PHASE_4_NOTE) in text


def test_an_individual_bilan_is_not_titled_collective() -> None:
    document = synthesis()
    document.collective = False
    text = all_text(render_synthesis(document))
    assert "Bilan de parcours professionnel collectif" not in text and "Bilan de parcours professionnel" in text


def test_footer_on_every_page_with_its_number_and_the_total() -> None:
    long = synthesis()
    long.set_text("2.1.0", "Texte de longue haleine pour remplir des pages. " * 400, Author.AGENT, NOW)
    pages = page_texts(render_synthesis(long))
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        assert f"{FOOTER} — page {number}/{len(pages)}" in squash(page)


def test_metadata_name_the_document_not_the_agent() -> None:
    reader = PdfReader(io.BytesIO(render_synthesis(synthesis(), title="Document de synthèse")))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Document de synthèse"
    assert meta.subject == SynthesisKind.BPP.label
    assert meta.author in ("", "cmc-desktop", None)
    assert all(MARKER not in str(value) for value in meta.values())
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def test_fonts_are_embedded_truetype() -> None:
    reader = PdfReader(io.BytesIO(render_synthesis(synthesis())))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert any("LiberationSans" in name for name in names)
    assert not any("Helvetica" in name for name in names)


def test_accents_narrow_spaces_markup_characters_and_fallback_glyphs() -> None:
    document = synthesis()
    tricky = "Zoé, Œuvray & fils <b>pas du gras</b> — « citation\u202f» ✓ ☐"
    document.set_text("2.3.3", tricky, Author.AGENT, NOW)
    question = "Vraiment\u202f? " * 120
    document.set_text("2.2.3", question, Author.AGENT, NOW)
    data = render_synthesis(document)
    text = all_text(data)
    assert squash(tricky) in text
    # reportlab breaks lines at U+202F: drawn as a no-break space, a line never starts with « ? ».
    lines = [line.strip() for page in page_texts(data) for line in page.splitlines()]
    assert not any(line.startswith("?") for line in lines)
    assert text.count("Vraiment ?") == 120


def test_a_field_at_the_size_limit_flows_over_pages() -> None:
    document = synthesis()
    words = "Lorem ipsum <dolor> & sit amet, consectetur adipiscing elit; "
    long = ("DÉBUT " + words * (LONG_TEXT_MAX // len(words) + 1))[: LONG_TEXT_MAX - 4] + " FIN"
    assert len(long) == LONG_TEXT_MAX
    document.set_text("2.5", long, Author.AGENT, NOW)
    document.set_text("2.1.2", "x" * 5000, Author.AGENT, NOW)  # one word longer than a line
    data = render_synthesis(document)
    pages = page_texts(data)
    assert len(pages) > 12
    text = squash(" ".join(pages))
    assert "DÉBUT Lorem ipsum <dolor> & sit amet" in text
    assert text.endswith(f"{FOOTER} — page {len(pages)}/{len(pages)}")
    assert text.count("<dolor>") == long.count("<dolor>")
    assert long.count("<dolor>") > 700 and " FIN " in text


def test_a_plan_of_12_actions_splits_with_its_header_row_repeated() -> None:
    document = synthesis()
    actions = [PlanAction(f"Action numéro {n:02d} " + "intitulé développé " * 9, "durée détaillée " * 12,
                          f"jalon {n:02d} " + "échéance précisée " * 10, [f"étape unique {n:02d}"])
               for n in range(1, 13)]
    assert all(len(a.duree) <= SHORT_TEXT_MAX for a in actions)
    document.set_actions(actions, Author.AGENT, NOW)
    pages = [squash(page) for page in page_texts(render_synthesis(document))]
    table_pages = [page for page in pages if re.search(r"jalon \d\d", page)]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "Intitulé de l'action Durée Date de réalisation" in page
    assert all(any(f"jalon {n:02d}" in page for page in table_pages) for n in range(1, 13))


def test_an_empty_document_prints_blank_boxes_and_lines_to_fill_by_hand() -> None:
    data = render_synthesis(synthesis(filled=False))
    text = all_text(data)
    for spec in field_specs(SynthesisKind.BPP).values():
        assert squash(spec.label) in text
    # The four actions of the template, each with blank steps named as the model names them.
    assert [text.count(f"étape 1 action {n} :") for n in range(1, 6)] == [1, 1, 1, 1, 0]
    assert "Nom : Date : Signature :" in text and "non renseigné" not in text


def test_the_finalised_document_says_non_renseigne_instead_of_blank_lines() -> None:
    """Rule: finalised by the agent, the PDF prints « non renseigné » where nothing was written."""
    document = synthesis(filled=False)
    document.set_text("1.1", "Changer de métier", Author.AGENT, NOW)
    document.finalise(date(2026, 11, 16))
    text = all_text(render_synthesis(document))
    assert "Changer de métier" in text
    empty = [r for r in rubrics(SynthesisKind.BPP) if r.key != "1.1"]
    short = [spec for spec in field_specs(SynthesisKind.BPP).values() if spec.kind is not FieldKind.TEXT]
    assert text.count("non renseigné") >= len(empty) + len(short)
    assert "étape 1 action 1" not in text  # no blank lines to fill in


def test_cosignature_shows_names_and_dates_once_signed() -> None:
    text = all_text(render_synthesis(signed_synthesis()))
    assert "Finalisé par l'agent le 08/06/2026" in text
    assert "Nom : Capucine Fictivelle Date : 09/06/2026" in text
    assert "Nom : Alex Conseil Date : 10/06/2026" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_poppler_renders_every_page(tmp_path: Path) -> None:
    pdf = tmp_path / "synthese.pdf"
    pdf.write_bytes(render_synthesis(synthesis()))
    result = subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stderr
    assert len(list(tmp_path.glob("page-*.png"))) == len(page_texts(pdf.read_bytes()))
