"""The attestation de destruction given to the agent once their document de synthèse has been destroyed."""

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Paragraph, Spacer, Table

from ..domain.dates import format_fr
from ..domain.profile import CmcProfile
from .pages import build_pdf, frame_width
from .styles import ALT, BLUE, BORDER, RULE, SECONDARY, TITLE, WHITE, markup, style, table_style

TITLE_TEXT = "Attestation de destruction"
FOOTER = "Attestation de destruction d'un document de synthèse — remise à l'agent"
WIDTH = frame_width()
BODY = style("body", 10, leading=14, spaceAfter=6)
LABEL = style("label", 9, colour=SECONDARY)
VALUE = style("value", 10, bold=True, colour=TITLE)


@dataclass(frozen=True)
class DestructionReceipt:
    synthesis_pseudo_id: str
    agent_display: str
    requested_on: date
    requested_by: str
    destroyed_at: datetime
    items: list[str]


def _moment(moment: datetime) -> str:
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{format_fr(local.date())} à {local:%H} h {local:%M}"


def render_destruction_receipt(receipt: DestructionReceipt, profile: CmcProfile | None = None) -> bytes:
    facts = [("Agent", receipt.agent_display), ("Document", f"Document de synthèse, référence "
                                                             f"{receipt.synthesis_pseudo_id}"),
             ("Demande de destruction", f"le {format_fr(receipt.requested_on)}, par {receipt.requested_by}"),
             ("Destruction effectuée", f"le {_moment(receipt.destroyed_at)}")]
    table = Table([[Paragraph(markup(label), LABEL), Paragraph(markup(value), VALUE)] for label, value in facts],
                  colWidths=[130, WIDTH - 130], hAlign="LEFT")
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), ALT), ("LINEBEFORE", (0, 0), (0, -1), 3, BLUE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                               ("LINEBELOW", (0, 0), (-1, -2), 0.5, WHITE)]))
    items = ListFlowable([ListItem(Paragraph(markup(item), BODY), leftIndent=14, value="•") for item in receipt.items],
                         bulletType="bullet", start="•", leftIndent=14, bulletFontName=BODY.fontName)
    story: list[Flowable] = [
        Paragraph(markup("Document de synthèse — destruction à la demande de l'agent"),
                  style("kicker", 9.5, bold=True, colour=BLUE)),
        Spacer(0, 2),
        Paragraph(markup(TITLE_TEXT), style("title", 20, bold=True, colour=TITLE, leading=24)),
        Paragraph(markup(f"Établie le {_moment(receipt.destroyed_at)}"), style("when", 9, colour=SECONDARY)),
        Spacer(0, 14), table, Spacer(0, 14),
        Paragraph(markup("Le conseiller mobilité-carrière atteste avoir détruit, à la demande de l'agent, le document "
                         "de synthèse désigné ci-dessus ainsi que tout ce qui en conservait le contenu\u00a0:"), BODY),
        items, Spacer(0, 6),
        Paragraph(markup("Ces éléments ont été effacés du poste de travail chiffré du conseiller, y compris des "
                         "journaux internes de la base de données. Il ne subsiste qu'une trace sans contenu — la "
                         "référence du document et les dates de la demande et de la destruction — qui empêche le "
                         "document de réapparaître si une sauvegarde antérieure est restaurée."), BODY),
        Paragraph(markup("Cette attestation est remise à l'agent ; elle ne reprend aucun élément du document "
                         "détruit."), style("note", 9, italic=True, colour=SECONDARY, spaceAfter=6)),
        Spacer(0, 18), KeepTogether(_signature(profile or CmcProfile())),
    ]
    return build_pdf(story, title=TITLE_TEXT, subject="Destruction d'un document de synthèse", footer=FOOTER,
                     profile=profile)


def _signature(profile: CmcProfile) -> list[Flowable]:
    """The CMC's identity from her profile (blank lines to write on while it is not filled in)."""
    identity = [f"Nom\u00a0: {profile.display_name}", *(profile.identity_lines()[1:3] if profile.display_name else []),
                "Date\u00a0:"]
    lines = Table([[Paragraph(markup(text), style("sig", 9.5))] for text in identity],
                  colWidths=[WIDTH / 2], hAlign="RIGHT")
    lines.setStyle(table_style([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE), ("TOPPADDING", (0, 0), (-1, -1), 10),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    box = Table([[Paragraph(markup("Signature\u00a0:"), style("sigbox", 8.5, colour=SECONDARY))]],
                colWidths=[WIDTH / 2], rowHeights=[60], hAlign="RIGHT")
    box.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.5, BORDER), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Paragraph(markup("Le conseiller mobilité-carrière"),
                      style("signer", 10, bold=True, colour=TITLE, alignment=0, leftIndent=WIDTH / 2)),
            lines, Spacer(0, 8), box]
