"""The phrase secrète: a field hidden by default (with a button to show it), and the card asking for it.

Entrée in a field that asks a secret does the card's main action, and nothing else: measured on a real X
window, a field and a main button disabled while the store opened handed Entrée to the dialog's next
auto-default button, « Quitter ». So while busy the field stays focused (read-only, not disabled), Entrée in it
does nothing, the main button is the only default and every other button is explicitly not auto-default.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..resources import icon
from .feedback import ErrorBanner

ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


class PassphraseEdit(QLineEdit):
    """A password-mode line edit (copy and cut are disabled by Qt in this mode)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setAccessibleName(accessible_name)
        self.setMinimumWidth(320)
        self._toggle = QAction(icon("oeil"), "Afficher la phrase", self)
        self._toggle.setCheckable(True)
        self._toggle.toggled.connect(self._reveal)
        self.addAction(self._toggle, QLineEdit.ActionPosition.TrailingPosition)

    @property
    def reveal_action(self) -> QAction:
        return self._toggle

    def _reveal(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self._toggle.setIcon(icon("oeil-barre" if shown else "oeil"))
        self._toggle.setText("Masquer la phrase" if shown else "Afficher la phrase")

    def wipe(self) -> None:
        """Empty the field and hide it again (after use, on lock)."""
        self.clear()
        self._toggle.setChecked(False)


class EnterSubmits(QObject):
    """Entrée (main keyboard or keypad) in the watched fields calls `action` and goes no further: not to a
    dialog's default button, which would act a second time, nor to any other button."""

    def __init__(self, action: Callable[[], None], *fields: QLineEdit) -> None:
        super().__init__(fields[0])
        self._action = action
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in ENTER_KEYS:
            self._action()
            return True
        return False


def grow_to_fit(dialog: QWidget) -> None:
    """Make `dialog` tall enough for what it now shows (a message just appeared): nothing is clipped, and the
    fields do not move under the pointer since it only ever grows. Wrapped labels need the height for the
    current width, which a layout's minimum size does not give."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    needed = max(dialog.heightForWidth(dialog.width()), dialog.minimumSizeHint().height())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


def secondary_button(box: QDialogButtonBox, label: str, role: QDialogButtonBox.ButtonRole,
                     slot: Callable[[], object], *, variant: str = "secondary") -> QPushButton:
    """A button of `box` that Entrée never presses (only a click or Espace on it does)."""
    button = QPushButton(label)
    button.setProperty("variant", variant)  # before the box polishes it: the style sheet reads it then
    button.setAutoDefault(False)
    button.setDefault(False)
    box.addButton(button, role)
    button.clicked.connect(slot)
    return button


class PassphrasePrompt(QFrame):
    """A card asking for the phrase secrète: title, explanation, field, buttons, error banner, busy bar.

    Shared by the unlock dialog, the lock screen and the re-authentication dialog. `submitted(str)` carries
    a non-empty phrase; the owner runs the check off the GUI thread and calls `failed` or `wipe`. Owners add
    their other buttons with `add_button` (Entrée never reaches them).
    """

    submitted = Signal(str)

    def __init__(self, title: str, text: str, button_label: str, parent: QWidget | None = None, *,
                 framed: bool = True) -> None:
        super().__init__(parent)
        if framed:
            self.setObjectName("Card")
        self._busy = False
        layout = self.column = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        heading = QHBoxLayout()
        heading.setSpacing(12)
        picture = QLabel(self)
        picture.setPixmap(icon("verrou").pixmap(32, 32))
        picture.setAccessibleName("Cadenas : dossier chiffré")
        self.title = QLabel(title, self)
        self.title.setProperty("role", "title")
        heading.addWidget(picture)
        heading.addWidget(self.title, 1)
        layout.addLayout(heading)
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.banner = ErrorBanner(self, closable=False)
        layout.addWidget(self.banner)
        label = QLabel("Phrase secrète", self)
        self.field = PassphraseEdit("Phrase secrète", self)
        label.setBuddy(self.field)
        layout.addWidget(label)
        layout.addWidget(self.field)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Vérification en cours")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(self)
        self.button = self.buttons.addButton(button_label, QDialogButtonBox.ButtonRole.AcceptRole)
        assert self.button is not None
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        layout.addWidget(self.buttons)
        EnterSubmits(self._submit, self.field)

    def add_button(self, label: str, role: QDialogButtonBox.ButtonRole, slot: Callable[[], object], *,
                   variant: str = "secondary") -> QPushButton:
        return secondary_button(self.buttons, label, role, slot, variant=variant)

    def add_link(self, label: str, slot: Callable[[], object]) -> QPushButton:
        """A link-like button just under the field (« Phrase secrète oubliée ? »), which Entrée never presses."""
        link = QPushButton(label, self)
        link.setProperty("variant", "tertiary")
        link.setAutoDefault(False)
        link.clicked.connect(slot)
        self.column.insertWidget(self.column.indexOf(self.field) + 1, link, 0, Qt.AlignmentFlag.AlignLeft)
        return link

    @property
    def busy(self) -> bool:
        return self._busy

    def _submit(self) -> None:
        if self._busy:
            return
        if not self.field.text():
            self.failed("Saisissez votre phrase secrète.")
            return
        self.banner.clear()
        self.set_busy(True)
        self.submitted.emit(self.field.text())

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.field.setReadOnly(busy)  # not disabled: the focus stays here, Entrée cannot move on to a button
        self.button.setEnabled(not busy)

    def failed(self, message: str) -> None:
        """Show why; keep the typed text selected so it can be corrected or retyped."""
        self.set_busy(False)
        self.banner.show_message(message)
        if isinstance(self.window(), QDialog):
            grow_to_fit(self.window())
        self.field.setFocus()
        self.field.selectAll()

    def wipe(self) -> None:
        self.set_busy(False)
        self.banner.clear()
        self.field.wipe()
