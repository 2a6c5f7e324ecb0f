"""The read-only table every list view shows: whole-row selection, no cell editing, readable rows, and columns
that share the table's width (`ColumnFitter`) instead of scrolling sideways."""

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ..text_zoom import current_zoom


class ColumnFitter(QObject):
    """Keeps a table's columns within its width, at any text size.

    Each column wants its width at 100 % scaled by the text zoom (`widths`), or its content's width, and never
    less than its title; column `stretch` takes what is left. When the wishes exceed the width (texts at
    200 % on a laptop), the columns wider than their title give way in proportion: long cells are elided (their
    full text is in the row's file) but no title is cut and no horizontal scroll bar appears."""

    def __init__(self, table: QTableView, *, stretch: int, widths: Iterable[tuple[int, int]] = (),
                 row_height: int | None = None) -> None:
        super().__init__(table)
        self.table, self.stretch, self.widths, self.row_height = table, stretch, dict(widths), row_height
        self._scheduled = False
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        table.installEventFilter(self)
        model = table.model()
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
                signal.connect(self.schedule)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.Show):
            self.schedule()
        return False

    def schedule(self, *_args: object) -> None:
        """Fit once the header has its font and the viewport its width; what asks again meanwhile (a list's
        first page brings a reset, rows and a show at once) is served by the same fit: measuring the
        columns' contents is the dearest part of showing a list."""
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self, self._scheduled_fit)

    def _scheduled_fit(self) -> None:
        self._scheduled = False
        self.fit()

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not columns:
            return
        zoom = current_zoom() / 100
        title = {c: header.sectionSizeHint(c) for c in columns}
        # The stretch column's content is not measured: it takes what the others leave (measuring a column reads
        # every loaded row, the dearest part of showing a list).
        wanted = {c: title[c] if c == self.stretch else
                  max(title[c], round(self.widths[c] * zoom) if c in self.widths else table.sizeHintForColumn(c))
                  for c in columns}
        # The viewport's width without asking for the viewport: PySide's first viewport() costs ~14 ms (measured),
        # on the way to the first list shown at start-up.
        bar = table.verticalScrollBar()
        available = table.maximumViewportSize().width() - (bar.width() if bar.isVisible() else 0)
        if self.stretch in wanted:
            others = sum(wanted[c] for c in columns if c != self.stretch)
            wanted[self.stretch] = max(title[self.stretch], available - others)
        excess = sum(wanted.values()) - available
        slack = sum(wanted[c] - title[c] for c in columns)
        give = min(1.0, excess / slack) if excess > 0 and slack > 0 else 0.0
        for c in columns:
            header.resizeSection(c, wanted[c] - int((wanted[c] - title[c]) * give + 0.999))
        if self.row_height is not None:
            table.verticalHeader().setDefaultSectionSize(round(self.row_height * zoom))


def list_table(parent: QWidget, model: QAbstractItemModel, accessible_name: str, *, stretch: int,
               widths: Iterable[tuple[int, int]]) -> QTableView:
    """A table over `model`; column `stretch` takes the spare width, `widths` gives (column, pixels at 100 %)."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setHighlightSections(False)
    ColumnFitter(table, stretch=stretch, widths=widths, row_height=34)
    return table
