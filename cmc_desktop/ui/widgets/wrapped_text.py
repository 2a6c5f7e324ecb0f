"""A read-only text shown whole, on as many lines as its width needs, that breaks a word longer than the width
(a web address, a reference) instead of widening its window: a QLabel breaks lines between words only."""

from math import ceil

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextOption
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit, QWidget


class WrappedText(QTextEdit):
    """Plain text, selectable with the mouse as a label's, never scrolled: its height follows its width (height
    for width), its lines break between words, or anywhere in a word that does not fit. Styled by its object
    name like a label (padding, background, border)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlainText(text)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # As the labels it replaces: selectable with the mouse, not a stop of the Tab key.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        chrome = self._chrome()
        document = self.document().clone(self)
        try:
            document.setTextWidth(max(1, width - chrome.width()))
            return ceil(document.size().height()) + chrome.height()
        finally:
            document.deleteLater()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Forty letters wide or so (a layout gives it the width it has), as tall as its text there."""
        width = QFontMetrics(self.font()).averageCharWidth() * 40 + self._chrome().width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Eight letters wide, a line tall: the layouts ask its height for the width they give it; a minimum as
        tall as the text at its narrowest would make the scroll area around it that tall."""
        metrics = QFontMetrics(self.font())
        chrome = self._chrome()
        return QSize(metrics.averageCharWidth() * 8 + chrome.width(), metrics.lineSpacing() + chrome.height())

    def _chrome(self) -> QSize:
        """What the widget adds around its document: frame, and the padding a style sheet gives."""
        margins = self.contentsMargins()
        viewport = self.viewportMargins()
        return QSize(margins.left() + margins.right() + viewport.left() + viewport.right(),
                     margins.top() + margins.bottom() + viewport.top() + viewport.bottom())
