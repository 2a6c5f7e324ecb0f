"""A refusal goes away once its cause is fixed: a message whose cause is fixed must not stay on screen, and the
CMC should not have to press the button again to learn that it is. A ValidationError names its field and how to
recheck a value; other refusals name the inputs they are about and what makes them right."""

from collections.abc import Callable

from PySide6.QtCore import QMetaObject, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ...domain.errors import ValidationError


def field_labelled(container: QWidget, label: str) -> QWidget | None:
    """The input of `container` whose label reads `label` (« Nom * : » for « Nom »), or whose accessible name
    begins with it (« Nom (obligatoire) »)."""
    wanted = _bare(label)
    for text_label in container.findChildren(QLabel):
        buddy = text_label.buddy()
        if buddy is not None and _bare(text_label.text()) == wanted:
            return buddy
    from .dates import FrenchDateEdit  # dates shows its own errors through feedback, which imports this module

    for kind in (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox):
        for field in container.findChildren(kind):
            name = _bare(field.accessibleName())
            if name == wanted or name.startswith(wanted + " ("):
                # A date's line bears the date field's name: the field is the date, whose value is a date.
                parent = field.parentWidget()
                return parent if isinstance(parent, FrenchDateEdit) else field
    return None


def rechecked(field: QWidget, error: ValidationError) -> Callable[[], bool] | None:
    """Whether the value now in `field` passes the check that refused it."""
    recheck = error.recheck
    if recheck is None:
        return None

    def passes() -> bool:
        try:
            recheck(_value(field))
        except ValidationError:
            return False
        return True

    return passes


def watch_changes(fields: tuple[QWidget, ...], changed: Callable[[], None]) -> list[QMetaObject.Connection]:
    """Call `changed` whenever one of `fields` changes (typed, chosen, ticked, picked in a calendar); the
    connections are returned so the caller can drop them."""
    return [signal.connect(lambda *_args: changed()) for field in fields for signal in _change_signals(field)]


def _change_signals(field: QWidget) -> list[SignalInstance]:
    if isinstance(field, QLineEdit | QPlainTextEdit | QTextEdit):
        return [field.textChanged]
    if isinstance(field, QComboBox):
        return [field.currentIndexChanged, field.currentTextChanged]
    if isinstance(field, QAbstractButton):
        return [field.toggled]
    if isinstance(field, QAbstractSlider):  # a note chosen on a scale
        return [field.valueChanged]
    if isinstance(field, QListWidget):  # a row chosen, or a box ticked in a row
        return [field.currentRowChanged, field.itemChanged]
    from .dates import FrenchDateEdit  # dates shows its own errors through feedback, which imports this module

    if isinstance(field, FrenchDateEdit):  # a date typed (checked when the field is left) or picked
        return [field.edit.editingFinished, field.committed]
    return []


def _value(field: QWidget) -> object:
    from .dates import FrenchDateEdit  # dates shows its own errors through feedback, which imports this module

    if isinstance(field, FrenchDateEdit):  # the date last accepted (a typed one once the field is left)
        return field.date()
    if isinstance(field, QLineEdit):
        return field.text()
    if isinstance(field, QPlainTextEdit | QTextEdit):
        return field.toPlainText()
    if isinstance(field, QComboBox):
        return field.currentText()
    return ""


def _bare(label: str) -> str:
    return label.replace("&", "").rstrip(" :*\u00a0").strip()
