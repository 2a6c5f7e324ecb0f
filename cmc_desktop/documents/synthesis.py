"""The document de synthèse (Annexe 2) as a plain Document, in the order and with the labels of the printed PDF.

Labels, numbers and hints come from domain/synthesis_schema.py; the texts the printed copy adds around them (the
confidentiality notice, the footer, the calendar's columns) from pdf/annexe.py: the two copies never diverge.
"""

from ..domain.dates import format_fr
from ..domain.synthesis import Synthesis
from ..domain.synthesis_schema import (
    ACTION_PLAN_SECTION,
    GROUP_TITLES,
    PLAN_HEADINGS,
    FieldKind,
    FieldSpec,
    SectionSpec,
    sections_for,
)
from .model import Block, Bullets, Document, Fields, Heading, Paragraph, Table, value_or_blank

TITLE = "Document de synthèse"


def synthesis_document(synthesis: Synthesis, *, title: str = TITLE) -> Document:
    """Everything the PDF shows, as headings, label/value lists, the action plan's table, and paragraphs."""
    from ..pdf.annexe import CONFIDENTIALITY, FOOTER  # the printed copy's own wording (reportlab loads on use)

    status = (f"Finalisé par l'agent le {format_fr(synthesis.finalised_on)}" if synthesis.finalised_on
              else synthesis.status.label)
    blocks: list[Block] = [
        Heading(title, 1),
        Fields(((synthesis.kind.label, f"Réf. {synthesis.pseudo_id}"), ("Statut", status))),
        Paragraph(CONFIDENTIALITY, note=True),
    ]
    for section in sections_for(synthesis.kind):
        blocks += _section(synthesis, section)
    blocks += _cosignature(synthesis)
    return Document(title=title, blocks=tuple(blocks), subject=synthesis.kind.label, footer=FOOTER)


def _section(synthesis: Synthesis, section: SectionSpec) -> list[Block]:
    blocks: list[Block] = []
    if section.number:
        blocks.append(Heading(f"{section.number}. {section.title}", 2))
    short = [spec for spec in section.fields if spec.kind is not FieldKind.TEXT]
    if short:
        blocks.append(Fields(tuple((spec.label, value_or_blank(synthesis.text(spec.key))) for spec in short),
                             caption="" if section.number else section.title))
    if section.number == ACTION_PLAN_SECTION:
        blocks += _plan(synthesis)
    group = ""
    for spec in (s for s in section.fields if s.kind is FieldKind.TEXT):
        prefix = ".".join(spec.number.split(".")[:2])
        if prefix != group and prefix in GROUP_TITLES:
            blocks.append(Heading(f"{prefix} {GROUP_TITLES[prefix]}", 3))
        level = 4 if prefix in GROUP_TITLES else 3
        group = prefix
        blocks += _field(section, spec, synthesis.text(spec.key), level)
    return blocks


def _field(section: SectionSpec, spec: FieldSpec, text: str, level: int) -> list[Block]:
    # E2 numbers its fields like its sections; a number is shown only when it is a sub-number (as in the PDF).
    number = spec.number if spec.number.startswith(f"{section.number}.") else ""
    blocks: list[Block] = [Heading(f"{number} {spec.label}" if number else spec.label, level)]
    if spec.hint:
        blocks.append(Paragraph(spec.hint, note=True))
    blocks.append(Paragraph(value_or_blank(text)))
    return blocks


def _plan(synthesis: Synthesis) -> list[Block]:
    from ..pdf.annexe import CALENDAR_HEADER

    plan_title, calendar_title, steps_title = PLAN_HEADINGS[synthesis.kind]
    level = 3
    blocks: list[Block] = []
    if plan_title:
        blocks.append(Heading(plan_title, level))
        level = 4
    rows = tuple((str(n), value_or_blank(a.title), value_or_blank(a.duree), value_or_blank(a.date_realisation))
                 for n, a in enumerate(synthesis.actions, 1))
    blocks.append(Heading(calendar_title, level))
    if rows:
        blocks.append(Table(calendar_title, tuple(CALENDAR_HEADER), rows))
    else:
        blocks.append(Paragraph("Aucune action inscrite au calendrier."))
    blocks.append(Heading(steps_title, level))
    for n, action in enumerate(synthesis.actions, 1):
        blocks.append(Heading(f"Action {n}" + (f" — {action.title}" if action.title.strip() else ""), level + 1))
        steps = [step for step in action.steps if step.strip()]
        blocks.append(Bullets(tuple(f"Étape {i} : {step}" for i, step in enumerate(steps, 1))) if steps
                      else Paragraph("Aucune étape inscrite."))
    if not synthesis.actions:
        blocks.append(Paragraph("Aucune étape inscrite."))
    return blocks


def _cosignature(synthesis: Synthesis) -> list[Block]:
    return [
        Heading("Co-signature", 2),
        Fields((("Nom de l'agent", value_or_blank(synthesis.agent_signatory)),
                ("Date de signature de l'agent", value_or_blank(format_fr(synthesis.agent_signed_on))),
                ("Nom du conseiller mobilité-carrière", value_or_blank(synthesis.cmc_signatory)),
                ("Date de signature du conseiller", value_or_blank(format_fr(synthesis.cmc_signed_on))))),
    ]
