"""Convocations to a séance of a promotion: one letter per participant, each naming only its addressee."""

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, ListFlowable, ListItem, PageBreak, Paragraph, Spacer

from ..domain.agenda import day_fr
from ..domain.profile import CmcProfile
from .blocks import BODY, HEADING, KICKER, SUBHEADING, WIDTH, SeanceFacts, cmc_signature, facts_table
from .letterhead import letterhead
from .pages import build_pdf
from .styles import SECONDARY, TITLE, markup, style

TITLE_TEXT = "Convocation à une séance"
FOOTER = "Convocation — bilan de parcours professionnel collectif"
ADDRESSEE = style("addressee", 10.5, bold=True, colour=TITLE, leftIndent=WIDTH / 2)
ADDRESSEE_LINE = style("addressee-line", 9.5, colour=SECONDARY, leftIndent=WIDTH / 2)


@dataclass(frozen=True)
class Convocation:
    recipient: str
    recipient_service: str
    seance: SeanceFacts
    bring: list[str]
    issued_on: date


def render_convocations(letters: list[Convocation], profile: CmcProfile) -> bytes:
    """One page per letter, each under the CMC's letterhead."""
    if not letters:
        raise ValueError("no convocation to render")
    story: list[Flowable] = []
    for index, letter in enumerate(letters):
        if index:
            story.append(PageBreak())
        story += letterhead(profile) + _letter(letter, profile)
    return build_pdf(story, title=TITLE_TEXT, subject="Bilan de parcours professionnel collectif", footer=FOOTER)


def _letter(letter: Convocation, profile: CmcProfile) -> list[Flowable]:
    facts = letter.seance
    story: list[Flowable] = [Paragraph(markup(letter.recipient), ADDRESSEE)]
    if letter.recipient_service:
        story.append(Paragraph(markup(letter.recipient_service), ADDRESSEE_LINE))
    story += [
        Spacer(0, 14),
        Paragraph(markup(f"Le {day_fr(letter.issued_on)}"), style("issued", 9.5, colour=SECONDARY, alignment=2)),
        Spacer(0, 10),
        Paragraph(markup("Bilan de parcours professionnel collectif"), KICKER),
        Paragraph(markup(TITLE_TEXT), HEADING),
        Spacer(0, 6),
        Paragraph(markup("Madame, Monsieur,"), BODY),
        Paragraph(markup(f"Dans le cadre du bilan de parcours professionnel collectif « {facts.promotion} » auquel "
                         "vous participez, je vous prie de bien vouloir assister à la séance suivante\u00a0:"), BODY),
        facts_table(facts.rows()),
        Spacer(0, 8),
    ]
    if letter.bring:
        story.append(Paragraph(markup("À apporter"), SUBHEADING))
        story.append(ListFlowable([ListItem(Paragraph(markup(item), BODY), leftIndent=14, value="•")
                                   for item in letter.bring], bulletType="bullet", start="•", leftIndent=14,
                                  bulletFontName=BODY.fontName))
    contact = " ou ".join(part for part in (profile.phone, profile.email) if part)
    story += [
        Paragraph(markup("Cette séance se déroule sur votre temps de service. En cas d'empêchement, merci de me "
                         "prévenir dès que possible" + (f" ({contact})." if contact else ".")), BODY),
        Paragraph(markup("Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées."),
                  BODY),
        Spacer(0, 12), cmc_signature(profile),
    ]
    return story
