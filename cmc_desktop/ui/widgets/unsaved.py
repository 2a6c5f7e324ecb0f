"""Edits that cannot be saved (a date that does not exist, a text over its limit), and the question asked before
a view holding one is left: autosave never drops such an edit without a word."""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .dialogs import confirm


@dataclass(frozen=True)
class UnsavedEdit:
    """A field whose input was refused: its label as the form shows it, and the message under it."""

    field: QWidget
    label: str
    message: str


def correct_or_abandon(parent: QWidget, edits: list[UnsavedEdit]) -> bool:
    """Ask before leaving `edits`; True when the CMC abandons them. « Corriger » is the default (Entrée, Échap):
    the focus then goes back to the first field, its message still under it."""
    several = len(edits) > 1
    names = " et de ".join(f"« {edit.label} »" for edit in edits)
    text = (f"Les modifications de {names} ne peuvent pas être enregistrées." if several
            else f"La modification de {names} ne peut pas être enregistrée.")
    reasons = "\n".join(edit.message for edit in edits)
    ending = ("Corrigez-les, ou abandonnez-les pour revenir aux valeurs enregistrées." if several
              else "Corrigez-la, ou abandonnez-la pour revenir à la valeur enregistrée.")
    label = "Abandonner les modifications" if several else "Abandonner la modification"
    if confirm(parent, f"{label} ?", f"{text}\n\n{reasons}\n\n{ending}", confirm_label=label,
               cancel_label="Corriger", destructive=True):
        return True
    field = edits[0].field
    field.activateWindow()  # without a window manager, the window the question covered does not get it back
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    return False
