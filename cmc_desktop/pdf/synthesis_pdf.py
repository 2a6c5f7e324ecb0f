"""The document de synthèse as a printable PDF, faithful to Annexe 2.

Empty fields stay blank, ruled to write in by hand, while the document is in progress; once the agent has
finalised it nothing more is to be written: they read « non renseigné ».
"""

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Table

from ..domain.profile import CmcProfile
from ..domain.synthesis import NOT_FILLED, PlanAction, Synthesis
from ..domain.synthesis_schema import DEFAULT_ACTION_COUNT, FieldSpec, step_label
from . import annexe
from .fonts import SANS
from .long_text import LongText, TextBox
from .pages import build_pdf
from .styles import BORDER, RULE, SECONDARY, markup, style, table_style

TEXT_BOX = style("box", 9.5, leading=13, borderWidth=0.6, borderColor=BORDER, borderPadding=6, leftIndent=6,
                 rightIndent=6, spaceBefore=8, spaceAfter=8)
STEP = style("step", 9.5, leading=13, leftIndent=92, bulletIndent=0, bulletFontName=SANS, bulletFontSize=8.5,
             spaceAfter=3)
BLANK_LINES = 4
BLANK_STEPS = 4
LINE_GAP = 18.0


class WritingLines(Flowable):
    """An empty frame ruled with dotted lines, to be completed by hand on the printed document."""

    def __init__(self, width: float, lines: int, *, boxed: bool = True, labels: Sequence[str] = ()) -> None:
        super().__init__()
        self.width, self.height, self.lines, self.boxed = width, (lines + 0.5) * LINE_GAP, lines, boxed
        self.labels = labels
        self.spaceBefore, self.spaceAfter = (6, 10) if boxed else (0, 4)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if self.boxed:
            canvas.setStrokeColor(BORDER)
            canvas.setLineWidth(0.6)
            canvas.rect(0, 0, self.width, self.height)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.setDash(1, 2)
        canvas.setFont(SANS, 8.5)
        canvas.setFillColor(SECONDARY)
        inset = 8 if self.boxed else 0
        for line in range(1, self.lines + 1):
            y = self.height - line * LINE_GAP
            label = self.labels[line - 1] if line <= len(self.labels) else ""
            if label:
                canvas.drawString(inset, y + 3, label)
            canvas.line(inset + (STEP.leftIndent if label else 0), y, self.width - inset, y)


class _PrintedSlots:
    def __init__(self, finalised: bool) -> None:
        self.finalised = finalised

    def line(self, spec: FieldSpec, text: str, width: float) -> Flowable:
        shown = markup(text) if text.strip() or not self.finalised else f"<i>{NOT_FILLED}</i>"
        cell = Table([[Paragraph(shown, annexe.CELL)]], colWidths=[width])
        cell.setStyle(table_style([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        return cell

    def block(self, spec: FieldSpec, text: str) -> Flowable:
        if not text.strip():
            return self.absent() if self.finalised else WritingLines(annexe.WIDTH, BLANK_LINES)
        # Not a table cell: a very long text flows over as many pages as it needs.
        return TextBox.of(text, TEXT_BOX)

    def action_rows(self, actions: Sequence[PlanAction]) -> int:
        return len(actions) if self.finalised else len(actions) or DEFAULT_ACTION_COUNT

    def calendar(self, index: int, action: PlanAction | None) -> list[Flowable]:
        texts = (action.title, action.duree, action.date_realisation) if action else ("", "", "")
        return [Paragraph(markup(text), annexe.CELL) for text in texts]

    def steps(self, index: int, action: PlanAction | None) -> list[Flowable]:
        steps = [s for s in action.steps if s.strip()] if action else []
        number = index + 1
        if not steps and self.finalised:
            return [self.absent()]
        if not steps:  # the model's four steps, to write in by hand
            labels = tuple(f"{step_label(n, number)}\u00a0:" for n in range(1, BLANK_STEPS + 1))
            return [WritingLines(annexe.WIDTH, BLANK_STEPS, boxed=False, labels=labels)]
        return [LongText(markup(text), STEP, bulletText=f"{step_label(n, number)}\u00a0:")
                for n, text in enumerate(steps, 1)]

    def absent(self) -> Flowable:
        return Paragraph(NOT_FILLED, annexe.ABSENT)


def render_synthesis(synthesis: Synthesis, *, title: str = "Document de synthèse",
                     profile: CmcProfile | None = None) -> bytes:
    """The whole document on A4 pages, each with the footer "… — page x/y", under the CMC's letterhead; `title` is
    the file's metadata."""
    return build_pdf(annexe.story(synthesis, _PrintedSlots(synthesis.locked)), title=title,
                     subject=synthesis.kind.label, footer=annexe.FOOTER, profile=profile)
