"""The destruction dialogs: the request is recorded, the CMC confirms by typing the document's id, the document is
gone from the store, a content-free tombstone remains and the attestation de destruction is saved for the agent."""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from sqlalchemy import select

from cmc_desktop.data.models import SynthesisRow, TombstoneRow
from cmc_desktop.data.repositories import audit
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.errors import DomainError
from cmc_desktop.domain.synthesis import Author
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import destruction
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.demo import populate
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.synthesis.destruction import (
    DestructionDialog,
    destruction_dialog,
    pending_destruction_dialog,
)
from cmc_desktop.ui.synthesis.destruction_target import document_target
from cmc_desktop.ui.widgets.file_dialogs import FileChooser
from tests.conftest import MARKER
from tests.services.factories import make_agent

from .helpers import answer_message_box, assert_accessible, when_modal

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


class Answers(FileChooser):
    def __init__(self, save: Path | None) -> None:
        super().__init__()
        self.save = save
        self.suggested: list[str] = []

    def save_path(self, parent: QWidget | None, title: str, suggested_name: str) -> Path | None:
        self.suggested.append(suggested_name)
        return self.save


@pytest.fixture
def synthesis_id(ws: Workspace) -> int:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Quastenbrück", "Zéphyrine"), SynthesisKind.BPP)
    service.set_field(ws, synthesis_id, "2.5", f"Situation personnelle de {MARKER}.", Author.AGENT)
    return synthesis_id


@pytest.fixture
def receipt_path(tmp_path: Path) -> Path:
    folder = tmp_path / "attestations"
    folder.mkdir()
    return folder / "attestation.pdf"


def codes(ws: Workspace) -> list[str]:
    with ws.store.session() as s:
        return [e.code for e in audit.entries(s)]


def assert_destroyed(ws: Workspace, synthesis_id: int, pseudo_id: str) -> None:
    with pytest.raises(DomainError):
        service.load_synthesis(ws, synthesis_id)
    with ws.store.session() as s:
        assert s.get(SynthesisRow, synthesis_id) is None
        tombstone = s.execute(select(TombstoneRow)).scalar_one()
        assert tombstone.pseudo_id == pseudo_id
    assert destruction.pending_destructions(ws) == []


def test_the_document_is_destroyed_after_typing_its_id_and_the_attestation_is_saved(
        qtbot, window, ws: Workspace, synthesis_id: int, receipt_path: Path) -> None:
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    chooser = Answers(receipt_path)
    seen: dict[str, object] = {}

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, DestructionDialog)
        assert_accessible(dialog)
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel)]
        assert not dialog.destroy_button.isEnabled()
        dialog.typed_id.setText("DS-PASLEBON")
        assert not dialog.destroy_button.isEnabled()
        dialog.typed_id.setText(pseudo_id.lower())
        assert dialog.destroy_button.isEnabled()
        type_date = dialog.requested_on.edit
        type_date.setText("14/11/2026")
        type_date.editingFinished.emit()
        dialog.destroy_button.click()
        assert dialog.receipt_page.isVisible() and not dialog.confirmation_page.isVisible()
        assert_accessible(dialog)
        dialog.save_button.click()
        seen["saved"] = dialog.receipt_banner.text
        dialog.close_button.click()

    when_modal(drive)
    assert destruction_dialog(window, ws, synthesis_id, chooser=chooser)

    assert {f"Détruire le document {pseudo_id}", "Bilan de parcours professionnel — agent : Zéphyrine QUASTENBRÜCK"
            } <= set(seen["labels"])
    assert seen["saved"] == "Attestation enregistrée : attestation.pdf."
    assert chooser.suggested == [destruction.receipt_filename(pseudo_id)]
    assert_destroyed(ws, synthesis_id, pseudo_id)
    with ws.store.session() as s:
        assert s.execute(select(TombstoneRow)).scalar_one().requested_on == date(2026, 11, 14)
    receipt = "\n".join(page.extract_text() for page in PdfReader(receipt_path).pages)
    assert pseudo_id in receipt and "14/11/2026" in receipt
    assert [c for c in codes(ws) if c in (AuditCode.DESTRUCTION_REQUESTED, AuditCode.DESTROYED)] == [
        AuditCode.DESTRUCTION_REQUESTED, AuditCode.DESTROYED]
    assert f"Document {pseudo_id} détruit." == window.toast.text


