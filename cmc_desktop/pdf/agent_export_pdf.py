"""A plain Document (domain/export_document.py) laid out as an A4 PDF: the agent's copy of their data."""

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ..domain.export_document import Document, Fields, LongText, Rows, Section
from .pages import build_pdf, frame_width
from .styles import ALT, BAND, BLUE, BORDER, SECONDARY, TITLE, markup, style, table_style

WIDTH = frame_width()
H1 = style("h1", 13, bold=True, colour=BLUE, spaceBefore=12, spaceAfter=6)
H2 = style("h2", 10.5, bold=True, colour=TITLE, spaceBefore=8, spaceAfter=4)
BODY = style("body", 9.5, leading=13, spaceAfter=4)
NOTE = style("note", 8.5, italic=True, colour=SECONDARY, spaceAfter=4)
LABEL = style("label", 8.5, colour=SECONDARY)
VALUE = style("value", 9.5, colour=TITLE)
CELL = style("cell", 8.5, leading=11)
HEAD = style("head", 8.5, bold=True, colour=TITLE, leading=11)


def render_document(document: Document) -> bytes:
    story: list[Flowable] = [
        Paragraph(markup(document.title), style("title", 20, bold=True, colour=TITLE, leading=24)),
        Paragraph(markup(document.subtitle), style("subtitle", 9.5, colour=SECONDARY, spaceAfter=10)),
    ]
    story += [Paragraph(markup(line), BODY) for line in document.intro]
    for section in document.sections:
        story += _section(section, H1)
    return build_pdf(story, title=document.title, subject=document.subtitle, footer=document.footer)


def _section(section: Section, heading: ParagraphStyle) -> list[Flowable]:
    out: list[Flowable] = []
    title = Paragraph(markup(section.title), heading)
    body: list[Flowable] = []
    if section.note:
        body.append(Paragraph(markup(section.note), NOTE))
    for block in section.blocks:
        body += _block(block)
    # A heading never ends a page alone: it stays with what follows it.
    out.append(KeepTogether([title, *body[:1]]))
    out += body[1:]
    for sub in section.subsections:
        out += _section(sub, H2)
    return out


def _block(block: Fields | LongText | Rows) -> list[Flowable]:
    if isinstance(block, Fields):
        table = Table([[Paragraph(markup(label), LABEL), Paragraph(markup(value or "non renseigné"), VALUE)]
                       for label, value in block.rows], colWidths=[170, WIDTH - 170], hAlign="LEFT")
        table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, BORDER)]))
        return [table, Spacer(0, 4)]
    if isinstance(block, LongText):
        return [Paragraph(markup(block.label), style("textlabel", 9, bold=True, colour=TITLE, spaceBefore=4)),
                Paragraph(markup(block.text), BODY)]
    if not block.rows:
        return [Paragraph(markup(block.empty), NOTE)]
    width = WIDTH / len(block.headers)
    data = [[Paragraph(markup(h), HEAD) for h in block.headers]]
    data += [[Paragraph(markup(cell), CELL) for cell in row] for row in block.rows]
    table = Table(data, colWidths=[width] * len(block.headers), hAlign="LEFT", repeatRows=1)
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, 0), BAND), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LINEBELOW", (0, 0), (-1, -1), 0.25, BORDER),
                                *(("BACKGROUND", (0, r), (-1, r), ALT) for r in range(2, len(data), 2))]))
    return [table, Spacer(0, 6)]
