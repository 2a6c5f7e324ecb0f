"""The agent's file: identity autosave, priority grounds, référent handicap, demandes and decisions, BPP and
promotion, interviews and syntheses opened elsewhere, the end of the accompaniment."""

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from cmc_desktop.domain.accompaniment import Questionnaire
from cmc_desktop.domain.agent import AgentState, Category, PriorityGround
from cmc_desktop.domain.bpp import BppForm
from cmc_desktop.domain.demande import Decision, DemandeStatus, Initiative, ReportReason
from cmc_desktop.domain.promotion import Promotion
from cmc_desktop.domain.satisfaction import AccompanimentKind
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent, get_agent_file
from cmc_desktop.services.bpp import start_bpp
from cmc_desktop.services.demandes import decide_demande, demandes_for_agent, get_demande, record_demande
from cmc_desktop.services.interviews import get_interview, interviews_for_agent, start_e2
from cmc_desktop.services.promotions import create_promotion
from cmc_desktop.services.satisfaction import list_for_agent
from cmc_desktop.services.synthesis import create_synthesis
from cmc_desktop.ui import theme
from cmc_desktop.ui.agents import AgentsView
from cmc_desktop.ui.agents.agent_file import REFERENT_WARNING, AgentFileView
from cmc_desktop.ui.agents.demande_dialog import DemandeDialog
from cmc_desktop.ui.agents.identity_form import NOTES_TITLE
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import INTERVIEWS, SYNTHESES

from .agents_helpers import agents_view, new_agent
from .helpers import accessible_name, answer_message_box, assert_accessible, type_text, when_modal
from .secret_helpers import focused, show_active

TODAY = date(2026, 11, 16)  # the `ws` fixture's clock


def open_file(window: MainWindow, agent_id: int) -> tuple[AgentsView, AgentFileView]:
    view = agents_view(window)
    view.open_item(agent_id)
    assert view.file is not None and view.file.isVisible()
    return view, view.file


def set_date(edit, text: str) -> None:
    edit.edit.setText(text)
    edit.edit.editingFinished.emit()


def accepted_demande(ws, agent_id: int, requested: date = date(2026, 10, 1)) -> int:
    demande_id = record_demande(ws, agent_id, requested)
    decide_demande(ws, demande_id, Decision.ACCORD, requested + timedelta(days=10))
    return demande_id


