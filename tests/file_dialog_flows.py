"""Every kind of file dialog of the application, answered through Qt's real dialog (used by test_file_dialogs.py).

Run as `python -m tests.file_dialog_flows DATA_DIR FOLDER` in a process whose HOME and XDG directories point
into the test's sandbox. FOLDER bears the agent's name, as a folder of exports may: the agent's copy, the
fillable PDF, its import and the indicators are saved to or opened from it; the backup choosers (settings,
unlock) are taken into it and cancelled. The window is then closed, which writes the interface settings.
"""

import sys
from collections.abc import Callable
from pathlib import Path

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
    assert sorted(p.name for p in folder.iterdir()) == ["a-completer.pdf", "copie-agent.pdf", "indicateurs.csv"]
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]))
