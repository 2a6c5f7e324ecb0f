"""A push button whose text goes onto several lines instead of being elided, for links whose text is long (a
séance's date and topic) and must stay whole when the texts are enlarged (RGAA 10.4)."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPaintEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QStylePainter, QWidget

_ROOMY = 1000  # px of text: measures the style's frame around a text without meeting its minimum sizes


class WrappingButton(QPushButton):
    """A QPushButton — focus, Space and Entrée, accessible name and description, tooltip, the style sheet's
    variants — whose text breaks onto as many lines as its width needs: between words, inside a word only when
    the word alone is wider than the button. Its height follows its width. A line is never narrower than
    `min_line_width` pixels (nor than the text's longest word) unless the whole text is: layouts do not squeeze
    the button below that, so a short width does not make a column of one word a line."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, min_line_width: int = 0) -> None:
        super().__init__(text, parent)
        self.min_line_width = min_line_width
        # Preferred both ways, as a label that wraps, not QPushButton's (Minimum, Fixed): a layout may make it
        # narrower than its text on one line, and then taller than one line.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def lines(self, width: int | None = None) -> list[str]:
        """The text as drawn at `width` (the button's own by default), a string a line; joined, they are the
        text."""
        text = self.text()
        layout = QTextLayout(text, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        available = max(1, self._text_width(self.width() if width is None else width))
        lines: list[str] = []
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(available)
            lines.append(text[line.textStart():line.textStart() + line.textLength()])
        layout.endLayout()
        return lines or [""]

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._size_for("\n".join(line.rstrip() for line in self.lines(width))).height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The text on one line."""
        return self._size_for(self.text())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        metrics = QFontMetrics(self.font())
        whole = metrics.horizontalAdvance(self.text())
        longest = max((metrics.horizontalAdvance(word) for word in self.text().split()), default=0)
        narrowest = min(whole, max(self.min_line_width, longest))
        return QSize(self._frame_width() + narrowest, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """The style draws the button and its label as usual — colours, hover, focus underline — given the text
        already broken into lines."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = "\n".join(line.rstrip() for line in self.lines())
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_PushButton, option)

    def _size_for(self, text: str) -> QSize:
        """The button's size around `text` as laid out (lines separated by « \\n »), as QPushButton measures it."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        size = QFontMetrics(self.font()).size(Qt.TextFlag.TextShowMnemonic, text)
        if not self.icon().isNull():
            size = QSize(size.width() + self.iconSize().width() + 4, max(size.height(), self.iconSize().height()))
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, size, self)

    def _frame_width(self) -> int:
        """What the button adds around its text's width: padding, border, icon."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        icon = self.iconSize().width() + 4 if not self.icon().isNull() else 0
        contents = QSize(_ROOMY, QFontMetrics(self.font()).height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, contents, self).width() \
            - _ROOMY + icon

    def _text_width(self, width: int) -> int:
        return width - self._frame_width()
