"""The document de synthèse (Annexe 2) as a plain Document, in the order and with the labels of the printed PDF.

Labels, numbers and hints come from domain/synthesis_schema.py; the texts the printed copy adds around them (the
confidentiality notice, the footer, the calendar's columns) from pdf/annexe.py: the two copies never diverge.
"""

from ..domain.dates import format_fr
from ..domain.synthesis import NOT_FILLED, WITHHELD, Synthesis
from ..domain.synthesis_schema import (
    ACTION_PLAN_KEY,
    ACTION_PLAN_SECTION,
    COSIGNATURE,
    CRITERIA_LABEL,
    GROUP_TITLES,
    PLAN_HEADINGS,
    FieldKind,
    FieldSpec,
    SectionSpec,
    action_label,
    document_title,
    sections_for,
    step_label,
)
from .model import Block, Bullets, Document, Fields, Heading, Paragraph, Table, value_or_blank


def synthesis_document(synthesis: Synthesis) -> Document:
    """Everything the PDF shows, as headings, label/value lists, the action plan's table, and paragraphs."""
    from ..pdf.annexe import CALENDAR_HEADER, CONFIDENTIALITY, FOOTER  # the printed copy's own wording

    title = document_title(synthesis.kind, collective=synthesis.collective)
    status = (f"Finalisé par l'agent le {format_fr(synthesis.finalised_on)}" if synthesis.finalised_on
              else synthesis.status.label)
    blocks: list[Block] = [
        Paragraph("Document de synthèse", note=True),
        Heading(title, 1),
        Fields(((synthesis.kind.label, f"Réf. {synthesis.pseudo_id}"), ("Statut", status))),
        Paragraph(CONFIDENTIALITY, note=True),
    ]
    for section in sections_for(synthesis.kind):
        blocks += _section(synthesis, section, CALENDAR_HEADER)
    blocks += _cosignature(synthesis)
    return Document(title=title, blocks=tuple(blocks), subject=synthesis.kind.label, footer=FOOTER)


def _section(synthesis: Synthesis, section: SectionSpec, calendar_header: tuple[str, ...]) -> list[Block]:
    blocks: list[Block] = []
    if section.number:
        blocks.append(Heading(section.heading, 2))
    short = [spec for spec in section.fields if spec.kind is not FieldKind.TEXT]
    if short:
        blocks.append(Fields(tuple((spec.label, value_or_blank(synthesis.text(spec.key))) for spec in short),
                             caption="" if section.number else section.title))
    if section.number == ACTION_PLAN_SECTION:
        blocks += _plan(synthesis, calendar_header)
    group = ""
    for spec in (s for s in section.fields if s.kind is FieldKind.TEXT):
        if spec.group != group and spec.group in GROUP_TITLES:
            blocks.append(Heading(f"{spec.group} {GROUP_TITLES[spec.group]}", 3))
        group = spec.group
        level = 4 if spec.group in GROUP_TITLES else 3
        blocks += _field(spec, synthesis, level)
    return blocks


def _field(spec: FieldSpec, synthesis: Synthesis, level: int) -> list[Block]:
    blocks: list[Block] = [Heading(spec.heading, level)]
    if spec.hint:
        blocks.append(Paragraph(spec.hint, note=True))
    if spec.note:
        blocks.append(Paragraph(f"Note : {spec.note}", note=True))
    blocks.append(Paragraph(WITHHELD if spec.key in synthesis.withheld else value_or_blank(synthesis.text(spec.key))))
    return blocks


def _plan(synthesis: Synthesis, calendar_header: tuple[str, ...]) -> list[Block]:
    titles = PLAN_HEADINGS[synthesis.kind]
    level = 3
    blocks: list[Block] = []
    if titles.plan:
        blocks.append(Heading(titles.plan, level))
        level = 4
    blocks.append(Heading(titles.calendar, level))
    if ACTION_PLAN_KEY in synthesis.withheld or not synthesis.actions:
        absent = WITHHELD if ACTION_PLAN_KEY in synthesis.withheld else NOT_FILLED
        return [*blocks, Paragraph(absent), Heading(titles.steps, level), Paragraph(absent)]
    rows = tuple((action_label(n), value_or_blank(a.title), value_or_blank(a.duree), value_or_blank(a.date_realisation))
                 for n, a in enumerate(synthesis.actions, 1))
    blocks += [Table(titles.calendar, ("Action", *calendar_header[1:]), rows), Heading(titles.steps, level)]
    for n, action in enumerate(synthesis.actions, 1):
        blocks.append(Heading(action_label(n) + (f" — {action.title}" if action.title.strip() else ""), level + 1))
        steps = [step for step in action.steps if step.strip()]
        blocks.append(Bullets(tuple(f"{step_label(i, n)} : {step}" for i, step in enumerate(steps, 1))) if steps
                      else Paragraph(NOT_FILLED))
        if action.criteria.strip():
            blocks.append(Paragraph(f"{CRITERIA_LABEL} : {action.criteria}"))
    return blocks


def _cosignature(synthesis: Synthesis) -> list[Block]:
    return [
        Heading(COSIGNATURE, 2),
        Fields((("Nom de l'agent", value_or_blank(synthesis.agent_signatory)),
                ("Date de signature de l'agent", value_or_blank(format_fr(synthesis.agent_signed_on))),
                ("Nom du conseiller mobilité-carrière", value_or_blank(synthesis.cmc_signatory)),
                ("Date de signature du conseiller", value_or_blank(format_fr(synthesis.cmc_signed_on))))),
    ]
