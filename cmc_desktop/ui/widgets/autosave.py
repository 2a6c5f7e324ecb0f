"""Text fields that save themselves: no "Enregistrer" button to forget.

`committed(str)` fires 800 ms after the last keystroke, when the field loses focus, when it is hidden (view
switched, window closed, lock) and on `flush()`; never twice for the same text. `load()` puts stored text in
without committing and clears the undo history, so Ctrl+Z never empties a field that was loaded.
"""

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent, QHideEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

DEBOUNCE_MS = 800


class _Debounce:
    """The shared saving logic: a single-shot timer and the last committed text."""

    def __init__(self, owner: "AutosaveTextEdit | AutosaveLineEdit", delay_ms: int) -> None:
        self.owner = owner
        self.saved: str | None = ""
        self.timer = QTimer(owner)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(owner.flush)

    def flush(self, current: str) -> None:
        self.timer.stop()
        if current != self.saved:
            self.saved = current
            self.owner.committed.emit(current)


class AutosaveTextEdit(QPlainTextEdit):
    """Multi-line text (notes, synthesis fields) with undo, saved as it is typed."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, accessible_name: str = "",
                 delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._debounce = _Debounce(self, delay_ms)
        self._loading = False
        self.setTabChangesFocus(True)  # Tab moves on (keyboard users); typing a tab is rarely wanted here
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.textChanged.connect(self._changed)

    def load(self, text: str) -> None:
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False
        self._debounce.timer.stop()
        self._debounce.saved = text

    def text(self) -> str:
        return self.toPlainText()

    def has_pending(self) -> bool:
        return self.toPlainText() != self._debounce.saved

    def mark_unsaved(self) -> None:
        """The last commit could not be stored: the next flush offers the text again."""
        self._debounce.saved = None

    def flush(self) -> None:
        self._debounce.flush(self.toPlainText())

    def _changed(self) -> None:
        if not self._loading:
            self._debounce.timer.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)


class AutosaveLineEdit(QLineEdit):
    """One-line text saved as it is typed (the same rules as AutosaveTextEdit)."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, accessible_name: str = "",
                 delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._debounce = _Debounce(self, delay_ms)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.textEdited.connect(lambda _text: self._debounce.timer.start())
        self.editingFinished.connect(self.flush)

    def load(self, text: str) -> None:
        self.setText(text)  # setText does not emit textEdited and clears the undo history
        self._debounce.timer.stop()
        self._debounce.saved = text

    def has_pending(self) -> bool:
        return self.text() != self._debounce.saved

    def mark_unsaved(self) -> None:
        self._debounce.saved = None

    def flush(self) -> None:
        self._debounce.flush(self.text())

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)


def flush_all(root: QWidget) -> None:
    """Commit every pending autosave edit under `root` (before a lock tears the views down)."""
    for edit in root.findChildren(AutosaveTextEdit) + root.findChildren(AutosaveLineEdit):
        edit.flush()
