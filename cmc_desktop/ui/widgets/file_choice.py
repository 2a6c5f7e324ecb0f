"""Where a file of the working day goes or comes from (calendar files, promotion documents, spreadsheets, logos):
the application's file-dialog helper (widgets/file_dialogs.py: French, no history kept anywhere)."""

from pathlib import Path

from PySide6.QtWidgets import QWidget

from .file_dialogs import FileChooser


def choose_file(parent: QWidget | None, title: str, *, save: bool, filters: list[str],
                suggested: str = "") -> Path | None:
    """The path the CMC chose, or None when she cancels."""
    chooser = FileChooser()
    if save:
        return chooser.save_path(parent, title, suggested, name_filter=filters[0])
    return chooser.open_path(parent, title, name_filters=filters)
