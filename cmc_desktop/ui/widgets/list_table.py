"""The read-only table every list view shows: whole-row selection, no cell editing, readable rows, and columns
that share the table's width (`ColumnFitter`) instead of scrolling sideways."""

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ..text_zoom import current_zoom
from .wrapped_cells import wrapped_widths


class ColumnFitter(QObject):
    """Keeps a table's columns within its width, at any text size.

    Each column wants its width at 100 % scaled by the text zoom (`widths`), or its content's width, and never
    less than its title; column `stretch` takes what is left. When the wishes exceed the width (texts at
    200 % on a laptop), the columns wider than their title give way in proportion: long cells are elided (their
    full text is in the row's file) but no title is cut and no horizontal scroll bar appears. With `titles`
    (the model's column titles), titles of several words go on two lines (or a word a line) when on one they
    need more than the table's width; if they still do, the `optional` columns (whose content the screen shows
    elsewhere) are hidden, in that order, until the others fit.

    With `wrap` (a table of a few rows whose cells must be read whole: every cell is measured), texts go onto
    several lines instead of being elided, rows growing to fit: the columns give way first down to their texts
    on two lines, then down to their longest word, never below (nor below their title)."""

    def __init__(self, table: QTableView, *, stretch: int, widths: Iterable[tuple[int, int]] = (),
                 row_height: int | None = None, titles: Sequence[str] = (), optional: Sequence[int] = (),
                 wrap: bool = False) -> None:
        super().__init__(table)
        self.table, self.stretch, self.widths, self.row_height = table, stretch, dict(widths), row_height
        self.titles, self.optional, self.wrap = list(titles), list(optional), wrap
        self._scheduled = False
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        if wrap:
            table.setWordWrap(True)
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            # Rows whose height follows the columns' widths may bring or take away the vertical scroll bar, hence
            # the viewport's width: fit again then (measured: the bar shown at the first fit, gone once the page
            # made the table taller, left a column narrower than its one line at 100 %).
            table.verticalScrollBar().installEventFilter(self)
        table.installEventFilter(self)
        model = table.model()
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
                signal.connect(self.schedule)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.Show) or (watched is not self.table and event.type() == QEvent.Type.Hide):
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
        # The viewport's width without asking for the viewport: PySide's first viewport() costs ~14 ms (measured),
        # on the way to the first list shown at start-up.
        bar = table.verticalScrollBar()
        available = table.maximumViewportSize().width() - (bar.width() if bar.isVisible() else 0)
        if self.titles:
            self._fit_titles(available)
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not columns:
            return
        zoom = current_zoom() / 100
        title = {c: header.sectionSizeHint(c) for c in columns}
        # The narrowest each column may get, stage by stage: its title; with `wrap`, its texts on two lines, then
        # its longest word.
        floors = [title]
        if self.wrap:
            # The table lays a cell's text out in its width less the grid line.
            available -= len(columns) if table.showGrid() else 0
            measured = {c: wrapped_widths(table, c) for c in columns}
            floors = [{c: max(title[c], measured[c][stage]) for c in columns} for stage in (0, 1)]
        # The stretch column's content is not measured: it takes what the others leave (measuring a column reads
        # every loaded row, the dearest part of showing a list).
        wanted = {c: title[c] if c == self.stretch else
                  max(title[c], round(self.widths[c] * zoom) if c in self.widths else table.sizeHintForColumn(c))
                  for c in columns}
        if self.stretch in wanted:
            others = sum(wanted[c] for c in columns if c != self.stretch)
            wanted[self.stretch] = max(floors[0][self.stretch], available - others)
        for floor in floors:  # the columns wider than the floor give way in proportion, until all fit
            excess = sum(wanted.values()) - available
            slack = sum(wanted[c] - floor[c] for c in columns if wanted[c] > floor[c])
            give = min(1.0, excess / slack) if excess > 0 and slack > 0 else 0.0
            wanted = {c: wanted[c] - int(max(0, wanted[c] - floor[c]) * give + 0.999) for c in columns}
        grid = 1 if self.wrap and table.showGrid() else 0
        for c in columns:
            header.resizeSection(c, wanted[c] + grid)
        if self.wrap:
            table.resizeRowsToContents()  # rows sized to their contents are not measured again when columns resize
        if self.row_height is not None:
            table.verticalHeader().setDefaultSectionSize(round(self.row_height * zoom))

    def _fit_titles(self, available: int) -> None:
        fit_titles(self.table, self.titles, available, optional=self.optional)


class TitleFitter(QObject):
    """For a table that sizes its columns itself (stretched, or to their contents): its column titles (`titles`,
    the model's) go on two lines, or a word a line, when on one they do not fit (texts enlarged); `changed`, if
    given, is called after the titles changed (the header's height with them)."""

    def __init__(self, table: QTableView, titles: Sequence[str], changed: Callable[[], None] | None = None) -> None:
        super().__init__(table)
        self.table, self.titles, self.changed = table, list(titles), changed
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Show):
            QTimer.singleShot(0, self, self.fit)  # once the header has its font and the viewport its width
        return False

    def fit(self) -> None:
        if fit_titles(self.table, self.titles, self.table.viewport().width()) and self.changed is not None:
            self.changed()


def fit_titles(table: QTableView, titles: Sequence[str], available: int, *, optional: Sequence[int] = ()) -> bool:
    """The titles on one line if they fit in `available`, else on two, else a word a line; then, if need be,
    the `optional` columns hidden in that order until the others fit. True when a title changed."""
    header = table.horizontalHeader()
    for column in optional:
        header.setSectionHidden(column, False)

    def too_wide() -> bool:
        """Whether some title would be cut: stretched columns share what the others leave equally."""
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        stretched = [c for c in shown if header.sectionResizeMode(c) == QHeaderView.ResizeMode.Stretch]
        others = sum(max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
                     if header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents
                     else header.sectionSizeHint(c) for c in shown if c not in stretched)
        share = max((header.sectionSizeHint(c) for c in stretched), default=0) * len(stretched)
        return others + share > available

    changed = False
    for lines in (_one_line, _two_lines, _word_a_line):
        changed |= _show_titles(table, [lines(title) for title in titles])
        if not too_wide():
            break
    for column in optional:
        if not too_wide():
            break
        header.setSectionHidden(column, True)
    return changed


def _show_titles(table: QTableView, texts: Sequence[str]) -> bool:
    model = table.model()
    horizontal = Qt.Orientation.Horizontal
    changed = False
    for column, text in enumerate(texts):
        if model.headerData(column, horizontal) != text:
            model.setHeaderData(column, horizontal, text)
            changed = True
    return changed


def _one_line(title: str) -> str:
    return title


def _two_lines(title: str) -> str:
    """`title` broken at the space nearest its middle (unchanged if it is one word)."""
    spaces = [i for i, char in enumerate(title) if char == " "]
    if not spaces:
        return title
    cut = min(spaces, key=lambda i: abs(len(title) - 2 * i))
    return f"{title[:cut]}\n{title[cut + 1:]}"


def _word_a_line(title: str) -> str:
    """As narrow as the longest word: short words share a line (« Date de » over « réalisation »)."""
    words = title.split(" ")
    widest = max(len(word) for word in words)
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) <= widest:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


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
