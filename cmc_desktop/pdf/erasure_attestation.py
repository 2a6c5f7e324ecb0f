"""The attestation d'effacement: an agent's whole file was erased — what went, who asked, what remains.

documents/erasure.py says the same sentences (those below) in the accessible copy."""

from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Paragraph, Spacer, Table

from ..domain.dates import format_fr
from ..domain.profile import CmcProfile
from .pages import build_pdf, frame_width
from .receipt import cmc_signature
from .styles import ALT, BLUE, SECONDARY, TITLE, WHITE, markup, style, table_style

TITLE_TEXT = "Attestation d'effacement"
FOOTER = "Attestation d'effacement d'un dossier d'agent"
SUBJECT = "Effacement d'un dossier d'agent"
ERASED_HEADING = "Ce qui a été effacé"
REMAINS_HEADING = "Ce qui subsiste"
WORKSTATION = ("Ces éléments ont été effacés du poste de travail chiffré, y compris de l'index de recherche et des "
               "journaux internes de la base de données.")
NOT_KEPT = "Cette attestation ne reprend aucun élément du dossier effacé ; elle n'est pas conservée par l'application."
WIDTH = frame_width()
BODY = style("body", 10, leading=14, spaceAfter=6)
HEADING = style("heading", 11, bold=True, colour=TITLE, spaceBefore=8, spaceAfter=4)
LABEL = style("label", 9, colour=SECONDARY)
VALUE = style("value", 10, bold=True, colour=TITLE)


@dataclass(frozen=True)
class ErasureAttestation:
    agent_display: str
    pseudo_id: str
    reason: str
    initiative: str
    """Who asked: « à la demande de l'agent », « à l'initiative du prestataire »…"""
    erased_at: datetime
    items: list[str]
    remains: list[str]
    rule: str = ""
    """The text the erasure applies, quoted under the facts (a provider's obligation)."""


def _moment(moment: datetime) -> str:
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{format_fr(local.date())} à {local:%H} h {local:%M}"


def kicker(attestation: ErasureAttestation) -> str:
    return f"Dossier d'agent — effacement {attestation.initiative}"


def established(attestation: ErasureAttestation) -> str:
    return f"Établie le {_moment(attestation.erased_at)}"


def facts(attestation: ErasureAttestation) -> list[tuple[str, str]]:
    return [("Agent", attestation.agent_display), ("Dossier", f"référence {attestation.pseudo_id}"),
            ("Motif", attestation.reason), ("Effacement", f"{attestation.initiative}, le "
                                                          f"{_moment(attestation.erased_at)}")]


def quoted_rule(attestation: ErasureAttestation) -> str:
    """The provider's obligation, quoted ('' when the erasure applies none)."""
    return (f"« {attestation.rule} » (guide du bilan de parcours professionnel, « Diffusion et confidentialité »)"
            if attestation.rule else "")


def erased_intro(attestation: ErasureAttestation) -> str:
    return (f"Le dossier désigné ci-dessus a été effacé {attestation.initiative}, avec tout ce qu'il "
            "contenait\u00a0:")


def _bullets(lines: list[str]) -> ListFlowable:
    return ListFlowable([ListItem(Paragraph(markup(line), BODY), leftIndent=14, value="•") for line in lines],
                        bulletType="bullet", start="•", leftIndent=14, bulletFontName=BODY.fontName)


def render_erasure_attestation(attestation: ErasureAttestation, profile: CmcProfile | None = None) -> bytes:
    table = Table([[Paragraph(markup(label), LABEL), Paragraph(markup(value), VALUE)]
                   for label, value in facts(attestation)],
                  colWidths=[110, WIDTH - 110], hAlign="LEFT")
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), ALT), ("LINEBEFORE", (0, 0), (0, -1), 3, BLUE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                               ("LINEBELOW", (0, 0), (-1, -2), 0.5, WHITE)]))
    story: list[Flowable] = [
        Paragraph(markup(kicker(attestation)), style("kicker", 9.5, bold=True, colour=BLUE)),
        Spacer(0, 2),
        Paragraph(markup(TITLE_TEXT), style("title", 20, bold=True, colour=TITLE, leading=24)),
        Paragraph(markup(established(attestation)), style("when", 9, colour=SECONDARY)),
        Spacer(0, 14), table, Spacer(0, 8),
    ]
    if attestation.rule:
        story.append(Paragraph(markup(quoted_rule(attestation)),
                               style("rule", 9, italic=True, colour=SECONDARY, spaceAfter=6)))
    story += [
        Paragraph(markup(ERASED_HEADING), HEADING),
        Paragraph(markup(erased_intro(attestation)), BODY),
        _bullets(attestation.items), Spacer(0, 4),
        Paragraph(markup(WORKSTATION), BODY),
        Paragraph(markup(REMAINS_HEADING), HEADING),
        _bullets(attestation.remains), Spacer(0, 4),
        Paragraph(markup(NOT_KEPT), style("note", 9, italic=True, colour=SECONDARY, spaceAfter=6)),
        Spacer(0, 14), KeepTogether(cmc_signature(profile or CmcProfile())),
    ]
    return build_pdf(story, title=TITLE_TEXT, subject=SUBJECT, footer=FOOTER,
                     profile=profile)
