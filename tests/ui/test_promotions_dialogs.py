"""The dialogs of Promotions BPP on a real store: "Nouvelle promotion" (Ctrl+N), editing a promotion
(autosave), a participant's follow-up and the exercises handed out between séances."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from cmc_desktop.domain.promotion import Promotion
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import promotions as service
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.navigation import PROMOTIONS
from cmc_desktop.ui.promotions import PromotionsView
from cmc_desktop.ui.promotions.exercise_dialog import ExerciseDialog
from cmc_desktop.ui.promotions.participant_dialog import ParticipantDialog
from cmc_desktop.ui.promotions.promotion_dialog import PromotionDialog
from cmc_desktop.ui.widgets import FrenchDateEdit
from tests.conftest import PASSPHRASE
from tests.services.factories import accepted_agent

from .helpers import answer_message_box, assert_accessible, type_text


def type_date(field: FrenchDateEdit, text: str) -> None:
    field.edit.setText(text)
    field.edit.editingFinished.emit()


def promotions_view(window) -> PromotionsView:
    view = window.navigator.open(PROMOTIONS, None)
    assert isinstance(view, PromotionsView)
    return view


def test_a_promotion_is_created_through_the_dialog_opened_with_ctrl_n(window, ws) -> None:
    view = promotions_view(window)
    assert view.empty.isVisible()
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = view.dialog
    assert isinstance(dialog, PromotionDialog) and dialog.isVisible()
    assert_accessible(dialog)

    dialog.ok_button.click()  # no name: refused, nothing stored
    assert dialog.isVisible() and "Nom de la promotion" in dialog.banner.text
    assert service.list_promotions(ws) == []

    dialog.name.setFocus()
    type_text(dialog.name, "Promotion Hélène-Boucher")
    type_date(dialog.start, "01/12/2026")
    type_date(dialog.end, "31/13/2027")  # no such date: the field says so and creation waits
    assert "n'existe pas" in dialog.end.error_text
    dialog.ok_button.click()
    assert dialog.isVisible() and service.list_promotions(ws) == []
    type_date(dialog.end, "30/03/2027")
    dialog.place.setText("Cité administrative, salle 204")
    dialog.online.setChecked(True)
    dialog.ok_button.click()

    [summary] = service.list_promotions(ws)
    created = summary.promotion
    assert (created.name, created.start_date, created.end_date, created.place, created.online) == (
        "Promotion Hélène-Boucher", date(2026, 12, 1), date(2027, 3, 30), "Cité administrative, salle 204", True)
    assert view.dialog is None and view.board is not None and view.currentWidget() is view.board
    assert view.board.title.text() == "Promotion Hélène-Boucher"
    assert view.board.facts.text() == ("Du 01/12/2026 au 30/03/2027 · En ligne — Cité administrative, salle 204 · "
                                       "0 participant sur 12")
    assert window.toast.text == "Promotion « Promotion Hélène-Boucher » créée."
    view.board.back_button.click()
    assert view.model.rowCount() == 1
    assert view.model.index(0, 3).data() == "1. Lancement" and view.model.index(0, 4).data() == "0/12"


def test_escape_asks_before_discarding_a_new_promotion(window, ws) -> None:
    view = promotions_view(window)
    view.create_new()
    dialog = view.dialog
    assert isinstance(dialog, PromotionDialog)
    dialog.name.setText("Promotion printemps")
    answer_message_box("Continuer la saisie")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.name.text() == "Promotion printemps"
    answer_message_box("Abandonner")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert view.dialog is None and service.list_promotions(ws) == []


def test_editing_a_promotion_saves_each_field_and_keeps_a_refused_value(window, ws) -> None:
    promotion = service.create_promotion(ws, Promotion("Promotion automne", start_date=date(2026, 11, 2),
                                                       end_date=date(2027, 2, 1)))
    board = promotions_view(window)
    board.open_item(promotion.id)
    assert board.board is not None
    board.board.edit_button.click()
    dialog = board.board.dialog
    assert isinstance(dialog, PromotionDialog) and dialog.editing
    assert_accessible(dialog)
    dialog.name.setText("Promotion automne — Quimper")
    dialog.name.flush()
    assert service.get_promotion(ws, promotion.id or 0).name == "Promotion automne — Quimper"

    type_date(dialog.end, "01/10/2026")  # before the start: the service refuses, the value stays in the field
    assert dialog.banner.text == "La date de fin ne peut pas précéder la date de début."
    assert dialog.end.edit.text() == "01/10/2026"
    assert service.get_promotion(ws, promotion.id or 0).end_date == date(2027, 2, 1)
    answer_message_box("Annuler")
    dialog.close_button.click()  # the refused value is pointed out before closing
    assert dialog.isVisible()
    type_date(dialog.end, "15/02/2027")
    assert dialog.banner.isHidden()
    dialog.close_button.click()
    assert board.board.dialog is None
    assert service.get_promotion(ws, promotion.id or 0).end_date == date(2027, 2, 15)
    assert board.board.title.text() == "Promotion automne — Quimper"


def _participant_dialog(window, ws: Workspace) -> tuple[ParticipantDialog, int]:
    promotion = service.create_promotion(ws, Promotion("Promotion automne", start_date=date(2026, 11, 2)))
    _, demande_id = accepted_agent(ws, "Kermès", "Gaël")
    bpp_id = service.enrol(ws, promotion.id or 0, demande_id).id or 0
    view = window.navigator.open(PROMOTIONS, promotion.id)
    assert isinstance(view, PromotionsView) and view.board is not None
    view.board.table.selectRow(0)
    view.board.follow_button.click()
    dialog = view.board.dialog
    assert isinstance(dialog, ParticipantDialog)
    return dialog, bpp_id


def test_an_exercise_is_recorded_marked_done_edited_and_deleted(window, ws) -> None:
    dialog, bpp_id = _participant_dialog(window, ws)
    board = dialog.parent()
    assert_accessible(dialog)
    dialog.new_button.click()
    exercise_dialog = dialog.exercise_dialog
    assert isinstance(exercise_dialog, ExerciseDialog)
    assert_accessible(exercise_dialog)
    assert exercise_dialog.given_on.date() == date(2026, 11, 16)
    exercise_dialog.title.setFocus()
    type_text(exercise_dialog.title, "Ligne de vie professionnelle")
    type_date(exercise_dialog.due_on, "30/11/2026")
    exercise_dialog.instructions.setPlainText("Retracer les étapes clés, réussites et tournants.")
    exercise_dialog.ok_button.click()

    [exercise] = bpp_service.exercises_for_bpp(ws, bpp_id)
    assert (exercise.title, exercise.given_on, exercise.due_on, exercise.done_on, exercise.instructions) == (
        "Ligne de vie professionnelle", date(2026, 11, 16), date(2026, 11, 30), None,
        "Retracer les étapes clés, réussites et tournants.")
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "à faire"
    assert board.model.index(0, 5).data() == "0/1 fait"

    dialog.table.selectRow(0)
    dialog.done_button.click()
    assert bpp_service.exercises_for_bpp(ws, bpp_id)[0].done_on == date(2026, 11, 16)
    assert dialog.table.item(0, 3).text() == "16/11/2026" and not dialog.done_button.isEnabled()
    assert board.model.index(0, 5).data() == "1/1 fait"

    dialog.edit_button.click()
    editing = dialog.exercise_dialog
    assert isinstance(editing, ExerciseDialog) and editing.editing
    type_date(editing.due_on, "01/11/2026")  # before it was handed out: refused, nothing changes
    assert editing.banner.text == "L'échéance ne peut pas précéder la date de remise."
    type_date(editing.due_on, "04/12/2026")
    editing.title.setText("Ligne de vie (version longue)")
    editing.close_button.click()  # the pending title is saved on the way out
    stored = bpp_service.exercises_for_bpp(ws, bpp_id)[0]
    assert (stored.title, stored.due_on) == ("Ligne de vie (version longue)", date(2026, 12, 4))
    assert dialog.table.item(0, 0).text() == "Ligne de vie (version longue)"

    dialog.table.selectRow(0)
    answer_message_box("Supprimer")
    dialog.delete_button.click()
    assert bpp_service.exercises_for_bpp(ws, bpp_id) == [] and dialog.table.rowCount() == 0


def test_the_final_interview_date_is_recorded_and_a_future_contract_refused(window, ws) -> None:
    dialog, bpp_id = _participant_dialog(window, ws)
    assert [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()] == ["Fermer"]
    type_date(dialog.final_interview, "15/01/2027")
    assert bpp_service.get_bpp(ws, bpp_id).final_interview_on == date(2027, 1, 15)
    assert dialog.banner.text == "Entretien final du 15/01/2027 enregistré."
    type_date(dialog.contract, "20/11/2026")  # not signed yet: the domain refuses a future date
    assert "n'est pas plausible" in dialog.banner.text
    assert bpp_service.get_bpp(ws, bpp_id).contract_signed_on is None
    assert dialog.contract.edit.text() == "20/11/2026"


def test_locking_closes_the_dialogs_without_a_question_and_keeps_autosaved_edits(window, ws) -> None:
    promotion = service.create_promotion(ws, Promotion("Promotion automne", start_date=date(2026, 11, 2)))
    view = promotions_view(window)
    view.open_item(promotion.id)
    assert view.board is not None
    view.board.edit_button.click()
    editing = view.board.dialog
    assert isinstance(editing, PromotionDialog)
    editing.place.setText("Salle 12")  # typed, not yet committed
    view.create_new()
    creating = view.dialog
    assert isinstance(creating, PromotionDialog)
    creating.name.setText("Promotion jamais créée")
    window.lock()  # a question here would hold the lock open: none is asked
    assert window.locked and QApplication.activeModalWidget() is None
    assert not any(isinstance(w, PromotionDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    window.lock_screen.prompt.field.setText(PASSPHRASE)
    window.lock_screen.prompt.button.click()
    assert not window.locked
    [summary] = service.list_promotions(window.ws)
    assert summary.promotion.place == "Salle 12"  # the edit was saved on the way out; the new one was dropped
