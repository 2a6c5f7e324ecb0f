"""The CMC's letterhead at the top of every PDF: her service's logo and who she is, from her profile."""

import io

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table

from ..domain.profile import CmcProfile
from .pages import frame_width
from .styles import BORDER, SECONDARY, TITLE, markup, style, table_style

LOGO_BOX = (42 * mm, 18 * mm)
_NAME = style("letterhead-name", 9, bold=True, colour=TITLE, alignment=2, leading=11)
_LINE = style("letterhead-line", 8, colour=SECONDARY, alignment=2, leading=10)


def letterhead(profile: CmcProfile | None) -> list[Flowable]:
    """Logo on the left, identity on the right, a thin rule under them; nothing for an empty profile."""
    if profile is None or profile.is_empty:
        return []
    lines = profile.identity_lines()
    identity: list[Flowable] = [Paragraph(markup(lines[0]), _NAME), *(Paragraph(markup(x), _LINE) for x in lines[1:])]
    width = frame_width()
    logo = _logo(profile.logo_png)
    table = Table([[logo or "", identity]], colWidths=[LOGO_BOX[0] + 4, width - LOGO_BOX[0] - 4], hAlign="LEFT")
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                                ("LINEBELOW", (0, 0), (-1, -1), 0.5, BORDER)]))
    return [table, Spacer(0, 10)]


def _logo(png: bytes | None) -> Image | None:
    if not png:
        return None
    width, height = ImageReader(io.BytesIO(png)).getSize()
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
    image = Image(io.BytesIO(png), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image
