"""The agent's documents in their accessible form (ODT), read back by an independent reader: headings in order and
at the right levels, tables with their header rows, the French language, every label and every value."""

import io
import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from cmc_desktop.data.repositories import audit
from cmc_desktop.documents.destruction import destruction_document
from cmc_desktop.documents.model import NOT_FILLED, Bullets, Document, Fields, Heading, Paragraph, Table
from cmc_desktop.documents.odt import render_odt
from cmc_desktop.documents.questionnaire import questionnaire_document
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.domain.satisfaction import AccompanimentKind, Commitment
from cmc_desktop.domain.synthesis import Author, PlanAction
from cmc_desktop.domain.synthesis_schema import (
    COSIGNATURE,
    GROUP_TITLES,
    PLAN_HEADINGS,
    FieldKind,
    SynthesisKind,
    document_title,
    field_specs,
    sections_for,
)
from cmc_desktop.pdf.annexe import CALENDAR_HEADER
from cmc_desktop.pdf.receipt import DestructionReceipt, render_destruction_receipt
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.consents import give_consent
from cmc_desktop.services.synthesis_exchange import export_pdf, suggested_filename
from cmc_desktop.services.workspace import Workspace
from tests.services.factories import make_agent

from .odf_reader import Odt, read_odt

TODAY = date(2026, 11, 16)
AGENT = "Hélène ŒUVRAY"
ACTIONS = [PlanAction("Découvrir le métier de formateur", "3 mois", "02/2027", ["Deux immersions", "Un entretien"]),
           PlanAction("Se former à l'animation", "5 jours", "04/2027", ["S'inscrire au plan de formation"])]


def filled_document(ws: Workspace, kind: SynthesisKind = SynthesisKind.BPP) -> int:
    """A document whose every field holds a value naming its key, and an action plan of two actions."""
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Œuvray", "Hélène"), kind)
    for key, spec in field_specs(kind).items():
        value = {FieldKind.DATE: "03/11/2026", FieldKind.DATES: "04/11/2026, 12/11/2026"}.get(spec.kind,
                                                                                              f"Valeur de {key} »")
        value = AGENT if key == "agent" else value
        service.set_field(ws, synthesis_id, key, value, Author.AGENT)
    service.set_actions(ws, synthesis_id, ACTIONS, Author.AGENT)
    return synthesis_id


def agents_copy(ws: Workspace, synthesis_id: int) -> Odt:
    return read_odt(export_pdf(ws, synthesis_id, accessible=True))


@pytest.mark.parametrize("kind", list(SynthesisKind))
def test_the_synthesis_has_its_headings_in_the_order_and_at_the_levels_of_annexe_2(ws: Workspace,
                                                                                     kind: SynthesisKind) -> None:
    synthesis_id = filled_document(ws, kind)
    odt = agents_copy(ws, synthesis_id)
    levels = [level for level, _ in odt.headings]
    texts = [text for _, text in odt.headings]
    title = document_title(kind, collective=service.load_synthesis(ws, synthesis_id).collective)
    assert odt.headings[0] == (1, title) and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))  # no level skipped
    sections = [s.heading for s in sections_for(kind) if s.number]
    assert [text for level, text in odt.headings if level == 2] == [*sections, COSIGNATURE]
    # Every long field is a heading of its own, in the schema's order, under its section.
    expected_fields = [spec.label for s in sections_for(kind) for spec in s.fields if spec.kind is FieldKind.TEXT]
    found = [next(i for i, text in enumerate(texts) if text.endswith(label)) for label in expected_fields]
    assert found == sorted(found)
    titles = PLAN_HEADINGS[kind]
    assert {titles.calendar, titles.steps} <= set(texts) and (not titles.plan or titles.plan in texts)
    if kind is SynthesisKind.BPP:
        assert (3, "2.1. " + GROUP_TITLES["2.1."]) in odt.headings
        assert (4, field_specs(kind)["2.1.0"].heading) in odt.headings  # « 2.1.0. analyse de l'ensemble … »


def test_the_calendar_is_a_table_whose_first_row_is_a_header_row(ws: Workspace) -> None:
    odt = agents_copy(ws, filled_document(ws))
    [calendar] = odt.tables
    assert calendar.header == [["Action", *CALENDAR_HEADER[1:]]]
    assert calendar.rows == [["Action 1", *[getattr(ACTIONS[0], a) for a in ("title", "duree", "date_realisation")]],
                             ["Action 2", *[getattr(ACTIONS[1], a) for a in ("title", "duree", "date_realisation")]]]
    assert PLAN_HEADINGS[SynthesisKind.BPP].calendar in calendar.name


