"""A table model filled page by page off the GUI thread, for lists that may hold thousands of rows.

`start(first_page, next_page)` replaces the rows with a new query's first page (with its total); the view asks
for the following pages (`fetchMore`) only when it scrolls near the end. Answers to an older query (the CMC
typed or filtered on meanwhile) are dropped.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from .. import tasks

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the table's invisible root, Qt's default `parent`

FirstPage = Callable[[], tuple[int, list[Any]]]
NextPage = Callable[[int, int], list[Any]]  # (offset, size) -> rows


class PagedTableModel(QAbstractTableModel):
    """`counted(total)` when a query's first page is in; `failed(error)` when a query could not run.
    Subclasses set `columns` and implement `data`."""

    counted = Signal(int)
    failed = Signal(object)
    columns: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.rows: list[Any] = []
        self._total = 0
        self._generation = 0
        self._fetching = self.loading = False
        self._next_page: NextPage = lambda offset, size: []

    @property
    def total(self) -> int:
        """How many rows the current query finds (loaded or not)."""
        return self._total

    def start(self, first_page: FirstPage, next_page: NextPage) -> None:
        self._generation += 1
        generation = self._generation
        self._next_page, self._fetching, self.loading = next_page, False, True
        tasks.submit(first_page, on_done=lambda result: self._first_page(generation, result),
                     on_error=lambda error: self._failed(generation, error), owner=self, writes=False)

    def _first_page(self, generation: int, result: tuple[int, list[Any]]) -> None:
        if generation != self._generation:
            return
        total, page = result
        self.beginResetModel()
        self.rows, self._total = list(page), max(total, len(page))
        self.endResetModel()
        self.loading = False
        self.counted.emit(self._total)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = self.loading = False
            self.failed.emit(error)

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and not self._fetching and not self.loading and len(self.rows) < self._total

    def fetchMore(self, parent: Index = ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset, next_page, size = self._generation, len(self.rows), self._next_page, self.page_size
        tasks.submit(lambda: next_page(offset, size), on_done=lambda page: self._append(generation, page),
                     on_error=lambda error: self._failed(generation, error), owner=self, writes=False)

    def _append(self, generation: int, page: list[Any]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if not page:  # rows deleted since the count: stop asking
            self._total = len(self.rows)
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def row(self, index: int) -> Any:
        """The row's item, or None outside the loaded rows."""
        return self.rows[index] if 0 <= index < len(self.rows) else None
