"""A document as plain data: titled sections of label/value lists, long texts and tables.

Built once from what is held (services.agent_export) and rendered by any back end — the reportlab PDF today
(pdf/agent_export_pdf.py), an accessible (tagged PDF, ODT) rendering tomorrow — without knowing where the
data came from.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fields:
    """Label: value lines (an empty value prints « non renseigné »)."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LongText:
    """A free text under its label (notes, rubrics of a document de synthèse)."""

    label: str
    text: str


@dataclass(frozen=True)
class Rows:
    """A table with a header line."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "Aucun."


Block = Fields | LongText | Rows


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...] = ()
    note: str = ""
    subsections: tuple["Section", ...] = ()


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    intro: tuple[str, ...] = ()
    sections: tuple[Section, ...] = field(default_factory=tuple)
    footer: str = ""

    def texts(self) -> list[str]:
        """Every text the document holds, in reading order (what a renderer must show; tests read it)."""
        out = [self.title, self.subtitle, *self.intro]

        def walk(section: Section) -> None:
            out.extend(filter(None, (section.title, section.note)))
            for block in section.blocks:
                if isinstance(block, Fields):
                    out.extend(text for row in block.rows for text in row)
                elif isinstance(block, LongText):
                    out.extend((block.label, block.text))
                else:
                    out.extend(block.headers)
                    out.extend(cell for row in block.rows for cell in row)
            for sub in section.subsections:
                walk(sub)

        for section in self.sections:
            walk(section)
        return out
