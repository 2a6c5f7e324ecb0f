"""On a full disk the lock always completes: the views go, the lock screen shows, the status bar says locked and
the key is dropped — even though the last edit and the closing checkpoint cannot be written. Once space is freed,
the phrase secrète opens the store again with everything written before."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from sqlalchemy import func, select

from cmc_desktop.data.errors import StoreError
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.repositories import settings as store_settings
from cmc_desktop.data.store import Store
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS, Navigator, View, ViewRegistry, default_entries
from cmc_desktop.ui.widgets import AutosaveTextEdit
from tests.conftest import FAST_KDF, MARKER, PASSPHRASE
from tests.data.test_open_failures import fill
from tests.services.helpers import seed_agent, tiny_tmpfs

from .secret_helpers import press, type_in_focus

SAVE_FAILURES: list[str] = []


class NotesView(QWidget, View):
    """A view whose notes autosave, and which says (here: records) a save that failed, as views do."""

    def __init__(self, ws: Workspace, navigator: Navigator) -> None:
        super().__init__()
        self.notes = AutosaveTextEdit(self, accessible_name="Notes", delay_ms=60_000)
        self.notes.committed.connect(lambda text: self._save(ws, text))
        QVBoxLayout(self).addWidget(self.notes)

    @staticmethod
    def _save(ws: Workspace, text: str) -> None:
        try:
            with ws.store.session() as s:
                store_settings.put(s, "notes", text)
        except StoreError as error:
            SAVE_FAILURES.append(str(error))


def test_ctrl_l_on_a_full_disk_locks_all_the_same(qtbot, tmp_path: Path, no_vault, ui_settings, clock) -> None:
    with tiny_tmpfs(tmp_path / "disque", 8192) as disk:
        data_dir = disk / "donnees"
        store = Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
        for number in range(12):  # in the WAL only: the closing checkpoint has to grow the database
            seed_agent(store, f"AG-{number:08d}", os.urandom(1500).hex())
        registry = ViewRegistry(default_entries())
        registry.register(AGENTS, "Agents", "agents", NotesView)
        window = MainWindow(Workspace(store, clock), vault=no_vault, ui_settings=ui_settings, registry=registry)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        view = window.show_view(AGENTS)
        view.notes.setFocus()
        view.notes.insertPlainText(MARKER)  # pending: the lock tries to save it
        SAVE_FAILURES.clear()
        fill(disk / "remplissage")

        QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

        assert SAVE_FAILURES and "disque plein" in SAVE_FAILURES[0]  # the save failed, and was said
        assert window.locked and window.content is None
        assert window.lock_screen is not None and window.lock_screen.isVisible()
        qtbot.waitUntil(lambda: not window.findChildren(AutosaveTextEdit))
        assert window.store_state.text() == "Dossier verrouillé"
        with pytest.raises(StoreError):
            store.raw_key  # noqa: B018 - the key is gone

        (disk / "remplissage").unlink()  # the CMC frees some space
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.lock_screen.prompt.field)
        type_in_focus(PASSPHRASE)
        press(Qt.Key.Key_Return)
        assert not window.locked and window.content.isVisible()
        with window.ws.store.session() as s:  # every acknowledged write is there
            assert s.execute(select(func.count()).select_from(AgentRow)).scalar_one() == 12
        window.close()
