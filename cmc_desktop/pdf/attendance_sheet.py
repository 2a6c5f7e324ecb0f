"""The feuille d'émargement of a séance: every participant with a box to sign, and the CMC's signature."""

from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ..domain.profile import CmcProfile
from .blocks import BODY, HEADING, KICKER, WIDTH, SeanceFacts, cmc_signature, facts_table
from .pages import build_pdf
from .styles import ALT, BORDER, SECONDARY, TITLE, markup, style, table_style

TITLE_TEXT = "Feuille d'émargement"
FOOTER = "Feuille d'émargement — bilan de parcours professionnel collectif"
ROW_HEIGHT = 34
HEAD = style("sheet-head", 9, bold=True, colour=TITLE)
CELL = style("sheet-cell", 10, colour=TITLE)


@dataclass(frozen=True)
class AttendanceSheet:
    seance: SeanceFacts
    participants: list[str]
    reference: str  # « S-12 »: the sheet's séance, to report attendance from it into the right one


def render_attendance_sheet(sheet: AttendanceSheet, profile: CmcProfile) -> bytes:
    rows: list[list[object]] = [[Paragraph("N°", HEAD), Paragraph("Nom et prénom", HEAD),
                                 Paragraph("Signature", HEAD), Paragraph("Observation", HEAD)]]
    rows += [[Paragraph(str(number), CELL), Paragraph(markup(name), CELL), "", ""]
             for number, name in enumerate(sheet.participants, start=1)]
    table = Table(rows, colWidths=[28, WIDTH * 0.4, WIDTH * 0.34, WIDTH * 0.26 - 28],
                  rowHeights=[22] + [ROW_HEIGHT] * len(sheet.participants), repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.6, BORDER), ("BACKGROUND", (0, 0), (-1, 0), ALT),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story: list[Flowable] = [
        Paragraph(markup("Bilan de parcours professionnel collectif"), KICKER),
        Paragraph(markup(TITLE_TEXT), HEADING),
        Paragraph(markup(f"Séance {sheet.reference}"), style("sheet-ref", 9, colour=SECONDARY)),
        Spacer(0, 8), facts_table(sheet.seance.rows()), Spacer(0, 10),
        Paragraph(markup("Chaque participant signe en face de son nom à son arrivée."), BODY),
        table, Spacer(0, 16),
        Paragraph(markup(f"Nombre de participants présents\u00a0: ……… sur {len(sheet.participants)}"), BODY),
        Spacer(0, 8), cmc_signature(profile),
    ]
    return build_pdf(story, title=TITLE_TEXT, subject="Bilan de parcours professionnel collectif", footer=FOOTER,
                     profile=profile)
