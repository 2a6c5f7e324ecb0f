"""Telling the CMC and making her wait, for the synthesis dialogs (exchange, consents, destruction, import):
a toast or a message she must read, and a modal « Veuillez patienter » while work runs off the GUI thread."""

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import tasks
from ..widgets import INFO, SUCCESS, WARNING, GuardedDialog, Toast, name_icon

T = TypeVar("T")


def notify(parent: QWidget | None, message: str, kind: str = SUCCESS) -> None:
    """A toast on the main window (its `notify`), or on whatever window `parent` is in."""
    window = parent.window() if parent is not None else None
    if window is None:
        return
    shell_notify = getattr(window, "notify", None)
    if callable(shell_notify):
        shell_notify(message, kind)
        return
    toast = window.findChild(Toast) or Toast(window)
    toast.show_message(message, kind)


def inform(parent: QWidget | None, title: str, text: str, *, kind: str = WARNING) -> None:
    """A message the CMC must read (an import refused, an export impossible), with a French button."""
    icons = {WARNING: QMessageBox.Icon.Warning, INFO: QMessageBox.Icon.Information}
    box = QMessageBox(icons.get(kind, QMessageBox.Icon.Information), title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    name_icon(box)
    close = box.addButton("Fermer", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.exec()
    box.deleteLater()


class Interrupted(Exception):
    """The busy dialog was closed (cancelled, or a lock) before the work finished: there is nobody to tell."""


class BusyDialog(GuardedDialog):
    """"Please wait" while work runs off the GUI thread. With `on_cancel` the CMC can stop it (Annuler, Échap);
    without, only a lock closes it. Ctrl+L locks from here too: the window's own shortcut does not reach a modal
    dialog. Entrée does nothing (there is nothing to confirm)."""

    def __init__(self, text: str, parent: QWidget | None = None, *,
                 on_cancel: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._on_cancel = on_cancel
        self.setWindowTitle("Veuillez patienter")
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        bar = QProgressBar(self)
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setAccessibleName(text)
        layout.addWidget(bar)
        self.buttons = QDialogButtonBox(self)
        if on_cancel is not None:
            cancel = QPushButton("Annuler", self)
            cancel.setProperty("variant", "secondary")
            cancel.setAutoDefault(False)
            self.buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
            self.buttons.rejected.connect(self.request_close)
            layout.addWidget(self.buttons)
        lock = QShortcut(QKeySequence("Ctrl+L"), self)
        lock.activated.connect(self._lock_window)

    def may_close(self) -> bool:
        return self._on_cancel is not None  # work that cannot be cancelled must not be left half-way

    def reject(self) -> None:
        if self._on_cancel is not None:
            self._on_cancel()
        super().reject()

    def _lock_window(self) -> None:
        parent = self.parentWidget()
        lock = getattr(parent.window(), "lock", None) if parent is not None else None
        if callable(lock):
            lock()  # closes this dialog (reject: the work is cancelled or waited for), then locks


def run_busy(parent: QWidget | None, text: str, work: Callable[[], T], *,
             on_cancel: Callable[[], None] | None = None) -> T:
    """Run `work` in the background behind a modal busy dialog; return its result or raise its error
    (Interrupted when the CMC cancelled or a lock closed the dialog first). `on_cancel`, when given, makes the
    work cancellable: it is called from the GUI thread and must make `work` return soon."""
    dialog = BusyDialog(text, parent, on_cancel=on_cancel)
    outcome: list[tuple[bool, Any]] = []

    def finish(ok: bool, value: object) -> None:
        outcome.append((ok, value))
        if dialog.isVisible():
            dialog.done(0)

    tasks.submit(work, on_done=lambda value: finish(True, value), on_error=lambda error: finish(False, error),
                 owner=dialog)
    if not outcome:  # synchronous executors have already finished
        dialog.exec()
    dialog.deleteLater()
    if not outcome:
        raise Interrupted
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
