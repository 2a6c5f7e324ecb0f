"""The promotion board on a real store: enrolment up to twelve, advancing phases, séances and attendance,
confidential points, unenrolment — driven through the real widgets."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from cmc_desktop.domain.bpp import Phase
from cmc_desktop.domain.promotion import Promotion, Seance, SmallGroupReason
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import promotions as service
from cmc_desktop.services.enrolable import enrolable_demandes
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.navigation import PROMOTIONS
from cmc_desktop.ui.promotions import PromotionBoardView, PromotionsView
from cmc_desktop.ui.promotions.enrolment import EnrolmentDialog
from cmc_desktop.ui.promotions.participant_dialog import ParticipantDialog
from cmc_desktop.ui.promotions.seance_dialog import SeanceDialog
from cmc_desktop.ui.widgets import FrenchDateEdit
from tests.services.factories import accepted_agent

from .helpers import answer_message_box, assert_accessible

PEOPLE = [("Arbousier", "Hélène"), ("Bruyère", "Noël"), ("Châtaignier", "Zoé"), ("Dumoulin", "Éloïse"),
          ("Frênaie", "Maëlle"), ("Genévrier", "François"), ("Houx", "Anaïs"), ("Églantier", "Jérôme"),
          ("Iris", "Loïc"), ("Jonquille", "Bérénice"), ("Lavandin", "Inès"), ("Mélèze", "Théo"),
          ("Kermès", "Gaël")]
KICKOFF = date(2026, 11, 9)  # a week before the tests' today (16/11/2026)


def new_promotion(ws: Workspace, name: str = "Promotion automne 2026") -> int:
    promotion = service.create_promotion(ws, Promotion(name, start_date=date(2026, 11, 2), place="Salle 204"))
    assert promotion.id is not None
    return promotion.id


def enrol(ws: Workspace, promotion_id: int, people: list[tuple[str, str]]) -> dict[str, int]:
    """Enrol `people` through the service; returns their BPP ids by display name."""
    enrolled = {}
    for last, first in people:
        _, demande_id = accepted_agent(ws, last, first)
        enrolled[f"{first} {last.upper()}"] = service.enrol(ws, promotion_id, demande_id).id or 0
    return enrolled


def open_board(window, promotion_id: int) -> PromotionBoardView:
    view = window.navigator.open(PROMOTIONS, promotion_id)
    assert isinstance(view, PromotionsView) and view.board is not None
    return view.board


def type_date(field: FrenchDateEdit, text: str) -> None:
    field.edit.setText(text)
    field.edit.editingFinished.emit()


def select(board: PromotionBoardView, name: str) -> None:
    row = next(r for r, p in enumerate(board.model.participants) if p.display_name == name)
    board.table.selectRow(row)


def shown_seances(board: PromotionBoardView) -> dict[Phase, list[str]]:
    """The séance links each phase card shows."""
    return {phase: [b.accessibleName() for b in card.findChildren(QPushButton, "SeanceButton")
                    if b.isVisible() and b is not card.plan] for phase, card in board.phases.cards.items()}


def hold(ws: Workspace, promotion_id: int, held_on: date = KICKOFF, phase: Phase = Phase.LANCEMENT) -> Seance:
    """A séance that has taken place: planned, then its attendance noted."""
    seance = service.plan_seance(ws, Seance(promotion_id, held_on, phase, "Salle 204", "Lancement"))
    for participant in service.promotion_board(ws, promotion_id).participants:
        seance = service.set_attendance(ws, seance.id or 0, participant.agent_id, True)
    return seance


def participants(ws: Workspace, promotion_id: int) -> list[str]:
    return [p.display_name for p in service.promotion_board(ws, promotion_id).participants]


def test_twelve_agents_enrolled_through_the_dialog_then_the_thirteenth_is_refused(window, ws) -> None:
    promotion_id = new_promotion(ws)
    for last, first in PEOPLE:
        accepted_agent(ws, last, first)
    board = open_board(window, promotion_id)
    board.enrol_button.click()
    dialog = board.dialog
    assert isinstance(dialog, EnrolmentDialog) and dialog.isVisible()
    assert_accessible(dialog)
    assert dialog.list.count() == 13 and not dialog.enrol_button.isEnabled()
    assert dialog.places.text() == "0 participant sur 12 — 12 places libres"
    dialog.set_checked({d.demande_id for d in dialog.demandes[:12]})
    dialog.enrol_button.click()

    assert board.dialog is None and len(participants(ws, promotion_id)) == 12
    assert board.tabs.tabText(0) == "Participants (12/12)"
    assert window.toast.text == "12 agents inscrits dans la promotion."

    board.enrol_button.click()
    dialog = board.dialog
    assert isinstance(dialog, EnrolmentDialog)
    assert [d.display_name for d in dialog.demandes] == ["Gaël KERMÈS"]
    assert "promotion complète" in dialog.places.text()
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.enrol_button.click()
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert dialog.banner.text == ("Inscription de Gaël KERMÈS refusée : "
                                  "La promotion est complète : 12 participants au maximum.")
    assert len(participants(ws, promotion_id)) == 12
    assert "Gaël KERMÈS" not in participants(ws, promotion_id)
    assert [d.display_name for d in enrolable_demandes(ws)] == ["Gaël KERMÈS"]  # still waiting, no BPP
    dialog.reject()


def test_advancing_is_refused_while_a_contract_is_missing_then_works_once_it_is_recorded(window, ws) -> None:
    promotion_id = new_promotion(ws)
    bpps = enrol(ws, promotion_id, PEOPLE[:5] + [("Kermès", "Gaël")])
    for name, bpp_id in bpps.items():
        if name != "Gaël KERMÈS":
            bpp_service.record_contract(ws, bpp_id, KICKOFF)
    hold(ws, promotion_id)
    board = open_board(window, promotion_id)
    assert board.phases.cards[Phase.LANCEMENT].state.text() == "● En cours depuis le 09/11/2026"
    assert "Contrat d'engagement et de confidentialité non signé : Gaël KERMÈS." in board.advance.blockers.text()

    board.advance.button.click()
    assert board.advance.banner.isVisible()
    assert board.advance.banner.text == ("Impossible de passer à la phase d'appui à l'analyse du parcours "
                                         "professionnel :\n• Contrat d'engagement et de confidentialité non signé "
                                         ": Gaël KERMÈS.")
    assert service.get_promotion(ws, promotion_id).current_phase is Phase.LANCEMENT
    assert board.phases.cards[Phase.LANCEMENT].property("state") == "current"

    select(board, "Gaël KERMÈS")
    kermes_row = board.table.currentIndex().row()
    assert board.model.index(kermes_row, Phase.LANCEMENT).data() == "Contrat à signer"
    board.follow_button.click()
    dialog = board.dialog
    assert isinstance(dialog, ParticipantDialog)
    type_date(dialog.contract, "16/11/2026")
    assert dialog.banner.text == "Contrat signé le 16/11/2026 enregistré."
    assert bpp_service.get_bpp(ws, bpps["Gaël KERMÈS"]).contract_signed_on == date(2026, 11, 16)
    dialog.accept()
    assert board.model.index(kermes_row, Phase.LANCEMENT).data() == "Contrat signé le 16/11/2026"
    assert board.advance.blockers.text() == "✓ Tout est prêt."

    answer_message_box("Avancer")
    board.advance.button.click()
    assert service.get_promotion(ws, promotion_id).current_phase is Phase.ANALYSE
    assert all(bpp_service.get_bpp(ws, b).current_phase is Phase.ANALYSE for b in bpps.values())
    assert board.phases.cards[Phase.ANALYSE].property("state") == "current"
    assert board.phases.cards[Phase.ANALYSE].state.text() == "● En cours — commence à sa première séance tenue"
    assert board.phases.cards[Phase.LANCEMENT].property("state") == "done"
    assert board.phases.cards[Phase.LANCEMENT].state.text() == "✓ Terminée (commencée le 09/11/2026)"
    assert board.status.text() == "En cours : phase d'appui à l'analyse du parcours professionnel"
    assert not board.enrol_button.isEnabled()
    assert window.toast.text == "La promotion est passée à la phase d'appui à l'analyse du parcours professionnel."


def test_under_six_participants_the_board_asks_for_a_reason_from_the_list_and_its_text(window, ws) -> None:
    promotion_id = new_promotion(ws)
    for bpp_id in enrol(ws, promotion_id, PEOPLE[:4]).values():
        bpp_service.record_contract(ws, bpp_id, KICKOFF)
    hold(ws, promotion_id)
    board = open_board(window, promotion_id)
    assert board.advance.reason.isVisible() and board.advance.reason_kind.isVisible()
    assert board.advance.reason_label.text() == ("La promotion compte 4 participants, moins de 6 : choisissez la "
                                                 "raison de cet effectif réduit et précisez-la.")
    board.advance.button.click()
    assert "choisissez la raison de cet effectif réduit" in board.advance.banner.text
    assert board.advance.reason_kind.hasFocus()
    assert service.get_promotion(ws, promotion_id).current_phase is Phase.LANCEMENT

    combo = board.advance.reason_kind
    QTest.keyClick(combo, Qt.Key.Key_Down)  # the keyboard chooses the first reason of the list
    combo.activated.emit(combo.currentIndex())
    assert service.get_promotion(ws, promotion_id).small_group_kind is SmallGroupReason.PUBLIC_RESTREINT
    board.advance.reason.setPlainText("Deux désistements ; le groupe démarre à quatre à la demande des agents.")
    answer_message_box("Avancer")
    board.advance.button.click()  # the typed reason is saved first, then the promotion advances
    stored = service.get_promotion(ws, promotion_id)
    assert stored.small_group_reason.startswith("Deux désistements")
    assert stored.current_phase is Phase.ANALYSE
    assert not board.advance.reason.isVisible()


def test_a_seance_before_the_promotion_starts_moves_its_dates_only_once_the_cmc_confirms(window, ws) -> None:
    promotion_id = new_promotion(ws)
    board = open_board(window, promotion_id)
    board.phases.cards[Phase.LANCEMENT].plan.click()
    dialog = board.dialog
    assert isinstance(dialog, SeanceDialog)
    assert [dialog.phase.itemData(i) for i in range(dialog.phase.count())] == [
        Phase.LANCEMENT, Phase.ANALYSE, Phase.PLAN_ACTION]  # the conclusion has no collective séance
    type_date(dialog.held_on, "29/10/2026")
    answer_message_box("Annuler")
    dialog.ok_button.click()
    assert dialog.isVisible() and "hors des dates de la promotion" in dialog.banner.text
    assert service.list_seances(ws, promotion_id) == []
    answer_message_box("Modifier les dates")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert service.get_promotion(ws, promotion_id).start_date == date(2026, 10, 29)
    assert [s.held_on for s in service.list_seances(ws, promotion_id)] == [date(2026, 10, 29)]
    assert not board.phases.cards[Phase.CONCLUSION].plan.isVisible()
    assert board.phases.cards[Phase.CONCLUSION].none.text() == "Entretiens finaux individuels : 0 réalisé sur 0"


def test_seances_are_planned_attendance_taken_after_the_date_and_deleted_with_confirmation(window, ws) -> None:
    promotion_id = new_promotion(ws)
    enrol(ws, promotion_id, PEOPLE[:2])
    board = open_board(window, promotion_id)
    board.phases.cards[Phase.LANCEMENT].plan.click()
    dialog = board.dialog
    assert isinstance(dialog, SeanceDialog)
    assert dialog.place.text() == "Salle 204"
    type_date(dialog.held_on, "09/11/2026")
    dialog.topic.setText("Lancement et contrat d'engagement")
    dialog.ok_button.click()
    board.phases.cards[Phase.ANALYSE].plan.click()
    type_date(board.dialog.held_on, "30/11/2026")
    board.dialog.ok_button.click()
    past, future = service.list_seances(ws, promotion_id)
    assert shown_seances(board) == {  # one link per séance, however often the board reloaded
        Phase.LANCEMENT: ["Séance du 09/11/2026 — Lancement et contrat d'engagement"],
        Phase.ANALYSE: ["Séance du 30/11/2026 — Séance"], Phase.PLAN_ACTION: [], Phase.CONCLUSION: []}
    assert (past.held_on, past.phase, past.topic) == (KICKOFF, Phase.LANCEMENT, "Lancement et contrat d'engagement")
    assert (future.held_on, future.phase) == (date(2026, 11, 30), Phase.ANALYSE)

    board.phases.cards[Phase.ANALYSE].buttons[0].click()
    dialog = board.dialog
    assert isinstance(dialog, SeanceDialog) and dialog.attendance is not None
    assert dialog.attendance.locked.text == ("La séance du 30/11/2026 n'a pas encore eu lieu : la présence se note "
                                             "après la séance.")
    assert not any(box.isEnabled() for box in dialog.attendance.boxes.values())
    dialog.reject()

    board.phases.cards[Phase.LANCEMENT].buttons[0].click()
    dialog = board.dialog
    assert_accessible(dialog)
    grid = dialog.attendance
    assert grid is not None and grid.locked.isHidden()
    first, second = board.model.participants
    grid.boxes[first.agent_id].click()
    grid.boxes[second.agent_id].click()
    grid.boxes[second.agent_id].click()  # ticked then unticked: noted absent
    assert service.list_seances(ws, promotion_id)[0].attendance == {first.agent_id: True, second.agent_id: False}
    assert grid.states[second.agent_id].text() == "Absence"
    dialog.reject()
    assert board.model.participants[0].seances_attended == 1

    board.phases.cards[Phase.LANCEMENT].buttons[0].click()
    answer_message_box("Supprimer")
    board.dialog.delete_button.click()
    assert [s.held_on for s in service.list_seances(ws, promotion_id)] == [date(2026, 11, 30)]
    assert board.dialog is None and shown_seances(board)[Phase.LANCEMENT] == []


def test_the_group_confidential_points_are_added_and_removed(window, ws) -> None:
    promotion_id = new_promotion(ws)
    board = open_board(window, promotion_id)
    board.tabs.setCurrentWidget(board.points)
    assert_accessible(board.points)
    board.points.new_point.setText("Ce qui est dit en séance reste dans le groupe.")
    board.points.add_button.click()
    board.points.new_point.setText("Aucun échange sur un participant absent.")
    QTest.keyClick(board.points.new_point, Qt.Key.Key_Return)
    assert service.confidential_points(ws, promotion_id) == ["Ce qui est dit en séance reste dans le groupe.",
                                                             "Aucun échange sur un participant absent."]
    assert board.tabs.tabText(1) == "Points confidentiels (2)"
    board.points.add_button.click()  # empty: refused, nothing added
    assert board.points.banner.isVisible() and len(service.confidential_points(ws, promotion_id)) == 2

    board.points.list.setCurrentRow(0)
    answer_message_box("Retirer")
    board.points.remove_button.click()
    assert service.confidential_points(ws, promotion_id) == ["Aucun échange sur un participant absent."]
    assert board.points.list.count() == 1


def test_a_participant_is_taken_out_after_confirmation(window, ws) -> None:
    promotion_id = new_promotion(ws)
    enrol(ws, promotion_id, PEOPLE[:3])
    board = open_board(window, promotion_id)
    select(board, "Noël BRUYÈRE")
    answer_message_box("Annuler")
    board.unenrol_button.click()
    assert len(participants(ws, promotion_id)) == 3
    answer_message_box("Retirer")
    board.unenrol_button.click()
    assert participants(ws, promotion_id) == ["Hélène ARBOUSIER", "Zoé CHÂTAIGNIER"]
    assert board.tabs.tabText(0) == "Participants (2/12)"
    assert "Noël BRUYÈRE" in [d.display_name for d in enrolable_demandes(ws)]


def test_the_board_is_accessible_and_keyboard_driven(window, ws) -> None:
    promotion_id = new_promotion(ws)
    enrol(ws, promotion_id, PEOPLE[:2])
    service.plan_seance(ws, Seance(promotion_id, KICKOFF, Phase.LANCEMENT, topic="Lancement"))
    view = window.navigator.open(PROMOTIONS, None)
    assert isinstance(view, PromotionsView) and view.currentWidget() is view.list_page
    assert_accessible(view)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    board = view.board
    assert board is not None and view.currentWidget() is board
    controls = assert_accessible(board)
    assert board.table in controls and board.advance.button in controls
    assert board.phases.cards[Phase.LANCEMENT].buttons[0] in controls
    QTest.keyClick(board.table, Qt.Key.Key_Return)  # Enter on a participant: their follow-up
    assert isinstance(board.dialog, ParticipantDialog)
    QTest.keyClick(board.dialog, Qt.Key.Key_Escape)
    assert board.dialog is None
    QTest.keyClick(board.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.currentWidget() is view.list_page and view.board is None