def test_identity_fields_save_themselves(window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Œuvray-Dàvid", "Hélène")
    _, file = open_file(window, agent_id)
    form = file.identity
    fonction = form.lines["fonction"]
    type_text(fonction, "Cheffe de bureau à l'accueil")
    fonction.editingFinished.emit()  # leaving the field commits at once (else after a pause)
    form.category.setCurrentIndex(form.category.findText("C"))
    form.category.activated.emit(form.category.currentIndex())
    form.grounds[PriorityGround.CAT_C_SANS_DIPLOME].click()
    set_date(form.date_prise_fonction, "01/09/2019")
    type_text(form.notes, "Souhaite changer de métier.")
    form.notes.flush()

    stored = get_agent(ws, agent_id)
    assert stored.fonction == "Cheffe de bureau à l'accueil" and stored.category is Category.C
    assert stored.priority_grounds == frozenset({PriorityGround.CAT_C_SANS_DIPLOME})
    assert stored.date_prise_fonction == date(2019, 9, 1) and stored.private_notes == "Souhaite changer de métier."
    assert "Accès prioritaire au BPP" in file.subtitle.text() and "Catégorie C" in file.subtitle.text()
    assert accessible_name(form.notes) == NOTES_TITLE
    assert "jamais dans le document de synthèse" in NOTES_TITLE


def test_a_refused_field_keeps_its_text_and_message_without_holding_the_others(window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Bruyère", "Noël", category=Category.B)
    _, file = open_file(window, agent_id)
    form = file.identity
    last_name = form.lines["last_name"]
    last_name.selectAll()
    last_name.del_()
    last_name.editingFinished.emit()
    assert form.error_text("last_name") == "Le champ « Nom » est obligatoire."
    assert get_agent(ws, agent_id).last_name == "Bruyère"

    form.grounds[PriorityGround.CAT_C_SANS_DIPLOME].click()  # refused: the agent is in category B
    assert form.error_text("priority_grounds").startswith("Le motif « catégorie C sans diplôme de niveau 4 »")
    assert form.grounds[PriorityGround.CAT_C_SANS_DIPLOME].isChecked()
    email = form.lines["email"]
    type_text(email, "noel.bruyere@exemple.invalid")
    email.editingFinished.emit()  # another field still saves
    assert get_agent(ws, agent_id).email == "noel.bruyere@exemple.invalid"
    assert get_agent(ws, agent_id).priority_grounds == frozenset()

    form.category.setCurrentIndex(form.category.findText("C"))  # the ground refused earlier now goes through
    form.category.activated.emit(form.category.currentIndex())
    assert get_agent(ws, agent_id).priority_grounds == frozenset({PriorityGround.CAT_C_SANS_DIPLOME})
    assert form.error_text("priority_grounds") == ""
    type_text(last_name, "Bruyère-Lœuvre")
    last_name.editingFinished.emit()
    assert get_agent(ws, agent_id).last_name == "Bruyère-Lœuvre" and form.error_text("last_name") == ""
    assert file.title.text() == "Noël BRUYÈRE-LŒUVRE"


def test_the_referent_handicap_warning_shows_until_the_referent_is_informed(window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Houx", "Anaïs", priority_grounds=frozenset({PriorityGround.L5212_13}))
    start_bpp(ws, accepted_demande(ws, agent_id), BppForm.INDIVIDUEL, individual_reason="Aménagements.")
    _, file = open_file(window, agent_id)
    assert file.referent_warning.isVisible() and file.referent_warning.text == REFERENT_WARNING

    set_date(file.identity.referent_informed_on, "10/11/2026")
    file.identity.referent_associated.click()
    assert not file.referent_warning.isVisible()
    stored = get_agent(ws, agent_id)
    assert stored.referent_handicap_informed_on == date(2026, 11, 10) and stored.referent_handicap_associated

    set_date(file.identity.referent_informed_on, "10/11/2031")  # refused by the service: in the future
    assert "Référent handicap informé le" in file.identity.error_text("referent_handicap_informed_on")
    assert get_agent(ws, agent_id).referent_handicap_informed_on == date(2026, 11, 10)


def test_a_refusal_without_a_reason_is_refused_then_stored_with_one(qtbot, window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Œuvray-Dàvid", "Hélène")
    _, file = open_file(window, agent_id)
    file.tabs.setCurrentWidget(file.demandes)
    tab = file.demandes

    tab.new_button.click()
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Nouvelle demande de BPP"
    assert "rejetée le 16/01/2027" in dialog.deadline.text()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [pending] = demandes_for_agent(ws, agent_id)
    assert pending.status is DemandeStatus.EN_ATTENTE and pending.request_date == TODAY
    assert tab.table.item(0, 5).text() == "En attente — rejet implicite le 16/01/2027 (dans 61 jours)"
    assert file.tabs.tabText(file.tabs.indexOf(file.demandes)) == "Demandes de BPP (1)"

    tab.table.selectRow(0)
    tab.decide_button.click()
    dialog = tab.dialog
    assert dialog.windowTitle() == "Décision de la hiérarchie"
    assert_accessible(dialog)
    dialog.decision.setCurrentIndex(dialog.decision.findText(Decision.REFUS.label))
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.banner.text == "Un refus doit être motivé : indiquez le motif communiqué par la hiérarchie."
    assert get_demande(ws, pending.id).decision is Decision.EN_ATTENTE
    assert dialog.decision.currentText() == Decision.REFUS.label  # the input is kept

    type_text(dialog.reason, "Continuité du service pendant la réorganisation.")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = get_demande(ws, pending.id)
    assert (stored.decision, stored.decision_date, stored.reason) == (
        Decision.REFUS, TODAY, "Continuité du service pendant la réorganisation.")
    assert [tab.table.item(0, c).text() for c in (2, 4, 5)] == [
        "Refus motivé", "Continuité du service pendant la réorganisation.", "Refusée"]


def test_a_report_needs_its_reason_hrs_prior_agreement_and_horizon_and_the_dialog_guards_its_input(
        qtbot, window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Bruyère", "Noël")
    demande_id = record_demande(ws, agent_id, date(2026, 10, 1))
    dialog = DemandeDialog(ws, agent_id, window, demande_id=demande_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.decision.setCurrentIndex(dialog.decision.findText(Decision.REPORT.label))
    assert dialog.hr_agreement.isVisible() and dialog.report_reason.isVisible() and dialog.report_until.isVisible()
    assert_accessible(dialog)
    type_text(dialog.reason, "Continuité du service.")
    dialog.save_button.click()
    assert "choisissez-en la raison" in dialog.banner.text
    dialog.report_reason.setCurrentIndex(dialog.report_reason.findText(ReportReason.ECHEANCE.label))
    dialog.save_button.click()
    assert "accord préalable du service RH" in dialog.banner.text

    answer_message_box("Continuer la saisie")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.reason.toPlainText() == "Continuité du service."
    set_date(dialog.hr_agreement, "16/10/2026")
    set_date(dialog.report_until, "15/01/2027")
    set_date(dialog.decision_date, "31/02/2026")
    dialog.save_button.click()
    assert "n'existe pas dans le calendrier" in dialog.banner.text
    set_date(dialog.decision_date, "15/10/2026")
    dialog.save_button.click()
    assert "doit précéder la décision de report" in dialog.banner.text  # HR agreed after the decision
    set_date(dialog.hr_agreement, "14/10/2026")
    QTest.keyClick(dialog.decision_date.edit, Qt.Key.Key_Return)  # Entrée records the decision
    assert not dialog.isVisible()
    stored = get_demande(ws, demande_id)
    assert (stored.decision, stored.decision_date, stored.hr_agreement_on, stored.report_until) == (
        Decision.REPORT, date(2026, 10, 15), date(2026, 10, 14), date(2027, 1, 15))


def test_a_bpp_of_right_offers_no_refusal_and_no_report(qtbot, window: MainWindow, ws) -> None:
    agent_id = create_agent(ws, AgentInput("Garnier", "Luc", priority_grounds=frozenset(
        {PriorityGround.RESTRUCTURATION})))
    dialog = DemandeDialog(ws, agent_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.of_right.isChecked() and "ni refusé ni reporté" in dialog.deadline.text()
    dialog.save_button.click()
    [demande] = demandes_for_agent(ws, agent_id)
    assert demande.of_right and demande.status is DemandeStatus.DE_DROIT
    decision = DemandeDialog(ws, agent_id, window, demande_id=demande.id)
    qtbot.addWidget(decision)
    assert [decision.decision.itemText(i) for i in range(decision.decision.count())] == [
        "Choisir la décision…", Decision.ACCORD.label]


def test_the_dialog_records_a_referral_from_an_e2_interview(qtbot, window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Saule", "Mathéo")
    interview_id = start_e2(ws, agent_id, date(2026, 11, 2))
    dialog = DemandeDialog(ws, agent_id, window, source_interview_id=interview_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.initiative.setCurrentIndex(dialog.initiative.findText(Initiative.EMPLOYEUR.label))
    dialog.agent_agreement.click()  # unchecked: refused, an employer's initiative needs the agent's agreement
    dialog.save_button.click()
    assert dialog.banner.text.startswith("Une demande à l'initiative de l'employeur suppose l'accord de l'agent")
    assert demandes_for_agent(ws, agent_id) == []
    dialog.agent_agreement.click()
    dialog.save_button.click()
    assert not dialog.isVisible() and dialog.demande_id is not None
    stored = get_demande(ws, dialog.demande_id)
    assert (stored.source_interview_id, stored.initiative) == (interview_id, Initiative.EMPLOYEUR)
    assert get_interview(ws, interview_id).referred_to_bpp


def test_a_demande_near_its_implicit_rejection_is_flagged(window: MainWindow, ws) -> None:
    near = new_agent(ws, "Quetsche", "Rémi")
    record_demande(ws, near, date(2026, 9, 25))  # silence becomes a rejection on 25/11/2026
    _, file = open_file(window, near)
    tab = file.demandes
    assert tab.table.item(0, 5).text() == "En attente — rejet implicite le 25/11/2026 (dans 9 jours)"
    assert tab.table.item(0, 5).foreground().color() == QColor(theme.WARNING)
    assert tab.warning.text.startswith("La demande du 25/09/2026 sera implicitement rejetée le 25/11/2026")

    past = new_agent(ws, "Tilleul", "Océane")
    record_demande(ws, past, date(2026, 9, 1))
    _, file = open_file(window, past)
    assert file.demandes.table.item(0, 5).text().startswith("Rejet implicite depuis le 01/11/2026")
    assert file.demandes.table.item(0, 5).foreground().color() == QColor(theme.ERROR)


def test_an_accepted_agent_joins_the_nearest_promotion(window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Mélèze", "Théo")
    accepted_demande(ws, agent_id)
    _, file = open_file(window, agent_id)
    file.tabs.setCurrentWidget(file.bpp)
    file.bpp.enrol_button.click()
    assert file.bpp.banner.text.startswith("Aucune promotion à venir n'a de place libre")
    assert get_agent_file(ws, agent_id).bpps == []

    create_promotion(ws, Promotion("Cap Hiver", start_date=date(2026, 12, 7), place="Salle 12"))
    create_promotion(ws, Promotion("Cap Printemps", start_date=date(2027, 3, 1), online=True))
    answer_message_box("Inscrire")
    file.bpp.enrol_button.click()
    [bpp] = get_agent_file(ws, agent_id).bpps
    assert (bpp.promotion_name, bpp.form) == ("Cap Hiver", BppForm.COLLECTIF)
    assert file.bpp.enrol_button is None and file.tabs.tabText(file.tabs.indexOf(file.bpp)) == "BPP et promotion (1)"
    assert window.toast.text == "Agent inscrit dans la promotion « Cap Hiver »."

    set_date(file.bpp.contracts[bpp.id], "16/11/2026")
    assert get_agent_file(ws, agent_id).bpps[0].contract_signed_on == TODAY


def test_new_e2_and_syntheses_open_in_their_views(qtbot, window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Vigne", "Capucine")
    synthesis_id = create_synthesis(ws, agent_id, SynthesisKind.E2)
    _, file = open_file(window, agent_id)
    file.tabs.setCurrentWidget(file.interviews)
    file.interviews.new_button.click()  # asks first: type (E2 proposed), date, modality
    dialog = file.interviews.new_dialog
    assert dialog is not None and dialog.search is None and dialog.type.currentText().startswith("E2")
    assert interviews_for_agent(ws, agent_id) == []
    show_active(qtbot, dialog)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)  # nothing typed: closes, and nothing is made
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert interviews_for_agent(ws, agent_id) == [] and window.current_key != INTERVIEWS

    file.interviews.new_button.click()
    dialog = file.interviews.new_dialog
    assert dialog is not None
    show_active(qtbot, dialog)
    dialog.held_on.edit.clear()
    type_text(dialog.held_on.edit, "12/11/2026")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [interview] = interviews_for_agent(ws, agent_id)
    assert interview.held_on == date(2026, 11, 12) and window.current_key == INTERVIEWS

    view, file = open_file(window, agent_id)
    assert file.interviews.table.rowCount() == 1
    assert file.tabs.tabText(file.tabs.indexOf(file.interviews)) == "Entretiens (1)"
    file.tabs.setCurrentWidget(file.syntheses)
    file.syntheses.table.selectRow(0)
    assert file.syntheses.table.current_id() == synthesis_id
    file.syntheses.open_button.click()
    assert window.current_key == SYNTHESES


def choose(combo, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))


def test_closing_the_accompaniment_asks_its_outcome_then_ends_it(window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Romarin", "Célia")
    _, file = open_file(window, agent_id)
    when_modal(lambda dialog: QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape))  # nothing typed: closes
    file.state_button.click()
    assert get_agent(ws, agent_id).state is AgentState.ACTIF

    def fill(dialog) -> None:
        assert dialog.windowTitle() == "Clore l'accompagnement"
        set_date(dialog.request.requested_on, "01/09/2026")  # no request recorded yet: asked here
        choose(dialog.project_combo, "Mobilité interne")
        choose(dialog.result_combo, "Mobilité réalisée")
        dialog.choices[Questionnaire.PAPIER].click()
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    when_modal(fill)
    file.state_button.click()
    stored = get_agent(ws, agent_id)
    assert (stored.state, stored.accompaniment_ended_on) == (AgentState.TERMINE, TODAY)
    [closed] = get_agent_file(ws, agent_id).accompaniments
    assert (closed.request.requested_on, closed.questionnaire) == (date(2026, 9, 1), Questionnaire.PAPIER)
    assert file.state_button.text() == "Reprendre l'accompagnement"
    assert "Accompagnement terminé le 16/11/2026" in file.subtitle.text()
    assert not file.demandes.new_button.isEnabled()
    file.state_button.click()
    assert get_agent(ws, agent_id).state is AgentState.ACTIF


def test_an_open_bpp_prevents_closing_and_says_why(window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Ulmaire", "Bastien")
    start_bpp(ws, accepted_demande(ws, agent_id), BppForm.INDIVIDUEL, individual_reason="Aménagements.")
    _, file = open_file(window, agent_id)
    seen: list[str] = []

    def fill(dialog) -> None:
        choose(dialog.project_combo, "Reconversion professionnelle")
        choose(dialog.result_combo, "Projet abandonné")
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        seen.append(dialog.banner.text)
        assert dialog.isVisible()
        dialog.reject()

    when_modal(fill)
    file.state_button.click()
    assert seen == ["Le BPP de cet agent est en cours : clôturez-le avant de terminer l'accompagnement."]
    assert get_agent(ws, agent_id).state is AgentState.ACTIF


def test_every_tab_of_the_file_is_accessible(window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Iris", "Loïc")
    start_bpp(ws, accepted_demande(ws, agent_id), BppForm.INDIVIDUEL, individual_reason="Aménagements.")
    _, file = open_file(window, agent_id)
    for index in range(file.tabs.count()):
        file.tabs.setCurrentIndex(index)
        assert_accessible(file)
    assert_accessible(file.identity)


def test_locking_closes_a_demande_dialog_without_a_question(window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Kermès", "Gaël")
    record_demande(ws, agent_id, date(2026, 10, 1))
    _, file = open_file(window, agent_id)
    file.demandes.table.selectRow(0)
    file.demandes.decide_button.click()
    dialog = file.demandes.dialog
    type_text(dialog.reason, "Motif en cours de saisie")
    assert dialog.has_pending_input()
    window.lock()  # must not wait for an answer
    assert window.locked and not dialog.isVisible()


def test_the_satisfaction_questionnaire_opens_from_the_file_for_the_right_accompaniment(window: MainWindow, ws) -> None:
    agent_id = new_agent(ws, "Quiétude", "Aimée")
    _, file = open_file(window, agent_id)

    def answer(dialog) -> None:
        dialog.declined.click()
        dialog.save_button.click()

    when_modal(answer)
    file.satisfaction_button.click()
    assert [(s.accompaniment, s.declined) for s in list_for_agent(ws, agent_id)] == [(AccompanimentKind.E2, True)]


def test_the_file_is_journaled_when_opened_not_when_reread_after_its_own_changes(window: MainWindow, ws) -> None:
    from cmc_desktop.data.repositories import audit
    from cmc_desktop.domain.audit import AuditCode

    def openings() -> int:
        with ws.store.session() as s:
            return sum(1 for e in audit.entries(s) if e.code == AuditCode.AGENT_OPENED)

    agent_id = new_agent(ws, "Journal", "Jeanne")
    view, file = open_file(window, agent_id)
    assert openings() == 1
    file.demandes.changed.emit("Demande de BPP enregistrée.")  # what a tab says after its own change
    file.bpp.changed.emit("")
    assert openings() == 1
    view.open_item(agent_id)  # back to the same file from elsewhere: an opening again
    assert openings() == 2
