"""The exchange dialogs of the document de synthèse: PDF export (agent's copy, a consenting recipient's, with a
password), written by QSaveFile where the CMC chose and nowhere else; the fillable PDF round trip reviewed field
by field; foreign, tampered or oversized PDFs refused with the store unchanged."""

import io
import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from sqlalchemy import func, select

from cmc_desktop.data.models import PdfImportRow, TransmissionRow
from cmc_desktop.data.repositories import audit
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.synthesis import Author
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.pdf.fillable import TOKEN_FIELD, field_name
from cmc_desktop.services import destruction
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.consents import give_consent, withdraw_consent
from cmc_desktop.services.demo import populate
from cmc_desktop.services.synthesis_exchange import export_pdf, review_import
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.synthesis.exchange import (
    ExportDialog,
    export_fillable_dialog,
    export_pdf_dialog,
    import_fillable_dialog,
)
from cmc_desktop.ui.synthesis.import_review import ImportReviewDialog
from cmc_desktop.ui.widgets.file_dialogs import FileChooser
from tests.conftest import MARKER
from tests.services.factories import make_agent

from .helpers import answer_message_box, assert_accessible, when_modal

TODAY = date(2026, 11, 16)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "mot de passe sûr"


class Answers(FileChooser):
    """Answers the file dialogs at once, as the CMC would have, and remembers the names suggested."""

    def __init__(self, save: Path | None = None, open_: Path | None = None) -> None:
        super().__init__()
        self.save, self.open = save, open_
        self.suggested: list[str] = []

    def save_path(self, parent: QWidget | None, title: str, suggested_name: str) -> Path | None:
        self.suggested.append(suggested_name)
        return self.save

    def open_path(self, parent: QWidget | None, title: str) -> Path | None:
        return self.open


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """The folder the CMC exports to (tmp_path itself holds the store)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def new_document(ws: Workspace, last_name: str = "Quastenbrück") -> int:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, last_name, "Zéphyrine"), SynthesisKind.BPP)
    service.set_field(ws, synthesis_id, "1.1", f"Projet de {MARKER} : rejoindre un service RH.", Author.AGENT)
    service.set_field(ws, synthesis_id, "2.2.3", "Le travail en équipe.", Author.CMC)
    return synthesis_id


def pdf_text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(path)
    if password is not None:
        reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


def count(ws: Workspace, model: type) -> int:
    with ws.store.session() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def last_entry(ws: Workspace):
    with ws.store.session() as s:
        return audit.entries(s)[-1]


def items(dialog: ExportDialog) -> list[tuple[str, bool]]:
    return [(dialog.recipients.item(i).text(), bool(dialog.recipients.item(i).flags() & Qt.ItemFlag.ItemIsEnabled))
            for i in range(dialog.recipients.count())]


def choose_recipient(dialog: ExportDialog, name: str) -> None:
    dialog.for_recipient.click()
    row = next(i for i, (text, _) in enumerate(items(dialog)) if name in text)
    dialog.recipients.setCurrentRow(row)


def message_texts() -> list[str]:
    """Clicks « Fermer » on the next message box and records its text."""
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), type(box)
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == "Fermer").click()

    when_modal(read)
    return seen


def test_only_recipients_with_a_live_consent_are_offered_and_the_transmission_is_recorded(
        qtbot, window, ws: Workspace, tmp_path: Path) -> None:
    synthesis_id = new_document(ws)
    rh = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH centrale", "Document complet", date(2026, 11, 10))
    boss = give_consent(ws, synthesis_id, RecipientKind.SUPERIEUR, "Chef de bureau", "Document complet",
                        date(2026, 11, 2))
    withdraw_consent(ws, boss, date(2026, 11, 12))
    target = tmp_path / "copie-rh.pdf"
    chooser = Answers(save=target)
    seen: dict[str, object] = {}

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        assert_accessible(dialog)
        seen["items"] = items(dialog)
        assert not dialog.recipients.isEnabled()  # the agent's copy is the default
        choose_recipient(dialog, "Chef de bureau")  # shown, with its reason, but not selectable
        dialog.export_button.click()
        seen["refused"] = dialog.banner.text
        assert chooser.suggested == [] and not target.exists()
        choose_recipient(dialog, "RH centrale")
        dialog.export_button.click()

    when_modal(drive)
    export_pdf_dialog(window, ws, synthesis_id, chooser=chooser)

    assert seen["items"] == [
        ("Supérieur hiérarchique — Chef de bureau — consentement retiré le 12/11/2026 : transmission impossible",
         False),
        ("Service RH — RH centrale — consentement du 10/11/2026 — sans les rubriques 1.2. et 2.5.", True)]
    assert seen["refused"] == "Choisissez le destinataire dans la liste."
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    assert chooser.suggested == [f"synthese-{pseudo_id}.pdf"]
    assert MARKER in pdf_text(target) and "Phase de lancement" in pdf_text(target)
    with ws.store.session() as s:
        sent = s.execute(select(TransmissionRow)).scalar_one()
        assert (sent.consent_id, sent.recipient_kind) == (rh, RecipientKind.SERVICE_RH)
    assert last_entry(ws).code == AuditCode.SYNTHESIS_EXPORTED_THIRD_PARTY
    assert "RH centrale" in window.toast.text and "copie-rh.pdf" in window.toast.text


def test_a_consent_withdrawn_meanwhile_is_refused_with_the_services_message(qtbot, window, ws: Workspace,
                                                                             exports: Path) -> None:
    synthesis_id = new_document(ws)
    rh = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH centrale", "Document complet", TODAY)
    target = exports / "copie.pdf"
    entries = count(ws, TransmissionRow)
    seen: list[str] = []

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        choose_recipient(dialog, "RH centrale")
        withdraw_consent(ws, rh, TODAY)  # the agent withdrew it while the dialog was open
        dialog.export_button.click()
        seen.append(dialog.banner.text)
        assert dialog.isVisible() and dialog.export_button.isEnabled()
        dialog.cancel_button.click()

    when_modal(drive)
    export_pdf_dialog(window, ws, synthesis_id, chooser=Answers(save=target))

    assert "consentement" in seen[0] and "Service RH" in seen[0]
    assert list(exports.iterdir()) == []
    assert count(ws, TransmissionRow) == entries


def test_without_a_live_consent_only_the_agents_copy_can_be_chosen(qtbot, window, ws: Workspace) -> None:
    synthesis_id = new_document(ws)
    dialog = ExportDialog(ws, synthesis_id, window, chooser=Answers())
    qtbot.addWidget(dialog)
    assert not dialog.for_recipient.isEnabled()
    assert items(dialog) == [("Aucun consentement enregistré pour ce document.", False)]


def test_a_password_protected_export_opens_only_with_the_password(qtbot, window, ws: Workspace,
                                                                   tmp_path: Path) -> None:
    synthesis_id = new_document(ws)
    target = tmp_path / "protege.pdf"
    chooser = Answers(save=target)
    messages: list[str] = []

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        assert not dialog.password.isEnabled()
        dialog.protect.click()
        assert_accessible(dialog)
        for first, second in (("court", "court"), (PASSWORD, PASSWORD + "x")):
            dialog.password.setText(first)
            dialog.password_again.setText(second)
            dialog.export_button.click()
            messages.append(dialog.banner.text)
        assert chooser.suggested == []
        dialog.password_again.setText(PASSWORD)
        dialog.export_button.click()

    when_modal(drive)
    export_pdf_dialog(window, ws, synthesis_id, chooser=chooser)

    assert messages == ["Le mot de passe du PDF doit compter au moins 8 caractères.",
                        "Les deux saisies du mot de passe ne sont pas identiques : saisissez-le de nouveau."]
    reader = PdfReader(target)
    assert reader.is_encrypted and MARKER.encode() not in target.read_bytes()
    assert not PdfReader(target).decrypt("mauvais mot de passe")
    assert MARKER in pdf_text(target, PASSWORD)
    assert last_entry(ws).detail == "copie=agent protege=oui"


def test_the_pdf_is_written_atomically_and_nothing_goes_through_a_temp_folder(
        qtbot, window, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    private_temp = tmp_path / "temp"
    private_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_temp))  # Qt's temp path and Python's both point here
    monkeypatch.setattr(tempfile, "tempdir", str(private_temp))
    synthesis_id = new_document(ws)
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "synthese.pdf"
    target.write_bytes(b"ancienne version")

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.export_button.click()

    when_modal(drive)
    export_pdf_dialog(window, ws, synthesis_id, chooser=Answers(save=target))

    assert MARKER in pdf_text(target)
    assert [p.name for p in folder.iterdir()] == ["synthese.pdf"]  # no temporary sibling left behind
    assert list(private_temp.rglob("*")) == [] and tempfile.gettempdir() == str(private_temp)
    if os.name == "posix":
        assert target.stat().st_mode & 0o077 == 0  # readable by the CMC's account only


def test_an_unwritable_place_is_reported_before_anything_is_exported(qtbot, window, ws: Workspace,
                                                                     tmp_path: Path) -> None:
    synthesis_id = new_document(ws)
    entries = last_entry(ws).seq
    seen: list[str] = []

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.export_button.click()
        seen.append(dialog.banner.text)
        dialog.cancel_button.click()

    when_modal(drive)
    export_pdf_dialog(window, ws, synthesis_id, chooser=Answers(save=tmp_path / "absent" / "synthese.pdf"))

    assert seen[0].startswith("Impossible d'écrire à cet emplacement")
    assert last_entry(ws).seq == entries  # no export journaled: nothing left the store
    assert not (tmp_path / "absent").exists()


def test_the_file_chooser_is_a_french_dialog_proposing_the_suggested_name(qtbot, window, tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        seen["title"] = dialog.windowTitle()
        seen["accept"] = dialog.labelText(QFileDialog.DialogLabel.Accept)
        seen["selected"] = [Path(p).name for p in dialog.selectedFiles()]
        dialog.accept()

    when_modal(pick)
    chosen = FileChooser(directory=tmp_path).save_path(window, "Enregistrer le document", "synthese-DS-ABCD1234.pdf")
    assert chosen == tmp_path / "synthese-DS-ABCD1234.pdf"
    assert seen == {"title": "Enregistrer le document", "accept": "&Enregistrer",
                    "selected": ["synthese-DS-ABCD1234.pdf"]}


def filled(data: bytes, values: dict[str, str]) -> bytes:
    """What a PDF reader saves after the agent typed `values` into the form."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def sent_for_completion(window, ws: Workspace, synthesis_id: int, tmp_path: Path) -> bytes:
    target = tmp_path / "a-completer.pdf"
    chooser = Answers(save=target)
    export_fillable_dialog(window, ws, synthesis_id, chooser=chooser)
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    assert chooser.suggested == [f"synthese-{pseudo_id}-a-completer.pdf"]
    assert "a-completer.pdf" in window.toast.text
    return target.read_bytes()


