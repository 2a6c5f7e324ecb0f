"""A refusal tied to one field goes away once that field is corrected: a message whose cause is fixed must not
stay on screen, and the CMC should not have to press the button again to learn that it is."""

from collections.abc import Callable

from PySide6.QtCore import QMetaObject
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ...domain.errors import ValidationError


def field_labelled(container: QWidget, label: str) -> QWidget | None:
    """The input of `container` whose label reads `label` (« Nom * : » for « Nom »), or whose accessible name
    begins with it (« Nom (obligatoire) »)."""
    wanted = _bare(label)
    for text_label in container.findChildren(QLabel):
        buddy = text_label.buddy()
        if buddy is not None and _bare(text_label.text()) == wanted:
            return buddy
    for kind in (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox):
        for field in container.findChildren(kind):
            name = _bare(field.accessibleName())
            if name == wanted or name.startswith(wanted + " ("):
                return field
    return None


def watch_correction(field: QWidget, error: ValidationError, corrected: Callable[[], None]
                     ) -> QMetaObject.Connection | None:
    """Call `corrected` at the first edit of `field` that `error.recheck` accepts; the connection is returned so
    the caller can drop it when the message goes for another reason."""
    recheck = error.recheck
    if recheck is None:
        return None

    def edited(*_args: object) -> None:
        try:
            recheck(_value(field))
        except ValidationError:
            return
        corrected()

    if isinstance(field, QLineEdit):
        return field.textChanged.connect(edited)
    if isinstance(field, QPlainTextEdit | QTextEdit):
        return field.textChanged.connect(edited)
    if isinstance(field, QComboBox):
        return field.currentTextChanged.connect(edited)
    return None


def _value(field: QWidget) -> str:
    if isinstance(field, QLineEdit):
        return field.text()
    if isinstance(field, QPlainTextEdit | QTextEdit):
        return field.toPlainText()
    if isinstance(field, QComboBox):
        return field.currentText()
    return ""


def _bare(label: str) -> str:
    return label.replace("&", "").rstrip(" :*\u00a0").strip()
