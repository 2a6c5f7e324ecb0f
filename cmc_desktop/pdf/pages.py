"""The A4 page shared by every PDF of the application: margins, metadata, and a footer "page x/y"."""

import io
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from .fonts import SANS, register_fonts
from .styles import BORDER, SECONDARY

if TYPE_CHECKING:
    from ..domain.profile import CmcProfile

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 16 * mm, 20 * mm
FRAME_PADDING = 6
PRODUCER = "cmc-desktop"


class FooterCanvas(Canvas):
    """Two passes: pages are kept until the end, when the total is known and every footer is drawn."""

    def __init__(self, *args: object, footer: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setStrokeColor(BORDER)
        self.setLineWidth(0.5)
        self.line(MARGIN_X, 13 * mm, width - MARGIN_X, 13 * mm)
        self.setFont(SANS, 7.5)
        self.setFillColor(SECONDARY)
        self.drawCentredString(width / 2, 9 * mm, f"{self._footer} — page {number}/{total}")
        self.restoreState()


def build_pdf(story: Sequence[Flowable], *, title: str, subject: str, footer: str,
              profile: "CmcProfile | None" = None) -> bytes:
    """Lay `story` out on A4 pages, under the CMC's letterhead when her `profile` is given; metadata name the
    document, never a person (author left empty)."""
    from .letterhead import letterhead

    register_fonts()
    story = [*letterhead(profile), *story]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                            bottomMargin=MARGIN_BOTTOM, title=title, subject=subject, author="", creator=PRODUCER,
                            lang="fr-FR", initialFontName=SANS)
    doc.build(list(story), canvasmaker=partial(FooterCanvas, footer=footer))
    return buffer.getvalue()


def frame_width() -> float:
    """The width a flowable may take (the frame keeps 6 pt of padding on each side)."""
    return A4[0] - 2 * MARGIN_X - 2 * FRAME_PADDING
