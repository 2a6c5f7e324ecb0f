"""The layout of Annexe 2 (guide 001): title block, header grid, numbered sections, action plan, co-signature.

The printed document and the fillable form share this walk; only the value slots differ — static text
and blank boxes to write in by hand (synthesis_pdf.py), or AcroForm fields (fillable.py).
"""

from collections.abc import Iterator, Sequence
from typing import Protocol

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..domain.dates import format_fr
from ..domain.synthesis import NOT_FILLED, WITHHELD, PlanAction, Synthesis
from ..domain.synthesis_schema import (
    ACTION_PLAN_KEY,
    ACTION_PLAN_SECTION,
    CALENDAR_ROWS,
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
)
from .pages import frame_width
from .styles import ALT, BAND, BLUE, BLUE_HEX, BORDER, RULE, SECONDARY, TEXT, TITLE, WHITE, markup, style, table_style

FOOTER = "Document de synthèse — propriété de l'agent — confidentiel"
CONFIDENTIALITY = ("Ce document est la propriété de l'agent. Il n'est communiqué à un tiers (hiérarchie, service des "
                   "ressources humaines, autre conseiller…) qu'avec son accord ; l'agent peut en demander la "
                   "destruction.")
WIDTH = frame_width()

# The model's calendar has a column per action (« Action 1 »…) and the rows « Durée », « Date de réalisation »:
# the same labels, one row per action, so that a plan of twenty actions still fits the page's width.
CALENDAR_HEADER = ("", "Intitulé de l'action", *CALENDAR_ROWS)
CALENDAR_WIDTHS = (56.0, WIDTH - 56 - 2 * 104, 104.0, 104.0)
MAX_LABEL_WIDTH, GRID_GAP = 150.0, 16.0

SECTION = style("section", 11.5, bold=True, colour=BLUE)
GROUP = style("group", 10.5, bold=True, colour=TITLE, spaceBefore=8, spaceAfter=2)
FIELD = style("field", 9.5, bold=True, colour=TITLE, spaceBefore=8, spaceAfter=1)
HINT = style("hint", 8, italic=True, colour=SECONDARY, spaceAfter=1)
NOTE = style("note", 7.5, colour=SECONDARY, spaceAfter=1)
LABEL = style("label", 8.5, colour=SECONDARY)
CELL = style("cell", 9)
HEAD_CELL = style("head", 8.5, bold=True, colour=WHITE)
HEAD_LABEL = style("row_head", 8.5, bold=True, colour=TITLE)
ACTION = style("action", 9.5, bold=True, colour=TITLE, spaceBefore=6, spaceAfter=2)
ABSENT = style("absent", 9, italic=True, colour=SECONDARY, spaceBefore=2, spaceAfter=4)
CRITERIA = style("criteria", 9, colour=TEXT, leftIndent=52, spaceBefore=2, spaceAfter=3)


class Slots(Protocol):
    """Where the values go: what is drawn in place of each field of the document."""

    def line(self, spec: FieldSpec, text: str, width: float) -> Flowable: ...

    def block(self, spec: FieldSpec, text: str) -> Flowable: ...

    def action_rows(self, actions: Sequence[PlanAction]) -> int: ...

    def calendar(self, index: int, action: PlanAction | None) -> list[Flowable]: ...

    def steps(self, index: int, action: PlanAction | None) -> list[Flowable]: ...


def story(synthesis: Synthesis, slots: Slots, *, notice: str = "") -> list[Flowable]:
    """The whole document; `notice` (how to fill it in, for instance) is printed under the title."""
    title = document_title(synthesis.kind, collective=synthesis.collective)
    flowables = _title_block(synthesis, title, notice)
    for section in sections_for(synthesis.kind):
        flowables += _section(synthesis, section, slots)
    flowables += _cosignature(synthesis)
    return flowables