def test_the_document_is_in_french_for_the_screen_reader(ws: Workspace) -> None:
    odt = agents_copy(ws, filled_document(ws))
    assert odt.mimetype == "application/vnd.oasis.opendocument.text"
    assert odt.language == "fr-FR"
    assert odt.style_language == ("fr", "FR")


@pytest.mark.parametrize("kind", list(SynthesisKind))
def test_every_label_and_every_value_is_in_the_accessible_copy(ws: Workspace, kind: SynthesisKind) -> None:
    synthesis_id = filled_document(ws, kind)
    doc = service.load_synthesis(ws, synthesis_id)
    odt = agents_copy(ws, synthesis_id)
    for key, spec in field_specs(kind).items():
        assert spec.label in odt.text, spec.label
        assert spec.hint in odt.text, spec.hint
        assert doc.text(key) in odt.text, key
    for action in ACTIONS:
        for step in action.steps:
            assert step in odt.text
    assert doc.pseudo_id in odt.text
    assert odt.text.count(NOT_FILLED) == 4  # only the co-signature's names and dates: not signed yet


def test_a_blank_field_is_said_to_be_blank_not_skipped(ws: Workspace) -> None:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Vide", "Paul"), SynthesisKind.BPP)
    odt = agents_copy(ws, synthesis_id)
    texts = [spec for spec in field_specs(SynthesisKind.BPP).values() if spec.kind is FieldKind.TEXT]
    assert odt.paragraphs.count(NOT_FILLED) >= len(texts) + 2  # every rubric, the calendar and its steps
    assert odt.tables == []  # no action: no empty table, « non renseigné » instead


def test_a_recipients_accessible_copy_withholds_the_personal_situation_as_the_pdf_does(ws: Workspace) -> None:
    synthesis_id = filled_document(ws)
    consent = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH centrale", "Document", TODAY)
    odt = read_odt(export_pdf(ws, synthesis_id, for_recipient=consent, accessible=True))
    assert "Valeur de 2.5 »" not in odt.text and "Valeur de 2.4.2 »" in odt.text
    with ws.store.session() as s:
        entry = audit.entries(s)[-1]
    assert entry.code == AuditCode.SYNTHESIS_EXPORTED_THIRD_PARTY and entry.detail.endswith("format=odt")


def test_the_export_is_journaled_and_names_nobody_outside_the_content(ws: Workspace) -> None:
    synthesis_id = filled_document(ws)
    odt = agents_copy(ws, synthesis_id)
    with ws.store.session() as s:
        entry = audit.entries(s)[-1]
    assert (entry.code, entry.detail) == (AuditCode.SYNTHESIS_EXPORTED, "copie=agent protege=non format=odt")
    assert AGENT in odt.text  # the agent's own copy names the agent…
    assert "ŒUVRAY" not in odt.meta.upper() and "Hélène" not in odt.meta  # …but not its metadata
    assert not any(name.startswith("Thumbnails/") for name in odt.files)  # no stale picture of another page
    name = suggested_filename(ws, synthesis_id, accessible=True)
    assert name.endswith(".odt") and "vray" not in name.casefold()


def test_an_accessible_copy_cannot_be_password_protected(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="mot de passe"):
        export_pdf(ws, filled_document(ws), password="mot de passe sûr", accessible=True)


def test_rendering_writes_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = tmp_path / "tmp"
    spy.mkdir()
    monkeypatch.setenv("TMPDIR", str(spy))
    monkeypatch.setattr(tempfile, "tempdir", str(spy))
    render_odt(Document("Titre", (Heading("Titre", 1), Table("T", ("A", "B"), (("1", "2"),)))))
    assert os.listdir(spy) == []


def test_every_kind_of_block_has_its_structure() -> None:
    doc = Document("Essai", (Heading("Essai", 1), Paragraph("Première ligne\nseconde ligne"),
                             Fields((("Libellé", "valeur"),)), Heading("Partie", 2), Bullets(("un", "deux")),
                             Table("Tableau d'essai", ("Colonne A", "Colonne B"), (("a1", "b1"), ("a2", "b2"))),
                             Paragraph("Remarque", note=True)), footer="Pied de page")
    odt = read_odt(render_odt(doc))
    assert odt.headings == [(1, "Essai"), (2, "Partie")]
    assert odt.tables[0].header == [["Colonne A", "Colonne B"]] and odt.tables[0].rows == [["a1", "b1"], ["a2", "b2"]]
    assert "Première ligne seconde ligne" in odt.paragraphs and "Libellé : valeur" in odt.paragraphs
    assert [p for p in odt.paragraphs if p in ("un", "deux")] == ["un", "deux"]
    with pytest.raises(ValueError):
        Table("Bancal", ("A", "B"), (("seul",),))
    with pytest.raises(ValueError):
        Heading("Trop profond", 7)


