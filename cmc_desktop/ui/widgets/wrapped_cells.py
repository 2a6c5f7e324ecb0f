"""How narrow a table's column can get when its cells' texts go onto several lines: on two lines, and down to
their longest piece that cannot be broken (a word, or a part of a hyphenated name) — as Qt breaks them."""

from PySide6.QtCore import Qt, QTextBoundaryFinder
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView


def pieces(text: str) -> list[str]:
    """`text` cut where a line may break (after a space, after a hyphen…), each piece with its trailing spaces."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    cuts, start = [], 0
    while (end := finder.toNextBoundary()) != -1:
        if end > start:
            cuts.append(text[start:end])
            start = end
    return cuts


def _two_lines(metrics: QFontMetrics, parts: list[str]) -> int:
    """The narrowest width that holds `parts` on two lines."""
    width = metrics.horizontalAdvance
    return min((max(width("".join(parts[:i]).rstrip()), width("".join(parts[i:]).rstrip()))
                for i in range(1, len(parts))), default=width("".join(parts).rstrip()))


def wrapped_widths(table: QTableView, column: int) -> tuple[int, int]:
    """The width `column`'s cells need to show each text whole on two lines at most, and the width below which
    some piece of a text would be cut: the cell's margins included."""
    model = table.model()
    two, longest, widest_text = 0, 0, 0
    for row in range(model.rowCount()):
        index = model.index(row, column)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text.strip():
            continue
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else table.font())
        parts = pieces(text)
        two = max(two, _two_lines(metrics, parts))
        longest = max(longest, *(metrics.horizontalAdvance(part.rstrip()) for part in parts))
        widest_text = max(widest_text, metrics.horizontalAdvance(text))
    if not widest_text:
        return 0, 0
    # The delegate's margins around a text: its width for the column's widest text, less that text's width.
    margins = table.sizeHintForColumn(column) - widest_text
    return two + margins, longest + margins
