"""A dialog that asks before throwing away what the CMC has typed."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog

from ..widgets import confirm


class GuardedDialog(QDialog):
    """Escape, « Annuler » (`close_asking`) and the window's close button ask first when `has_pending_input()`.

    `reject()` itself never asks: locking the application calls it and must not wait for an answer.
    """

    def has_pending_input(self) -> bool:
        raise NotImplementedError

    def close_asking(self) -> bool:
        """Close unless the CMC chooses to keep her input; True when the dialog was closed."""
        if self.has_pending_input() and not self._discard_confirmed():
            return False
        self.reject()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.close_asking()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the window's own close button (a spontaneous event) asks; close() from the code does not.
        if event.spontaneous() and self.has_pending_input() and not self._discard_confirmed():
            event.ignore()
            return
        super().closeEvent(event)

    def _discard_confirmed(self) -> bool:
        return confirm(self, "Abandonner la saisie ?",
                       "Ce que vous avez saisi dans cette fenêtre n'est pas enregistré et sera perdu.",
                       confirm_label="Abandonner la saisie", cancel_label="Continuer la saisie", destructive=True)
