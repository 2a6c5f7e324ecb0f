"""The contrat d'engagement et de confidentialité, pre-filled for each participant of a promotion (one copy each,
on its own pages), with the guide's own words for what it covers (domain/contract.py)."""

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, PageBreak, Paragraph, Spacer, Table

from ..domain.contract import articles
from ..domain.dates import format_fr
from ..domain.profile import CmcProfile
from .blocks import BODY, HEADING, KICKER, SUBHEADING, WIDTH, facts_table, signature_box
from .letterhead import letterhead
from .pages import build_pdf
from .styles import markup, table_style

TITLE_TEXT = "Contrat d'engagement et de confidentialité"
FOOTER = "Contrat d'engagement et de confidentialité — bilan de parcours professionnel collectif"


@dataclass(frozen=True)
class ContractCopy:
    agent_name: str
    agent_fonction: str
    agent_service: str
    promotion: str
    start: date | None
    end: date | None
    confidential_points: list[str]


def render_contracts(copies: list[ContractCopy], profile: CmcProfile) -> bytes:
    if not copies:
        raise ValueError("no contract to render")
    story: list[Flowable] = []
    for index, copy in enumerate(copies):
        if index:
            story.append(PageBreak())
        story += letterhead(profile) + _contract(copy, profile)
    return build_pdf(story, title=TITLE_TEXT, subject="Bilan de parcours professionnel collectif", footer=FOOTER)


def _contract(copy: ContractCopy, profile: CmcProfile) -> list[Flowable]:
    dates = (f"du {format_fr(copy.start)} au {format_fr(copy.end)}" if copy.start and copy.end
             else f"à partir du {format_fr(copy.start)}" if copy.start else "dates à préciser")
    agent = ", ".join(part for part in (copy.agent_name, copy.agent_fonction, copy.agent_service) if part)
    cmc = ", ".join(profile.identity_lines()[:3]) if profile.display_name else "……………………………………"
    story: list[Flowable] = [
        Paragraph("Bilan de parcours professionnel collectif — phase de lancement", KICKER),
        Paragraph(TITLE_TEXT, HEADING), Spacer(0, 4),
        facts_table([("Agent", agent), ("Conseiller mobilité-carrière", cmc),
                     ("Promotion", f"{copy.promotion} ({dates})")], label_width=150),
        Spacer(0, 6),
    ]
    for article in articles(copy.confidential_points):
        story.append(Paragraph(markup(article.title), SUBHEADING))
        story += [Paragraph(markup(text), BODY) for text in article.paragraphs]
        if article.items:
            story.append(ListFlowable([ListItem(Paragraph(markup(item), BODY), leftIndent=14, value="•")
                                       for item in article.items], bulletType="bullet", start="•",
                                      leftIndent=14, bulletFontName=BODY.fontName))
    half = (WIDTH - 12) / 2
    boxes = Table([[signature_box("L'agent", [copy.agent_name, "Fait à ……………………, le ……………"], half),
                    signature_box("Le conseiller mobilité-carrière",
                                  [profile.display_name or "", "Fait à ……………………, le ……………"], half)]],
                  colWidths=[half + 6, half + 6])
    boxes.setStyle(table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(0, 10), KeepTogether([Paragraph("Signatures", SUBHEADING), boxes])]
    return story
