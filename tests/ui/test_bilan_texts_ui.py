"""Issue 13 through the real widgets: the référent handicap's three points in the agent's file, rubric 1.2 prompted
for an agent covered by art. L. 5212-13, the criteria of each action, exercises and the animator's comments brought
into the document only when the agent ticks them, the restitution to the group, an E4 and an E1 recorded."""

from datetime import date
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from cmc_desktop.data.models import AgentRow
from cmc_desktop.domain.agent import PriorityGround
from cmc_desktop.domain.bpp import Exercise, ReferentPoint
from cmc_desktop.domain.demande import Initiative
from cmc_desktop.domain.interview import E1Response, InterviewType, Orientation, TargetPublic
from cmc_desktop.domain.synthesis import Author, PlanAction
from cmc_desktop.domain.synthesis_schema import CRITERIA_LABEL, SynthesisKind
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.agents import get_agent_file
from cmc_desktop.services.interviews import get_interview, start_interview
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.agents.bpp_tab import BppTab
from cmc_desktop.ui.agents.choices import enum_data
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import SYNTHESES
from cmc_desktop.ui.synthesis.bring_exercises import BringExercisesDialog
from cmc_desktop.ui.synthesis.view import SynthesesView
from tests.services.synthesis_helpers import bpp_agent

from .helpers import assert_accessible, when_modal
from .interviews_helpers import open_editor, write


def _covered(ws: Workspace, agent_id: int) -> None:
    with ws.store.session() as s:
        row = s.get(AgentRow, agent_id)
        assert row is not None
        row.priority_grounds = frozenset({PriorityGround.L5212_13})


def _set_date(field, text: str) -> None:
    field.edit.setText(text)
    field.edit.editingFinished.emit()


def _choose(combo, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value.value if isinstance(value, StrEnum) else value))
    combo.activated.emit(combo.currentIndex())


def test_the_referent_handicaps_three_points_are_recorded_with_their_dates(qtbot, window: MainWindow, ws) -> None:
    """Rule: for an L. 5212-13 agent, the wish that the référent be associated and what was agreed on the guide's
    three points, with dates."""
    agent_id, bpp_id = bpp_agent(ws, "Arbousier", "Hélène")
    _covered(ws, agent_id)
    tab = BppTab(ws, window.navigator, agent_id)
    qtbot.addWidget(tab)
    tab.load(get_agent_file(ws, agent_id))
    box = tab.referents[bpp_id]
    assert [box.points[p][0].accessibleName().split(" :")[0] for p in ReferentPoint] == [
        "L'accessibilité de l'agent au bilan", "L'accessibilité au lieu du bilan",
        "Informé et communiquer sur la situation personnelle de l'agent aux autres participants au bilan"]
    assert not box.points[ReferentPoint.ACCES_LIEU][0].isEnabled()  # nothing to agree before the agent wishes it
    _choose(box.wish, True)
    _set_date(box.wish_on, "03/11/2026")
    text, day = box.points[ReferentPoint.ACCES_LIEU]
    assert text.isEnabled()
    write(text, "Salle au rez-de-chaussée")
    assert "Indiquez la date à laquelle « L'accessibilité au lieu du bilan » a été convenu" in box.banner.text
    _set_date(day, "05/11/2026")
    stored = bpp_service.get_bpp(ws, bpp_id)
    assert (stored.referent_wish, stored.referent_wish_on) == (True, date(2026, 11, 3))
    agreed = stored.referent_agreements[ReferentPoint.ACCES_LIEU]
    assert (agreed.text, agreed.agreed_on) == ("Salle au rez-de-chaussée", date(2026, 11, 5))
    assert_accessible(box)


def test_rubric_1_2_is_prompted_for_an_agent_covered_by_l5212_13(window: MainWindow, ws) -> None:
    agent_id, bpp_id = bpp_agent(ws, "Arbousier", "Hélène")
    _covered(ws, agent_id)
    bpp_service.record_referent(ws, bpp_id, True, date(2026, 11, 3), [])
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    view = window.navigator.open(SYNTHESES, synthesis_id)
    assert isinstance(view, SynthesesView) and view.editor is not None
    prompt = view.editor.form.fields["1.2"].prompt
    assert prompt.isVisibleTo(view.editor) and "article L. 5212-13" in prompt.text()
    assert not view.editor.form.fields["1.1"].prompt.isVisibleTo(view.editor)


def test_an_agent_without_l5212_13_sees_no_prompt_nor_referent_box(qtbot, window: MainWindow, ws) -> None:
    agent_id, bpp_id = bpp_agent(ws, "Bruyère", "Noël")
    assert service.referent_prompt(ws, service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)) == ""
    tab = BppTab(ws, window.navigator, agent_id)
    qtbot.addWidget(tab)
    tab.load(get_agent_file(ws, agent_id))
    assert tab.referents == {}


