"""Combo boxes over the domain's enums (Qt hands StrEnum item data back as plain text: convert it back)."""

from enum import StrEnum
from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QWidget

E = TypeVar("E", bound=StrEnum)


def enum_combo(parent: QWidget, accessible_name: str, choices: list[tuple[str, StrEnum | None]]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(accessible_name)
    for label, value in choices:
        combo.addItem(label, None if value is None else value.value)
    return combo


def enum_data(combo: QComboBox, kind: type[E]) -> E | None:
    """The enum member behind the combo's current item; None for an item without one (« Toutes »…)."""
    value = combo.currentData()
    return None if value is None else kind(value)


def select_value(combo: QComboBox, value: StrEnum | None) -> None:
    """Show the item of `value` without emitting `activated` (loading stored data)."""
    combo.setCurrentIndex(max(combo.findData(None if value is None else value.value), 0))
