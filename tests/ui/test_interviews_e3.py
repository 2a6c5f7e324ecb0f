"""Individual interviews of a BPP (E3): placed in the agent's bilan, the entretien initial in phase 1 and the
entretien final in phase 4, add_e3_interview's rules said in French."""

from datetime import date

from cmc_desktop.domain.bpp import BppForm, Phase
from cmc_desktop.domain.interview import E3Role, InterviewType
from cmc_desktop.services.bpp import get_bpp, start_bpp
from cmc_desktop.services.interviews import get_interview, interviews_for_agent
from cmc_desktop.ui.agents import AgentsView
from cmc_desktop.ui.agents.choices import select_value
from cmc_desktop.ui.interviews.e3_placement import NO_BILAN, RULES
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS, INTERVIEWS

from ..services.factories import accepted_agent, make_agent
from .helpers import assert_accessible, type_text, when_modal
from .interviews_helpers import interviews_view


def _individual_bpp(ws) -> tuple[int, int]:
    agent_id, demande_id = accepted_agent(ws, "Quastenbrück", "Zéphyrine")
    bpp = start_bpp(ws, demande_id, BppForm.INDIVIDUEL, individual_reason="Situation nécessitant des séances "
                                                                           "individuelles.")
    assert bpp.id is not None
    return agent_id, bpp.id


def test_initial_then_final_interviews_are_mapped_to_phases_1_and_4(qtbot, window: MainWindow, ws) -> None:
    agent_id, bpp_id = _individual_bpp(ws)
    view = interviews_view(window)
    dialog = view.create_new()
    assert dialog.search is not None and dialog.results is not None
    type_text(dialog.search, "quastenbruck")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    dialog.results.setCurrentRow(0)
    dialog.type.setCurrentIndex(dialog.type.findText("E3 — Bilan de parcours professionnel"))
    placement = dialog.e3
    assert placement.bilan.isVisible() and placement.rules.text() == RULES
    # Its lancement begins with its first interview held (individual_phase_dates): none yet.
    assert placement.bilan.currentText().startswith("BPP individuel · phase 1 (lancement)")
    # A bilan starting waits for its entretien initial: suggested, in phase 1.
    assert (placement.role.currentText(), placement.phase.currentData()) == ("Entretien initial", 1)
    assert_accessible(dialog)
    dialog.held_on.edit.clear()
    type_text(dialog.held_on.edit, "10/11/2026")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    editor = view.editor
    assert editor is not None
    initial = get_interview(ws, editor.interview_id)
    assert (initial.type, initial.bpp_id, initial.bpp_phase, initial.e3_role) == (
        InterviewType.E3, bpp_id, Phase.LANCEMENT, E3Role.INITIAL)
    assert get_bpp(ws, bpp_id).initial_interview_on == date(2026, 11, 10)
    assert "Entretien initial, phase 1 (phase de lancement)" in editor.subtitle.text()
    assert editor.series.title.text() == "Bilan de parcours : 1 entretien individuel"
    assert editor.referral is None  # the referral to a BPP belongs to E2 interviews

    # From the bilan's series: the entretien final — choosing it puts it in phase 4.
    editor.series.new_button.click()
    add = editor.new_dialog
    assert add is not None and add.search is None and add.e3.bilan.currentData() == bpp_id
    select_value(add.e3.role, E3Role.FINAL)
    assert add.e3.phase.currentData() == 4
    add.held_on.edit.clear()  # planned: held today, it would be refused until the bilan reaches phase 4
    type_text(add.held_on.edit, "15/01/2027")
    add.create_button.click()
    qtbot.waitUntil(lambda: not add.isVisible())
    final = get_interview(ws, view.editor.interview_id)
    assert (final.bpp_phase, final.e3_role) == (Phase.CONCLUSION, E3Role.FINAL)
    assert get_bpp(ws, bpp_id).final_interview_on == date(2027, 1, 15)
    assert get_bpp(ws, bpp_id).phase_dates == {Phase.LANCEMENT: date(2026, 11, 10)}
    assert view.editor.series.title.text() == "Bilan de parcours : 2 entretiens individuels"
    assert [view.editor.series.list.item(i).text() for i in range(2)] == [
        "1. 10/11/2026 — phase 1 · entretien initial", "2. 15/01/2027 — phase 4 · entretien final  (ouvert)"]


def test_the_rules_of_the_bilan_are_said_in_french_and_nothing_is_stored(qtbot, window: MainWindow, ws) -> None:
    agent_id, bpp_id = _individual_bpp(ws)
    view = interviews_view(window)
    dialog = view.create_new()
    assert dialog.results is not None
    dialog.results.setCurrentRow(0)
    dialog.type.setCurrentIndex(dialog.type.findText("E3 — Bilan de parcours professionnel"))
    select_value(dialog.e3.role, E3Role.FINAL)
    dialog.e3.phase.setCurrentIndex(dialog.e3.phase.findData(2))  # not where a final interview belongs
    dialog.create_button.click()
    assert dialog.isVisible() and dialog.banner.text == "L'entretien final appartient à la phase 4 du bilan."
    assert interviews_for_agent(ws, agent_id) == []

    select_value(dialog.e3.role, E3Role.INITIAL)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    again = view.create_new()  # from the interview just created: for the same agent
    assert again.agent_id == agent_id
    again.type.setCurrentIndex(again.type.findText("E3 — Bilan de parcours professionnel"))
    select_value(again.e3.role, E3Role.INITIAL)
    again.create_button.click()
    assert again.banner.text == ("L'entretien initial de ce bilan est déjà enregistré : modifiez-le plutôt que "
                                 "d'en ajouter un second.")
    assert len(interviews_for_agent(ws, agent_id)) == 1
    again.reject()


def test_an_agent_without_a_bilan_in_progress_is_told_where_a_bpp_starts(window: MainWindow, ws) -> None:
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    view = interviews_view(window)
    dialog = view.create_new()
    assert dialog.results is not None
    dialog.results.setCurrentRow(0)
    dialog.type.setCurrentIndex(dialog.type.findText("E3 — Bilan de parcours professionnel"))
    assert dialog.e3.missing.isVisible() and dialog.e3.missing.text() == NO_BILAN
    assert not dialog.e3.role.isEnabled()
    dialog.create_button.click()
    assert dialog.banner.text.startswith("Un entretien de BPP (E3) se place dans un bilan en cours de l'agent.")
    assert interviews_for_agent(ws, agent_id) == []
    dialog.reject()


def test_the_agents_bilan_tab_adds_an_e3_interview_and_opens_it(qtbot, window: MainWindow, ws) -> None:
    agent_id, bpp_id = _individual_bpp(ws)
    agents = window.show_view(AGENTS)
    assert isinstance(agents, AgentsView)
    agents.open_item(agent_id)
    assert agents.file is not None

    def create(dialog) -> None:
        assert dialog.search is None and dialog.e3.bilan.currentData() == bpp_id
        dialog.held_on.edit.clear()
        type_text(dialog.held_on.edit, "12/11/2026")
        dialog.create_button.click()

    when_modal(create)
    agents.file.bpp.add_e3_interview(bpp_id)
    assert window.current_key == INTERVIEWS
    [interview] = interviews_for_agent(ws, agent_id)
    assert (interview.type, interview.bpp_id, interview.e3_role) == (InterviewType.E3, bpp_id, E3Role.INITIAL)
