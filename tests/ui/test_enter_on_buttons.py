"""Entrée on a focused button of the main window presses it, as Espace does.

Qt gives Entrée to a QPushButton only when the button is auto-default, which it makes buttons in a dialog only:
in the window, a CMC who reached « Nouvelle demande » with Tab and pressed Entrée saw nothing happen (found on
the real window under Xvfb)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cmc_desktop.ui.main_window import MainWindow

from .agents_helpers import agents_view, new_agent


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter], ids=["Entrée", "Entrée du pavé"])
def test_entree_on_a_focused_button_of_the_window_presses_it(qtbot, window: MainWindow, ws, key: Qt.Key) -> None:
    view = agents_view(window)
    view.open_item(new_agent(ws, "Vigne", "Capucine"))
    file = view.file
    assert file is not None
    file.tabs.setCurrentWidget(file.demandes)
    button = file.demandes.new_button
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    modifiers = Qt.KeyboardModifier.KeypadModifier if key == Qt.Key.Key_Enter else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(button, key, modifiers)
    dialog = file.demandes.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()

