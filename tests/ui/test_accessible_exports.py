"""The accessible (ODT) copy offered where the agent's PDF is: the export dialog of the synthesis and the last page
of the destruction dialog. Chosen and confirmed with the keyboard; written where the CMC chose, for its owner only."""

import stat
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from cmc_desktop.domain.synthesis import Author
from cmc_desktop.domain.synthesis_schema import SynthesisKind, document_title
from cmc_desktop.services import destruction
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.synthesis.destruction import DestructionDialog, destruction_dialog
from cmc_desktop.ui.synthesis.exchange import ExportDialog, export_pdf_dialog
from cmc_desktop.ui.widgets.file_dialogs import FileChooser
from tests.conftest import MARKER
from tests.documents.odf_reader import read_odt
from tests.services.factories import make_agent

from .helpers import assert_accessible, when_modal


class Answers(FileChooser):
    """Answers the file dialog at once, as the CMC would have, and remembers the names suggested."""

    def __init__(self, save: Path) -> None:
        super().__init__()
        self.save = save
        self.suggested: list[str] = []

    def save_path(self, parent: QWidget | None, title: str, suggested_name: str) -> Path | None:
        self.suggested.append(suggested_name)
        return self.save


def a_document(ws: Workspace) -> int:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Quastenbrück", "Zéphyrine"), SynthesisKind.BPP)
    service.set_field(ws, synthesis_id, "1.1", f"Projet de {MARKER}.", Author.AGENT)
    return synthesis_id


def press(key: Qt.Key) -> None:
    """A real key on the focused widget, as the CMC presses it."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, key)


def test_the_agents_copy_is_exported_as_an_accessible_odt_chosen_with_the_keyboard(
        qtbot, window, ws: Workspace, tmp_path: Path) -> None:
    synthesis_id = a_document(ws)
    target = tmp_path / "copie-accessible.odt"
    chooser = Answers(target)
    seen: dict[str, object] = {}

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        assert_accessible(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        dialog.as_odt.setFocus()
        press(Qt.Key.Key_Space)  # the radio button, as the CMC would tick it
        seen["protect"] = dialog.protect.isEnabled()
        press(Qt.Key.Key_Return)  # Entrée: the dialog's main action, export
        if dialog.isVisible():  # not exported: fail below rather than wait here
            seen["banner"] = dialog.banner.text
            dialog.reject()

    when_modal(drive)
    export_pdf_dialog(window, ws, synthesis_id, chooser=chooser)

    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    assert "banner" not in seen, seen
    assert seen["protect"] is False  # no password for an ODT: the option is out of reach
    assert chooser.suggested == [f"synthese-{pseudo_id}.odt"]
    odt = read_odt(target.read_bytes())
    title = document_title(SynthesisKind.BPP, collective=True)
    assert MARKER in odt.text and odt.headings[0] == (1, title) and odt.language == "fr-FR"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert list(tmp_path.glob("*.odt")) == [target] and not list(tmp_path.glob(".*"))
    assert "copie-accessible.odt" in window.toast.text


def test_the_attestation_is_also_saved_in_its_accessible_form(qtbot, window, ws: Workspace, tmp_path: Path) -> None:
    synthesis_id = a_document(ws)
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    target = tmp_path / "attestation.odt"
    chooser = Answers(target)
    seen: dict[str, object] = {}

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, DestructionDialog)
        dialog.typed_id.setText(pseudo_id)
        dialog.destroy_button.click()
        assert dialog.receipt_page.isVisible()
        assert_accessible(dialog)
        assert not dialog.save_accessible_button.autoDefault()  # Entrée stays on the PDF, the main action
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        dialog.save_accessible_button.setFocus()
        press(Qt.Key.Key_Space)
        seen["saved"] = dialog.receipt_banner.text
        if dialog.receipt_saved:
            dialog.close_button.click()
        else:  # not saved: leave without the question « Fermer sans l'attestation ? », fail below
            dialog.reject()

    when_modal(drive)
    assert destruction_dialog(window, ws, synthesis_id, chooser=chooser)

    assert chooser.suggested == [destruction.receipt_filename(pseudo_id).removesuffix(".pdf") + ".odt"]
    assert seen["saved"] == "Attestation enregistrée : attestation.odt."
    odt = read_odt(target.read_bytes())
    assert odt.headings[0] == (1, "Attestation de destruction") and pseudo_id in odt.text
    assert "Zéphyrine QUASTENBRÜCK" in odt.text and MARKER not in odt.text  # nothing of the destroyed content
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_the_agents_data_go_with_an_accessible_odt_when_the_cmc_ticks_it(qtbot, ws: Workspace,
                                                                         tmp_path: Path) -> None:
    from cmc_desktop.ui.agents.rights_dialogs import ExportDialog as AgentExportDialog

    from .test_rights_ui import marked_agent

    out = tmp_path / "remise"
    dialog = AgentExportDialog(ws, marked_agent(ws), choose=lambda _parent, _title: out)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert_accessible(dialog)
    dialog.browse_button.click()
    dialog.accessible.setFocus()
    press(Qt.Key.Key_Space)
    assert dialog.accessible.isChecked()
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.files is not None and dialog.files.odt is not None
    assert dialog.files.names.endswith(f" et {dialog.files.odt.name}")
    odt = read_odt(dialog.files.odt.read_bytes())
    assert odt.headings[0] == (1, "Vos données personnelles") and "Quastenbrück" in odt.text
    assert stat.S_IMODE(dialog.files.odt.stat().st_mode) == 0o600


def test_the_erasure_attestation_is_saved_as_an_accessible_odt(qtbot, ws: Workspace, tmp_path: Path) -> None:
    from cmc_desktop.ui.agents.erasure_dialog import ErasureDialog

    from .test_rights_ui import Chooser, marked_agent

    first = Chooser(None)  # the PDF is offered at once: not now
    dialog = ErasureDialog(ws, marked_agent(ws), chooser=first)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.confirmation.setText("Quastenbrück")
    dialog.erase_button.click()
    assert dialog.erased is not None and dialog.save_accessible_button.isVisible()
    assert first.asked == [f"attestation-effacement-{dialog.erased.pseudo_id}.pdf"]
    chooser = Answers(tmp_path / "attestation-accessible.odt")
    dialog.chooser = chooser
    dialog.save_accessible_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.save_accessible_button)
    press(Qt.Key.Key_Space)
    assert chooser.suggested == [f"attestation-effacement-{dialog.erased.pseudo_id}.odt"]
    odt = read_odt(chooser.save.read_bytes())
    assert odt.headings[0] == (1, "Attestation d'effacement") and dialog.erased.pseudo_id in odt.text
    assert "Zéphyrine QUASTENBRÜCK" in odt.text and MARKER not in odt.text
    assert stat.S_IMODE(chooser.save.stat().st_mode) == 0o600 and dialog.attestation_saved == chooser.save
