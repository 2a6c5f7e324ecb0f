"""Tab follows the reading order: top to bottom, left to right within a row, one column after the other."""

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from .helpers import walk_focus_chain

ROW_TOLERANCE = 12  # px: widgets of one row differ by a few pixels in height and alignment


def out_of_order(root: QWidget) -> list[str]:
    """Each step of Tab under `root` that goes back up (other than to the top of a next column on the right) or
    leftwards within a row, as « from (x,y) → to (x,y) »."""
    chain = [w for w in walk_focus_chain(root) if w.isVisible() and w.width() > 0]
    found = []
    for before, after in zip(chain, chain[1:], strict=False):
        a, b = _places(before, after)
        next_column = b.left() >= a.right()
        up = b.top() < a.top() - ROW_TOLERANCE and not next_column
        back = abs(b.top() - a.top()) <= ROW_TOLERANCE and b.left() < a.left()
        if up or back:
            found.append(f"{_describe(before)} ({a.left()},{a.top()}) → {_describe(after)} ({b.left()},{b.top()})")
    return found


def _places(first: QWidget, second: QWidget) -> tuple[QRect, QRect]:
    """Where the two widgets are: within the content of a scroll area holding both, else in their window —
    a widget scrolled out of sight counting as at the edge of its scroll area."""
    area = _scroll_area(first)
    while area is not None and not area.viewport().isAncestorOf(second):
        area = _scroll_area(area)
    if area is not None:
        content = area.viewport()
        return (QRect(first.mapTo(content, QPoint(0, 0)), first.size()),
                QRect(second.mapTo(content, QPoint(0, 0)), second.size()))
    return _in_window(first), _in_window(second)


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not (isinstance(parent, QAbstractScrollArea)
                                      and parent.viewport().isAncestorOf(widget)):
        parent = parent.parentWidget()
    return parent


def _in_window(widget: QWidget) -> QRect:
    window = widget.window()
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    area = _scroll_area(widget)
    while area is not None:
        edge = QRect(area.mapTo(window, QPoint(0, 0)), area.size())
        rect.moveTopLeft(QPoint(min(max(rect.left(), edge.left()), edge.right()),
                                min(max(rect.top(), edge.top()), edge.bottom())))
        area = _scroll_area(area)
    return rect


def _describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    label = text() if callable(text) and isinstance(text(), str) else ""
    return f"{type(widget).__name__}[{widget.accessibleName() or label or widget.objectName()}]"
