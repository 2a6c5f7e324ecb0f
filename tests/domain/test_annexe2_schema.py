"""Rule: the document de synthèse of a BPP reproduces the Annexe 2 model word for word — every number with its
final period, every label and hint as written (tests/annexe2/modele.txt, copied from seed 001)."""

from cmc_desktop.domain.synthesis_schema import (
    BPP_SECTIONS,
    CALENDAR_ROWS,
    COSIGNATURE,
    GROUP_TITLES,
    PHASE_4_NOTE,
    PLAN_HEADINGS,
    FieldKind,
    SynthesisKind,
    action_label,
    document_title,
    field_specs,
    rubrics,
    step_label,
)
from tests import annexe2


def schema_numbered() -> list[tuple[str, str]]:
    """(number, text) of everything numbered the schema prints, in the document's order."""
    out: list[tuple[str, str]] = []
    headings = PLAN_HEADINGS[SynthesisKind.BPP]
    for section in BPP_SECTIONS:
        if section.number:
            out.append((section.number, section.title))
        group = ""
        for spec in section.fields:
            if section.number == "3." and spec.number == "3.1.3.":
                for heading in (headings.plan, headings.calendar, headings.steps):
                    number, text = heading.split(" ", 1)
                    out.append((number, text))
            if spec.group and spec.group != group and spec.group in GROUP_TITLES:
                out.append((spec.group, GROUP_TITLES[spec.group]))
            group = spec.group
            if spec.number:
                out.append((spec.number, f"{spec.label} {spec.hint}".strip()))
    return out


def test_every_number_label_and_hint_is_the_models() -> None:
    model = [(("4.1." if item == annexe2.LAST else item[0]), item[1]) for item in annexe2.numbered()]
    assert schema_numbered() == model


def test_the_models_unnumbered_labels_are_the_schemas() -> None:
    short = [spec.label for section in BPP_SECTIONS for spec in section.fields if spec.kind is not FieldKind.TEXT]
    steps = [step_label(step, action) for step in (1, 2, 3, 4) for action in (1, 2)]
    expected = [label for label in annexe2.labels() if not label.startswith("étape ")]
    assert short + [COSIGNATURE] == expected
    assert [label for label in annexe2.labels() if label.startswith("étape ")] == steps


def test_the_calendar_heads_and_rows_are_the_models() -> None:
    heads, *rows = annexe2.calendar()
    assert heads == [action_label(n) for n in (1, 2, 3, 4)]
    assert [row[0] for row in rows] == list(CALENDAR_ROWS)


def test_the_title_of_a_collective_bilan_is_the_models() -> None:
    assert document_title(SynthesisKind.BPP, collective=True) == annexe2.title()
    assert document_title(SynthesisKind.BPP, collective=False) == "Bilan de parcours professionnel"


def test_the_phase_4_slip_is_corrected_and_said() -> None:
    spec = field_specs(SynthesisKind.BPP)["4.1"]
    assert spec.number == "4.1." and spec.note == PHASE_4_NOTE and "« 3.1. »" in spec.note


def test_rubrics_of_a_consent_follow_the_document_and_leave_out_1_2_and_2_5_by_default() -> None:
    bpp = rubrics(SynthesisKind.BPP)
    assert [r.key for r in bpp][:3] == ["1.1", "1.2", "1.3"]
    assert [r.key for r in bpp if r.sensitive] == ["1.2", "2.5"]
    assert [r.key for r in bpp][-3:] == ["plan", "3.1.3", "4.1"]
    assert [r.key for r in rubrics(SynthesisKind.E4)] == ["e4.1", "e4.2", "plan", "e4.4", "e4.5"]
