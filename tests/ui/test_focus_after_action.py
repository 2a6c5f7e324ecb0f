"""After an action the keyboard is somewhere sensible: back on the list the deletion was made in, never left on
« Supprimer » where Espace would delete the next line, nor on « Verrouiller »."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cmc_desktop.domain.bpp import Exercise
from cmc_desktop.domain.synthesis import PlanAction
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services.bpp import add_exercise, exercises_for_bpp
from cmc_desktop.ui.promotions.participant_dialog import ParticipantDialog
from cmc_desktop.ui.synthesis.action_plan import ActionPlanEditor

from .dialog_cases import Demo, first_participant
from .dialog_table import navigator
from .helpers import answer_message_box
from .secret_helpers import focused, show_active


def test_deleting_an_exercise_leaves_the_keyboard_on_the_list(qtbot, demo: Demo) -> None:
    participant = first_participant(demo)
    for title in ("Portrait", "Lettre"):
        add_exercise(demo.ws, Exercise(participant.bpp_id, title, date(2026, 11, 2)))
    dialog = ParticipantDialog(demo.ws, navigator(), demo.board.promotion, participant)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.table.selectRow(next(row for row, e in enumerate(dialog.exercises) if e.title == "Portrait"))
    dialog.delete_button.setFocus()
    answer_message_box("Supprimer")
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    titles = [e.title for e in exercises_for_bpp(demo.ws, participant.bpp_id)]
    assert "Portrait" not in titles and "Lettre" in titles
    # The window's focus widget: where the keyboard is once the confirmation box has closed (offscreen, with
    # no window manager, the window is not made active again by itself).
    assert dialog.focusWidget() is dialog.table


def test_removing_an_action_leaves_the_keyboard_on_the_plan(qtbot) -> None:
    plan = ActionPlanEditor(SynthesisKind.BPP)
    qtbot.addWidget(plan)
    plan.load([PlanAction("Découvrir le métier", "3 mois", "02/2027", ["Immersion"]), PlanAction("Se former")])
    show_active(qtbot, plan)
    plan.table.selectRow(1)
    plan.remove_button.setFocus()
    answer_message_box("Supprimer")
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    assert [a.title for a in plan.plan_actions()] == ["Découvrir le métier"]
    assert plan.focusWidget() is plan.table
