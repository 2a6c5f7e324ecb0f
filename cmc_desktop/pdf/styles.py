"""Colours, paragraph styles and the conversion of plain text to reportlab Paragraph markup."""

from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from .fonts import DEJAVU, SANS, SANS_BOLD, SANS_ITALIC, has_glyph, register_fonts

# DSFR colour tokens, printable in black and white.
BLUE_HEX = "#000091"
BLUE = colors.HexColor(BLUE_HEX)
TITLE = colors.HexColor("#161616")
TEXT = colors.HexColor("#3a3a3a")
SECONDARY = colors.HexColor("#666666")
RULE = colors.HexColor("#929292")
BORDER = colors.HexColor("#bbbbbb")
BAND = colors.HexColor("#ececfe")
ALT = colors.HexColor("#f6f6f6")
WHITE = colors.white

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROLS = dict.fromkeys(code for code in range(32) if code != ord("\n"))  # dropped: they have no glyph


@lru_cache(maxsize=4096)  # the characters of a document are few, and looked up again in each text
def _kind(char: str) -> str:
    if char in _ESCAPES or char == "\n":
        return "special"
    if char == "\u202f" or has_glyph(SANS, char) or not has_glyph(DEJAVU, char):
        return "plain"
    return "fallback"


def _kinds(text: str) -> dict[str, str]:
    """The kind of each distinct character of `text` (a long text has a few dozen): looked up once each."""
    return {char: _kind(char) for char in set(text)}


def markup(text: str) -> str:
    """Paragraph markup of a plain text typed by a person.

    XML specials are escaped (an "<" in a field must not break the document), line breaks are kept,
    characters missing from Liberation Sans are drawn with DejaVu Sans, and U+202F becomes U+00A0
    because reportlab treats U+202F as a breaking space: « ? » would otherwise start a line.
    """
    register_fonts()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\u202f", "\u00a0")
    text = text.translate(_CONTROLS)
    kinds = _kinds(text)
    if all(kind == "plain" for kind in kinds.values()):
        return text
    parts: list[str] = []
    for kind, run in groupby(text, key=kinds.__getitem__):
        chunk = "".join(run)
        if kind == "special":
            parts.append("".join("<br/>" if c == "\n" else _ESCAPES[c] for c in chunk))
        elif kind == "fallback":
            parts.append(f'<font face="{DEJAVU}">{chunk}</font>')
        else:
            parts.append(chunk)
    return "".join(parts)


def style(name: str, size: float = 9.5, *, bold: bool = False, italic: bool = False, colour: colors.Color = TEXT,
          leading: float | None = None, **extra: object) -> ParagraphStyle:
    font = SANS_BOLD if bold else SANS_ITALIC if italic else SANS
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or round(size * 1.3, 1),
                          textColor=colour, **extra)


def table_style(commands: Sequence[tuple]) -> TableStyle:
    """A TableStyle whose cells use the embedded font (reportlab's default would add a Helvetica reference)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *commands])
