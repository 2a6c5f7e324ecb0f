"""The read-only table every list view shows: whole-row selection, no cell editing, readable rows."""

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ..text_zoom import current_zoom


class ListTable(QTableView):
    """Columns of a given width at 100 % that widen with the text zoom, never narrower than their title."""

    def __init__(self, parent: QWidget, widths: Iterable[tuple[int, int]]) -> None:
        super().__init__(parent)
        self._widths = list(widths)

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        zoom = current_zoom() / 100
        for section, width in self._widths:
            header.resizeSection(section, max(round(width * zoom), header.sectionSizeHint(section)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # after the header has its new font
            QTimer.singleShot(0, self, self.fit_columns)


def list_table(parent: QWidget, model: QAbstractItemModel, accessible_name: str, *, stretch: int,
               widths: Iterable[tuple[int, int]]) -> QTableView:
    """A table over `model`; column `stretch` takes the spare width, `widths` gives (column, pixels at 100 %)."""
    table = ListTable(parent, widths)
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(34)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.fit_columns()
    return table
