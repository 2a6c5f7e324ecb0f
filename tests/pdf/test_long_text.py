"""Long texts in a box: laid out line by line, as tall as the single paragraph they replace, split like it."""

import pytest
from reportlab.platypus import Paragraph

from cmc_desktop.pdf.fonts import register_fonts
from cmc_desktop.pdf.long_text import LongText, TextBox
from cmc_desktop.pdf.styles import markup
from cmc_desktop.pdf.synthesis_pdf import TEXT_BOX

WIDTH = 480.0
TEXTS = ["une ligne", "a\nb", "a\n", "a\n\nb", "\na", "a\n \n\tb", "a\n\n", "x\x07\n\x07\nfin",
         "mot " * 300 + "\nsuite"]


@pytest.fixture(autouse=True)
def fonts() -> None:
    register_fonts()


@pytest.mark.parametrize("text", TEXTS)
def test_as_tall_as_the_single_paragraph(text: str) -> None:
    assert TextBox.of(text, TEXT_BOX).wrap(WIDTH, 800) == Paragraph(markup(text), TEXT_BOX).wrap(WIDTH, 800)


def test_split_keeps_every_line_in_order_and_fills_the_room() -> None:
    text = "\n".join(f"ligne {n} " + "texte " * (n % 3) * 30 for n in range(40))
    box = TextBox.of(text, TEXT_BOX)
    _, total = box.wrap(WIDTH, 10_000)
    first, rest = box.split(WIDTH, 200)
    leading = TEXT_BOX.leading
    assert first.wrap(WIDTH, 200)[1] == int(200 / leading) * leading
    assert first.wrap(WIDTH, 200)[1] + rest.wrap(WIDTH, 10_000)[1] == total
    words = " ".join(p.getPlainText() for part in (first, rest) for p in part.lines).split()
    assert words == text.split()


def test_never_a_single_line_at_the_bottom_of_a_page() -> None:
    box = TextBox.of("a\nb\nc", TEXT_BOX)
    box.wrap(WIDTH, 800)
    assert box.split(WIDTH, TEXT_BOX.leading * 1.5) == []


def test_lines_are_broken_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[float] = []
    original = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines", lambda self, widths: calls.append(widths) or original(self, widths))
    text = LongText(markup("mot " * 200), TEXT_BOX)
    assert text.wrap(WIDTH, 800) == text.wrap(WIDTH, 300)
    assert len(calls) == 1
    text.wrap(WIDTH - 50, 800)
    assert len(calls) == 2
