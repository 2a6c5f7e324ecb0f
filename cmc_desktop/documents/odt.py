"""A Document as an OpenDocument text (.odt) a screen reader can navigate: real headings (outline levels 1-6, the
« Titre N » styles), tables whose first row is a repeated header row, bulleted lists, and the document language
(French) in its styles and metadata, so that the reader's French voice is used.

Why ODT rather than a tagged PDF or a DOCX: measured on the synthesis, see docs/documents-accessibles.md.
Rendered in memory (no temporary file); the metadata hold the title, subject and language only.
"""

import io
from datetime import datetime
from typing import TYPE_CHECKING

from .model import Bullets, Document, Fields, Heading, Paragraph, Table

if TYPE_CHECKING:
    from odfdo import Document as OdfDocument
    from odfdo import Row

MIME_TYPE = "application/vnd.oasis.opendocument.text"
SUFFIX = ".odt"
_NOTE_STYLE = "Remarque"
_LABEL_STYLE = "Libellé"
_HEAD_STYLE = "En-tête de tableau"
_CELL_STYLE = "Cellule"


def render_odt(document: Document, *, now: datetime | None = None) -> bytes:
    """The document as the bytes of an .odt file."""
    # odfdo (and lxml under it) load on the first accessible export, not at start-up.
    from odfdo import Column, Header, HeaderRows, List, Span
    from odfdo import Document as OdfDocument
    from odfdo import Paragraph as OdfParagraph
    from odfdo import Table as OdfTable

    odf = OdfDocument("text")
    odf.set_language(document.language)
    meta = odf.meta
    meta.title, meta.subject = document.title, document.subject
    meta.creation_date = meta.date = now or datetime.now()
    meta.generator = "cmc-desktop"
    for part in odf.get_parts():
        if part.startswith("Thumbnails/"):  # the template's picture of an empty page
            odf.del_part(part)
            odf.manifest.del_full_path(part)
    _style(odf)
    if document.footer:
        from odfdo import StyleMasterPage

        page = odf.get_style("master-page", "Standard")
        if isinstance(page, StyleMasterPage):  # the template has it: the footer repeats on every page
            page.set_page_footer(OdfParagraph(document.footer, style=_NOTE_STYLE))

    body = odf.body
    body.clear()
    for number, block in enumerate(document.blocks, 1):
        if isinstance(block, Heading):
            body.append(Header(block.level, block.text, style=f"Heading_20_{block.level}"))
        elif isinstance(block, Paragraph):
            body.append(OdfParagraph(block.text, style=_NOTE_STYLE if block.note else "Text_20_body"))
        elif isinstance(block, Fields):
            for label, value in block.items:
                line = OdfParagraph("", style="Text_20_body")
                line.append(Span(f"{label} : ", style=_LABEL_STYLE))
                line.append_plain_text(value)
                body.append(line)
        elif isinstance(block, Table):
            # The table's name is what LibreOffice's navigator and screen readers announce for it.
            table = OdfTable(_table_name(block.caption, number))
            table.append(Column(repeated=len(block.header)))
            header = HeaderRows()  # repeated at the top of each page, and read as the columns' headers
            header.append(_row(block.header, _HEAD_STYLE))
            table.append(header)
            for values in block.rows:
                table.append(_row(values, "Text_20_body"))
            body.append(table)
        elif isinstance(block, Bullets):
            body.append(List(list(block.items), style="List_20_1"))
    out = io.BytesIO()
    odf.save(out)
    return out.getvalue()


def _style(odf: "OdfDocument") -> None:
    """A sans-serif body (easier for partially sighted readers), headings without the template's automatic
    numbering (the numbers of Annexe 2 are in their text), notes, labels and table cells."""
    from odfdo import Style

    standard = odf.get_style("paragraph", "Standard")
    if isinstance(standard, Style):
        standard.set_properties(area="text", properties={"style:font-name": "Liberation Sans", "fo:font-size": "11pt"})
    for level in odf.styles.get_elements("//text:outline-level-style"):
        level.set_attribute("style:num-format", "")
        level.del_attribute_list(["style:num-suffix", "loext:num-list-format", "text:display-levels"])
    odf.insert_style(Style("paragraph", name=_NOTE_STYLE, parent_style="Text_20_body", italic=True,
                           area="text", size="9.5pt", color="#555555"))
    odf.insert_style(Style("paragraph", name=_HEAD_STYLE, parent_style="Text_20_body", bold=True, area="text"))
    odf.insert_style(Style("text", name=_LABEL_STYLE, bold=True))
    odf.insert_style(Style("table-cell", name=_CELL_STYLE, border="0.5pt solid #9a9a9a", padding="0.08cm"),
                     automatic=True)


def _row(values: tuple[str, ...], paragraph_style: str) -> "Row":
    from odfdo import Cell, Row
    from odfdo import Paragraph as OdfParagraph

    row = Row()
    for value in values:
        cell = Cell(style=_CELL_STYLE)
        cell.append(OdfParagraph(value, style=paragraph_style))
        row.append(cell)
    return row


def _table_name(caption: str, number: int) -> str:
    """The caption, without the characters ODF forbids in a table name, made unique by the block's number."""
    kept = "".join(" " if ch in "[]*?:/\\'" else ch for ch in caption).strip()
    return f"{kept} ({number})" if kept else f"Tableau {number}"
