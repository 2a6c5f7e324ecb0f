"""Where a file of the working day goes or comes from (calendar files, promotion documents, spreadsheets, logos).

One function, QFileDialog as it is: the application's shared file-dialog helper replaces it here in one place.
"""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def choose_file(parent: QWidget | None, title: str, *, save: bool, filters: list[str],
                suggested: str = "") -> Path | None:
    """The path the CMC chose, or None when she cancels."""
    if save:
        chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, ";;".join(filters))
    else:
        chosen, _filter = QFileDialog.getOpenFileName(parent, title, "", ";;".join(filters))
    return Path(chosen) if chosen else None
