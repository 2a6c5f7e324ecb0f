"""A dialog with a heading, an explanation, a message banner and a QDialogButtonBox: Entrée does the main action,
Échap cancels, no other button takes Entrée by accident, and while busy Entrée does nothing."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from .feedback import ErrorBanner
from .guarded_dialog import FittingDialog
from .tab_order import buttons_last


class ButtonDialog(FittingDialog):
    """Subclasses fill `body` and implement `accept_main()`: it returns to close the dialog, returns False to keep
    it open silently (the CMC cancelled a file dialog), or raises to keep it open with the message in the banner."""

    def __init__(self, title: str, intro: str, main_label: str, parent: QWidget | None = None, *,
                 cancel_label: str = "Annuler") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.busy = False
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        self.heading = QLabel(title, self)
        self.heading.setProperty("role", "section")
        column.addWidget(self.heading)
        if intro:
            self.intro = QLabel(intro, self)
            self.intro.setWordWrap(True)
            self.intro.setProperty("role", "hint")
            column.addWidget(self.intro)
        self.banner = ErrorBanner(self)
        column.addWidget(self.banner)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        column.addLayout(self.body, 1)
        self.buttons = QDialogButtonBox(self)
        self.main_button = self.buttons.addButton(main_label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(cancel_label, QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setProperty("variant", "secondary")
        self.buttons.accepted.connect(self._main)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)

    def add_button(self, label: str, role: QDialogButtonBox.ButtonRole) -> QPushButton:
        """A further button (« Imprimer… »); it never takes Entrée."""
        button = self.buttons.addButton(label, role)
        button.setProperty("variant", "secondary")
        button.setAutoDefault(False)
        return button

    def accept_main(self) -> bool | None:
        raise NotImplementedError

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in self.buttons.buttons():
            button.setEnabled(not busy)

    def _main(self) -> None:
        if self.busy:
            return
        self.banner.clear()
        try:
            done = self.accept_main()
        except Exception as error:  # the dialog stays open with what was typed
            self.banner.show_error(error)
            return
        if done is not False:
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            event.accept()
            if not self.busy and self.main_button.isEnabled():
                self._main()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(button is self.main_button)
        self.main_button.setDefault(True)
        buttons_last(self, self.buttons)  # the box is built before the subclass's fields
        # FittingDialog: as tall as its wrapped texts need at its width, never beyond the screen (what does not fit
        # scrolls or shrinks: the import's page and table at 200 %).
        super().showEvent(event)