def test_fillable_round_trip_applies_exactly_the_accepted_field_attributed_to_the_agent(
        qtbot, window, ws: Workspace, tmp_path: Path) -> None:
    synthesis_id = new_document(ws)
    sent = sent_for_completion(window, ws, synthesis_id, tmp_path)
    returned = tmp_path / "complete.pdf"
    returned.write_bytes(filled(sent, {field_name("2.2.3"): "Le travail en équipe et l'autonomie.",
                                       field_name("2.3.1"): "Droit de la fonction publique."}))
    before = service.load_synthesis(ws, synthesis_id)
    seen: dict[str, object] = {}

    def review(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportReviewDialog)
        assert_accessible(dialog)
        seen["rows"] = [(c.key, c.before, c.after) for c in dialog.review.changes]
        dialog.none_button.click()
        seen["none"] = (dialog.accepted_keys(), dialog.counter.text(), dialog.apply_button.text())
        dialog.all_button.click()
        seen["all"] = dialog.accepted_keys()
        dialog.checks["2.2.3"].click()  # the CMC keeps only the agent's 2.3.1
        dialog.apply_button.click()

    when_modal(review)
    assert import_fillable_dialog(window, ws, synthesis_id, chooser=Answers(open_=returned))

    assert seen["rows"] == [("2.2.3", "Le travail en équipe.", "Le travail en équipe et l'autonomie."),
                            ("2.3.1", "", "Droit de la fonction publique.")]
    assert seen["none"] == ([], "0 retenue sur 2", "Tout écarter et fermer")
    assert seen["all"] == ["2.2.3", "2.3.1"]
    after = service.load_synthesis(ws, synthesis_id)
    changed = {k for k in set(before.values) | set(after.values) if before.text(k) != after.text(k)}
    assert changed == {"2.3.1"}
    assert after.values["2.3.1"].author is Author.AGENT
    assert after.values["2.2.3"].author is Author.CMC
    assert "1 modification de l'agent reprise" in window.toast.text


