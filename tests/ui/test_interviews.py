"""The list of interviews: Ctrl+N « Nouvel entretien » (agent searched without accents), filters by type,
lazy loading, Enter opens, back to the list."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cmc_desktop.domain.interview import InterviewType, Mode
from cmc_desktop.services.interviews import get_interview, interviews_for_agent, start_interview
from cmc_desktop.ui.interviews.list_model import AGENT, FOLLOW_UP, SUBJECT, TYPE
from cmc_desktop.ui.main_window import MainWindow

from ..services.factories import make_agent
from .helpers import answer_message_box, assert_accessible, type_text
from .interviews_helpers import interviews_view


def _column(view, column: int) -> list[str]:
    return [view.model.index(r, column).data() for r in range(view.model.rowCount())]


def test_ctrl_n_creates_an_e2_for_an_agent_found_without_accents(qtbot, window: MainWindow, ws) -> None:
    make_agent(ws, "Martin", "Marc")
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    view = interviews_view(window)
    assert view.count.text() == "Aucun entretien"

    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = view.new_dialog
    assert dialog is not None and dialog.isVisible() and dialog.search is not None and dialog.results is not None
    assert_accessible(dialog)
    assert dialog.results.count() == 2  # every agent in accompaniment, before typing
    type_text(dialog.search, "zephyrine quasten")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)  # down into the agents found, not « Créer »
    assert dialog.isVisible() and dialog.results.currentRow() == 0
    assert dialog.agent_id == agent_id and dialog.type.currentText() == "E2 — Entretien projet de mobilité"
    dialog.mode.setCurrentIndex(dialog.mode.findText("À distance"))
    dialog.held_on.edit.clear()
    type_text(dialog.held_on.edit, "13/11/2026")
    dialog.create_button.click()

    qtbot.waitUntil(lambda: not dialog.isVisible())
    [created] = interviews_for_agent(ws, agent_id)
    assert (created.type, created.held_on, created.mode) == (InterviewType.E2, date(2026, 11, 13), Mode.DISTANCE)
    assert view.editor is not None and view.editor.interview_id == created.id  # its editor opens
    assert window.toast.text == "Entretien créé."
    view.editor.back_button.click()
    assert view.count.text() == "1 entretien"
    assert _column(view, AGENT) == ["Zéphyrine QUASTENBRÜCK"]
    assert view.table.currentIndex().row() == 0  # back on the interview just left


def test_ctrl_n_from_an_interview_is_for_the_same_agent(window: MainWindow, ws) -> None:
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    interview_id = start_interview(ws, agent_id, InterviewType.E2, date(2026, 11, 2))
    view = interviews_view(window)
    view.open_item(interview_id)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = view.new_dialog
    assert dialog is not None and dialog.search is None and dialog.agent_id == agent_id
    dialog.type.setCurrentIndex(dialog.type.findText("E1 — Info-mobilité"))
    assert dialog.type_hint.text().startswith("Une réponse à une question de mobilité")
    dialog.create_button.click()
    assert view.editor is not None and view.editor.interview_id != interview_id
    assert get_interview(ws, view.editor.interview_id).type is InterviewType.E1
    # An E1 has no guided phases: the answer and aiguillage, an account of the interview and the private notes.
    assert [view.editor.tabs.tabText(i) for i in range(view.editor.tabs.count())] == [
        "Réponse et aiguillage", "Compte rendu", "Notes privées du conseiller"]
    assert view.editor.referral is None


def test_a_missing_agent_or_date_is_refused_and_the_input_kept(qtbot, window: MainWindow, ws) -> None:
    make_agent(ws, "Quastenbrück", "Zéphyrine")
    view = interviews_view(window)
    dialog = view.create_new()
    dialog.create_button.click()
    assert dialog.isVisible() and dialog.banner.text == "Choisissez l'agent dans la liste : recherchez-le par son nom."
    assert dialog.results is not None
    dialog.results.setCurrentRow(0)
    dialog.held_on.edit.clear()
    type_text(dialog.held_on.edit, "30/02/2026")
    dialog.create_button.click()
    assert dialog.banner.text.startswith("Date de l'entretien : Le 30/02/2026 n'existe pas")
    assert dialog.held_on.edit.text() == "30/02/2026"
    assert view.model.rowCount() == 0

    answer_message_box("Abandonner la saisie")  # Escape with pending input asks first
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_filter_by_type_enter_opens_and_the_list_follows_the_editor(qtbot, window: MainWindow, ws) -> None:
    helene = make_agent(ws, "Dupré", "Hélène")
    marc = make_agent(ws, "Martin", "Marc")
    start_interview(ws, helene, InterviewType.E2, date(2026, 9, 1))
    info = start_interview(ws, marc, InterviewType.E1, date(2026, 11, 2))
    start_interview(ws, helene, InterviewType.E4, date(2026, 10, 2))
    view = interviews_view(window)
    assert _column(view, TYPE) == ["E1 — Info-mobilité", "E4 — Entretien carrière", "E2 — Entretien projet de mobilité"]
    assert view.count.text() == "3 entretiens"

    view.type_filter.setCurrentIndex(view.type_filter.findText("E1 — Info-mobilité"))
    assert _column(view, AGENT) == ["Marc MARTIN"] and view.count.text() == "1 entretien E1"
    view.type_filter.setCurrentIndex(view.type_filter.findText("E3 — Bilan de parcours professionnel"))
    assert view.model.rowCount() == 0 and view.empty.isVisible()
    assert view.empty.text() == "Aucun entretien de ce type."

    view.type_filter.setCurrentIndex(0)
    view.table.setFocus()
    view.table.selectRow(0)
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    assert view.editor is not None and view.editor.interview_id == info
    view.editor.subject.setText("Question sur les concours")
    view.editor.subject.editingFinished.emit()
    QTest.keyClick(view.editor, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # back to the list
    assert view.editor is None and _column(view, SUBJECT)[0] == "Question sur les concours"


def test_the_list_loads_page_by_page(window: MainWindow, ws) -> None:
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    for day in range(1, 31):
        start_interview(ws, agent_id, InterviewType.E1, date(2026, 10, day))
    view = interviews_view(window)
    view.model.page_size = 12  # small pages: the view asks for more as it scrolls
    view.model.reload()
    assert view.model.rowCount() == 12 and view.model.total == 30
    while view.model.canFetchMore():
        view.model.fetchMore()
    assert view.model.rowCount() == 30
    assert _column(view, FOLLOW_UP) == [""] * 30


def test_the_list_is_accessible(window: MainWindow, ws) -> None:
    start_interview(ws, make_agent(ws, "Quastenbrück", "Zéphyrine"), InterviewType.E2, date(2026, 11, 2))
    view = interviews_view(window)
    names = {c.accessibleName() for c in assert_accessible(view)}
    assert {"Type d'entretien affiché", "Liste des entretiens"} <= names
