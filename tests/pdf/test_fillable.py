"""The fillable PDF: stable field names, exact round trip, and every unusable file refused with a message."""

import io
import logging
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from reportlab.pdfgen.canvas import Canvas

from cmc_desktop.domain.synthesis import Author, PlanAction
from cmc_desktop.domain.synthesis_schema import SynthesisKind, field_specs
from cmc_desktop.domain.text import LONG_TEXT_MAX
from cmc_desktop.pdf.annexe import FOOTER
from cmc_desktop.pdf.fillable import (
    MAX_FILLABLE_BYTES,
    FillableContent,
    FillableError,
    action_field,
    export_fillable,
    field_name,
)
from cmc_desktop.pdf.fillable_import import read_fillable as read_with_seal
from cmc_desktop.pdf.protect import protect
from tests import annexe2
from tests.conftest import MARKER
from tests.pdf.samples import ACTIONS, NOW, page_texts, squash, synthesis

TOKEN = "v1.3f9a0c2e7b"


def read_fillable(data: bytes, kind: SynthesisKind = SynthesisKind.BPP, *, password: str = "") -> FillableContent:
    """Read with a seal check that accepts any seal as a document of `kind` (the service proves it)."""
    return read_with_seal(data, lambda seal: kind, password=password)


@pytest.fixture(scope="module")
def exported() -> bytes:
    return export_fillable(synthesis(), TOKEN)


