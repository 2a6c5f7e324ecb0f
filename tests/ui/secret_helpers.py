"""Dialogs that ask a secret, driven with real keys on the focused widget; background work held to test them
while busy."""

from collections.abc import Callable, Iterator

from PySide6.QtCore import QRunnable, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from cmc_desktop.ui import tasks
from cmc_desktop.ui.recovery import RecoveryCodeDialog

from .helpers import type_text


class HeldTasks:
    """An executor that keeps background work until `release()`: the dialog stays busy meanwhile."""

    def __init__(self) -> None:
        self.pending: list[QRunnable] = []

    def __call__(self, runnable: QRunnable) -> None:
        self.pending.append(runnable)

    def release(self) -> None:
        while self.pending:
            self.pending.pop(0).run()
        for _ in range(3):
            QApplication.processEvents()


def hold_tasks() -> Iterator[HeldTasks]:
    """For a fixture: background work held from now until the test ends."""
    held = HeldTasks()
    previous = tasks.set_executor(held)
    yield held
    tasks.set_executor(previous)


def show_active(qtbot, window: QWidget) -> None:
    """Show `window` as the active one: the keyboard goes to it, as after a click on it."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and QApplication.focusWidget() is not None)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "aucun widget n'a le focus"
    return widget


def press(key: Qt.Key) -> None:
    """A real key press on whatever has the keyboard focus, as a person's keyboard sends it."""
    QTest.keyClick(focused(), key)


def type_in_focus(text: str) -> None:
    type_text(focused(), text)


def when_focused_modal(action: Callable[[QDialog], None], *, timeout_ms: int = 5000) -> None:
    """Run `action(dialog)` once the next modal dialog is shown and has the keyboard (for code that calls
    exec()). A failing action closes the dialog, so the test fails instead of waiting on it for ever."""
    waited = 0

    def poll() -> None:
        nonlocal waited
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            if QApplication.activeWindow() is not dialog:
                dialog.activateWindow()
            elif QApplication.focusWidget() is not None:
                try:
                    action(dialog)
                except BaseException:
                    dialog.done(QDialog.DialogCode.Rejected)
                    raise
                return
        if waited < timeout_ms:
            waited += 20
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def keep_the_recovery_code(seen: list[str] | None = None) -> None:
    """When the new recovery code shows: note it (in `seen`), tick « J'ai noté… » with Espace, Entrée."""

    def keep(dialog: QDialog) -> None:
        assert isinstance(dialog, RecoveryCodeDialog), type(dialog)
        if seen is not None:
            seen.append(dialog.code.text())
        assert focused() is dialog.kept
        press(Qt.Key.Key_Space)
        press(Qt.Key.Key_Return)

    when_focused_modal(keep)
