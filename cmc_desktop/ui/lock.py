"""Locking: the idle watcher, the lock screen, and re-authentication of the CMC.

Idle time is counted from the input events the application's windows receive. It is measured on both the
monotonic and the wall clock and the larger wins: the monotonic clock stops during a suspend (the laptop lid
closed for an hour must lock at once on wake-up), the wall clock can be set back (which must not postpone the
lock).
"""

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QVBoxLayout, QWidget

from ..data.errors import WrongPassphrase
from . import tasks, widgets

if TYPE_CHECKING:
    from ..data.store import Store

CHECK_INTERVAL_MS = 5_000
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.ShortcutOverride,
})


class IdleWatcher(QObject):
    """Emits `idle` once the CMC has not touched keyboard, mouse or screen for `timeout_s` seconds."""

    idle = Signal()

    def __init__(self, timeout_s: float, *, check_interval_ms: int = CHECK_INTERVAL_MS,
                 wall: Callable[[], float] = time.time, monotonic: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self._wall, self._monotonic = wall, monotonic
        self._last_wall, self._last_monotonic = wall(), monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)
        self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.touch()
        return False

    def touch(self) -> None:
        self._last_wall, self._last_monotonic = self._wall(), self._monotonic()

    def idle_seconds(self) -> float:
        return max(self._wall() - self._last_wall, self._monotonic() - self._last_monotonic)

    def start(self) -> None:
        """Watch the CMC's input while the store is open.

        Input reaches a top-level window (its QWindow) before any of its widgets, so the filter sits on the
        window that has the focus, and moves with the focus to a dialog. Not on the whole application: a Python
        filter there runs for every event of every object, and the first of them make PySide build the Python
        types of all the objects they concern — measured 140 enum types and ~35 ms just after the opening."""
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self._watching:
            app.focusWindowChanged.connect(self._watch)
            self._watching = True
        self._watch(QGuiApplication.focusWindow())
        self.touch()
        self._timer.start()

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # once: installing it again only moves it first

    def stop(self) -> None:
        self._timer.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and self._watching:
            app.focusWindowChanged.disconnect(self._watch)
            self._watching = False
        for window in QGuiApplication.topLevelWindows():
            window.removeEventFilter(self)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def check(self) -> None:
        if self.idle_seconds() >= self.timeout_s:
            self._timer.stop()
            self.idle.emit()


class LockScreen(QWidget):
    """What the window shows while locked: nothing of the content, only the phrase secrète card."""

    TEXT = ("Vos données sont fermées et chiffrées. Saisissez votre phrase secrète pour reprendre votre travail "
            "là où vous l'avez laissé.")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Through the package: its module loads with the first lock screen, not before the window's first paint.
        self.prompt = widgets.PassphrasePrompt("Dossier verrouillé", self.TEXT, "Déverrouiller", self)
        self.prompt.setMaximumWidth(520)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.prompt, 3)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)


class PassphraseCheckDialog(QDialog):
    """Asks the CMC to prove it is her (the phrase secrète of the open store) before a sensitive step.

    Entrée checks, Échap cancels — also while the check runs: its answer is then ignored."""

    def __init__(self, store: "Store", parent: QWidget | None = None, *, title: str = "Confirmer votre identité",
                 text: str = "Saisissez votre phrase secrète pour continuer.") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._store = store
        self.prompt = widgets.PassphrasePrompt(title, text, "Valider", self, framed=False)
        self.prompt.add_button("Annuler", QDialogButtonBox.ButtonRole.RejectRole, self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prompt)
        self.setMinimumWidth(500)
        self.prompt.submitted.connect(self._check)
        self.prompt.field.setFocus()

    def _check(self, passphrase: str) -> None:
        tasks.submit(lambda: self._store.verify_passphrase(passphrase), on_done=self._checked,
                     on_error=lambda error: self.prompt.failed(widgets.user_message(error)), owner=self)

    def _checked(self, ok: bool) -> None:
        if self.result() == QDialog.DialogCode.Rejected and not self.isVisible():
            return  # cancelled while the check ran
        if ok:
            self.prompt.wipe()
            self.accept()
        else:
            self.prompt.failed(str(WrongPassphrase()))


def verify_cmc(parent: QWidget | None, store: "Store", *, title: str = "Confirmer votre identité",
               text: str = "Saisissez votre phrase secrète pour continuer.") -> bool:
    """Modal phrase secrète check against the open store's key file; True only when it matches."""
    dialog = PassphraseCheckDialog(store, parent, title=title, text=text)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
