"""A small read-only table for the few rows of one agent's file (demandes, interviews, syntheses…).

An agent has a handful of these, so a QTableWidget is enough; the long list of agents has its own lazy model.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from .. import theme
from ..widgets.list_table import ColumnFitter

ID_ROLE = Qt.ItemDataRole.UserRole


class RecordTable(QTableWidget):
    """Rows chosen whole, never edited; `opened(id)` on Enter or double-click. The `optional` columns give way
    when the texts are enlarged on a narrow screen: what they show must be on the screen elsewhere too."""

    opened = Signal(int)

    def __init__(self, columns: list[str], accessible_name: str, parent: QWidget | None = None, *,
                 stretch_column: int | None = None, empty_text: str = "", optional: tuple[int, ...] = ()) -> None:
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
        header.setHighlightSections(False)
        # The columns share the table's width, the texts at any size (no sideways scrolling; titles on two lines,
        # then the `optional` columns hidden, if need be); `stretch_column` (the last by default) takes what is left.
        self.fitter = ColumnFitter(self, stretch=len(columns) - 1 if stretch_column is None else stretch_column,
                                   titles=columns, optional=optional)
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
        self.fitter.schedule()  # the columns follow their new contents

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