def test_closing_the_review_asks_then_discards_every_proposal(qtbot, window, ws: Workspace, tmp_path: Path) -> None:
    synthesis_id = new_document(ws)
    sent = sent_for_completion(window, ws, synthesis_id, tmp_path)
    returned = tmp_path / "complete.pdf"
    returned.write_bytes(filled(sent, {field_name("2.3.1"): "Droit de la fonction publique."}))
    before = service.load_synthesis(ws, synthesis_id)
    still_open: list[bool] = []

    def review(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportReviewDialog)
        answer_message_box("Continuer la revue")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        still_open.append(dialog.isVisible())
        answer_message_box("Fermer sans appliquer")
        dialog.cancel_button.click()

    when_modal(review)
    assert not import_fillable_dialog(window, ws, synthesis_id, chooser=Answers(open_=returned))

    assert still_open == [True]
    assert service.load_synthesis(ws, synthesis_id).values == before.values
    with ws.store.session() as s:
        stored = s.execute(select(PdfImportRow)).scalar_one()
        assert (stored.values, stored.accepted_keys) == ({}, [])  # the proposals are not kept


def test_locking_closes_the_review_without_asking(qtbot, window, ws: Workspace, exports: Path) -> None:
    synthesis_id = new_document(ws)
    returned = exports / "complete.pdf"
    returned.write_bytes(filled(sent_for_completion(window, ws, synthesis_id, exports),
                                {field_name("2.3.1"): "Droit de la fonction publique."}))

    def lock(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportReviewDialog)
        window.lock()  # as the idle timer would: no question may hold the lock up

    when_modal(lock)
    assert not import_fillable_dialog(window, ws, synthesis_id, chooser=Answers(open_=returned))
    assert window.locked and QApplication.activeModalWidget() is None