def test_exercises_and_comments_reach_the_document_only_when_the_agent_ticks_them(window: MainWindow, ws) -> None:
    """Rule: the exercises done between séances and the animator's comments are brought into the synthesis by
    the agent — never automatically."""
    agent_id, bpp_id = bpp_agent(ws, "Arbousier", "Hélène")
    bpp_service.add_exercise(ws, Exercise(bpp_id, "Ligne de vie", date(2026, 11, 9), done_on=date(2026, 11, 12),
                                          animator_comment="Un fil conducteur : le service rendu."))
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    assert "Ligne de vie" not in " ".join(v.text for v in service.load_synthesis(ws, synthesis_id).values.values())
    view = window.navigator.open(SYNTHESES, synthesis_id)
    assert isinstance(view, SynthesesView) and view.editor is not None
    form = view.editor.form
    assert form.exercises_button.isVisibleTo(view.editor)
    seen: list[list[str]] = []

    def tick_the_comment(dialog: QWidget) -> None:
        assert isinstance(dialog, BringExercisesDialog)
        assert_accessible(dialog)
        rows = [dialog.items.item(i) for i in range(dialog.items.count())]
        seen.append([row.text() for row in rows])
        assert all(row.checkState() == Qt.CheckState.Unchecked for row in rows)
        dialog.items.setFocus()
        dialog.items.setCurrentRow(1)
        QTest.keyClick(dialog.items, Qt.Key.Key_Space)
        QTest.keyClick(dialog.items, Qt.Key.Key_Return)  # Entrée brings what was ticked

    when_modal(tick_the_comment)
    form.exercises_button.click()
    assert seen == [["Exercice « Ligne de vie », fait le 12/11/2026",
                     "Commentaire de l'animateur sur « Ligne de vie »"]]
    value = service.load_synthesis(ws, synthesis_id).values["2.1.0"]
    assert value.text == "Commentaire de l'animateur sur « Ligne de vie » : Un fil conducteur : le service rendu."
    assert value.author is Author.CMC and form.fields["2.1.0"].text() == value.text


def test_each_action_carries_its_criteria_of_follow_up(window: MainWindow, ws) -> None:
    agent_id, bpp_id = bpp_agent(ws, "Arbousier", "Hélène")
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    service.set_actions(ws, synthesis_id, [PlanAction("Immersion", "1 semaine", "03/2027")], Author.AGENT)
    view = window.navigator.open(SYNTHESES, synthesis_id)
    assert isinstance(view, SynthesesView) and view.editor is not None
    [criteria] = view.editor.form.plan.criteria_edits
    assert criteria.accessibleName() == f"{CRITERIA_LABEL} de l'action 1"
    write(criteria, "Un compte rendu d'immersion partagé avec le groupe")
    [action] = service.load_synthesis(ws, synthesis_id).actions
    assert action.criteria == "Un compte rendu d'immersion partagé avec le groupe" and action.title == "Immersion"


def test_an_e4_records_its_initiative_and_target_public_and_can_lead_to_a_bpp(window: MainWindow, ws) -> None:
    agent_id, _ = bpp_agent(ws, "Arbousier", "Hélène")
    career = start_interview(ws, agent_id, InterviewType.E4, date(2026, 11, 10))
    editor = open_editor(window, career)
    assert [editor.tabs.tabText(i) for i in range(editor.tabs.count())] == [
        "Initiative et public", "Compte rendu", "Notes privées du conseiller"]
    assert editor.referral is not None  # « Ils peuvent conduire à mobiliser le bilan de parcours professionnel »
    page = editor.pages[0]
    assert enum_data(page.initiative, Initiative) is Initiative.EMPLOYEUR
    _choose(page.public, TargetPublic.INTEGRATION_DEPART)
    assert get_interview(ws, career).data.target_public is TargetPublic.INTEGRATION_DEPART
    assert_accessible(editor)


def test_an_e1_records_the_aiguillage_and_the_documents_sent(window: MainWindow, ws) -> None:
    agent_id, _ = bpp_agent(ws, "Arbousier", "Hélène")
    info = start_interview(ws, agent_id, InterviewType.E1, date(2026, 11, 10))
    editor = open_editor(window, info)
    page = editor.pages[0]
    _choose(page.response, E1Response.AIGUILLAGE)
    _choose(page.orientation, Orientation.OUTIL)
    write(page.tool, "Place de l'emploi public")
    write(page.texts["documents_sent"], "Guide de la mobilité")
    data = get_interview(ws, info).data
    assert (data.e1_response, data.orientation, data.orientation_tool, data.documents_sent) == (
        E1Response.AIGUILLAGE, Orientation.OUTIL, "Place de l'emploi public", "Guide de la mobilité")
    assert editor.referral is None


def test_the_restitution_to_the_group_waits_for_phase_3_and_dialogs_fit_a_laptop_screen(qtbot, window: MainWindow,
                                                                                        ws) -> None:
    from cmc_desktop.services import promotions
    from cmc_desktop.ui.promotions.participant_dialog import ParticipantDialog

    agent_id, bpp_id = bpp_agent(ws, "Arbousier", "Hélène")
    promotion_id = bpp_service.get_bpp(ws, bpp_id).promotion_id or 0
    board = promotions.promotion_board(ws, promotion_id)
    participant = next(p for p in board.participants if p.agent_id == agent_id)
    dialog = ParticipantDialog(ws, window.navigator, board.promotion, participant, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sizeHint().height() <= 720 and dialog.sizeHint().width() <= 1280
    assert_accessible(dialog)
    _set_date(dialog.restitution, "16/11/2026")
    assert "La restitution au groupe conclut le plan d'action" in dialog.banner.text
    assert bpp_service.get_bpp(ws, bpp_id).restitution_on is None
