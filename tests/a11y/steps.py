"""The steps a screen of the accessibility walk is made of, each a callable on the main window.

A screen is reached as the CMC would reach it: the sidebar entry, a row opened with Entrée, a button clicked
(by its visible text), a tab brought forward. Steps act on the top dialog when one is open, else on the view.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from cmc_desktop.ui.main_window import MainWindow

Step = Callable[[MainWindow], None]


@dataclass(frozen=True)
class Screen:
    """A view or dialog to walk: its name in the report, the steps that bring it on screen, and words that a
    screen reader must have been told meanwhile (an error or a confirmation, announced), if any."""

    name: str
    steps: tuple[Step, ...]
    announces: str = ""


def screen(name: str, *steps: Step, announces: str = "") -> Screen:
    return Screen(name, steps, announces)


def main_window() -> MainWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)


def dialogs() -> list[QDialog]:
    """The dialogs on show, the most recently opened last (Qt lists top-levels in creation order)."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def surface(window: MainWindow) -> QWidget:
    """Where the next step acts: the top dialog if one is open, else the current view."""
    open_dialogs = dialogs()
    if open_dialogs:
        return open_dialogs[-1]
    view = window.current_view()
    if view is None:
        raise LookupError("aucune vue affichée")
    return view


def go(key: str) -> Step:
    """Show the view `key` at its list (the sidebar entry)."""

    def step(window: MainWindow) -> None:
        window.navigator.open(key, None)

    return step


def press(label: str) -> Step:
    """Click the visible button whose text (without &) or accessible name is `label`, on the top surface."""

    def step(window: MainWindow) -> None:
        for button in surface(window).findChildren(QAbstractButton):
            if button.isVisible() and button.isEnabled() and label in (button.text().replace("&", ""),
                                                                         button.accessibleName()):
                button.click()
                return
        raise LookupError(f"bouton introuvable : {label}")

    return step


def tab(label: str) -> Step:
    """Bring forward the tab titled `label` (text without &) on the top surface."""

    def step(window: MainWindow) -> None:
        for tabs in surface(window).findChildren(QTabWidget):
            for index in range(tabs.count()):
                if tabs.isVisible() and tabs.tabText(index).replace("&", "").startswith(label):
                    tabs.setCurrentIndex(index)
                    return
        raise LookupError(f"onglet introuvable : {label}")

    return step


def open_row(text: str) -> Step:
    """Select the first row of a visible list that shows `text` (in any case: names are shown « Prénom NOM »),
    and press Entrée on it, as the CMC would."""
    return _row_step(text, open_it=True)


def _row_step(text: str, *, open_it: bool) -> Step:
    wanted = text.casefold()

    def step(window: MainWindow) -> None:
        for view in surface(window).findChildren(QAbstractItemView):
            model = view.model()
            if not view.isVisible() or model is None:
                continue
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    index = model.index(row, column)
                    if wanted in str(model.data(index) or "").casefold():
                        view.setFocus()
                        view.setCurrentIndex(index)
                        if open_it:
                            QTest.keyClick(view, Qt.Key.Key_Return)
                        return
        raise LookupError(f"ligne introuvable : {text}")

    return step


def menu(button_label: str, action_label: str) -> Step:
    """Open the menu of the button `button_label` and choose `action_label` (text without &)."""

    def step(window: MainWindow) -> None:
        for button in surface(window).findChildren(QAbstractButton):
            button_menu = getattr(button, "menu", lambda: None)()
            if button.isVisible() and button.text().replace("&", "") == button_label and button_menu is not None:
                for action in button_menu.actions():
                    if action.text().replace("&", "") == action_label:
                        action.trigger()
                        return
        raise LookupError(f"menu introuvable : {button_label} > {action_label}")

    return step


def select_row(text: str = "") -> Step:
    """Select the first row of a visible list that shows `text` (by default the first row), without opening it."""
    return _row_step(text, open_it=False)


def key(sequence: str) -> Step:
    """Type a key sequence (« Ctrl+L ») on the focused widget of the active window, as the CMC would."""

    def step(window: MainWindow) -> None:
        shortcut = QKeySequence(sequence)[0]
        target = QApplication.focusWidget() or window
        QTest.keyClick(target, shortcut.key(), shortcut.keyboardModifiers())

    return step


def show(factory: Callable[[MainWindow], QWidget]) -> Step:
    """Open a window the walk cannot reach through the main window (the first-run dialog), built by `factory`."""

    def step(window: MainWindow) -> None:
        factory(window).show()

    return step


def type_text(field_name: str, text: str) -> Step:
    """Type `text` (ASCII: see FACTS.md on accented key clicks offscreen) into the visible field whose accessible
    name is `field_name`, then leave it with Tab, as the CMC would."""

    def step(window: MainWindow) -> None:
        for field in surface(window).findChildren(QLineEdit):
            if field.isVisible() and field.accessibleName() == field_name:
                field.setFocus()
                field.selectAll()
                QTest.keyClicks(field, text)
                QTest.keyClick(field, Qt.Key.Key_Tab)
                return
        raise LookupError(f"champ introuvable : {field_name}")

    return step
