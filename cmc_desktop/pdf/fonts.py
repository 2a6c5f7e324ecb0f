"""The bundled TTF fonts, registered once with reportlab and embedded in every PDF.

Liberation Sans (Arial metrics) is the text font; DejaVu Sans covers the characters it lacks (arrows,
check marks, ballot boxes…). Both ship in resources/fonts with their licences, so a machine without
any system font — or a PyInstaller bundle — renders the same document.
"""

import threading
from functools import cache, lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import resource_path

SANS, SANS_BOLD, SANS_ITALIC = "LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"
DEJAVU, DEJAVU_BOLD = "DejaVuSans", "DejaVuSans-Bold"

_FILES = {
    SANS: "LiberationSans-Regular.ttf",
    SANS_BOLD: "LiberationSans-Bold.ttf",
    SANS_ITALIC: "LiberationSans-Italic.ttf",
    DEJAVU: "DejaVuSans.ttf",
    DEJAVU_BOLD: "DejaVuSans-Bold.ttf",
}
# No bold-italic file is bundled: <b><i> falls back to bold, which reads better than a synthetic slant.
_FAMILIES = {
    SANS: (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD),
    DEJAVU: (DEJAVU, DEJAVU_BOLD, DEJAVU, DEJAVU_BOLD),
}
_lock = threading.Lock()
WIDTH_CACHE = 50_000  # measured strings (words, mostly) kept per font: a few MiB at most


class _MeasuredTTFont(TTFont):
    """A TTFont that remembers the widths it measured. Laying out a paragraph measures each word again at every
    wrap, split and draw, in pure Python: on a 14-page document, a quarter of the time."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.stringWidth = lru_cache(maxsize=WIDTH_CACHE)(super().stringWidth)

    def splitString(self, text: str | bytes, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: N802 - reportlab's name
        """reportlab's splitString, which maps every drawn character to its code in the embedded subsets one by
        one in Python (~13 % of a long document), with a fast way for the usual line: every character already
        has its code in the first subset — the same answer, at C speed. Anything else (a character not seen
        yet in this document, one the font lacks, a second subset) takes reportlab's own way."""
        state = self.state.get(doc)
        if isinstance(text, str) and text and state is not None:
            assignments = state.assignments
            try:
                codes = bytes(assignments[32 if code == 0xA0 else code] for code in map(ord, text))
            except (KeyError, ValueError):  # a new character, or a code past the first subset
                pass
            else:
                return [(0, codes)]
        return super().splitString(text, doc, encoding)


_registered = False


def register_fonts() -> None:
    """Register the bundled fonts and their families; safe to call many times and from worker threads (it is
    called for every text put into markup: once done, it returns at once)."""
    global _registered
    if _registered:
        return
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(_MeasuredTTFont(name, str(resource_path("fonts", filename))))
        for family, (normal, bold, italic, bold_italic) in _FAMILIES.items():
            for is_bold, is_italic, face in ((0, 0, normal), (1, 0, bold), (0, 1, italic), (1, 1, bold_italic)):
                addMapping(family, is_bold, is_italic, face)
        _registered = True


@cache
def _charset(font_name: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def has_glyph(font_name: str, char: str) -> bool:
    """Whether the registered TTF `font_name` can draw `char` (else it would print an empty box)."""
    return ord(char) in _charset(font_name)
