"""A table that asks only for its header and a few rows: in a page that scrolls (`vertical_scroll`), Qt's default
wish (192 px) made the page taller than the dialog at 100 %; the table still takes whatever height is left."""

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QTableWidget, QWidget


class CompactTable(QTableWidget):
    """A QTableWidget whose size hint is its header and `shown_rows` rows high."""

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None, *, shown_rows: int = 1) -> None:
        super().__init__(rows, columns, parent)
        self.shown_rows = shown_rows

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        rows = self.shown_rows * self.verticalHeader().defaultSectionSize()
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), height)
