"""A small read-only table for the few rows of one agent's file (demandes, interviews, syntheses…).

An agent has a handful of these, so a QTableWidget is enough; the long list of agents has its own lazy model.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from .. import theme

ID_ROLE = Qt.ItemDataRole.UserRole


class RecordTable(QTableWidget):
    """Rows chosen whole, never edited; `opened(id)` on Enter or double-click."""

    opened = Signal(int)

    def __init__(self, columns: list[str], accessible_name: str, parent: QWidget | None = None, *,
                 stretch_column: int | None = None, empty_text: str = "") -> None:
        super().__init__(0, len(columns), parent)
        self.empty_text = empty_text
        self.setHorizontalHeaderLabels(columns)
        self.setAccessibleName(accessible_name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)  # one line a row; a long text shows whole in its tooltip
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)  # Tab leaves the table (keyboard users); arrows move inside
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        if stretch_column is not None:
            header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)
        self.activated.connect(lambda index: self._open(index.row()))

    def set_rows(self, rows: list[tuple[int, list[str]]], *, colours: dict[int, str] | None = None) -> None:
        """Show `rows` as (id, cells); `colours` maps a row index to the text colour of the whole row."""
        self.setRowCount(len(rows))
        self.setAccessibleDescription("" if rows else self.empty_text)
        for r, (row_id, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row_id)
                item.setToolTip(text if len(text) > 30 else "")
                if colours and r in colours:
                    item.setForeground(QBrush(QColor(colours[r])))
                self.setItem(r, c, item)

    def current_id(self) -> int | None:
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        return None if item is None else int(item.data(ID_ROLE))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.rowCount() == 0 and self.empty_text:  # say so rather than show a blank grid
            painter = QPainter(self.viewport())
            painter.setPen(QColor(theme.SECONDARY))
            painter.drawText(self.viewport().rect().adjusted(16, 16, -16, -16),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.empty_text)
            painter.end()

    def _open(self, row: int) -> None:
        item = self.item(row, 0)
        if item is not None:
            self.opened.emit(int(item.data(ID_ROLE)))
