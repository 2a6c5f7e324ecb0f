"""The agent's copy of their data (services.agent_export) as an accessible Document: the same content as the PDF
(pdf/agent_export_pdf.py), with its parts as real headings — a section at level 2, its subsections at level 3 —
its tables with a header row, and a blank said as such."""

from ..domain import export_document as source
from .model import Block, Document, Fields, Heading, Paragraph, Table, value_or_blank


def agent_export_document(document: source.Document) -> Document:
    blocks: list[Block] = [Heading(document.title, 1), Paragraph(document.subtitle, note=True),
                           *(Paragraph(line) for line in document.intro)]
    for section in document.sections:
        blocks += _section(section, 2)
    return Document(title=document.title, subject=document.subtitle, footer=document.footer, blocks=tuple(blocks))


def _section(section: source.Section, level: int) -> list[Block]:
    out: list[Block] = [Heading(section.title, level)]
    if section.note:
        out.append(Paragraph(section.note, note=True))
    for block in section.blocks:
        if isinstance(block, source.Fields):
            out.append(Fields(tuple((label, value_or_blank(value)) for label, value in block.rows)))
        elif isinstance(block, source.LongText):
            # A heading of its own: long texts (notes, rubrics) are what a reader jumps between.
            out += [Heading(block.label, min(level + 1, 6)), Paragraph(value_or_blank(block.text))]
        elif block.rows:
            out.append(Table(section.title, block.headers, block.rows))
        else:
            out.append(Paragraph(block.empty, note=True))
    for sub in section.subsections:
        out += _section(sub, min(level + 1, 6))
    return out