def _title_block(synthesis: Synthesis, title: str, notice: str) -> list[Flowable]:
    status = (f"Finalisé par l'agent le {format_fr(synthesis.finalised_on)}" if synthesis.finalised_on
              else synthesis.status.label)
    top = Table([[Paragraph(markup("Document de synthèse"), style("kicker", 9.5, bold=True, colour=BLUE)),
                  Paragraph(markup(f"Réf. {synthesis.pseudo_id}"), style("ref", 8.5, colour=SECONDARY, alignment=2))]],
                colWidths=[WIDTH * 0.7, WIDTH * 0.3])
    top.setStyle(_tight())
    return [top, Spacer(0, 2),
            Paragraph(markup(title), style("title", 20, bold=True, colour=TITLE, leading=24)),
            Paragraph(markup(status), style("status", 9, colour=SECONDARY, spaceBefore=2)),
            Spacer(0, 6),
            Paragraph(markup(f"{notice}\n{CONFIDENTIALITY}" if notice else CONFIDENTIALITY),
                      style("privacy", 8, italic=True, colour=SECONDARY, backColor=ALT, borderPadding=5)),
            Spacer(0, 12)]


def _section(synthesis: Synthesis, section: SectionSpec, slots: Slots) -> list[Flowable]:
    flowables: list[Flowable] = []
    if section.number:
        flowables += [CondPageBreak(160), _band(section.heading)]
    grid = [spec for spec in section.fields if spec.kind is not FieldKind.TEXT]
    if grid:
        flowables += [_grid(synthesis, grid, slots), Spacer(0, 4)]
    if section.number == ACTION_PLAN_SECTION:
        flowables += _plan(synthesis, slots)
    group = ""
    for spec in (s for s in section.fields if s.kind is FieldKind.TEXT):
        if spec.group != group and spec.group in GROUP_TITLES:
            flowables += [CondPageBreak(90), Paragraph(markup(f"{spec.group} {GROUP_TITLES[spec.group]}"), GROUP)]
        group = spec.group
        # A heading never ends a page alone; a text longer than a page still flows on (KeepTogether splits it).
        value = (Paragraph(markup(WITHHELD), ABSENT) if spec.key in synthesis.withheld
                 else slots.block(spec, synthesis.text(spec.key)))
        flowables += [KeepTogether([*_field_heading(spec), value]), Spacer(0, 8)]
    return flowables + [Spacer(0, 10)]


def _band(text: str) -> Table:
    band = Table([[Paragraph(markup(text), SECTION)]], colWidths=[WIDTH])
    band.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), BAND), ("LINEBEFORE", (0, 0), (0, -1), 3, BLUE),
                              ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                              ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    band.spaceAfter = 6
    return band


def _field_heading(spec: FieldSpec) -> Iterator[Flowable]:
    shown = markup(spec.label)
    yield Paragraph(f'<font color="{BLUE_HEX}">{spec.number}</font> {shown}' if spec.number else shown, FIELD)
    if spec.hint:
        yield Paragraph(markup(spec.hint), HINT)
    if spec.note:
        yield Paragraph(markup(f"Note : {spec.note}"), NOTE)


def _grid(synthesis: Synthesis, specs: list[FieldSpec], slots: Slots) -> Table:
    """Short values two by two (label, value), label columns as wide as their labels; dates lists take a row."""
    pairs: list[list[FieldSpec]] = []
    for spec in specs:
        if spec.kind is FieldKind.DATES or not pairs or len(pairs[-1]) == 2 or pairs[-1][0].kind is FieldKind.DATES:
            pairs.append([spec])
        else:
            pairs[-1].append(spec)
    left = max(_label_width(pair[0]) for pair in pairs)
    right = max((_label_width(pair[1]) for pair in pairs if len(pair) == 2), default=left)
    value = (WIDTH - left - right - GRID_GAP) / 2
    rows: list[list[Flowable | str]] = []
    commands: list[tuple] = []
    for pair in pairs:
        first = pair[0]
        if first.kind is FieldKind.DATES:
            commands.append(("SPAN", (1, len(rows)), (3, len(rows))))
            rows.append([_label(first), slots.line(first, synthesis.text(first.key), WIDTH - left), "", ""])
            continue
        row: list[Flowable | str] = [_label(first), slots.line(first, synthesis.text(first.key), value)]
        if len(pair) == 2:
            row += [_label(pair[1]), slots.line(pair[1], synthesis.text(pair[1].key), value)]
        rows.append(row + ["", ""] * (2 - len(pair)))
    table = Table(rows, colWidths=[left, value + GRID_GAP, right, value], hAlign="LEFT")
    table.setStyle(_tight([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                           *commands]))
    return table


