"""The recovery passphrase: a field hidden by default (with a button to show it), and the card asking for it."""

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ..resources import icon
from .feedback import ErrorBanner


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


class PassphrasePrompt(QFrame):
    """A card asking for the passphrase: title, explanation, field, button, error banner, busy bar.

    Shared by the unlock dialog, the lock screen and the re-authentication dialog. `submitted(str)` carries
    a non-empty passphrase; the owner runs the check off the GUI thread and calls `failed` or `wipe`.
    """

    submitted = Signal(str)

    def __init__(self, title: str, text: str, button_label: str, parent: QWidget | None = None, *,
                 framed: bool = True) -> None:
        super().__init__(parent)
        if framed:
            self.setObjectName("Card")
        layout = QVBoxLayout(self)
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
        label = QLabel("Phrase de récupération", self)
        self.field = PassphraseEdit("Phrase de récupération", self)
        label.setBuddy(self.field)
        layout.addWidget(label)
        layout.addWidget(self.field)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Vérification en cours")
        self.busy.hide()
        layout.addWidget(self.busy)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.button = QPushButton(button_label, self)
        self.button.setDefault(True)
        self.buttons.addWidget(self.button)
        layout.addLayout(self.buttons)
        self.button.clicked.connect(self._submit)
        self.field.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        if not self.field.isEnabled():
            return
        if not self.field.text():
            self.failed("Saisissez votre phrase de récupération.")
            return
        self.banner.clear()
        self.set_busy(True)
        self.submitted.emit(self.field.text())

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.field.setEnabled(not busy)
        self.button.setEnabled(not busy)

    def failed(self, message: str) -> None:
        """Show why; keep the typed text selected so it can be corrected or retyped."""
        self.set_busy(False)
        self.banner.show_message(message)
        self.field.setFocus()
        self.field.selectAll()

    def wipe(self) -> None:
        self.set_busy(False)
        self.banner.clear()
        self.field.wipe()
