"""The one-page PDF report of the indicators (reportlab: imported only when this export is asked for)."""

import io

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from ..domain.dates import format_fr
from ..domain.indicators import IndicatorReport, ReportLine
from ..domain.profile import CmcProfile
from ..domain.published_figures import MASKED_TEXT, SMALL_CELL_TEXT, Bar
from ..domain.satisfaction import SATISFIED_FROM
from .fonts import DEJAVU, DEJAVU_BOLD, register_fonts
from .letterhead import letterhead

BLUE, TEXT, SECONDARY = colors.HexColor("#000091"), colors.HexColor("#3a3a3a"), colors.HexColor("#666666")
BORDER, ALT_BACKGROUND, TITLE_COLOUR = colors.HexColor("#dddddd"), colors.HexColor("#f6f6f6"), colors.HexColor(
    "#161616")
REGULAR, BOLD = DEJAVU, DEJAVU_BOLD
UNIT_SUFFIX = {"nombre": "", "%": "\u00a0%", "jours": "\u00a0j", "sur 10": "\u00a0/\u00a010"}


def _style(size: float, *, bold: bool = False, colour: colors.Color = TEXT, leading: float | None = None,
           align: int = 0) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}{bold}{align}", fontName=BOLD if bold else REGULAR, fontSize=size,
                          leading=leading or size * 1.25, textColor=colour, alignment=align)