def _label_text(spec: FieldSpec) -> str:
    return f"{spec.label}\u00a0:"


def _label_width(spec: FieldSpec) -> float:
    return min(stringWidth(_label_text(spec), LABEL.fontName, LABEL.fontSize) + 8, MAX_LABEL_WIDTH)


def _label(spec: FieldSpec) -> Paragraph:
    return Paragraph(markup(_label_text(spec)), LABEL)


def _plan(synthesis: Synthesis, slots: Slots) -> list[Flowable]:
    titles = PLAN_HEADINGS[synthesis.kind]
    count = slots.action_rows(synthesis.actions)
    actions: list[PlanAction | None] = [*synthesis.actions, *[None] * (count - len(synthesis.actions))]
    headings = [Paragraph(markup(titles.plan), GROUP)] if titles.plan else []
    headings += [Paragraph(markup(titles.calendar), FIELD), Spacer(0, 3)]
    if ACTION_PLAN_KEY in synthesis.withheld or not actions:  # not for this recipient, or left empty
        absent = markup(WITHHELD if ACTION_PLAN_KEY in synthesis.withheld else NOT_FILLED)
        return [*headings, Paragraph(absent, ABSENT), Paragraph(markup(titles.steps), FIELD),
                Paragraph(absent, ABSENT), Spacer(0, 4)]
    header = [Paragraph(markup(text), HEAD_CELL) for text in CALENDAR_HEADER]
    rows = [header] + [[Paragraph(markup(action_label(i + 1)), HEAD_LABEL), *slots.calendar(i, a)]
                       for i, a in enumerate(actions)]
    table = Table(rows, colWidths=CALENDAR_WIDTHS, repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style([
        ("BACKGROUND", (0, 0), (-1, 0), BLUE), ("GRID", (0, 0), (-1, -1), 0.5, BORDER),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4), ("ROWBACKGROUNDS", (0, 1), (-1, -1), [WHITE, ALT]),
    ]))
    # Kept with its headings; a table taller than a page splits, its header row repeated on each page.
    flowables: list[Flowable] = [KeepTogether([*headings, table]), CondPageBreak(80),
                                 Paragraph(markup(titles.steps), FIELD)]
    for index, action in enumerate(actions):
        name = action_label(index + 1) + (f" — {action.title}" if action and action.title else "")
        flowables += [CondPageBreak(110), Paragraph(markup(name), ACTION), *slots.steps(index, action)]
        if action is not None and action.criteria.strip():
            flowables.append(Paragraph(markup(f"{CRITERIA_LABEL}\u00a0: {action.criteria}"), CRITERIA))
    return flowables + [Spacer(0, 4)]


def _cosignature(synthesis: Synthesis) -> list[Flowable]:
    def person(role: str, name: str, day: str) -> list[Flowable]:
        return [Paragraph(markup(role), style("signer", 9.5, bold=True, colour=TITLE)),
                _ruled(f"Nom\u00a0: {name}"), _ruled(f"Date\u00a0: {day}"),
                Paragraph(markup("Signature\u00a0:"), style("sign", 8.5, colour=SECONDARY, spaceBefore=6)),
                Spacer(0, 46)]

    half = (WIDTH - 14) / 2
    table = Table([[person("L'agent", synthesis.agent_signatory, format_fr(synthesis.agent_signed_on)),
                    person("Le conseiller mobilité-carrière", synthesis.cmc_signatory,
                           format_fr(synthesis.cmc_signed_on))]],
                  colWidths=[half + 14, half], hAlign="LEFT")
    table.setStyle(_tight([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (0, 0), 0.5, BORDER),
                           ("BOX", (1, 0), (1, 0), 0.5, BORDER), ("LEFTPADDING", (0, 0), (-1, -1), 8),
                           ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    return [KeepTogether([Paragraph(markup(f"{COSIGNATURE}\u00a0:"), FIELD), Spacer(0, 4), table])]


def _ruled(text: str) -> Table:
    cell = Table([[Paragraph(markup(text), CELL)]], colWidths=[(WIDTH - 14) / 2 - 24])
    cell.setStyle(_tight([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE), ("TOPPADDING", (0, 0), (-1, -1), 7)]))
    return cell


def _tight(extra: Sequence[tuple] = ()) -> TableStyle:
    return table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                       ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2), *extra])
