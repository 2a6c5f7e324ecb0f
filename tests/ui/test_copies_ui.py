"""The destruction as the CMC lives it when a copy is out of reach: Entrée destroys (and does nothing while the
copies are cleaned), the dialog and the attestation name the copy that remains, the tableau de bord keeps the
destruction open, and « Réessayer » (Entrée) finishes it once the disk is back, with its complementary attestation.
The journal's verdict in Paramètres."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from cmc_desktop.domain.copies import Obstacle
from cmc_desktop.services import backup, copy_registry
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui import tasks
from cmc_desktop.ui.dashboard import DashboardView
from cmc_desktop.ui.navigation import DASHBOARD, SETTINGS
from cmc_desktop.ui.settings import SettingsView
from cmc_desktop.ui.settings.copies import CopiesDialog
from cmc_desktop.ui.synthesis.destruction import DestructionDialog
from cmc_desktop.ui.synthesis.destruction_target import document_target
from cmc_desktop.ui.widgets.file_dialogs import FileChooser
from tests.conftest import MARKER, PASSPHRASE
from tests.services.copies_helpers import marked_synthesis, marker_hits
from tests.services.synthesis_helpers import pdf_text

from .helpers import answer_message_box, assert_accessible, when_modal


class SaveTo(FileChooser):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.saved: list[Path] = []

    def save_path(self, parent: QWidget | None, title: str, suggested_name: str) -> Path | None:
        self.saved.append(self.folder / suggested_name)
        return self.saved[-1]


def _enter(widget: QWidget) -> None:
    """Entrée on `widget`, given the keyboard focus first (as a CMC who tabbed to it)."""
    widget.setFocus()
    assert QApplication.focusWidget() is widget
    QTest.keyClick(widget, Qt.Key.Key_Return)


def _enter_in(dialog: QWidget) -> None:
    """Entrée where the keyboard is in `dialog` (its focused widget, else the dialog itself)."""
    focused = QApplication.focusWidget()
    QTest.keyClick(focused if focused is not None and dialog.isAncestorOf(focused) else dialog, Qt.Key.Key_Return)


def _words(data: bytes) -> str:
    return " ".join(pdf_text(data).split())


@pytest.fixture
def unplugged(ws: Workspace, tmp_path: Path) -> tuple[Path, Path]:
    """A backup on a removable disk, unplugged when the destruction happens."""
    usb = tmp_path / "usb"
    backup.make_backup(ws, usb)
    backup.make_backup(ws)
    away = tmp_path / "tiroir"
    return usb, away


def test_entree_destroys_and_the_remaining_copy_is_named_then_reached(qtbot, window, ws: Workspace, tmp_path: Path,
                                                                       unplugged) -> None:
    usb, away = unplugged
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    usb.rename(away)
    chooser = SaveTo(tmp_path)
    dialog = DestructionDialog(ws, document_target(ws, synthesis_id), window, chooser=chooser)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.typed_id.setText(pseudo_id)
    deferred: list = []
    previous = tasks.set_executor(deferred.append)  # the destruction runs "in the background"
    try:
        _enter(dialog.typed_id)
        assert len(deferred) == 1 and dialog.progress.isVisible() and not dialog.destroy_button.isEnabled()
        assert not any(w.isEnabled() for w in (dialog.typed_id, dialog.cancel_button, dialog.record_button))
        # busy: Entrée does nothing, wherever it is pressed; no other button takes it
        QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
        QTest.keyClick(dialog, Qt.Key.Key_Enter)
        assert len(deferred) == 1 and dialog.confirmation_page.isVisible() and dialog.isVisible()
        deferred.pop().run()
    finally:
        tasks.set_executor(previous)
    qtbot.waitUntil(lambda: dialog.receipt_page.isVisible())
    assert_accessible(dialog)
    assert "n'a pas pu être nettoyée" in dialog.outcome_banner.text
    assert f"le dossier de sauvegarde {usb} — dossier introuvable" in dialog.remaining_label.text()
    assert QApplication.focusWidget() is dialog.save_button
    _enter_in(dialog)
    receipt = _words(chooser.saved[0].read_bytes())
    assert "Destruction inachevée : des copies subsistent" in receipt and str(usb) in receipt
    dialog.close_button.click()

    view = window.show_view(DASHBOARD)
    assert isinstance(view, DashboardView)
    qtbot.waitUntil(lambda: any(i.kind == "copies_restantes" for i in view.model.items()))
    [line] = [i for i in view.model.items() if i.kind == "copies_restantes"]
    assert line.title == "Destruction inachevée : 1 copie restante" and pseudo_id in line.detail

    away.rename(usb)  # the disk is plugged back
    seen: dict[str, object] = {}

    def retry(copies: QWidget) -> None:
        assert isinstance(copies, CopiesDialog)
        assert_accessible(copies)
        seen["before"] = copies.summary.text()
        _enter_in(copies)  # « Réessayer » is the default button
        seen["after"] = copies.banner.text
        copies.chooser = chooser
        [button] = copies.attestation_buttons
        [printing] = copies.print_buttons
        when_modal(lambda printer: (seen.update(printed=(printer.windowTitle(), printer.maxPage())),
                                    printer.reject()))
        printing.click()
        button.click()
        seen["saved"] = button.text()
        QTest.keyClick(copies, Qt.Key.Key_Escape)

    when_modal(retry)
    view.list.setFocus()
    view.list.setCurrentIndex(view.model.index(view.model.row_of(line)))
    QTest.keyClick(view.list, Qt.Key.Key_Return)

    assert pseudo_id in str(seen["before"]) and seen["after"] == "Toutes les copies connues sont nettoyées."
    assert seen["printed"] == ("Imprimer — Attestation complémentaire de destruction", 1)
    assert str(seen["saved"]).startswith(f"Attestation complémentaire du document {pseudo_id} enregistrée")
    complement = _words(chooser.saved[-1].read_bytes())
    assert "copies effacées" in complement and pseudo_id in complement and "usb" in complement
    assert copy_registry.copies_status(ws).complete
    qtbot.waitUntil(lambda: not any(i.kind == "copies_restantes" for i in view.model.items()))
    assert marker_hits([usb, ws.store.paths.root], ws.store.raw_key, MARKER) == {}


def test_a_copy_under_an_older_key_is_deleted_from_the_dialog(qtbot, window, ws: Workspace, no_vault) -> None:
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    old = backup.make_backup(ws).path
    ws.store.rekey(PASSPHRASE, vault=no_vault)
    from cmc_desktop.services import destruction

    outcome = destruction.carry_out_destruction(ws, destruction.request_destruction(ws, synthesis_id,
                                                                                    ws.clock.today(), "agent"))
    assert [c.obstacle for c in outcome.copies.remaining] == [Obstacle.OTHER_KEY]
    dialog = CopiesDialog(ws, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.delete_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.delete_button.isEnabled() and not dialog.forget_button.isEnabled()
    answer_message_box("Supprimer la copie")
    dialog.delete_button.click()
    assert not old.exists()
    assert dialog.banner.text == "Toutes les copies connues sont nettoyées."
    assert copy_registry.copies_status(ws).complete
    dialog.reject()


def test_the_journal_section_says_when_entries_were_deleted(window, ws: Workspace) -> None:
    for _ in range(3):
        backup.make_backup(ws)
    with ws.store.session() as s:
        s.execute(text("DELETE FROM audit_events WHERE seq = 3"))
    view = window.show_view(SETTINGS)
    assert isinstance(view, SettingsView)
    _enter(view.journal.verify_button)
    QTest.keyClick(view.journal.verify_button, Qt.Key.Key_Space)
    assert view.journal.banner.text.startswith("Journal d'audit altéré : il ne compte plus que 2 entrées alors que "
                                               "son ancre en atteste 3.")


def test_a_backup_written_in_a_chosen_folder_is_followed(qtbot, window, ws: Workspace, tmp_path: Path,
                                                         monkeypatch) -> None:
    view = window.show_view(SETTINGS)
    assert isinstance(view, SettingsView)
    section = view.backups
    assert section.folders.text().startswith("Aucun autre dossier de sauvegarde")
    monkeypatch.setattr(section, "_choose_folder", lambda: tmp_path / "clé")
    section.elsewhere_button.setFocus()
    QTest.keyClick(section.elsewhere_button, Qt.Key.Key_Space)
    assert section.banner.text.startswith("Sauvegarde du 16/11/2026") and str(tmp_path / "clé") in section.banner.text
    assert [path for path, _ in copy_registry.chosen_folders(ws)] == [str(tmp_path / "clé")]
    assert str(tmp_path / "clé") in section.folders.text().replace("\u200b", "")  # breakable after each /
    assert not section.copies_button.isVisible()


def test_the_restore_dialog_answers_entree_and_echap(qtbot, window, ws: Workspace, tmp_path: Path) -> None:
    from cmc_desktop.ui.settings.backups import RestoreDialog

    info = backup.make_backup(ws)
    dialog = RestoreDialog(ws, info.path, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    _enter(dialog.field)  # nothing typed yet
    assert dialog.banner.text == "Saisissez votre phrase secrète." and dialog.isVisible()
    dialog.field.setText("pas la bonne phrase")
    _enter(dialog.field)
    assert "incorrecte" in dialog.banner.text and dialog.isVisible()
    dialog.field.setText(PASSPHRASE)
    _enter(dialog.field)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.passphrase == PASSPHRASE

    again = RestoreDialog(ws, info.path, window)
    qtbot.addWidget(again)
    again.show()
    QTest.keyClick(again, Qt.Key.Key_Escape)
    assert again.result() == again.DialogCode.Rejected and again.passphrase == ""