def _escape(text: str) -> str:
    """Paragraph markup of a plain text, with the non-breaking spaces of French typography."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace(" :", "\u00a0:").replace("L. ", "L.\u00a0").replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def _published(line: ReportLine) -> str:
    if line.value in (SMALL_CELL_TEXT, MASKED_TEXT):
        return line.value
    return line.value + UNIT_SUFFIX.get(line.unit, "")


def render_report(report: IndicatorReport, title: str, privacy_note: str, profile: CmcProfile | None = None) -> bytes:
    """A one-page A4 report: key figures, three bar charts, then every published figure by section."""
    register_fonts()
    buffer = io.BytesIO()
    margin = 14 * mm
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=title, author="", subject="Rapport anonymisé",
                            creator="cmc-desktop")
    width = doc.width
    content: list[Flowable] = [
        *letterhead(profile),
        Paragraph(_escape(title), _style(15, bold=True, colour=BLUE)),
        Spacer(0, 2),
        Paragraph(f"Période {report.period.label} — établi le {format_fr(report.computed_on)}", _style(9.5)),
        Spacer(0, 4),
        Paragraph(_escape(privacy_note), _style(7.5, colour=SECONDARY)),
        Spacer(0, 8),
        _key_figures(report, width),
        Spacer(0, 10),
        _charts(report, width),
        Spacer(0, 8),
        _figure_tables(report.lines(), width),
        Spacer(0, 6),
        Paragraph("Indicateurs inspirés des outils E et F et de l'annexe 6 de la stratégie interministérielle "
                  "pour l'accompagnement de la mobilité et de l'évolution professionnelle. Cibles : 100 % des "
                  f"demandeurs accompagnés ; satisfaction de {SATISFIED_FROM}/10 ou plus.",
                  _style(7, colour=SECONDARY)),
    ]
    # Shrinking (never splitting) keeps the report on one page whatever the label lengths.
    doc.build([KeepInFrame(width, doc.height, content, mode="shrink")])
    return buffer.getvalue()


def _key_figures(report: IndicatorReport, width: float) -> Table:
    def tile(value: str, suffix: str, label: str) -> list[Paragraph]:
        shown = value if value in (SMALL_CELL_TEXT, MASKED_TEXT) else value + suffix
        return [Paragraph(_escape(shown), _style(17, bold=True, colour=BLUE, align=TA_CENTER, leading=21)),
                Paragraph(_escape(label), _style(7.5, colour=TEXT, align=TA_CENTER, leading=9.5))]

    tiles = [
        tile(report.access.requesters_taken_in_charge.text, "\u00a0%", "des demandeurs d'un accompagnement pris "
             "en charge (cible 100 %)"),
        tile(report.access.take_charge_median.text, "\u00a0jours", "délai médian entre la demande et sa prise en "
             "charge effective"),
        tile(report.satisfaction_mean.text, "\u00a0/\u00a010", f"satisfaction globale moyenne (cible : "
             f"{SATISFIED_FROM} ou plus)"),
        tile(report.satisfaction_satisfied.text, "\u00a0%", f"des agents ont noté {SATISFIED_FROM}/10 ou plus"),
    ]
    table = Table([tiles], colWidths=[width / 4] * 4, hAlign="LEFT")
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ALT_BACKGROUND),
                               ("LINEABOVE", (0, 0), (-1, 0), 2, BLUE),
                               ("LINEAFTER", (0, 0), (2, 0), 6, colors.white),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
    return table


def _charts(report: IndicatorReport, width: float) -> Table:
    chart_width, gap = (width - 2 * 12) / 3, 12
    charts = [_bar_chart("Entretiens par type", report.interviews_by_type, chart_width),
              _bar_chart("Délai demande → prise en charge", report.access.take_charge_buckets, chart_width),
              _bar_chart("Note globale de satisfaction", report.satisfaction_bands, chart_width)]
    table = Table([charts], colWidths=[chart_width + gap, chart_width + gap, chart_width], hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _bar_chart(title: str, bars: tuple[Bar, ...], width: float, height: float = 120) -> Drawing:
    """Vertical bars with their values; a masked count gets no bar, only its "< 5" or "masqué" label."""
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title, fontName=BOLD, fontSize=8.5, fillColor=TITLE_COLOUR))
    base, top = 16, height - 34
    drawing.add(Line(0, base, width, base, strokeColor=BORDER, strokeWidth=0.8))
    scale = max([bar.count.value for bar in bars if not bar.count.suppressed] or [1])
    slot = width / len(bars)
    bar_width = min(30.0, slot * 0.55)
    for index, bar in enumerate(bars):
        centre = slot * (index + 0.5)
        drawing.add(String(centre, base - 10, bar.label, fontName=REGULAR, fontSize=7, fillColor=TEXT,
                           textAnchor="middle"))
        if bar.count.suppressed:
            drawing.add(String(centre, base + 3, bar.count.text, fontName=REGULAR, fontSize=7.5,
                               fillColor=SECONDARY, textAnchor="middle"))
            continue
        bar_height = max(1.0, (top - base) * bar.count.value / scale)
        drawing.add(Rect(centre - bar_width / 2, base, bar_width, bar_height, fillColor=BLUE, strokeColor=None))
        drawing.add(String(centre, base + bar_height + 3, bar.count.text, fontName=BOLD, fontSize=7.5,
                           fillColor=TITLE_COLOUR, textAnchor="middle"))
    return drawing


def _figure_tables(lines: list[ReportLine], width: float) -> Table:
    """The published figures in two columns, sections kept whole and the columns about the same length."""
    sections: dict[str, list[ReportLine]] = {}
    for line in lines:
        sections.setdefault(line.section, []).append(line)
    groups = list(sections.items())
    sizes = [len(rows) + 1.5 for _, rows in groups]  # a section title takes about one and a half rows
    split = min(range(1, len(groups)), key=lambda i: abs(sum(sizes[:i]) - sum(sizes[i:])))
    gap = 14
    column_width = (width - gap) / 2
    columns = [_section_table(groups[:split], column_width), _section_table(groups[split:], column_width)]
    table = Table([columns], colWidths=[column_width + gap, column_width], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _section_table(groups: list[tuple[str, list[ReportLine]]], width: float) -> Table:
    label_style = _style(7.8, leading=9.5)
    value_style = _style(7.8, bold=True, colour=TITLE_COLOUR, leading=9.5, align=2)
    rows: list[list[Paragraph | str]] = []
    style: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 1.6),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for title, section_lines in groups:
        style += [("SPAN", (0, len(rows)), (1, len(rows))), ("LINEBELOW", (0, len(rows)), (1, len(rows)), 1, BLUE),
                  ("TOPPADDING", (0, len(rows)), (1, len(rows)), 6 if rows else 0)]
        rows.append([Paragraph(_escape(title), _style(8.5, bold=True, colour=BLUE)), ""])
        for index, line in enumerate(section_lines):
            if index % 2:
                style.append(("BACKGROUND", (0, len(rows)), (1, len(rows)), ALT_BACKGROUND))
            rows.append([Paragraph(_escape(line.label), label_style),
                         Paragraph(_escape(_published(line)), value_style)])
    table = Table(rows, colWidths=[width - 54, 54], hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table
