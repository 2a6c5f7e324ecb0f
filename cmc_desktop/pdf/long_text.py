"""Long texts typed by a person, laid out cheaply: most of a long PDF's time is spent breaking their lines.

reportlab breaks a paragraph of plain text ~9 times faster than one holding line breaks (`<br/>` makes it
take its general path, word by word): a text in a box is therefore one paragraph per line of the text, drawn
as the single paragraph was (same line positions, same border; checked page image by page image). Where the
box is cut by a page break, each page holds as many lines as fit — reportlab's own paragraph split sometimes
left a line of room, or started the next page with the blank line it broke at.
"""

from copy import copy

from reportlab.lib.geomutils import normalizeTRBL
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from .styles import markup


class LongText(Paragraph):
    """A Paragraph whose lines are broken once per width. KeepTogether (a heading kept with its text) wraps
    its content to decide on a page break, then the frame wraps the same paragraph again at the same width;
    a paragraph's lines depend on the width only, never on the height offered."""

    _measured: tuple[float, object, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        measured = self._measured
        # `split` may drop blPara (the paragraph then moves on whole): measured again then.
        if measured is not None and measured[0] == availWidth and measured[1] is self.__dict__.get("blPara"):
            self.width, self.height = measured[2]
            return measured[2]
        size = super().wrap(availWidth, availHeight)
        self._measured = (availWidth, self.blPara, size)
        return size


class TextBox(Flowable):
    """A text in a bordered box (the style's border, padding, indents and spacing), one LongText per line."""

    def __init__(self, lines: list[LongText], style: ParagraphStyle) -> None:
        super().__init__()
        self.lines, self.style = lines, style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter

    @classmethod
    def of(cls, text: str, style: ParagraphStyle) -> "TextBox":
        """`text` as typed: "\\n" separate lines, a last "\\n" adds none, a blank line keeps its height."""
        line_style = copy(style)
        line_style.borderWidth = 0
        line_style.spaceBefore = line_style.spaceAfter = 0
        line_style.allowOrphans = 1  # the box applies the orphan rule to the whole text, as one paragraph does
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if len(lines) > 1 and lines[-1] == "":
            lines.pop()
        marked = [markup(line) for line in lines]
        return cls([LongText(line if line.strip() else "\u00a0", line_style) for line in marked], style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        self.width = availWidth
        self.height = sum(line.wrap(availWidth, availHeight)[1] for line in self.lines)
        return self.width, self.height

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        if style.borderWidth and style.borderColor:  # as Paragraph.drawPara draws its border
            top, right, bottom, left = normalizeTRBL(style.borderPadding)
            canvas.saveState()
            canvas.setStrokeColor(style.borderColor)
            canvas.setLineWidth(style.borderWidth)
            canvas.rect(style.leftIndent - left, -bottom, self.width - (style.leftIndent + style.rightIndent)
                        + left + right, self.height + top + bottom, fill=0, stroke=1)
            canvas.restoreState()
        y = self.height
        for line in self.lines:
            y -= line.height
            line.drawOn(canvas, 0, y)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        """As Paragraph.split: as many lines as fit, never a single one left at the bottom of the page."""
        self.wrap(availWidth, availHeight)
        leading = self.style.leading
        room = int(availHeight / leading)
        if room <= 1 and not self.style.allowOrphans:
            return []
        if self.height <= room * leading:
            return [self]
        first: list[LongText] = []
        rest = list(self.lines)
        while rest and room > 0:
            line = rest.pop(0)
            count = len(line.blPara.lines)
            if count <= room:
                first.append(line)
                room -= count
                continue
            parts = line.split(availWidth, room * leading + 1e-6)  # the margin keeps float rounding from losing a line
            if len(parts) == 2:
                first.append(parts[0])
                line = parts[1]
            rest.insert(0, line)
            break
        if not first:
            return []
        return [TextBox(first, self.style), TextBox(rest, self.style)]