def test_closing_without_the_attestation_asks_first(qtbot, window, ws: Workspace, synthesis_id: int) -> None:
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    still_open: list[bool] = []

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, DestructionDialog)
        dialog.typed_id.setText(pseudo_id)
        dialog.destroy_button.click()
        answer_message_box("Revenir")
        dialog.close_button.click()
        still_open.append(dialog.isVisible())
        answer_message_box("Fermer sans l'attestation")
        dialog.close_button.click()

    when_modal(drive)
    assert destruction_dialog(window, ws, synthesis_id, chooser=Answers(None))
    assert still_open == [True]
    assert_destroyed(ws, synthesis_id, pseudo_id)


def test_locking_after_the_destruction_closes_the_dialog_without_asking(qtbot, window, ws: Workspace,
                                                                          synthesis_id: int) -> None:
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, DestructionDialog)
        dialog.typed_id.setText(pseudo_id)
        dialog.destroy_button.click()
        window.lock()

    when_modal(drive)
    assert destruction_dialog(window, ws, synthesis_id, chooser=Answers(None))
    assert window.locked and QApplication.activeModalWidget() is None


def test_cancelling_destroys_nothing_and_records_nothing(qtbot, window, ws: Workspace, synthesis_id: int) -> None:
    before = service.load_synthesis(ws, synthesis_id)
    when_modal(lambda dialog: dialog.reject())
    assert not destruction_dialog(window, ws, synthesis_id, chooser=Answers(None))
    assert service.load_synthesis(ws, synthesis_id) == before
    assert destruction.pending_destructions(ws) == []
    assert AuditCode.DESTRUCTION_REQUESTED not in codes(ws)


def test_a_request_recorded_now_is_carried_out_later_from_the_dashboard(
        qtbot, window, ws: Workspace, synthesis_id: int, receipt_path: Path) -> None:
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, DestructionDialog)
        dialog.by_provider.click()
        dialog.record_button.click()

    when_modal(record)
    assert not destruction_dialog(window, ws, synthesis_id, chooser=Answers(None))
    [pending] = destruction.pending_destructions(ws)
    assert (pending.synthesis_id, pending.requested_on, pending.requested_by) == (
        synthesis_id, date(2026, 11, 16), destruction.Requester.PRESTATAIRE)
    assert "enregistrée" in window.toast.text
    service.load_synthesis(ws, synthesis_id)  # still there

    seen: list[bool] = []

    def carry_out(dialog: QWidget) -> None:
        assert isinstance(dialog, DestructionDialog)
        assert_accessible(dialog)
        seen.append(dialog.record_button.isVisible())
        dialog.typed_id.setText(pseudo_id)
        dialog.destroy_button.click()
        dialog.save_button.click()
        dialog.close_button.click()

    when_modal(carry_out)
    assert pending_destruction_dialog(window, ws, pending.request_id, chooser=Answers(receipt_path))
    assert seen == [False]  # the request is shown as recorded, not asked again
    assert_destroyed(ws, synthesis_id, pseudo_id)
    assert receipt_path.exists()


def test_the_editor_reuses_a_request_already_recorded(qtbot, window, ws: Workspace, synthesis_id: int) -> None:
    destruction.request_destruction(ws, synthesis_id, date(2026, 11, 10), destruction.Requester.AGENT)
    seen: list[object] = []

    def look(opened: QWidget) -> None:
        assert isinstance(opened, DestructionDialog)
        seen.append((opened.target.request is not None, opened.record_button.isVisible()))
        opened.reject()

    when_modal(look)
    assert not destruction_dialog(window, ws, synthesis_id, chooser=Answers(None))
    assert seen == [(True, False)]
    assert len(destruction.pending_destructions(ws)) == 1


def test_an_unknown_or_settled_request_gets_a_message(qtbot, window, ws: Workspace) -> None:
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.buttons()[0].click()

    when_modal(read)
    assert not pending_destruction_dialog(window, ws, 4242, chooser=Answers(None))
    assert seen == ["Cette demande de destruction n'existe pas ou a déjà été effectuée."]


@pytest.mark.screenshot
def test_screenshot_of_the_destruction_dialog(qtbot, window, ws: Workspace) -> None:
    populate(ws)
    document = next(s for s in service.list_syntheses(ws)
                    if s.kind is SynthesisKind.BPP and not s.destruction_pending)
    dialog = DestructionDialog(ws, document_target(ws, document.id), window, chooser=Answers(None))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.typed_id.setText(document.pseudo_id)
    assert dialog.grab().save(str(SCREENSHOTS / "destruction.png"))
