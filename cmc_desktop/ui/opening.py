"""Opening the store at start-up, once the main window is on screen.

The window paints its opening screen first; the data layer (SQLAlchemy, SQLCipher, the keyring: ~0.3 s of
imports and ~40 MiB) then loads off the GUI thread and the keyring opens the store. Without a key, on
first run or with a damaged store, the unlock or first-run dialog asks over the window.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from ..data.vault import KeyVault
from .resources import icon

if TYPE_CHECKING:
    from ..data.keyfile import KdfParams
    from ..data.store import Store


class OpeningScreen(QWidget):
    """The window's content while the store opens: the application's name and a busy bar."""

    painted = Signal()  # the first paint: the window is on screen, the slow part can begin

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OpeningScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        logo = QLabel(self)
        logo.setPixmap(icon("cmc-desktop").pixmap(64, 64))
        logo.setAccessibleName("Logo de cmc-desktop")
        title = QLabel("cmc-desktop", self)
        title.setObjectName("AppTitle")
        self.text = QLabel("Ouverture de votre dossier chiffré…", self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the imports and the keyring give no progress to report
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(280)
        self.progress.setAccessibleName("Ouverture du dossier en cours")
        column = QVBoxLayout(self)
        column.addStretch(1)
        for widget in (logo, title, self.text, self.progress):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        # The first paint is caught by a filter that then removes itself, not by a paintEvent override: the busy
        # bar repaints this screen ~25 times while the store opens, and each call into Python would take the
        # interpreter's lock from the thread importing the data layer (measured: ~10 % of the opening).
        self.installEventFilter(self)

    def wait_for_the_cmc(self, *, first_run: bool) -> None:
        """Nothing is loading any more: the dialog over the window waits for her."""
        self.text.setText("Créez votre dossier chiffré dans la fenêtre ouverte." if first_run
                          else "Saisissez votre phrase secrète dans la fenêtre ouverte.")
        self.progress.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self, self.painted.emit)  # once this paint is done
        return False


@dataclass(frozen=True)
class Opening:
    """What the keyring could do: open the store, or leave the CMC to be asked (first run, no key, a problem)."""

    store: "Store | None" = None
    first_run: bool = False
    problem: BaseException | None = None

    @property
    def outcome(self) -> str:
        """For the log: what happened, without a name or a path."""
        if self.store is not None:
            return "keyring"
        if self.problem is not None:
            return f"problem {type(self.problem).__name__}"
        return "first_run" if self.first_run else "passphrase"


def open_by_keyring(data_dir: Path, vault: KeyVault) -> Opening:
    """Off the GUI thread: imports the data layer, then opens the store with the keyring's key if it has one.
    The full integrity check is left for later (see app.verify_in_background)."""
    from ..data.errors import PassphraseRequired, StoreError
    from ..data.store import Store, StorePaths

    try:
        if not StorePaths(data_dir).exists():
            return Opening(first_run=True)
        return Opening(store=Store.unlock(data_dir, None, vault=vault, defer_integrity=True))
    except PassphraseRequired:
        return Opening()
    except StoreError as error:  # missing, damaged, read-only, full: the unlock dialog says which (and what to do)
        return Opening(problem=error)


def ask_for_store(data_dir: Path, vault: KeyVault, opening: Opening, *, kdf: "KdfParams | None" = None,
                  parent: QWidget | None = None) -> "Store | None":
    """The first-run or the unlock dialog, modal over `parent`; None when the CMC quits instead."""
    from ..data.store import DEFAULT_KDF
    from .unlock import FirstRunDialog, UnlockDialog

    dialog: FirstRunDialog | UnlockDialog
    if opening.first_run:
        dialog = FirstRunDialog(data_dir, vault, kdf=kdf or DEFAULT_KDF, parent=parent)
    else:
        dialog = UnlockDialog(data_dir, vault, error=opening.problem, parent=parent)
    try:
        return dialog.store if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
