"""A window the agent uses on the CMC's computer: it fills the screen, shows only what it was opened for, and
closes only with the CMC's passphrase (verify_cmc) — or when the application locks.

The main window is hidden meanwhile, so nothing of another file stays on screen. A close asked by the window
system (the title bar's cross, Alt+F4) and Échap ask for the passphrase, like the window's own « leave » button.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QWidget

from .autosave import flush_all

if TYPE_CHECKING:
    from ...data.store import Store


class AgentFacingWindow(QWidget):
    """`left(locked)` once the window has closed (locked: the application locked meanwhile)."""

    left = Signal(bool)

    def __init__(self, store: "Store", parent: QWidget | None, *, leave_title: str, leave_text: str) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._store = store
        self._leave_title, self._leave_text = leave_title, leave_text
        self._may_close = self._locked = False
        self._covered: QWidget | None = None

    def enter(self) -> None:
        """Hide the main window and cover the screen."""
        parent = self.parentWidget()
        covered = parent.window() if parent is not None else None
        if covered is not None and covered is not self:
            self._covered = covered
            locked_changed = getattr(covered, "locked_changed", None)
            if locked_changed is not None:
                locked_changed.connect(self._application_locked)
            covered.hide()
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def request_leave(self) -> bool:
        """Ask for the CMC's passphrase; the window closes only when it matches."""
        from ..lock import verify_cmc  # the lock module imports the widgets package

        flush_all(self)
        if not verify_cmc(self, self._store, title=self._leave_title, text=self._leave_text):
            self.activateWindow()  # the keyboard back to this window (without a window manager it stays lost)
            return False
        self._may_close = True
        self.close()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.request_leave()
            return
        super().keyPressEvent(event)

    def _application_locked(self, locked: bool) -> None:
        if locked and self.isVisible():
            self._locked = self._may_close = True
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close:
            event.ignore()
            if event.spontaneous():  # the cross: same as « leave », once this event is over
                QTimer.singleShot(0, self.request_leave)
            return
        flush_all(self)
        covered, self._covered = self._covered, None
        if covered is not None:
            locked_changed = getattr(covered, "locked_changed", None)
            if locked_changed is not None:
                locked_changed.disconnect(self._application_locked)
            covered.show()
            covered.activateWindow()
        super().closeEvent(event)
        self.left.emit(self._locked)
