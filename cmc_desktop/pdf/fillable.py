"""The fillable document de synthèse (AcroForm) that the agent completes at a distance, and reading it back.

Fields are named after the stable keys of synthesis_schema ("f_2_1_0" for 2.1.0) and of the action plan
("a_3_duree"); two hidden read-only fields carry the document's pseudonymous id and the token computed by
the caller, who checks it on import (fillable_import.py reads a completed form back). reportlab draws the
fields (empty: its appearance encoder knows only Latin-1) and pypdf writes the values, which it stores as
Unicode text strings.
"""

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from reportlab.platypus import Flowable

from ..domain.errors import DomainError
from ..domain.profile import CmcProfile
from ..domain.synthesis import MAX_ACTIONS, PlanAction, Synthesis
from ..domain.synthesis_schema import DEFAULT_ACTION_COUNT, FieldKind, FieldSpec, field_specs
from ..domain.text import LONG_TEXT_MAX, SHORT_TEXT_MAX
from . import annexe
from .form_reader import FORM_MARK, PSEUDO_ID_FIELD, TOKEN_FIELD
from .pages import build_pdf
from .styles import BAND, BORDER, TITLE

MAX_FILLABLE_BYTES = 20 * 1024 * 1024
ACTION_PARTS = ("title", "duree", "date", "steps")
NOTICE = (f"{FORM_MARK} (Adobe Acrobat Reader, navigateur…), enregistrez le fichier sans en changer la structure et "
          "renvoyez-le à votre conseiller. Plan d'action : une étape par ligne.")
FIELD_FONT, FIELD_SIZE, FIELD_LEADING = "Helvetica", 9, 11.0  # AcroForm fields take only the standard fonts


class FillableError(DomainError):
    """The file cannot be imported as a completed document de synthèse (message in French, content-free)."""


@dataclass(frozen=True)
class FillableContent:
    pseudo_id: str
    token: str
    values: dict[str, str]
    actions: list[PlanAction]


def field_name(key: str) -> str:
    return "f_" + key.replace(".", "_")


def action_field(index: int, part: str) -> str:
    """`index` counts from 1, as "Action 1" on the page."""
    return f"a_{index}_{part}"


class FormField(Flowable):
    """An AcroForm text field laid out like any flowable."""

    def __init__(self, name: str, width: float, lines: int, *, tooltip: str, multiline: bool = True,
                 maxlen: int = LONG_TEXT_MAX) -> None:
        super().__init__()
        self.name, self.tooltip, self.multiline, self.maxlen = name, tooltip, multiline, maxlen
        self.width, self.height = width, lines * FIELD_LEADING + 5

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.acroForm.textfield(
            name=self.name, tooltip=self.tooltip, value="", x=0, y=0, relative=True, width=self.width,
            height=self.height, fieldFlags="multiline" if self.multiline else "", maxlen=self.maxlen,
            fontName=FIELD_FONT, fontSize=FIELD_SIZE, borderWidth=0.6, borderColor=BORDER, fillColor=BAND,
            textColor=TITLE)


class _Markers(Flowable):
    """The hidden, read-only fields that identify the document on import."""

    def __init__(self, pseudo_id: str, token: str) -> None:
        super().__init__()
        self.values = {PSEUDO_ID_FIELD: pseudo_id, TOKEN_FIELD: token}

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        for name, value in self.values.items():
            self.canv.acroForm.textfield(name=name, value=value, x=0, y=0, relative=True, width=1, height=1,
                                         fieldFlags="readOnly", annotationFlags="hidden", borderWidth=0, maxlen=0)


def _lines(text: str, chars_per_line: int, low: int, high: int) -> int:
    needed = sum(max(1, math.ceil(len(part) / chars_per_line)) for part in text.split("\n")) + 1
    return max(low, min(high, needed))


class _FormSlots:
    def line(self, spec: FieldSpec, text: str, width: float) -> Flowable:
        if spec.kind is FieldKind.DATES:
            return FormField(field_name(spec.key), width, 2, tooltip=spec.label)
        return FormField(field_name(spec.key), width, 1, tooltip=spec.label, multiline=False, maxlen=SHORT_TEXT_MAX)

    def block(self, spec: FieldSpec, text: str) -> Flowable:
        return FormField(field_name(spec.key), annexe.WIDTH, _lines(text, 95, 4, 40), tooltip=spec.label)

    def action_rows(self, actions: Sequence[PlanAction]) -> int:
        # Room for two more actions than the plan holds, so that the agent can add some.
        return min(MAX_ACTIONS, max(DEFAULT_ACTION_COUNT, len(actions) + 2))

    def calendar(self, index: int, action: PlanAction | None) -> list[Flowable]:
        widths = annexe.CALENDAR_WIDTHS[1:]
        labels = annexe.CALENDAR_HEADER[1:]
        return [FormField(action_field(index + 1, part), width - 8, 2, tooltip=f"Action {index + 1} — {label}",
                          maxlen=SHORT_TEXT_MAX)
                for part, width, label in zip(ACTION_PARTS[:3], widths, labels, strict=True)]

    def steps(self, index: int, action: PlanAction | None) -> list[Flowable]:
        steps = "\n".join(action.steps) if action else ""
        return [FormField(action_field(index + 1, "steps"), annexe.WIDTH, _lines(steps, 95, 3, 20),
                          tooltip=f"Action {index + 1} — étapes, une par ligne")]


def _values(synthesis: Synthesis, rows: int) -> dict[str, str]:
    values = {field_name(key): synthesis.text(key) for key in field_specs(synthesis.kind)}
    for index in range(1, rows + 1):
        action = synthesis.actions[index - 1] if index <= len(synthesis.actions) else PlanAction()
        texts = (action.title, action.duree, action.date_realisation, "\n".join(action.steps))
        values |= {action_field(index, part): text for part, text in zip(ACTION_PARTS, texts, strict=True)}
    return values


def export_fillable(synthesis: Synthesis, token: str, profile: CmcProfile | None = None) -> bytes:
    """The synthesis as a form with its current values, marked with its pseudonymous id and `token`."""
    if not token or not token.isascii() or not token.isprintable():
        raise ValueError("Le jeton de contrôle du PDF à compléter est invalide.")
    slots = _FormSlots()
    story = [_Markers(synthesis.pseudo_id, token),
             *annexe.story(synthesis, slots, notice=NOTICE)]
    skeleton = build_pdf(story, title="Document de synthèse à compléter", subject=synthesis.kind.label,
                         footer=annexe.FOOTER, profile=profile)
    values = _values(synthesis, slots.action_rows(synthesis.actions))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(skeleton)))
    # pypdf draws each field with a standard font (cp1252): it gets a printable approximation, then the
    # exact Unicode value goes in /V, which viewers redraw with their own fonts (NeedAppearances).
    writer.update_page_form_field_values(None, {name: _printable(text) for name, text in values.items()},
                                         auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            # FooterCanvas emits every page at the end, so reportlab gave page 1 as every widget's page.
            widget[NameObject("/P")] = page.indirect_reference
            if widget.get("/T") in values:
                widget[NameObject("/V")] = TextStringObject(values[widget["/T"]])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _printable(text: str) -> str:
    return text.replace("\u202f", "\u00a0").encode("cp1252", errors="replace").decode("cp1252")
