"""The E2 editor: the three phases driven through the widgets and autosaved, the private notes kept apart,
a refused date, the series of interviews, the referral to a BPP."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cmc_desktop.domain.interview import Mode, PropositionItem, SupportKind
from cmc_desktop.domain.synthesis import Author
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services.demandes import demandes_for_agent
from cmc_desktop.services.interviews import InterviewInput, get_interview, interviews_for_agent, start_e2
from cmc_desktop.services.synthesis import create_synthesis, private_notes_free, set_field
from cmc_desktop.ui.main_window import MainWindow

from ..services.factories import make_agent
from .helpers import assert_accessible, type_text
from .interviews_helpers import open_editor, type_date, write
from .secret_helpers import focused, show_active

PRIVATE = "Évoque des difficultés familiales, à ne pas transmettre."


def test_an_e2_runs_through_its_three_phases_and_everything_is_stored(qtbot, window: MainWindow, ws) -> None:
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    interview_id = start_e2(ws, agent_id, date(2026, 11, 16))
    editor = open_editor(window, interview_id)
    assert editor.title.text() == "Zéphyrine QUASTENBRÜCK"
    assert editor.series.title.text() == "Accompagnement : 1 entretien"
    assert [editor.tabs.tabText(i) for i in range(editor.tabs.count())] == [
        "1 · Proposition d'accompagnement", "2 · Appui", "3 · Conclusion", "Notes privées du conseiller"]

    # The header.
    editor.mode.setCurrentIndex(editor.mode.findText("À distance"))
    editor.mode.activated.emit(editor.mode.currentIndex())
    editor.duration.setValue(75)
    write(editor.subject, "Projet de mobilité vers la formation")

    # Phase 1: what was shared, then notes — saved by the debounce, without leaving the field.
    for item in (PropositionItem.CONTEXTE, PropositionItem.CONFIDENTIALITE, PropositionItem.DUREE):
        editor.proposition.items[item].click()
    editor.proposition.items[PropositionItem.DUREE].click()  # unticked again
    type_text(editor.proposition.texts["proposition_notes"], "Cadre et durée présentés.")
    qtbot.waitUntil(lambda: get_interview(ws, interview_id).data.proposition_notes == "Cadre et durée présentés.")
    assert editor.tabs.tabToolTip(0) == "Phase renseignée" and editor.tabs.tabToolTip(1) == "Phase à renseigner"
    assert editor.proposition.next_button is not None
    editor.proposition.next_button.click()
    assert editor.tabs.currentWidget() is editor.support

    # Phase 2: the kind of support, with what it means, then notes.
    assert editor.support.kinds[SupportKind.CONSTRUCTION].accessibleDescription().startswith("L'agent a une idée")
    editor.support.kinds[SupportKind.CONSTRUCTION].click()
    write(editor.support.texts["support_notes"], "Explorer les métiers de formateur.")
    assert editor.support.next_button is not None
    editor.support.next_button.click()
    assert editor.tabs.currentWidget() is editor.conclusion

    # Phase 3 and the private notes.
    write(editor.conclusion.texts["progress_shared"], "Deux pistes retenues.")
    write(editor.conclusion.texts["next_actions"], "Rencontrer deux formateurs internes.")
    editor.tabs.setCurrentWidget(editor.private)
    write(editor.private.notes, PRIVATE)

    assert get_interview(ws, interview_id).data == InterviewInput(
        held_on=date(2026, 11, 16), mode=Mode.DISTANCE, duration_minutes=75,
        subject="Projet de mobilité vers la formation",
        proposition_items=frozenset({PropositionItem.CONTEXTE, PropositionItem.CONFIDENTIALITE}),
        proposition_notes="Cadre et durée présentés.", support_kind=SupportKind.CONSTRUCTION,
        support_notes="Explorer les métiers de formateur.", progress_shared="Deux pistes retenues.",
        next_actions="Rencontrer deux formateurs internes.", private_notes=PRIVATE)
    assert [editor.tabs.tabToolTip(i) for i in range(3)] == ["Phase renseignée"] * 3
    [summary] = interviews_for_agent(ws, agent_id)
    assert summary.subject == "Projet de mobilité vers la formation"  # the list shows no notes

    # Reopened, the editor shows what was stored.
    window.navigator.open("entretiens", None)
    editor = open_editor(window, interview_id)
    assert editor.proposition.checked() == {PropositionItem.CONTEXTE, PropositionItem.CONFIDENTIALITE}
    assert editor.support.kind() is SupportKind.CONSTRUCTION
    assert editor.private.notes.toPlainText() == PRIVATE
    assert editor.duration.value() == 75 and editor.mode.currentText() == "À distance"


def test_private_notes_are_stored_apart_and_flagged_private(window: MainWindow, ws) -> None:
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    interview_id = start_e2(ws, agent_id, date(2026, 11, 16))
    editor = open_editor(window, interview_id)
    editor.tabs.setCurrentWidget(editor.private)
    assert editor.private.notes.accessibleName() == "Notes privées du conseiller (hors synthèse)"
    assert editor.tabs.tabToolTip(editor.tabs.indexOf(editor.private)) == "Jamais dans le document de synthèse"
    write(editor.private.notes, PRIVATE)
    write(editor.conclusion.texts["progress_shared"], "Projet confirmé.")

    stored = get_interview(ws, interview_id).data
    assert stored.private_notes == PRIVATE
    assert PRIVATE not in (stored.progress_shared, stored.next_actions, stored.support_notes, stored.subject)
    # The synthesis knows them as private: absent from the prefilled document, flagged if copied into it.
    synthesis_id = create_synthesis(ws, agent_id, SynthesisKind.E2)
    assert private_notes_free(ws, synthesis_id)
    set_field(ws, synthesis_id, "e2.2", PRIVATE, Author.CMC)
    assert not private_notes_free(ws, synthesis_id)


def test_an_impossible_date_is_refused_in_french_and_the_input_is_kept(window: MainWindow, ws) -> None:
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    interview_id = start_e2(ws, agent_id, date(2026, 11, 12))
    editor = open_editor(window, interview_id)

    type_date(editor.held_on.edit, "31/02/2026")
    assert editor.held_on.error_text == ("Le 31/02/2026 n'existe pas dans le calendrier : vérifiez le jour et le "
                                         "mois.")
    assert editor.held_on.edit.text() == "31/02/2026"
    type_date(editor.held_on.edit, "12/11/2031")  # a real date, but not a plausible one
    assert editor.banner.isVisible()
    assert editor.banner.text.startswith("La date « Date de l'entretien » (12/11/2031) n'est pas plausible")
    assert editor.held_on.edit.text() == "12/11/2031"
    assert editor.held_on.edit.property("invalid") is True
    assert get_interview(ws, interview_id).data.held_on == date(2026, 11, 12)

    type_date(editor.held_on.edit, "10/11/2026")
    assert not editor.banner.isVisible() and editor.held_on.edit.property("invalid") is False
    assert get_interview(ws, interview_id).data.held_on == date(2026, 11, 10)
    assert "du 10/11/2026" in editor.subtitle.text()


def test_the_series_of_e2_interviews_and_moving_between_them(qtbot, window: MainWindow, ws) -> None:
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    first = start_e2(ws, agent_id, date(2026, 10, 5))
    second = start_e2(ws, agent_id, date(2026, 11, 2))
    editor = open_editor(window, first)
    assert editor.series.title.text() == "Accompagnement : 2 entretiens"
    assert editor.series.list.item(0).text().startswith("1. 05/10/2026")
    assert editor.series.list.item(0).text().endswith("(ouvert)")

    write(editor.subject, "Premier entretien")  # pending edits go with the interview left
    editor.series.list.itemClicked.emit(editor.series.list.item(1))
    view = window.current_view()
    assert view.editor is not None and view.editor.interview_id == second
    assert get_interview(ws, first).data.subject == "Premier entretien"
    assert view.editor.series.list.item(0).text() == "1. 05/10/2026 — Premier entretien"

    before = view.editor
    before.series.new_button.click()  # the next interview of the accompaniment: its date is asked first
    dialog = before.new_dialog
    assert dialog is not None and dialog.search is None and dialog.held_on.edit.text() == "16/11/2026"
    assert len(interviews_for_agent(ws, agent_id)) == 2  # nothing made by the click alone
    show_active(qtbot, dialog)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)  # nothing typed: closes, nothing made
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(interviews_for_agent(ws, agent_id)) == 2

    before.series.new_button.click()
    dialog = before.new_dialog
    assert dialog is not None
    show_active(qtbot, dialog)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    third = view.editor.interview_id
    assert third not in (first, second)
    assert get_interview(ws, third).data.held_on == date(2026, 11, 16)
    assert view.editor.series.title.text() == "Accompagnement : 3 entretiens"
    assert window.toast.text == "Entretien créé."


def test_orienter_vers_un_bpp_records_the_demande_from_this_interview(qtbot, window: MainWindow, ws) -> None:
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    interview_id = start_e2(ws, agent_id, date(2026, 11, 16))
    editor = open_editor(window, interview_id)
    referral = editor.referral
    assert referral is not None and referral.refer_button.text() == "Orienter vers un BPP…"

    referral.refer_button.click()  # cancelled: nothing is recorded
    dialog = referral.dialog
    assert dialog is not None and dialog.isVisible() and dialog.source_interview_id == interview_id
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert demandes_for_agent(ws, agent_id) == [] and not get_interview(ws, interview_id).referred_to_bpp

    referral.refer_button.click()
    dialog = referral.dialog
    assert dialog is not None
    assert dialog.request_date.date() == date(2026, 11, 16)  # pre-filled for the agent, from this interview
    assert "16/01/2027" in dialog.deadline.text()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [demande] = demandes_for_agent(ws, agent_id)
    assert (demande.source_interview_id, demande.request_date) == (interview_id, date(2026, 11, 16))
    stored = get_interview(ws, interview_id)
    assert stored.referred_to_bpp and stored.demande_id == demande.id
    assert referral.refer_button.text() == "Orienté vers un BPP le 16/11/2026"
    assert not referral.refer_button.isEnabled()
    assert referral.status.text() == "Demande : En attente — rejet implicite le 16/01/2027 (dans 61 jours)"
    assert "Orienté vers un BPP" in editor.subtitle.text()
    assert editor.series.list.item(0).text().endswith("orienté vers un BPP  (ouvert)")
    assert window.toast.text == "Demande de BPP enregistrée : elle attend l'accord de la hiérarchie."

    referral.demande_button.click()  # the demande, to record the hierarchy's decision
    decision = referral.dialog
    assert decision is not None and decision.demande_id == demande.id and decision.windowTitle() == \
        "Décision de la hiérarchie"
    decision.cancel_button.click()
    qtbot.waitUntil(lambda: not decision.isVisible())


def test_the_editor_is_accessible_on_every_phase(window: MainWindow, ws) -> None:
    interview_id = start_e2(ws, make_agent(ws, "Quastenbrück", "Zéphyrine"), date(2026, 11, 16))
    editor = open_editor(window, interview_id)
    checked = set()
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        checked.update(assert_accessible(editor))
    names = {c.accessibleName() for c in checked}
    assert {"Date de l'entretien", "Modalité", "Durée de l'entretien en minutes", "Objet de l'entretien",
            "Notes sur l'appui", "Prochaines actions", "Notes privées du conseiller (hors synthèse)"} <= names

