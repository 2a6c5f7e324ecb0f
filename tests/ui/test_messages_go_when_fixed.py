"""A message goes away once its cause is fixed, without pressing the button again: a field refused by a rule of
the domain (required, too long), a date to correct, and the dialogs' own checks (a choice to make, a box to tick,
a phrase to type). Each test provokes the message with Entrée, then corrects with real keys and watches it go —
and, where the correction is partial, stay."""


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from cmc_desktop.domain.text import SHORT_TEXT_MAX
from cmc_desktop.ui.interviews.new_dialog import NewInterviewDialog

from .dialog_cases import Demo, messages
from .dialog_table import CASES
from .secret_helpers import focused, press, show_active, type_in_focus

BY_NAME = {case.name: case for case in CASES}


def opened(qtbot, case: str, demo: Demo) -> QDialog:  # noqa: ANN001 - pytest-qt's fixture
    dialog = BY_NAME[case].build(demo)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    return dialog


def focus(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    widget.setFocus()
    qtbot.waitUntil(lambda: focused() is widget)


@pytest.mark.parametrize(("case", "field"), [("agents.new_agent_dialog.NewAgentDialog", "last_name"),
                                             ("promotions.promotion_dialog.PromotionDialog", "name"),
                                             ("promotions.exercise_dialog.ExerciseDialog", "title"),
                                             ("synthesis.consents.ConsentDialog", "name")])
def test_a_required_field_message_goes_once_the_field_is_filled(qtbot, case: str, field: str,
                                                                 demo: Demo) -> None:
    dialog = opened(qtbot, case, demo)
    getattr(dialog, field).clear()
    press(Qt.Key.Key_Return)
    message = messages(dialog)
    assert "est obligatoire" in message
    focus(qtbot, getattr(dialog, field))
    type_in_focus("   ")
    assert messages(dialog) == message  # blanks do not fill a required field: the message stays
    type_in_focus("Durand")
    assert messages(dialog) == "" and dialog.isVisible()  # gone, and nothing was stored meanwhile


def test_a_too_long_value_message_goes_once_the_value_is_short_enough(qtbot, demo: Demo) -> None:
    dialog = opened(qtbot, "promotions.promotion_dialog.PromotionDialog", demo)
    type_in_focus("P" * (SHORT_TEXT_MAX + 2))
    press(Qt.Key.Key_Return)
    assert "dépasse 200 caractères" in messages(dialog)
    press(Qt.Key.Key_Backspace)
    assert "dépasse 200 caractères" in messages(dialog)  # still one character too many
    press(Qt.Key.Key_Backspace)
    assert messages(dialog) == "" and dialog.isVisible()


def test_a_message_about_another_field_stays_when_one_field_is_edited(qtbot, demo: Demo) -> None:
    dialog = opened(qtbot, "agents.new_agent_dialog.NewAgentDialog", demo)
    type_in_focus("Durand")  # the name; the first name is left empty
    press(Qt.Key.Key_Return)
    assert "« Prénom » est obligatoire" in messages(dialog)
    type_in_focus("e")  # the name edited again: the first name is still missing
    assert "« Prénom » est obligatoire" in messages(dialog)
    focus(qtbot, dialog.first_name)
    type_in_focus("Alice")
    assert messages(dialog) == ""


def test_the_date_to_correct_message_goes_once_the_date_is_corrected(qtbot, demo: Demo) -> None:
    dialog = opened(qtbot, "promotions.promotion_dialog.PromotionDialog", demo)
    type_in_focus("Promotion d'hiver")
    focus(qtbot, dialog.start.edit)
    dialog.start.edit.selectAll()
    type_in_focus("31/02/2027")
    press(Qt.Key.Key_Tab)
    assert "n'existe pas dans le calendrier" in messages(dialog)
    focus(qtbot, dialog.start.edit)
    press(Qt.Key.Key_Return)
    assert "Corrigez la date signalée" in messages(dialog)
    dialog.start.edit.selectAll()
    type_in_focus("28/02/2027")
    press(Qt.Key.Key_Tab)
    assert messages(dialog) == "" and dialog.isVisible()


@pytest.mark.parametrize(("case", "said"), [
    ("promotions.documents_dialog.ContractsSignedDialog", "Cochez au moins un participant."),
    ("synthesis.bring_exercises.BringExercisesDialog", "Cochez au moins un exercice"),
])
def test_a_box_to_tick_message_goes_once_a_box_is_ticked(qtbot, case: str, said: str, demo: Demo) -> None:
    dialog = opened(qtbot, case, demo)
    press(Qt.Key.Key_Return)
    assert said in messages(dialog)
    listed = dialog.people if hasattr(dialog, "people") else dialog.items
    focus(qtbot, listed)
    if listed.currentRow() < 0:
        press(Qt.Key.Key_Down)
    assert said in messages(dialog)  # a row chosen, nothing ticked yet
    press(Qt.Key.Key_Space)
    assert messages(dialog) == "" and dialog.isVisible()


def test_the_outcome_message_goes_once_both_choices_are_made(qtbot, demo: Demo) -> None:
    dialog = opened(qtbot, "agents.outcome_dialog.OutcomeDialog", demo)
    press(Qt.Key.Key_Return)
    said = messages(dialog)
    assert "Indiquez le type de projet et le résultat" in said
    focus(qtbot, dialog.project_combo)
    press(Qt.Key.Key_Down)
    assert messages(dialog) == said  # the result is still missing
    focus(qtbot, dialog.result_combo)
    press(Qt.Key.Key_Down)
    assert messages(dialog) == ""


@pytest.mark.parametrize(("case", "said"), [
    ("settings.backups.RestoreDialog", "Saisissez votre phrase secrète."),
    ("recovery.RecoverDialog", "Saisissez le code de récupération"),
    ("agents.rights_dialogs.ExportDialog", "Choisissez le dossier de destination."),
])
def test_a_field_to_fill_message_goes_once_something_is_typed(qtbot, case: str, said: str,
                                                              demo: Demo) -> None:
    dialog = opened(qtbot, case, demo)
    press(Qt.Key.Key_Return)
    assert said in messages(dialog)
    type_in_focus("a")
    assert said not in messages(dialog) and dialog.isVisible()


def test_the_new_phrase_message_goes_once_the_phrase_is_long_enough(qtbot, demo: Demo) -> None:
    dialog = opened(qtbot, "unlock.FirstRunDialog", demo)
    type_in_focus("court")
    press(Qt.Key.Key_Return)
    said = messages(dialog)
    assert "au moins 12 caractères" in said
    focus(qtbot, dialog.first)
    type_in_focus("-encor")  # 11 characters: one short
    assert messages(dialog) == said
    type_in_focus("e")
    assert "au moins 12 caractères" not in messages(dialog)


def test_the_overall_note_message_goes_once_a_note_is_chosen(qtbot, demo: Demo) -> None:
    dialog = opened(qtbot, "satisfaction.dialog.SatisfactionDialog", demo)
    press(Qt.Key.Key_Return)
    assert "Indiquez la note globale" in messages(dialog)
    focus(qtbot, dialog.overall)
    press(Qt.Key.Key_Right)
    assert messages(dialog) == "" and dialog.overall.score() is not None


def test_the_choose_an_agent_message_goes_once_an_agent_is_chosen(qtbot, demo: Demo) -> None:
    dialog = NewInterviewDialog(demo.ws)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    focus(qtbot, dialog.held_on.edit)
    press(Qt.Key.Key_Return)
    said = messages(dialog)
    assert "Choisissez l'agent dans la liste" in said
    focus(qtbot, dialog.search)
    type_in_focus("a")
    assert messages(dialog) == said  # typed, not chosen yet
    press(Qt.Key.Key_Down)  # into the agents found: the first is chosen
    qtbot.waitUntil(lambda: dialog.agent_id is not None)
    assert messages(dialog) == ""


def test_an_implausible_date_message_goes_once_the_date_is_corrected(qtbot, demo: Demo) -> None:
    """A typo in the year (1902 for 2026) is refused by the domain, which names the field as it is labelled;
    the message stayed until Entrée was pressed again."""
    dialog = opened(qtbot, "agents.accompaniment_dialog.RequestDialog", demo)
    day = dialog.fields.requested_on
    focus(qtbot, day.edit)
    kept = day.edit.text()
    day.edit.selectAll()
    type_in_focus("01/01/1902")
    press(Qt.Key.Key_Tab)
    focus(qtbot, day.edit)
    press(Qt.Key.Key_Return)
    assert "La date « Date de la demande » (01/01/1902) n'est pas plausible" in messages(dialog)
    day.edit.selectAll()
    type_in_focus(kept)
    press(Qt.Key.Key_Tab)
    assert messages(dialog) == "" and dialog.isVisible()
