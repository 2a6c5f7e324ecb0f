"""Helpers shared by every UI test: the keyboard focus chain, accessible names, modal dialogs, typing."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

INPUT_CONTROLS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox, QAbstractButton,
                  QAbstractItemView, QAbstractSlider)


def _in_tab_chain(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None)


def walk_focus_chain(widget: QWidget) -> list[QWidget]:
    """The widgets under `widget` (itself included) that Tab reaches, in Tab order."""
    reached, current = [], widget
    while True:
        if (current is widget or widget.isAncestorOf(current)) and _in_tab_chain(current):
            reached.append(current)
        current = current.nextInFocusChain()
        if current is widget or current is None:
            return reached


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces: the accessibility interface's name (labels, buddies, form rows)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return (interface.text(QAccessible.Text.Name) if interface is not None else "").strip()


def assert_accessible(widget: QWidget) -> list[QWidget]:
    """Every input control Tab reaches under `widget` has an accessible name; returns the controls checked."""
    controls = [w for w in walk_focus_chain(widget) if isinstance(w, INPUT_CONTROLS)]
    nameless = [f"{type(w).__name__}({w.objectName() or w.toolTip() or '?'})" for w in controls
                if not accessible_name(w)]
    assert not nameless, f"contrôles sans nom accessible : {nameless}"
    return controls


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` as key events carrying the text (qtbot.keyClicks aborts on accents offscreen)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def when_modal(action: Callable[[QWidget], None], *, timeout_ms: int = 5000) -> None:
    """Run `action(dialog)` on the next modal dialog once it is shown (for code that calls exec()).

    When `action` fails (an assertion), every modal dialog is closed before the error goes on: the code
    waiting in exec() returns and the test fails instead of hanging."""
    waited = 0

    def poll() -> None:
        nonlocal waited
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            try:
                action(dialog)
            except BaseException:
                close_modal_dialogs()
                raise
        elif waited < timeout_ms:
            waited += 20
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def close_modal_dialogs() -> None:
    """Reject every modal dialog still open, innermost first."""
    for _ in range(20):
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            return
        dialog.reject()


def answer_message_box(button_text: str) -> None:
    """Click the button labelled `button_text` in the next QMessageBox (confirm() and the like)."""

    def click(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox), type(dialog)
        for button in dialog.buttons():
            if button.text() == button_text:
                button.click()
                return
        raise AssertionError(f"pas de bouton « {button_text} » : {[b.text() for b in dialog.buttons()]}")

    when_modal(click)


SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


SCREENSHOT_SIZE = (1280, 720)  # a laptop of 1366×768, or 1920×1080 at 150 %: what most CMC see


def save_screenshot(widget: QWidget, name: str) -> None:
    """docs/screenshots/<name>, once pending layouts and paints are done; the main window at 1280×720."""
    if isinstance(widget, QMainWindow):
        widget.resize(*SCREENSHOT_SIZE)
    for _ in range(5):
        QApplication.processEvents()
    assert widget.grab().save(str(SCREENSHOTS / name))
