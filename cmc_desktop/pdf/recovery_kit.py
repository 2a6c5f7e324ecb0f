"""The recovery kit: one page to print, with the recovery code, the store it opens, its date and how to use it.

It carries the code itself — that is its purpose — and never the phrase secrète.
"""

from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer, Table

from ..domain.dates import format_fr
from .fonts import DEJAVU_BOLD
from .pages import build_pdf, frame_width
from .styles import ALT, BLUE, BORDER, SECONDARY, TITLE, markup, style, table_style

TITLE_TEXT = "Kit de récupération"
FOOTER = "Kit de récupération cmc-desktop — à conserver en lieu sûr, à part de l'ordinateur"
WIDTH = frame_width()
BODY = style("kit-body", 10, leading=14, spaceAfter=5)
HEADING = style("kit-heading", 11.5, bold=True, colour=TITLE, spaceBefore=8, spaceAfter=4)
LABEL = style("kit-label", 9, colour=SECONDARY)
VALUE = style("kit-value", 10, bold=True, colour=TITLE)
CODE = ParagraphStyle("kit-code", parent=style("kit-code-base", 14, colour=TITLE, leading=20, alignment=1),
                      fontName=DEJAVU_BOLD)  # DejaVu's digits and capitals read apart at a glance

USE_STEPS = [
    "Lancez cmc-desktop. Dans la fenêtre « Ouvrir votre dossier », choisissez « Phrase secrète oubliée ? ».",
    "Saisissez le code ci-dessus. Les tirets et les majuscules sont facultatifs ; la lettre O se lit 0, les "
    "lettres I et L se lisent 1.",
    "Choisissez une nouvelle phrase secrète et saisissez-la deux fois : le dossier s'ouvre, et la phrase oubliée "
    "ne sert plus. En ligne de commande : cmc-desktop recover.",
]
KEEP_RULES = [
    "Ce code ouvre vos données aussi sûrement que votre phrase secrète : rangez cette feuille sous clé, à part de "
    "l'ordinateur et de ses sauvegardes. Ne la photographiez pas et ne l'envoyez pas par messagerie.",
    "Il n'ouvre que le dossier identifié ci-dessus.",
    "Créer un nouveau code (Paramètres › Sécurité) rend celui-ci inutilisable ; un changement de clé de la base "
    "aussi. Détruisez alors cette feuille.",
    "Cette feuille ne contient pas votre phrase secrète.",
]


def render_recovery_kit(code: str, store_id: str, created: date) -> bytes:
    facts = Table([[Paragraph(markup(label), LABEL), Paragraph(markup(value), VALUE)] for label, value in
                   (("Dossier chiffré", f"identifiant {store_id}"), ("Code créé le", format_fr(created)))],
                  colWidths=[120, WIDTH - 120], hAlign="LEFT")
    facts.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), ALT), ("LINEBEFORE", (0, 0), (0, -1), 3, BLUE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 10)]))
    # One cell per group: the code never wraps inside a group, whatever its letters' widths.
    groups = code.split("-")
    box = Table([[Paragraph(markup("Code de récupération"), style("kit-code-label", 9, colour=SECONDARY,
                                                                  alignment=1))] + [""] * (len(groups) - 1),
                 [Paragraph(group, CODE) for group in groups]],
                colWidths=[WIDTH / len(groups)] * len(groups), hAlign="CENTER")
    box.setStyle(table_style([("SPAN", (0, 0), (-1, 0)), ("BOX", (0, 0), (-1, -1), 1.5, BLUE),
                             ("LINEBEFORE", (1, 1), (-1, 1), 0.5, BORDER), ("LEFTPADDING", (0, 1), (-1, 1), 2),
                             ("RIGHTPADDING", (0, 1), (-1, 1), 2), ("TOPPADDING", (0, 0), (-1, -1), 8),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
    story: list[Flowable] = [
        Paragraph(markup("cmc-desktop — dossier chiffré du conseiller mobilité-carrière"),
                  style("kit-kicker", 9.5, bold=True, colour=BLUE)),
        Spacer(0, 2),
        Paragraph(markup(TITLE_TEXT), style("kit-title", 20, bold=True, colour=TITLE, leading=24)),
        Paragraph(markup("Si vous oubliez votre phrase secrète et que le trousseau du système n'ouvre pas le "
                         "dossier, ce code est le seul moyen de retrouver vos données."), BODY),
        Spacer(0, 8), facts, Spacer(0, 14), box, Spacer(0, 8),
        Paragraph(markup("Pour vous en servir"), HEADING), _numbered(USE_STEPS),
        Paragraph(markup("À garder en lieu sûr"), HEADING), _bulleted(KEEP_RULES),
    ]
    return build_pdf(story, title=TITLE_TEXT, subject="Code de récupération du dossier chiffré", footer=FOOTER)


def _numbered(lines: list[str]) -> ListFlowable:
    return ListFlowable([ListItem(Paragraph(markup(line), BODY), leftIndent=16) for line in lines],
                        bulletType="1", bulletFontName=BODY.fontName, bulletFontSize=10, leftIndent=16)


def _bulleted(lines: list[str]) -> ListFlowable:
    return ListFlowable([ListItem(Paragraph(markup(line), BODY), leftIndent=14, value="•") for line in lines],
                        bulletType="bullet", start="•", leftIndent=14, bulletFontName=BODY.fontName)

