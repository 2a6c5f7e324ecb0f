"""A bar whose parts sit side by side when they fit, one under the other when they do not.

Editors' top bars (a title, then a row of buttons) use it: at 1280 px with the texts at 200 % (RGAA 10.4) the
buttons go under the title instead of widening the window, and at 100 % nothing changes.
"""

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QLayoutItem, QSizePolicy, QWidget

_ROW = QBoxLayout.Direction.LeftToRight
_COLUMN = QBoxLayout.Direction.TopToBottom


class FoldingBar(QFrame):
    """Add the parts to `box` (a layout or a widget each); the bar folds them into a column when its width is
    less than what they ask for in a row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QBoxLayout(_ROW, self)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)

    def _items(self) -> list[QLayoutItem]:
        items = (self.box.itemAt(i) for i in range(self.box.count()))
        return [item for item in items if item is not None and not item.isEmpty()]

    def _parts(self) -> list[QSize]:
        return [item.sizeHint() for item in self._items()]

    def _row_width(self) -> int:
        hints = self._parts()
        margins = self.box.contentsMargins()
        return (sum(h.width() for h in hints) + self.box.spacing() * max(0, len(hints) - 1)
                + margins.left() + margins.right())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As a column: the widest part's minimum, so that the bar never widens its window."""
        margins = self.box.contentsMargins()
        width = max((item.minimumSize().width() for item in self._items()), default=0)
        return QSize(width + margins.left() + margins.right(), self.box.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        direction = _ROW if event.size().width() >= self._row_width() else _COLUMN
        if direction != self.box.direction():
            self.box.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)
