"""Bundled fonts: registered once, found inside a frozen bundle, with a fallback for missing glyphs."""

import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from cmc_desktop.paths import resource_path
from cmc_desktop.pdf.fonts import DEJAVU, DEJAVU_BOLD, SANS, SANS_BOLD, SANS_ITALIC, has_glyph, register_fonts
from cmc_desktop.pdf.styles import markup


def test_registration_is_idempotent() -> None:
    register_fonts()
    register_fonts()
    names = set(pdfmetrics.getRegisteredFontNames())
    assert {SANS, SANS_BOLD, SANS_ITALIC, DEJAVU, DEJAVU_BOLD} <= names


def test_fonts_are_bundled_and_found_inside_a_pyinstaller_bundle(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    for filename in ("LiberationSans-Regular.ttf", "DejaVuSans.ttf", "LICENSE-Liberation.txt", "LICENSE-DejaVu.txt"):
        assert resource_path("fonts", filename).is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("fonts", "DejaVuSans.ttf") == tmp_path / "resources" / "fonts" / "DejaVuSans.ttf"


def test_french_typography_glyphs() -> None:
    for char in "éèêëàâçîïôûùüÿœæÉÈÀÇŒÆ«»’—–…\u00a0\u202f€":
        assert has_glyph(SANS, char), hex(ord(char))


def test_markup_escapes_and_keeps_lines() -> None:
    assert markup("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert markup("ligne 1\r\nligne 2\rligne 3") == "ligne 1<br/>ligne 2<br/>ligne 3"
    assert markup("nul\x00 et bip\x07") == "nul et bip"


def test_narrow_no_break_space_never_breaks_a_line() -> None:
    # reportlab treats U+202F as a breaking space; U+00A0 is drawn instead.
    assert markup("Vraiment\u202f?") == "Vraiment\u00a0?"


def test_characters_missing_from_liberation_use_dejavu() -> None:
    assert not has_glyph(SANS, "✓") and has_glyph(DEJAVU, "✓")
    assert markup("fait ✓☐ ok") == f'fait <font face="{DEJAVU}">✓☐</font> ok'


def test_split_string_fast_way_answers_as_reportlab_does() -> None:
    """The embedded font's quick character mapping (fonts._MeasuredTTFont.splitString) gives reportlab's answer:
    for a line whose characters all have a code, for a character the font lacks, for no-break spaces, and once a
    document's characters overflow the first subset of 256 codes."""
    from reportlab.pdfbase.ttfonts import TTFont

    register_fonts()
    font = pdfmetrics.getFont(SANS)
    doc = type("Document", (), {})()  # reportlab keeps a font's codes per document (weakly)
    many = "".join(chr(c) for c in [*range(0x100, 0x180), *range(0x391, 0x3A2), *range(0x3A3, 0x3CA),
                                    *range(0x410, 0x450)])
    lines = ["Hélène Œuvray — « réunion » à 9\u00a0h", "case ☐ absente", "", many * 2,
             "retour en latin : ça marche", many[-20:] + " fin"]
    assert len(set("".join(lines))) > 256  # the second subset is reached
    for text in lines:
        font.splitString(text, doc)  # gives new characters their codes
        assert font.splitString(text, doc) == TTFont.splitString(font, text, doc), text
