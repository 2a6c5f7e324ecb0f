"""A refusal names its field exactly as the form labels it: « Notes du conseiller » was refused under the heading
« Notes privées du conseiller ». Every field of the agent's identity and of an interview is refused once (too
long, empty, implausible date) and the name in the message is compared with the form's label — for an interview,
through the screen's own matcher, which also takes the message away once the field is corrected."""

import re
from dataclasses import replace
from datetime import date

import pytest

from cmc_desktop.domain.demande import Report, ReportReason
from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.text import LONG_TEXT_MAX, SHORT_TEXT_MAX
from cmc_desktop.services.agents import AgentInput, get_agent, update_agent
from cmc_desktop.services.interviews import get_interview, start_interview, update_interview
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.agents.identity_form import IdentityForm
from cmc_desktop.ui.interviews.editor import E2InterviewEditor
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import INTERVIEWS
from cmc_desktop.ui.widgets.corrected_field import field_labelled

from .agents_helpers import new_agent

LONG, SHORT, FAR_PAST = "x" * (LONG_TEXT_MAX + 1), "x" * (SHORT_TEXT_MAX + 1), date(1850, 1, 1)
AGENT_REFUSALS = {"last_name": "", "first_name": SHORT, "fonction": SHORT, "service": SHORT, "email": SHORT,
                  "phone": SHORT, "private_notes": LONG, "date_prise_fonction": FAR_PAST,
                  "referent_handicap_informed_on": FAR_PAST}


def _named(error: ValidationError) -> str:
    """The field a refusal names: its `field`, else the « … » in its message."""
    quoted = re.search(r"« ([^»]+) »", str(error))
    return error.field or (quoted[1] if quoted else "")


def test_each_refusal_of_the_identity_names_the_field_as_the_form_labels_it(qtbot, ws: Workspace) -> None:
    agent_id = new_agent(ws, "Durand", "Alice")
    form = IdentityForm(ws, get_agent(ws, agent_id))
    qtbot.addWidget(form)
    assert form.fields["private_notes"][0] == "Notes privées du conseiller"
    assert form.fields["referent_handicap_informed_on"][0] == "Référent handicap informé le"
    named = {}
    for name, value in AGENT_REFUSALS.items():
        with pytest.raises(ValidationError) as refused:
            update_agent(ws, agent_id, replace(AgentInput.of(get_agent(ws, agent_id)), **{name: value}))
        named[name] = _named(refused.value)
    assert named == {name: form.fields[name][0] for name in AGENT_REFUSALS}


@pytest.mark.parametrize("kind", [InterviewType.E1, InterviewType.E2])
def test_each_refusal_of_an_interview_names_the_field_the_screen_finds(window: MainWindow, ws: Workspace,
                                                                      kind: InterviewType) -> None:
    interview_id = start_interview(ws, new_agent(ws, "Durand", "Alice"), kind, ws.clock.today())
    editor = window.navigator.open(INTERVIEWS, interview_id).editor
    assert isinstance(editor, E2InterviewEditor)
    fields = {name: edit for page in editor.pages for name, edit in page.texts.items()}
    if kind is InterviewType.E1:
        page = editor.pages[0]
        fields |= {"orientation_actor": page.actor, "orientation_tool": page.tool}
    data = get_interview(ws, interview_id).data
    for name, edit in fields.items():
        with pytest.raises(ValidationError) as refused:
            update_interview(ws, interview_id, replace(data, **{name: SHORT if name.startswith("orientation_")
                                                                 else LONG}))
        assert field_labelled(editor, _named(refused.value)) is edit, (name, _named(refused.value))


def test_the_report_dates_are_named_as_the_decision_dialog_labels_them() -> None:
    today = date(2026, 11, 16)
    reason = next(iter(ReportReason))
    named = []
    for report in (Report(reason, FAR_PAST, date(2027, 3, 1)), Report(reason, date(2026, 11, 2), FAR_PAST)):
        with pytest.raises(ValidationError) as refused:
            report.check(date(2026, 11, 10), "Continuité du service.", today)
        named.append(_named(refused.value))
    # ui/agents/demande_dialog.py: « Accord préalable du service RH le : », « Reporté jusqu'au : »
    assert named == ["Accord préalable du service RH le", "Reporté jusqu'au"]
