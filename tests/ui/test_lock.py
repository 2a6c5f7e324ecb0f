"""Locking: Ctrl+L and idle time hide everything and close the store; the passphrase brings it back."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout, QWidget

from cmc_desktop.data.errors import StoreError, WrongPassphrase
from cmc_desktop.data.repositories import settings as store_settings
from cmc_desktop.data.store import Store
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.clipboard import confidential
from cmc_desktop.ui.lock import IdleWatcher, PassphraseCheckDialog, verify_cmc
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS, Navigator, View, ViewRegistry, default_entries
from cmc_desktop.ui.widgets import AutosaveTextEdit
from tests.conftest import MARKER, PASSPHRASE

from .helpers import type_text, when_modal


class NotesView(QWidget, View):
    """A feature view whose notes autosave into the store."""

    def __init__(self, ws: Workspace, navigator: Navigator) -> None:
        super().__init__()
        self.notes = AutosaveTextEdit(self, accessible_name="Notes", delay_ms=60_000)
        with ws.store.session() as s:
            row = s.get(store_settings.StoreSettingRow, "notes")
            self.notes.load(row.value if row else "")
        self.notes.committed.connect(lambda text: self._save(ws, text))
        QVBoxLayout(self).addWidget(self.notes)

    @staticmethod
    def _save(ws: Workspace, text: str) -> None:
        with ws.store.session() as s:
            store_settings.put(s, "notes", text)


@pytest.fixture
def notes_window(qtbot, ws, no_vault, ui_settings) -> MainWindow:
    registry = ViewRegistry(default_entries())
    registry.register(AGENTS, "Agents", "agents", NotesView)
    win = MainWindow(ws, vault=no_vault, ui_settings=ui_settings, registry=registry, idle_check_ms=10)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def _stored_notes(ws: Workspace) -> str | None:
    with ws.store.session() as s:
        row = s.get(store_settings.StoreSettingRow, "notes")
        return row.value if row else None


def test_ctrl_l_hides_content_drops_views_and_closes_the_store(qtbot, notes_window: MainWindow, ws) -> None:
    view = notes_window.show_view(AGENTS)
    view.notes.setFocus()
    view.notes.insertPlainText(MARKER)  # pending: the debounce has not fired
    QTest.keyClick(notes_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert notes_window.locked
    assert notes_window.frame is None and notes_window.lock_screen.isVisible()
    qtbot.waitUntil(lambda: not notes_window.findChildren(AutosaveTextEdit))  # views deleted, not just hidden
    with pytest.raises(StoreError):
        ws.store.raw_key  # noqa: B018 - the key is gone
    QTest.keyClick(notes_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # shortcuts are off
    assert notes_window.locked and notes_window.lock_screen.isVisible()


def test_wrong_passphrase_on_the_lock_screen_then_the_right_one(qtbot, notes_window: MainWindow, ws) -> None:
    notes_window.show_view(AGENTS).notes.insertPlainText(MARKER)
    notes_window.lock()
    prompt = notes_window.lock_screen.prompt
    type_text(prompt.field, "mauvaise phrase de récupération")
    prompt.button.click()
    assert prompt.banner.text == str(WrongPassphrase()) and notes_window.locked
    prompt.field.setText(PASSPHRASE)
    prompt.button.click()
    assert not notes_window.locked and notes_window.frame.isVisible()
    assert prompt.field.text() == ""
    view = notes_window.current_view()
    assert notes_window.current_key == AGENTS and view.notes.toPlainText() == MARKER  # the pending edit was saved
    assert _stored_notes(ws) == MARKER


def test_auto_lock_after_idle_time(qtbot, notes_window: MainWindow) -> None:
    notes_window.idle.timeout_s = 0.05
    notes_window.idle.touch()
    qtbot.waitUntil(lambda: notes_window.locked, timeout=3000)
    assert notes_window.lock_screen.isVisible()
    assert not notes_window.idle.active


def test_lock_closes_open_dialogs(qtbot, notes_window: MainWindow) -> None:
    results = []

    def lock_while_open(dialog) -> None:
        notes_window.lock()

    when_modal(lock_while_open)
    dialog = QDialog(notes_window)
    results.append(dialog.exec())
    assert results == [QDialog.DialogCode.Rejected] and notes_window.locked


def test_lock_clears_a_confidential_copy(qtbot, notes_window: MainWindow) -> None:
    confidential().copy(MARKER)
    notes_window.lock()
    assert QApplication.clipboard().text() == ""


class Clock:
    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


def test_idle_watcher_counts_input_and_survives_a_suspend(qtbot) -> None:
    wall, monotonic = Clock(), Clock()
    watcher = IdleWatcher(300, check_interval_ms=60_000, wall=wall, monotonic=monotonic)
    fired = []
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    target = QWidget()
    qtbot.addWidget(target)
    target.show()
    target.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is target.windowHandle())
    wall.value += 200
    monotonic.value += 200
    QTest.mouseMove(target.windowHandle(), QPoint(1, 1))  # as the platform delivers it: to the window first
    wall.value += 200
    monotonic.value += 200
    watcher.check()
    assert fired == []  # 200 s since the last input
    wall.value += 3600  # suspended an hour: the monotonic clock did not move
    watcher.check()
    assert fired == [True] and not watcher.active


def test_idle_watcher_follows_the_focus_to_a_dialog(qtbot) -> None:
    wall, monotonic = Clock(), Clock()
    watcher = IdleWatcher(300, check_interval_ms=60_000, wall=wall, monotonic=monotonic)
    watcher.start()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle())
    wall.value += 250
    monotonic.value += 250
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_A)
    assert watcher.idle_seconds() == 0
    watcher.stop()
    wall.value += 10
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_B)  # stopped: input no longer counts
    assert watcher.idle_seconds() == 10


def test_clock_set_back_does_not_postpone_the_lock(qtbot) -> None:
    wall, monotonic = Clock(), Clock()
    watcher = IdleWatcher(300, check_interval_ms=60_000, wall=wall, monotonic=monotonic)
    fired = []
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    wall.value -= 3600
    monotonic.value += 301
    watcher.check()
    assert fired == [True]


def test_verify_cmc_accepts_only_the_passphrase(qtbot, store: Store) -> None:
    dialog = PassphraseCheckDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.prompt.field.setText("pas la bonne phrase du tout")
    dialog.prompt.button.click()
    assert dialog.prompt.banner.text == str(WrongPassphrase()) and dialog.isVisible()
    dialog.prompt.field.setText(PASSPHRASE)
    dialog.prompt.button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_verify_cmc_returns_a_boolean(qtbot, store: Store) -> None:
    def cancel(dialog) -> None:
        dialog.reject()

    when_modal(cancel)
    assert verify_cmc(None, store, title="Quitter le mode séance") is False

    def answer(dialog) -> None:
        assert dialog.windowTitle() == "Quitter le mode séance"
        dialog.prompt.field.setText(PASSPHRASE)
        dialog.prompt.button.click()

    when_modal(answer)
    assert verify_cmc(None, store, title="Quitter le mode séance") is True


def test_store_verify_passphrase(store: Store) -> None:
    assert store.verify_passphrase(PASSPHRASE)
    assert not store.verify_passphrase(PASSPHRASE + " ")
