"""The profile step after the store is created: a dialog of its own over the window, shown once, skippable."""

from PySide6.QtWidgets import QWidget

from ...services.profile import profile_to_ask
from ...services.workspace import Workspace
from .dialog import ProfileDialog


def ask_profile_after_first_run(ws: Workspace, window: QWidget) -> ProfileDialog | None:
    """Open the profile dialog over `window` (window-modal, no nested event loop) unless it was already shown."""
    if not profile_to_ask(ws):
        return None
    dialog = ProfileDialog(ws, window, first_run=True)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