def filled(data: bytes, values: dict[str, str]) -> bytes:
    """What a PDF viewer does when the agent types in fields and saves."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.update_page_form_field_values(None, values, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def actions_content(actions: list[PlanAction]) -> list[tuple]:
    return [(a.title, a.duree, a.date_realisation, a.steps) for a in actions]


def test_fields_are_named_by_stable_keys(exported: bytes) -> None:
    fields = PdfReader(io.BytesIO(exported)).get_fields() or {}
    expected = {field_name(key) for key in field_specs(SynthesisKind.BPP)}
    expected |= {action_field(i, part) for i in range(1, 7) for part in ("title", "duree", "date", "steps")}
    assert expected <= set(fields)
    assert {"f_1_1", "f_2_1_0", "f_phase1_date", "a_1_title", "a_6_steps"} <= set(fields)
    multiline = 1 << 12
    assert fields["f_2_1_0"]["/Ff"] & multiline and fields["a_1_steps"]["/Ff"] & multiline
    assert not fields["f_phase1_date"].get("/Ff", 0) & multiline


def test_an_untouched_export_reads_back_exactly(exported: bytes) -> None:
    document = synthesis()
    content = read_fillable(exported)
    assert content == FillableContent("DS-7K2M9Q", TOKEN, content.values, content.actions)
    assert content.values == {key: document.text(key) for key in field_specs(SynthesisKind.BPP)}
    assert "\u202f" in content.values["1.1"]  # kept exactly, though field fonts cannot draw it
    assert actions_content(content.actions) == actions_content(ACTIONS)


def test_filling_two_fields_changes_exactly_those(exported: bytes) -> None:
    before = read_fillable(exported)
    after = read_fillable(filled(exported, {"f_2_2_3": "Nouvelle motivation : œuvrer pour le collectif",
                                            "f_phase4_date": "15/06/2026"}))
    changed = {key: value for key, value in after.values.items() if value != before.values[key]}
    assert changed == {"2.2.3": "Nouvelle motivation : œuvrer pour le collectif", "phase4_date": "15/06/2026"}
    assert actions_content(after.actions) == actions_content(before.actions)
    assert (after.pseudo_id, after.token) == ("DS-7K2M9Q", TOKEN)


def test_the_agent_can_add_an_action_with_one_step_per_line(exported: bytes) -> None:
    content = read_fillable(filled(exported, {
        action_field(5, "title"): "Rencontrer le\r\nréférent formation", action_field(5, "duree"): "1 jour",
        action_field(5, "steps"): "Prendre rendez-vous\r\n\r\n  Préparer les questions  \rFaire le point"}))
    assert actions_content(content.actions)[:4] == actions_content(ACTIONS)
    assert actions_content(content.actions)[4] == (
        "Rencontrer le référent formation", "1 jour", "", ["Prendre rendez-vous", "Préparer les questions",
                                                           "Faire le point"])
    assert len(content.actions) == 5  # the blank sixth row is not an action


def test_an_e2_document_round_trips_its_own_fields() -> None:
    document = synthesis(SynthesisKind.E2)
    content = read_fillable(export_fillable(document, TOKEN), SynthesisKind.E2)
    assert content.values == {key: document.text(key) for key in field_specs(SynthesisKind.E2)}


def test_the_form_has_the_structure_and_footer_of_the_document(exported: bytes) -> None:
    pages = page_texts(exported)
    text = squash(" ".join(pages))
    for spec in field_specs(SynthesisKind.BPP).values():
        assert squash(spec.label) in text
    for number, page in enumerate(pages, start=1):
        assert f"{FOOTER} — page {number}/{len(pages)}" in squash(page)
    reader = PdfReader(io.BytesIO(exported))
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    assert all(MARKER not in str(value) for value in (reader.metadata or {}).values())
    # Every widget names the page it sits on.
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            assert annotation.get_object()["/P"].get_object() == page


def test_the_form_prints_the_annexe_2_model_word_for_word(exported: bytes) -> None:
    """Rule: the fillable PDF, like the printed one, reproduces every number, label and hint of the model."""
    assert annexe2.missing_from(squash(" ".join(page_texts(exported)))) == []


def test_an_e4_document_round_trips_its_own_fields() -> None:
    document = synthesis(SynthesisKind.E4)
    content = read_fillable(export_fillable(document, TOKEN), SynthesisKind.E4)
    assert content.values == {key: document.text(key) for key in field_specs(SynthesisKind.E4)}


def test_export_logs_nothing_of_the_content(caplog: pytest.LogCaptureFixture) -> None:
    document = synthesis()
    document.set_text("2.5", f"{MARKER} ✓ ☐ \u202f", Author.AGENT, NOW)
    with caplog.at_level(logging.DEBUG):
        export_fillable(document, TOKEN)
    assert not any(MARKER in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("with_form", [False, True])
def test_a_foreign_pdf_is_refused(with_form: bool) -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Un PDF quelconque")
    if with_form:
        canvas.acroForm.textfield(name="f_1_1", value="", x=72, y=600)
    canvas.showPage()
    canvas.save()
    with pytest.raises(FillableError, match="n'est pas un document de synthèse à compléter"):
        read_fillable(buffer.getvalue())


@pytest.mark.parametrize("data", [b"", b"GIF89a garbage", "texte libre é".encode(), b"\x00" * 5000])
def test_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(FillableError, match="n'est pas un PDF"):
        read_fillable(data)


def test_a_damaged_pdf_is_refused(exported: bytes) -> None:
    with pytest.raises(FillableError, match="endommagé ou illisible"):
        read_fillable(exported[: len(exported) // 3])


def test_a_too_large_file_is_refused_before_parsing() -> None:
    with pytest.raises(FillableError, match="trop volumineux"):
        read_fillable(b"%PDF-1.7\n" + b"0" * MAX_FILLABLE_BYTES)


def test_a_missing_token_is_refused(exported: bytes) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(exported)))
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/T") == "cmc_token":
                widget[NameObject("/V")] = TextStringObject("")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(FillableError, match="jeton de contrôle"):
        read_fillable(buffer.getvalue())


def test_a_value_over_the_size_limit_is_refused(exported: bytes) -> None:
    with pytest.raises(FillableError, match="« les motivations » du PDF dépasse"):
        read_fillable(filled(exported, {"f_2_2_3": "m" * (LONG_TEXT_MAX + 1)}))


def test_a_protected_form_needs_its_password(exported: bytes) -> None:
    protected = protect(exported, "mot-de-passe-agent")
    with pytest.raises(FillableError, match="mot de passe"):
        read_fillable(protected)
    assert read_fillable(protected, password="mot-de-passe-agent").token == TOKEN


def test_a_token_must_be_printable_ascii() -> None:
    with pytest.raises(ValueError, match="jeton"):
        export_fillable(synthesis(), "")
    with pytest.raises(ValueError, match="jeton"):
        export_fillable(synthesis(), "jeton\nà deux lignes")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_poppler_renders_the_form(exported: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "a-completer.pdf"
    pdf.write_bytes(exported)
    result = subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "page")],
                            capture_output=True, check=False)
    assert result.returncode == 0
    assert len(list(tmp_path.glob("page-*.png"))) == len(page_texts(exported))
