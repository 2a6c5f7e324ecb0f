"""Run by tests/test_real_window_close.py on a real X server with a window manager (not collected by pytest):
the main window on a new store, an agent's file open with « 31/02/2022 » typed as its date de prise de fonction.
It prints `READY`, then one line per close asked by the window manager — `ASKED <title>` — answered « Corriger »
the first time, « Abandonner la modification » the second; `CLOSED <stored date>` once the window has closed."""

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.app import create_application
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS
from cmc_desktop.ui.settings_store import UiSettings
from tests.conftest import FAST_KDF, PASSPHRASE

STORED = date(2019, 9, 1)
ANSWERS = ["Corriger", "Abandonner la modification"]


def say(line: str) -> None:
    print(line, flush=True)


def main(folder: Path) -> int:
    app = create_application([])
    store = Store.create(folder / "donnees", PASSPHRASE, vault=KeyVault(), kdf=FAST_KDF)
    ws = Workspace(store)
    agent_id = create_agent(ws, AgentInput("Durand", "Alice", date_prise_fonction=STORED))
    window = MainWindow(ws, vault=KeyVault(), ui_settings=UiSettings(folder / "interface.ini"))
    window.show()
    field = window.navigator.open(AGENTS, agent_id).file.identity.date_prise_fonction
    field.edit.setText("31/02/2022")
    field.edit.editingFinished.emit()

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            say(f"ASKED {box.windowTitle()}")
            wanted = ANSWERS.pop(0)
            next(b for b in box.buttons() if b.text() == wanted).click()
        if window.isVisible():
            QTimer.singleShot(50, answer)

    QTimer.singleShot(0, answer)
    QTest.qWaitForWindowExposed(window)
    say("READY")
    code = app.exec()  # until the window closes, the last one
    reopened = Store.unlock(folder / "donnees", PASSPHRASE, vault=KeyVault())
    say(f"CLOSED {get_agent(Workspace(reopened), agent_id).date_prise_fonction}")
    reopened.close()
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