def test_the_accessible_attestation_says_what_the_pdf_says() -> None:
    receipt = DestructionReceipt("DS-ABCD1234", "Hélène ŒUVRAY", date(2026, 11, 2), "l'agent",
                                 datetime(2026, 11, 16, 9, 30, tzinfo=UTC), ["le document ;", "ses 3 versions."])
    document = destruction_document(receipt)
    reader = PdfReader(io.BytesIO(render_destruction_receipt(receipt)))
    pdf = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            assert " ".join(block.text.split()) in pdf, block.text
        elif isinstance(block, Fields):
            for label, value in block.items:
                assert label in pdf and " ".join(value.split()) in pdf, (label, value)
        elif isinstance(block, Bullets):
            assert all(item in pdf for item in block.items)
    odt = read_odt(render_odt(document))
    assert odt.headings[0] == (1, "Attestation de destruction") and odt.language == "fr-FR"
    assert "DS-ABCD1234" in odt.text and "Hélène ŒUVRAY" in odt.text and "ses 3 versions." in odt.paragraphs


def test_the_questionnaire_asks_every_commitment_with_a_place_for_the_score() -> None:
    odt = read_odt(render_odt(questionnaire_document(AccompanimentKind.BPP)))
    assert [text for level, text in odt.headings if level == 2][:len(Commitment)] == [
        f"{item.number}. {item.short_label}" for item in Commitment]
    for item in Commitment:
        assert item.question in odt.paragraphs
    assert AccompanimentKind.BPP.label in odt.text and odt.language == "fr-FR"


def test_the_accessible_attestation_of_a_real_destruction_names_the_same_copies_as_the_pdf(ws) -> None:
    from cmc_desktop.services import backup, destruction

    synthesis_id = filled_document(ws)
    taken = backup.make_backup(ws)
    request = destruction.request_destruction(ws, synthesis_id, ws.clock.today(), destruction.Requester.AGENT)
    outcome = destruction.carry_out_destruction(ws, request)
    pdf = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(outcome.receipt)).pages)
    odt = read_odt(outcome.odt)
    assert taken.path.name in pdf and taken.path.name in odt.text  # the cleaned backup, named in both
    assert (2, "Où il a été effacé") in odt.headings and (2, "Ce qui subsiste") in odt.headings
    assert "Aucune des copies que l'application connaît ne contient plus ce document." in odt.paragraphs


def test_the_accessible_erasure_attestation_says_what_the_pdf_says() -> None:
    from cmc_desktop.documents.erasure import erasure_document
    from cmc_desktop.domain.erasure import PROVIDER_RULE
    from cmc_desktop.pdf.erasure_attestation import ErasureAttestation, render_erasure_attestation

    attestation = ErasureAttestation("Hélène ŒUVRAY", "AG-ABCD1234", "Fin de mission du prestataire",
                                     "à l'initiative du prestataire", datetime(2026, 11, 16, 9, 30, tzinfo=UTC),
                                     ["Le dossier de l'agent", "2 entretiens avec leurs notes"],
                                     ["Une trace sans contenu.", "Aucune copie ne le contient plus."],
                                     rule=PROVIDER_RULE)
    document = erasure_document(attestation)
    reader = PdfReader(io.BytesIO(render_erasure_attestation(attestation)))
    pdf = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            assert " ".join(block.text.split()) in pdf, block.text
        elif isinstance(block, Fields):
            for label, value in block.items:
                assert label in pdf and " ".join(value.split()) in pdf, (label, value)
        elif isinstance(block, Bullets):
            assert all(item in pdf for item in block.items)
    odt = read_odt(render_odt(document))
    assert odt.headings == [(1, "Attestation d'effacement"), (2, "Ce qui a été effacé"), (2, "Ce qui subsiste"),
                            (2, "Le conseiller mobilité-carrière")]
    assert odt.language == "fr-FR" and "AG-ABCD1234" in odt.text and "Hélène ŒUVRAY" in odt.text
    assert "2 entretiens avec leurs notes" in odt.paragraphs and "à l'initiative du prestataire" in odt.text


def test_the_accessible_attestation_of_a_real_erasure_names_the_same_backup_as_the_pdf(ws) -> None:
    from cmc_desktop.domain.erasure import ErasureReason
    from cmc_desktop.services import backup, erasure

    agent_id = make_agent(ws, "Œuvray", "Hélène")
    taken = backup.make_backup(ws)
    erased = erasure.erase_agent(ws, agent_id, ErasureReason.MISTAKE, "Œuvray")
    pdf = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(erased.attestation)).pages)
    odt = read_odt(erased.odt)
    assert taken.path.name in pdf and taken.path.name in odt.text
    assert (2, "Ce qui subsiste") in odt.headings and erased.pseudo_id in odt.text
