"""Every kind of file dialog of the application, answered through Qt's real dialog (used by test_file_dialogs.py).

Run as `python -m tests.file_dialog_flows DATA_DIR FOLDER` in a process whose HOME and XDG directories point
into the test's sandbox. FOLDER bears the agent's name, as a folder of exports may: the agent's copy, the
fillable PDF, its import and the indicators are saved to or opened from it; the backup choosers (settings,
unlock) are taken into it and cancelled; then every other place that asks for a file (CALL_SITES: the agenda's
calendar file, the caseload spreadsheet, the recovery kit, the folder of the agent's data, a backup made
elsewhere) is driven from its own code into the same folder. The window is then closed, which writes the
interface settings.
"""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.synthesis import Author
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import agents, indicators, synthesis
from cmc_desktop.services.agents import AgentInput
from cmc_desktop.services.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.helpers import when_modal

if TYPE_CHECKING:
    from cmc_desktop.ui.main_window import MainWindow


def choose(folder: Path, name: str | None = None, then: Callable[[], None] | None = None) -> Callable[[QWidget], None]:
    """As the CMC would: go to `folder` in the dialog, pick `name` there (None: cancel)."""
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog)
        dialog.setDirectory(str(folder))
        if name is None:
            dialog.reject()
            return
        dialog.selectFile(str(folder / name))
        if then is not None:
            then()
        dialog.accept()
    return step


def choose_folder(folder: Path) -> Callable[[QWidget], None]:
    """A folder chooser taken into `folder`, which is chosen."""
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog)
        assert dialog.fileMode() is QFileDialog.FileMode.Directory
        dialog.setDirectory(str(folder))
        dialog.selectFile(str(folder))
        dialog.accept()
    return step


# Every module of cmc_desktop/ui that opens a file dialog (through widgets/file_dialogs.py), and the step of
# `run` that drives it; test_file_dialogs.py checks that no other module asks for a file.
CALL_SITES = {
    "synthesis/exchange.py": "the agent's copy, the fillable PDF and its import",
    "indicators/export.py": "the indicators' CSV",
    "settings/backups.py": "a backup made in a folder chosen",
    "unlock.py": "the backup chooser of the unlock dialog (same FileChooser.open_path)",
    "agenda/export.py": "the whole agenda as a calendar file",
    "import_/dialog.py": "the caseload spreadsheet",
    "recovery.py": "the recovery kit",
    "agents/rights_dialogs.py": "the folder of the agent's data",
    "agents/erasure_dialog.py": "the erasure attestation (the chooser agent_file.py hands it)",
    "widgets/file_choice.py": "through the agenda and the caseload import",
    # A « save as » of FileChooser.save_path, the same call as the agent's copy above:
    "synthesis/destruction.py": "the attestation de destruction",
    "settings/copies.py": "the complementary attestation",
    "agents/agent_file.py": "the erasure attestation's chooser",
    "promotions/documents_dialog.py": "a promotion's documents (choose_file, as the agenda)",
    "profile/dialog.py": "the service's logo (choose_file, as the caseload import)",
}


def close_message(dialog: QWidget) -> None:
    assert isinstance(dialog, QMessageBox), type(dialog)
    dialog.buttons()[0].click()


def run(data_dir: Path, folder: Path) -> None:
    from cmc_desktop.ui import tasks
    from cmc_desktop.ui.app import create_application
    from cmc_desktop.ui.indicators.export import ask_export_path
    from cmc_desktop.ui.main_window import MainWindow
    from cmc_desktop.ui.settings_store import UiSettings
    from cmc_desktop.ui.synthesis.exchange import (
        ExportDialog,
        export_fillable_dialog,
        export_pdf_dialog,
        import_fillable_dialog,
    )
    from cmc_desktop.ui.widgets.file_dialogs import ALL_FILES, BACKUP_FILTER, FileChooser

    store = Store.create(data_dir, PASSPHRASE, vault=KeyVault(), kdf=FAST_KDF)
    ws = Workspace(store)
    agent = agents.create_agent(ws, AgentInput(last_name="Quastenbruck", first_name="Zephyrine"))
    doc = synthesis.create_synthesis(ws, agent, SynthesisKind.E2)
    synthesis.set_field(ws, doc, "e2.1", "Rejoindre un service de prévention", Author.AGENT)

    create_application([])
    tasks.set_executor(tasks.run_now)
    window = MainWindow(ws, vault=KeyVault(), ui_settings=UiSettings())
    window.resize(1280, 720)
    window.show()
    QApplication.processEvents()

    def export_copy(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        when_modal(choose(folder, "copie-agent.pdf"))
        dialog.export_button.click()

    when_modal(export_copy)
    export_pdf_dialog(window, ws, doc)
    when_modal(choose(folder, "a-completer.pdf"))
    export_fillable_dialog(window, ws, doc)
    when_modal(choose(folder, "a-completer.pdf", then=lambda: when_modal(close_message)))  # nothing changed in it
    import_fillable_dialog(window, ws, doc)
    when_modal(choose(folder, "indicateurs.csv"))
    report = indicators.compute_indicators(ws, ws.clock.today().replace(month=1, day=1), ws.clock.today())
    chosen = ask_export_path(window, indicators.ExportFormat.CSV, "indicateurs.csv")
    assert chosen == folder / "indicateurs.csv"
    chosen.write_bytes(indicators.export_csv(report))
    for _ in range(2):  # the backup choosers of the settings and of the unlock dialog
        when_modal(choose(folder))
        assert FileChooser(directory=store.paths.backups).open_path(
            window, "Choisir une sauvegarde", name_filters=(BACKUP_FILTER, ALL_FILES)) is None
    other_call_sites(window, ws, folder)
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("sauvegarde-")) == [
        "a-completer.pdf", "agenda-cmc.ics", "copie-agent.pdf", "donnees", "indicateurs.csv", "suivi.csv"]
    assert [p.suffix for p in folder.iterdir() if p.name.startswith("sauvegarde-")] == [".db"]
    window.close()
    QApplication.processEvents()


def other_call_sites(window: "MainWindow", ws: Workspace, folder: Path) -> None:
    from cmc_desktop.ui.agenda.export import export_calendar
    from cmc_desktop.ui.agents.rights_dialogs import choose_directory
    from cmc_desktop.ui.import_.dialog import CaseloadImportDialog
    from cmc_desktop.ui.navigation import SETTINGS
    from cmc_desktop.ui.recovery import choose_kit_file
    from cmc_desktop.ui.settings import SettingsView

    navigator = window.navigator
    when_modal(choose(folder, "agenda-cmc.ics"))
    assert export_calendar(window, ws, navigator, None)
    (folder / "suivi.csv").write_bytes("Nom;Prénom\nQuastenbruck;Zephyrine\n".encode("utf-8-sig"))
    importing = CaseloadImportDialog(ws, window)
    when_modal(choose(folder, "suivi.csv"))
    importing.choose()
    assert importing.table is not None and importing.imported == 0
    importing.deleteLater()
    when_modal(choose(folder, "kit.pdf"))
    assert choose_kit_file(window) == folder / "kit.pdf"  # chosen, not written: the flow stops there
    (folder / "donnees").mkdir()
    when_modal(choose_folder(folder / "donnees"))
    assert choose_directory(window, "Dossier où écrire les données de l'agent") == folder / "donnees"
    settings = window.show_view(SETTINGS)
    assert isinstance(settings, SettingsView)
    when_modal(choose_folder(folder))
    settings.backups._create_elsewhere()
    QApplication.processEvents()


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]))
