"""Reads an .odt back with the standard library only (zipfile, ElementTree), independently of the library that
wrote it: what a screen reader relies on — headings with their levels in order, tables with their header rows,
the document language — and the whole text."""

import io
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _text(element: ElementTree.Element) -> str:
    """The text of an element as a reader hears it: spans joined, line breaks and tabs as spaces."""
    parts: list[str] = []

    def walk(node: ElementTree.Element) -> None:
        if node.tag == _q("text:line-break") or node.tag == _q("text:tab"):
            parts.append(" ")
        elif node.tag == _q("text:s"):
            parts.append(" " * int(node.get(_q("text:c"), "1")))
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


@dataclass
class OdtTable:
    name: str
    header: list[list[str]]  # the rows inside table:table-header-rows
    rows: list[list[str]]


@dataclass
class Odt:
    files: list[str]
    mimetype: str
    headings: list[tuple[int, str]]
    tables: list[OdtTable]
    paragraphs: list[str]
    text: str
    language: str  # dc:language of meta.xml
    style_language: tuple[str, str]  # fo:language, fo:country of the default paragraph style
    meta: str  # meta.xml, whole


def read_odt(data: bytes) -> Odt:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = archive.namelist()
        mimetype = archive.read("mimetype").decode()
        content = ElementTree.fromstring(archive.read("content.xml"))
        styles = ElementTree.fromstring(archive.read("styles.xml"))
        meta_xml = archive.read("meta.xml").decode()
    body = content.find("office:body/office:text", NS)
    assert body is not None, "pas de corps de texte"
    headings = [(int(h.get(_q("text:outline-level"), "0")), _text(h)) for h in body.iter(_q("text:h"))]
    tables = []
    for table in body.iter(_q("table:table")):
        def cells(row: ElementTree.Element) -> list[str]:
            return [_text(cell) for cell in row.findall("table:table-cell", NS)]

        header = [cells(r) for r in table.findall("table:table-header-rows/table:table-row", NS)]
        rows = [cells(r) for r in table.findall("table:table-row", NS)]
        tables.append(OdtTable(table.get(_q("table:name"), ""), header, rows))
    paragraphs = [_text(p) for p in body.iter(_q("text:p"))]
    language = ElementTree.fromstring(meta_xml).findtext("office:meta/dc:language", "", NS)
    default = styles.find("office:styles/style:default-style[@style:family='paragraph']/style:text-properties", NS)
    style_language = ("", "") if default is None else (default.get(_q("fo:language"), ""),
                                                        default.get(_q("fo:country"), ""))
    return Odt(files, mimetype, headings, tables, paragraphs, " ".join(_text(e) for e in body), language,
               style_language, meta_xml)