def other_documents_fillable(window, ws: Workspace, tmp_path: Path) -> bytes:
    other = new_document(ws, "Durand")
    folder = tmp_path / "autre"
    folder.mkdir()
    return filled(sent_for_completion(window, ws, other, folder), {field_name("2.3.1"): "Texte d'un autre agent"})


def tampered(sent: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sent)))
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/T") == TOKEN_FIELD:
                widget[NameObject("/V")] = TextStringObject("v1-" + "0" * 64)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("case", "expected"), [
    ("autre document", "celui d'un autre document de synthèse"),
    ("sceau modifié", "son sceau ne correspond pas"),
    ("pas un PDF", "Rien n'a été importé"),
    ("PDF ordinaire", "Rien n'a été importé"),
])
def test_a_foreign_or_tampered_pdf_is_refused_with_a_message_and_changes_nothing(
        qtbot, window, ws: Workspace, tmp_path: Path, case: str, expected: str) -> None:
    synthesis_id = new_document(ws)
    sent = sent_for_completion(window, ws, synthesis_id, tmp_path)
    data = {"autre document": lambda: other_documents_fillable(window, ws, tmp_path),
            "sceau modifié": lambda: tampered(filled(sent, {field_name("2.3.1"): "Modifié"})),
            "pas un PDF": lambda: b"ceci n'est pas un PDF",
            "PDF ordinaire": lambda: export_pdf(ws, synthesis_id)}[case]()
    returned = tmp_path / "recu.pdf"
    returned.write_bytes(data)
    before, imports = service.load_synthesis(ws, synthesis_id), count(ws, PdfImportRow)

    messages = message_texts()
    assert not import_fillable_dialog(window, ws, synthesis_id, chooser=Answers(open_=returned))

    assert len(messages) == 1 and expected in messages[0]
    assert service.load_synthesis(ws, synthesis_id) == before
    assert count(ws, PdfImportRow) == imports
    assert QApplication.activeModalWidget() is None


