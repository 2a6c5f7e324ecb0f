"""Blocks shared by the documents of a promotion: the séance's facts, a titled box to sign in."""

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ..domain.agenda import day_fr
from ..domain.profile import CmcProfile
from .pages import frame_width
from .styles import ALT, BLUE, BORDER, SECONDARY, TITLE, WHITE, markup, style, table_style

WIDTH = frame_width()
BODY = style("doc-body", 10, leading=14, spaceAfter=6)
LABEL = style("doc-label", 9, colour=SECONDARY)
VALUE = style("doc-value", 10, bold=True, colour=TITLE)
KICKER = style("doc-kicker", 9.5, bold=True, colour=BLUE)
HEADING = style("doc-title", 17, bold=True, colour=TITLE, leading=21, spaceAfter=4)
SUBHEADING = style("doc-subtitle", 11, bold=True, colour=TITLE, spaceBefore=8, spaceAfter=4)


@dataclass(frozen=True)
class SeanceFacts:
    """What every document of a séance says about it."""

    promotion: str
    day: date
    time_label: str
    phase: str
    topic: str = ""
    place: str = ""
    link: str = ""

    def rows(self) -> list[tuple[str, str]]:
        rows = [("Promotion", self.promotion), ("Date", day_fr(self.day).capitalize()),
                ("Horaire", self.time_label or "Heure à préciser"), ("Phase", self.phase)]
        if self.topic:
            rows.append(("Thème", self.topic))
        rows.append(("Lieu", self.place or ("À distance" if self.link else "Lieu à préciser")))
        if self.link:
            rows.append(("Lien de connexion", self.link))
        return rows


def facts_table(rows: list[tuple[str, str]], label_width: float = 120) -> Table:
    """Label and value, one per line, on a light band with a blue rule on the left."""
    table = Table([[Paragraph(markup(label), LABEL), Paragraph(markup(value), VALUE)] for label, value in rows],
                  colWidths=[label_width, WIDTH - label_width], hAlign="LEFT")
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), ALT), ("LINEBEFORE", (0, 0), (0, -1), 3, BLUE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                               ("LINEBELOW", (0, 0), (-1, -2), 0.5, WHITE)]))
    return table


def signature_box(title: str, lines: list[str], width: float, height: float = 70) -> Table:
    """« Le conseiller mobilité-carrière », the signer's name and function, then room to sign."""
    content: list[Flowable] = [Paragraph(markup(title), style("sig-title", 9.5, bold=True, colour=TITLE))]
    content += [Paragraph(markup(line), style("sig-line", 9, colour=SECONDARY)) for line in lines]
    content += [Spacer(0, height), Paragraph(markup("Signature"), style("sig-hint", 8, colour=SECONDARY))]
    box = Table([[content]], colWidths=[width])
    box.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.6, BORDER), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("TOPPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    return box


def cmc_signature(profile: CmcProfile, width: float = WIDTH / 2) -> Flowable:
    """The CMC's box, right-aligned, filled from her profile (blank while the profile is not filled in)."""
    lines = profile.identity_lines()[:3] if profile.display_name else ["Nom :"]
    box = signature_box("Le conseiller mobilité-carrière", lines, width)
    box.hAlign = "RIGHT"
    return KeepTogether([box])
