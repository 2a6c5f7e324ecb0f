"""The attestation de destruction given to the agent once their document de synthèse has been destroyed.

It says exactly what was erased and where — the store and each known copy — and what remains: each copy the
application could not clean, where it is and why. While a copy remains the attestation says so in its title, and
a complementary attestation is produced once the copies are cleaned (`render_copies_attestation`).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Paragraph, Spacer, Table

from ..domain.copies import CopiesReport, CopyKind, Outcome, copies_fr
from ..domain.dates import format_fr
from ..domain.profile import CmcProfile
from .pages import build_pdf, frame_width
from .styles import ALT, BLUE, BORDER, RULE, SECONDARY, TITLE, WHITE, markup, style, table_style

TITLE_TEXT = "Attestation de destruction"
COMPLEMENT_TITLE = "Attestation de destruction — copies effacées"
FOOTER = "Attestation de destruction d'un document de synthèse — remise à l'agent"
WIDTH = frame_width()
WARNING = colors.HexColor("#b34000")
BODY = style("body", 10, leading=14, spaceAfter=6)
ITEM = style("item", 10, leading=13, spaceAfter=1)
HEADING = style("heading", 11.5, bold=True, colour=TITLE, spaceBefore=8, spaceAfter=4)
LABEL = style("label", 9, colour=SECONDARY)
VALUE = style("value", 10, bold=True, colour=TITLE)
COVERAGE = ("Cette attestation couvre le poste de travail du conseiller et les sauvegardes que l'application a "
            "écrites, dans son dossier de données et dans les dossiers choisis pour les sauvegardes. Elle ne couvre "
            "pas les copies faites hors de l'application : fichiers copiés à la main, exemplaires du document déjà "
            "remis ou transmis avec le consentement de l'agent.")


@dataclass(frozen=True)
class DestructionReceipt:
    synthesis_pseudo_id: str
    agent_display: str
    requested_on: date
    requested_by: str
    destroyed_at: datetime
    items: list[str]
    copies: CopiesReport | None = None  # None: only the store is described (rendered before the copies are reached)
    initiative: str = "à la demande de l'agent"
    """Who asked, as printed: « à la demande de l'agent » or « à l'initiative du prestataire »."""


def moment(when: datetime) -> str:
    """« 16/11/2026 à 10 h 30 », in the local time of the workstation."""
    local = when.astimezone() if when.tzinfo else when
    return f"{format_fr(local.date())} à {local:%H} h {local:%M}"


def erased_lines(copies: CopiesReport) -> list[str]:
    """The copies the document was erased from, each named; those checked and found clean, counted by folder."""
    wal = next((c for c in copies.copies if c.kind is CopyKind.WAL), None)
    lines = ["le dossier chiffré du poste de travail : la base, son index de recherche"
             + (" et son journal d'écriture" if wal is not None and not wal.remains else "")]
    lines += [c.description for c in copies.copies if c.outcome is Outcome.CLEANED and c.kind is not CopyKind.WAL]
    clean: dict[str, int] = {}
    for copy in copies.copies:
        if copy.outcome is Outcome.CLEAN:
            clean[copy.folder] = clean.get(copy.folder, 0) + 1
    lines += [f"{copies_fr(n)} vérifiée{'s' if n > 1 else ''} dans {folder}, qui ne le contenai"
              f"{'en' if n > 1 else ''}t pas ou plus" for folder, n in clean.items()]
    return lines


def remaining_lines(copies: CopiesReport) -> list[str]:
    """Each copy that may still hold the document: which, where, why, and what is done about it."""
    return [f"{c.description} — {c.obstacle.label if c.obstacle else 'non nettoyée'} ; "
            f"{c.obstacle.advice if c.obstacle else 'réessayez'}." for c in copies.remaining]


def kicker(initiative: str) -> str:
    return f"Document de synthèse — destruction {initiative}"


def attests(initiative: str) -> str:
    return (f"Le conseiller mobilité-carrière atteste avoir détruit, {initiative}, le document de synthèse désigné "
            "ci-dessus ainsi que tout ce qui en conservait le contenu\u00a0:")


INCOMPLETE = "Destruction inachevée : des copies subsistent (voir « Ce qui subsiste »)"
ERASED_HEADING = "Où il a été effacé"
REMAINS_HEADING = "Ce qui subsiste"
UNREACHED = "L'application n'a pas pu atteindre ces copies, qui peuvent encore contenir le document\u00a0:"
LATER = ("Elles seront effacées dès que l'application pourra les atteindre ; une attestation complémentaire sera "
         "alors remise à l'agent.")
NO_COPY_LEFT = "Aucune des copies que l'application connaît ne contient plus ce document."
TRACE = ("Il ne subsiste qu'une trace sans contenu — la référence du document et les dates de la demande et de la "
         "destruction — qui empêche le document de réapparaître si une sauvegarde antérieure est restaurée.")
HANDED = "Cette attestation est remise à l'agent ; elle ne reprend aucun élément du document détruit."


def receipt_facts(receipt: DestructionReceipt) -> list[tuple[str, str]]:
    return [("Agent", receipt.agent_display),
            ("Document", f"Document de synthèse, référence {receipt.synthesis_pseudo_id}"),
            ("Demande de destruction", f"le {format_fr(receipt.requested_on)}, par {receipt.requested_by}"),
            ("Destruction effectuée", f"le {moment(receipt.destroyed_at)}")]


def established(receipt: DestructionReceipt) -> str:
    return f"Établie le {moment(receipt.copies.checked_at if receipt.copies else receipt.destroyed_at)}"


def render_destruction_receipt(receipt: DestructionReceipt, profile: CmcProfile | None = None) -> bytes:
    """The PDF; documents/destruction.py says the same sentences in the accessible copy."""
    copies = receipt.copies
    incomplete = copies is not None and not copies.complete
    story: list[Flowable] = [
        Paragraph(markup(kicker(receipt.initiative)), style("kicker", 9.5, bold=True, colour=BLUE)),
        Spacer(0, 2),
        Paragraph(markup(TITLE_TEXT), style("title", 20, bold=True, colour=TITLE, leading=24)),
    ]
    if incomplete:
        story.append(Paragraph(markup(INCOMPLETE), style("incomplete", 11, bold=True, colour=WARNING, spaceBefore=4)))
    story += [
        Paragraph(markup(established(receipt)), style("when", 9, colour=SECONDARY)),
        Spacer(0, 14), _facts(receipt_facts(receipt)), Spacer(0, 14),
        Paragraph(markup(attests(receipt.initiative)), BODY),
        _bullets(receipt.items), Spacer(0, 6),
    ]
    if copies is not None:
        story += [Paragraph(markup(ERASED_HEADING), HEADING), _bullets(erased_lines(copies)),
                  Paragraph(markup(REMAINS_HEADING), HEADING)]
        if incomplete:
            story += [Paragraph(markup(UNREACHED), BODY), _bullets(remaining_lines(copies)),
                      Paragraph(markup(LATER), BODY)]
        else:
            story.append(Paragraph(markup(NO_COPY_LEFT), BODY))
    story += [
        Paragraph(markup(TRACE), BODY),
        Paragraph(markup(COVERAGE), BODY),
        Paragraph(markup(HANDED), style("note", 9, italic=True, colour=SECONDARY, spaceAfter=6)),
        Spacer(0, 8), KeepTogether(cmc_signature(profile or CmcProfile())),
    ]
    return build_pdf(story, title=TITLE_TEXT, subject="Destruction d'un document de synthèse", footer=FOOTER,
                     profile=profile)


def render_copies_attestation(synthesis_pseudo_id: str, destroyed_at: datetime, copies: CopiesReport,
                              initiative: str = "à la demande de l'agent", profile: CmcProfile | None = None) -> bytes:
    """The complement promised by an attestation that named remaining copies: they are now cleaned."""
    facts = [("Document", f"Document de synthèse, référence {synthesis_pseudo_id}"),
             ("Destruction effectuée", f"le {moment(destroyed_at)}"),
             ("Copies restantes effacées", f"le {moment(copies.checked_at)}")]
    story: list[Flowable] = [
        Paragraph(markup(f"Document de synthèse — destruction {initiative}"),
                  style("kicker", 9.5, bold=True, colour=BLUE)),
        Spacer(0, 2),
        Paragraph(markup(COMPLEMENT_TITLE), style("title", 20, bold=True, colour=TITLE, leading=24)),
        Paragraph(markup(f"Établie le {moment(copies.checked_at)}"), style("when", 9, colour=SECONDARY)),
        Spacer(0, 14), _facts(facts), Spacer(0, 14),
        Paragraph(markup("L'attestation de destruction de ce document nommait des copies que l'application n'avait "
                         "pas pu atteindre. Le conseiller mobilité-carrière atteste qu'elles ont depuis été "
                         "effacées\u00a0:"), BODY),
        _bullets(erased_lines(copies)), Spacer(0, 6),
        Paragraph(markup("Aucune des copies que l'application connaît ne contient plus ce document."), BODY),
        Paragraph(markup(COVERAGE), BODY),
        Spacer(0, 18), KeepTogether(cmc_signature(profile or CmcProfile())),
    ]
    return build_pdf(story, title=COMPLEMENT_TITLE, subject="Destruction d'un document de synthèse", footer=FOOTER,
                     profile=profile)


def _facts(facts: Sequence[tuple[str, str]]) -> Table:
    table = Table([[Paragraph(markup(label), LABEL), Paragraph(markup(value), VALUE)] for label, value in facts],
                  colWidths=[130, WIDTH - 130], hAlign="LEFT")
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), ALT), ("LINEBEFORE", (0, 0), (0, -1), 3, BLUE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                               ("LINEBELOW", (0, 0), (-1, -2), 0.5, WHITE)]))
    return table


def _bullets(lines: Sequence[str]) -> ListFlowable:
    return ListFlowable([ListItem(Paragraph(markup(line), ITEM), leftIndent=14, value="•") for line in lines],
                        bulletType="bullet", start="•", leftIndent=14, bulletFontName=ITEM.fontName, spaceAfter=6)


def cmc_signature(profile: CmcProfile) -> list[Flowable]:
    """The CMC's identity from her profile (blank lines to write on while it is not filled in)."""
    identity = [f"Nom\u00a0: {profile.display_name}", *(profile.identity_lines()[1:3] if profile.display_name else []),
                "Date\u00a0:"]
    lines = Table([[Paragraph(markup(text), style("sig", 9.5))] for text in identity],
                  colWidths=[WIDTH / 2], hAlign="RIGHT")
    lines.setStyle(table_style([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE), ("TOPPADDING", (0, 0), (-1, -1), 10),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    box = Table([[Paragraph(markup("Signature\u00a0:"), style("sigbox", 8.5, colour=SECONDARY))]],
                colWidths=[WIDTH / 2], rowHeights=[50], hAlign="RIGHT")
    box.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.5, BORDER), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Paragraph(markup("Le conseiller mobilité-carrière"),
                      style("signer", 10, bold=True, colour=TITLE, alignment=0, leftIndent=WIDTH / 2)),
            lines, Spacer(0, 8), box]