def test_an_oversized_file_is_refused_before_it_is_read(qtbot, window, ws: Workspace, tmp_path: Path) -> None:
    synthesis_id = new_document(ws)
    huge = tmp_path / "enorme.pdf"
    with huge.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no disk space used
    messages = message_texts()
    assert not import_fillable_dialog(window, ws, synthesis_id, chooser=Answers(open_=huge))
    assert "trop volumineux" in messages[0] and "Rien n'a été importé" in messages[0]
    assert count(ws, PdfImportRow) == 0


def test_a_finalised_document_is_not_sent_for_completion(qtbot, window, ws: Workspace, exports: Path) -> None:
    synthesis_id = new_document(ws)
    service.finalise(ws, synthesis_id, TODAY, empty_accepted=True)
    chooser = Answers(save=exports / "a-completer.pdf")
    messages = message_texts()
    export_fillable_dialog(window, ws, synthesis_id, chooser=chooser)
    assert "finalisé par l'agent" in messages[0]
    assert chooser.suggested == [] and list(exports.iterdir()) == []


def test_provider_mode_warns_before_a_transmission_to_the_administrations_cmc(qtbot, window, ws: Workspace) -> None:
    synthesis_id = new_document(ws)
    destruction.set_provider_mode(ws, True)
    give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "CMC du ministère", "Document complet", TODAY)
    dialog = ExportDialog(ws, synthesis_id, window, chooser=Answers())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.provider_note.isHidden()
    choose_recipient(dialog, "CMC du ministère")
    assert dialog.provider_note.isVisible() and "destruction" in dialog.provider_note.text


@pytest.mark.screenshot
def test_screenshot_of_the_import_review(qtbot, window, ws: Workspace, exports: Path) -> None:
    populate(ws)
    document = next(s for s in service.list_syntheses(ws)
                    if s.kind is SynthesisKind.BPP and not s.destruction_pending)
    sent = sent_for_completion(window, ws, document.id, exports)
    data = filled(sent, {
        field_name("1.1"): "Faire le point après douze ans dans la gestion des ressources humaines et construire un "
                           "projet d'évolution vers le conseil en mobilité, dans ma région si possible.",
        field_name("2.2.3"): "Accompagner des collègues, transmettre ce que j'ai appris, retrouver du sens.",
        field_name("2.3.1"): "Statut de la fonction publique ; gestion des carrières ; règles de la paie.",
    })
    review = review_import(ws, document.id, data)
    dialog = ImportReviewDialog(ws, review, window)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.checks["2.3.1"].setChecked(False)
    qtbot.waitUntil(lambda: not dialog.scroll_area.verticalScrollBar().isVisible())
    assert dialog.grab().save(str(SCREENSHOTS / "import-revue.png"))
