"""Dialogs for one record: creating it with one button, or editing a stored one field by field (autosave).

Create mode holds the input until the main button; Escape or "Annuler" asks before discarding what was typed.
Edit mode saves each field as soon as it is committed (no "Enregistrer" to forget); a refused value shows the
service's message in the banner and stays in its field; closing then asks before leaving it unsaved.
Only the CMC's own gestures ask: `reject()` from the program (the lock closes every dialog) never waits on a
question.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..widgets import AutosaveLineEdit, AutosaveTextEdit, ErrorBanner, FrenchDateEdit, confirm, flush_all
from ..widgets.tab_order import buttons_last

Field = AutosaveLineEdit | AutosaveTextEdit | FrenchDateEdit | QCheckBox | QComboBox
DATE_TO_FIX = "Corrigez la date signalée sous son champ."


def make_default(dialog: QDialog, main: QPushButton) -> None:
    """Enter in a field presses `main` only: never "Tous présents" or "Nouvel exercice" by accident."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(button is main)
    main.setDefault(True)


class RecordDialog(QDialog):
    """Subclasses add their fields to `form` (and `body`), call `watch` on them and implement `store()`."""

    saved = Signal()

    def __init__(self, title: str, parent: QWidget | None, *, editing: bool, create_label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.editing = editing
        self._failed = False
        self._closed_for_good = False  # the record was deleted: nothing left to save
        self._watching_dates = False
        self.heading = QLabel(title, self)
        self.heading.setProperty("role", "section")
        self.banner = ErrorBanner(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(10)
        self.body = QVBoxLayout()
        self.buttons = QDialogButtonBox(self)
        if editing:
            self.close_button = self.buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
            self.close_button.clicked.connect(self.request_close)
        else:
            self.ok_button = self.buttons.addButton(create_label, QDialogButtonBox.ButtonRole.AcceptRole)
            self.cancel_button = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
            self.cancel_button.setProperty("variant", "secondary")
            self.cancel_button.clicked.connect(self.request_close)
            self.ok_button.setDefault(True)
            self.ok_button.clicked.connect(self.submit)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        column.addWidget(self.heading)
        column.addWidget(self.banner)
        column.addLayout(self.form)
        column.addLayout(self.body)
        column.addStretch(1)
        column.addWidget(self.buttons)

    # ----- for subclasses ---------------------------------------------------------------------------------
    def store(self) -> None:
        """Create or update the record through its service; raise with the service's error."""
        raise NotImplementedError

    def has_input(self) -> bool:
        """Create mode: whether something was typed that closing would lose."""
        return False

    def watch(self, *fields: Field) -> None:
        """Save (edit mode) whenever one of `fields` commits a new value."""
        for field in fields:
            if isinstance(field, QCheckBox):
                field.toggled.connect(self._field_committed)
            elif isinstance(field, QComboBox):
                field.currentIndexChanged.connect(self._field_committed)
            else:
                field.committed.connect(self._field_committed)

    def close_for_good(self) -> None:
        """The record is gone (deleted): close without saving anything more."""
        self._closed_for_good = True
        self.saved.emit()
        super().accept()

    # ----- behaviour ----------------------------------------------------------------------------------------
    def _date_error(self) -> bool:
        return any(edit.error_text for edit in self.findChildren(FrenchDateEdit))

    def _field_committed(self, *_value: object) -> None:
        if not self.editing or self._closed_for_good:
            return
        try:
            self.store()
        except Exception as error:  # shown to the CMC in French; the field keeps the value for correction
            self._failed = True
            self.banner.show_error(error)
            for edit in self.findChildren(AutosaveLineEdit) + self.findChildren(AutosaveTextEdit):
                edit.mark_unsaved()
            return
        self._failed = False
        self.banner.clear()
        self.saved.emit()

    def submit(self) -> None:
        """Create mode: store the new record and close, or show why it was refused."""
        if self._date_error():
            self.banner.show_message(DATE_TO_FIX)
            if not self._watching_dates:  # the message goes once every date is corrected, typed or picked
                self._watching_dates = True
                for edit in self.findChildren(FrenchDateEdit):
                    edit.edit.editingFinished.connect(self._date_corrected)
                    edit.committed.connect(self._date_corrected)
            return
        try:
            self.store()
        except Exception as error:  # the dialog stays open with everything typed
            self.banner.show_error(error)
            return
        self._closed_for_good = True
        self.saved.emit()
        super().accept()

    def _date_corrected(self, *_value: object) -> None:
        if not self._date_error() and self.banner.isVisible() and self.banner.text == DATE_TO_FIX:
            self.banner.clear()

    def request_close(self) -> None:
        """Escape, "Annuler"/"Fermer", the title bar: ask before losing a refused value or typed input."""
        if self.editing:
            flush_all(self)
            if (self._failed or self._date_error()) and not confirm(
                    self, "Modification non enregistrée",
                    "La dernière modification n'a pas pu être enregistrée (voir le message). Fermer quand même ?",
                    confirm_label="Fermer sans enregistrer", destructive=True):
                return
        elif self.has_input() and not confirm(
                self, "Abandonner la saisie", "Ce que vous avez saisi sera perdu. Abandonner la saisie ?",
                confirm_label="Abandonner", cancel_label="Continuer la saisie", destructive=True):
            return
        self.reject()

    def reject(self) -> None:
        if self.editing and not self._closed_for_good:
            flush_all(self)  # what can still be saved is saved
        self._closed_for_good = True
        super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        make_default(self, self.close_button if self.editing else self.ok_button)
        buttons_last(self, self.buttons)  # the box is built before the subclass's fields
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.request_close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and not self._closed_for_good:
            event.ignore()
            self.request_close()
            return
        super().closeEvent(event)
