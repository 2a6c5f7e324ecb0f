"""Entrée on a focused button of the main window presses it, as Espace does.

Qt lets a QPushButton take Entrée only when it is auto-default, which it makes only buttons in a dialog: in the
window « Nouvelle demande » or « Ajouter un consentement… », reached with Tab, did nothing on Entrée. Each button
of the window is made auto-default as it gets the focus (auto-default means nothing else outside a dialog; the
theme draws it the same size), so the button itself takes the key. Not a handler at the end of the key's way
(the window's keyPressEvent): it would also get the Entrée a list lets through after opening a line, by then with
the focus on the new page's « ← Tous les documents », and go straight back.
"""

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QPushButton, QWidget


class EnterPressesButtons(QObject):
    """Watches the focus for `window`, as its child: the connection goes with it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.watched = window
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QPushButton) and not new.autoDefault() and new.window() is self.watched:
            new.setAutoDefault(True)
