"""A document as a screen reader needs it: headings in order, paragraphs, label/value lists, tables with a header
row, lists, and the language. No layout: each renderer gives every block its real structure in its format.

Any document the agent receives can be expressed with these blocks (the synthesis, the destruction attestation,
the satisfaction questionnaire, the export of the agent's data), then rendered accessibly by one renderer.
"""

from dataclasses import dataclass

from ..domain.synthesis import NOT_FILLED as SYNTHESIS_NOT_FILLED

#: What the agent's documents are written in (BCP 47): a screen reader picks its French voice from it.
FRENCH = "fr-FR"
#: Said in place of an empty value, so that a blank is heard as such and not skipped unnoticed.
NOT_FILLED = SYNTHESIS_NOT_FILLED  # the printed synthesis's own words for a blank, in every document


@dataclass(frozen=True)
class Heading:
    """A title in the document outline: level 1 is the document's title, 2 a part, 3 and 4 below it."""

    text: str
    level: int

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 6:
            raise ValueError(f"heading level {self.level} outside 1..6")


@dataclass(frozen=True)
class Paragraph:
    """Running text; its line breaks are kept. A `note` (a hint, a notice) is set smaller, but read in place."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Fields:
    """Labels and their values (« Agent : Hélène ARBOUSIER »), laid out as a two-column table whose first column
    heads each row, so that a screen reader says the label with the value."""

    items: tuple[tuple[str, str], ...]
    caption: str = ""


@dataclass(frozen=True)
class Table:
    """A data table: `header` names the columns and is marked as the header row (repeated on each page)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        if any(len(row) != len(self.header) for row in self.rows):
            raise ValueError("every row of a table has one cell per column")


@dataclass(frozen=True)
class Bullets:
    """An unordered list."""

    items: tuple[str, ...]


Block = Heading | Paragraph | Fields | Table | Bullets


@dataclass(frozen=True)
class Document:
    """A whole document: its title (also the first heading and the file's title), its blocks in reading order,
    its language, a subject for the file's properties, and a line repeated at the foot of each page."""

    title: str
    blocks: tuple[Block, ...]
    language: str = FRENCH
    subject: str = ""
    footer: str = ""

    def headings(self) -> list[Heading]:
        return [block for block in self.blocks if isinstance(block, Heading)]


def value_or_blank(text: str) -> str:
    """The value as written, or « Non renseigné » when nothing was."""
    return text.strip() or NOT_FILLED
