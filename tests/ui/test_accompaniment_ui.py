"""The accompaniment in the agent's file, driven by keys: the request, its closing with the outcome, the
questionnaire filling the screen for the agent and given back only with the CMC's phrase secrète."""

from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from cmc_desktop.domain.accompaniment import Channel, Questionnaire, Result, TakeCharge
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.satisfaction import AccompanimentKind, AnswerVia, Commitment
from cmc_desktop.services.accompaniments import RequestInput, record_request
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent_file
from cmc_desktop.services.interviews import start_interview
from cmc_desktop.services.satisfaction import list_for_agent
from cmc_desktop.ui.agents.accompaniment_dialog import RequestDialog
from cmc_desktop.ui.agents.outcome_dialog import OutcomeDialog
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.satisfaction.screen import QuestionnaireScreen
from tests.conftest import MARKER, PASSPHRASE

from .helpers import SCREENSHOT_SIZE, assert_accessible, type_text, when_modal
from .test_agents_file import choose, open_file, set_date
from .test_seance_mode import everything_on_screen

LIMIT = QSize(1280, 720)


def fits(dialog: QWidget) -> None:
    """Opens within 1280×720 logical pixels, every input control named."""
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    assert hint.width() <= LIMIT.width() and hint.height() <= LIMIT.height(), hint
    assert_accessible(dialog)


def key(widget: QWidget | None, which: Qt.Key) -> None:
    assert widget is not None
    QTest.keyClick(widget, which)


def activate(qtbot, dialog: QWidget) -> None:
    """Keys go to the active window: a dialog opened with open() is made so, as the window manager would."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


@pytest.fixture
def agent_id(ws) -> int:
    agent_id = create_agent(ws, AgentInput("Arbousier", "Hélène"))
    create_agent(ws, AgentInput("Wolfgangbert", "Ysoline", private_notes=MARKER))  # must never show on the screen
    return agent_id


def test_a_request_is_recorded_from_the_keyboard(qtbot, window: MainWindow, ws, agent_id: int) -> None:
    _, file = open_file(window, agent_id)
    file.tabs.setCurrentWidget(file.accompaniment)
    tab = file.accompaniment
    tab.new_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, RequestDialog) and dialog.isVisible()
    activate(qtbot, dialog)
    fits(dialog)
    fields = dialog.fields
    set_date(fields.requested_on, "02/11/2026")
    choose(fields.channel, Channel.APRES_E4.label)
    assert fields.need is not None and fields.promised is not None
    fields.need.setFocus()
    type_text(fields.need, "Évoluer vers l'encadrement")
    fields.promised.setFocus()
    fields.promised.selectAll()
    QTest.keyClicks(fields.promised, "15")
    assert fields.promise_hint.text().startswith("Premier entretien au plus tard le 17/11/2026")
    key(QApplication.focusWidget(), Qt.Key.Key_Return)  # Entrée on a field saves
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [view] = get_agent_file(ws, agent_id).accompaniments
    assert (view.request.channel, view.request.need, view.promised_on) == (
        Channel.APRES_E4, "Évoluer vers l'encadrement", date(2026, 11, 17))
    assert tab.table.item(0, 4).text() == "à faire avant le 17/11/2026"  # promised within the week
    assert "Premier entretien à tenir" not in tab.details.text() and "Évoluer vers" in tab.details.text()
    assert tab.warning.isVisible() and "17/11/2026" in tab.warning.text
    assert not tab.new_button.isEnabled()  # one accompaniment at a time


def test_escape_leaves_an_untouched_request_dialog_and_asks_once_something_is_typed(qtbot, window: MainWindow, ws,
                                                                                   agent_id: int) -> None:
    _, file = open_file(window, agent_id)
    file.accompaniment.new_button.click()
    dialog = file.accompaniment.dialog
    assert dialog is not None
    activate(qtbot, dialog)
    key(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    file.accompaniment.new_button.click()
    dialog = file.accompaniment.dialog
    assert dialog is not None and dialog.fields.need is not None
    activate(qtbot, dialog)
    dialog.fields.need.setPlainText("Quelque chose")
    when_modal(lambda box: box.buttons()[-1].click())  # « Continuer la saisie »
    key(dialog.fields.need, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert get_agent_file(ws, agent_id).accompaniments == []


def test_the_outcome_dialog_fits_and_is_named(qtbot, ws, agent_id: int) -> None:
    dialog = OutcomeDialog(ws, agent_id)
    qtbot.addWidget(dialog)
    dialog.show()
    fits(dialog)
    assert [b.text() for b in dialog.choices.values()][0] == "L'agent répond maintenant, sur cet écran"


def _close_with_screen(window: MainWindow, ws, agent_id: int):
    record_request(ws, agent_id, RequestInput(date(2026, 10, 1), promised_days=15))
    start_interview(ws, agent_id, InterviewType.E2, date(2026, 10, 6))
    _, file = open_file(window, agent_id)

    def fill(dialog) -> None:
        assert isinstance(dialog, OutcomeDialog)
        choose(dialog.project_combo, "Mobilité vers un autre ministère")
        choose(dialog.result_combo, "Mobilité réalisée")
        assert dialog.choices[Questionnaire.ECRAN].isChecked()  # the default: the agent answers now
        key(dialog.focusWidget(), Qt.Key.Key_Return)

    when_modal(fill)
    file.state_button.click()
    screen = file.questionnaire_screen
    assert isinstance(screen, QuestionnaireScreen)
    return file, screen


def test_closing_puts_the_questionnaire_alone_on_the_screen(qtbot, window: MainWindow, ws, agent_id: int) -> None:
    file, screen = _close_with_screen(window, ws, agent_id)
    qtbot.waitExposed(screen)
    assert screen.isFullScreen() and not window.isVisible()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [screen]
    shown = everything_on_screen()
    for absent in ("Arbousier", "ARBOUSIER", "Wolfgangbert", MARKER, "Tableau de bord", "Agents", "Verrouiller"):
        assert absent not in shown, absent
    assert "Votre avis sur votre accompagnement" in shown
    assert len(assert_accessible(screen)) >= len(Commitment) + 3

    # The agent answers with the keyboard: digits on a score, Fin for 10, Tab to move on.
    first = screen.questions.scores[Commitment.INFORMATION]
    activate(qtbot, screen)
    assert screen.focusWidget() is first
    key(first, Qt.Key.Key_8)
    screen.questions.overall.setFocus()
    key(screen.questions.overall, Qt.Key.Key_End)
    screen.send_button.setFocus()
    key(screen.send_button, Qt.Key.Key_Space)
    assert screen.pages.currentWidget() is screen.thanks and "Merci" in screen.thanks.text()
    [answer] = list_for_agent(ws, agent_id)
    [closed] = get_agent_file(ws, agent_id).accompaniments
    assert (answer.via, answer.overall, answer.scores, answer.accompaniment_id) == (
        AnswerVia.SEANCE, 10, {Commitment.INFORMATION: 8}, closed.id)
    assert (closed.result, closed.questionnaire, closed.answered) == (Result.MOBILITE_REALISEE, Questionnaire.ECRAN,
                                                                     True)


def test_without_the_overall_score_nothing_is_sent(qtbot, window: MainWindow, ws, agent_id: int) -> None:
    _, screen = _close_with_screen(window, ws, agent_id)
    activate(qtbot, screen)
    screen.send_button.click()
    assert screen.banner.text == "Indiquez la note globale de l'accompagnement, de 0 à 10."
    assert screen.questions.overall.hasFocus() and list_for_agent(ws, agent_id) == []


def test_giving_the_screen_back_needs_the_phrase_secrete(qtbot, window: MainWindow, ws, agent_id: int) -> None:
    file, screen = _close_with_screen(window, ws, agent_id)

    def answer(passphrase: str | None):
        def act(dialog: QDialog) -> None:
            if passphrase is None:
                dialog.reject()
                return
            field = dialog.prompt.field  # type: ignore[attr-defined]
            field.setText(passphrase)
            key(field, Qt.Key.Key_Return)
            if dialog.isVisible():  # refused: the message stays, the CMC gives up
                dialog.reject()

        return act

    when_modal(answer("ce n'est pas la phrase"))
    key(screen, Qt.Key.Key_Escape)
    assert screen.isVisible() and not window.isVisible()
    when_modal(answer(None))
    screen.leave_button.click()
    screen.close()  # no close goes through without the check
    assert screen.isVisible() and not window.isVisible()

    when_modal(answer(PASSPHRASE))
    key(screen, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.isVisible())
    assert not screen.isVisible() and file.questionnaire_screen is None
    # Left without an answer: the accompaniment says the questionnaire was proposed on screen, not answered.
    assert file.accompaniment.table.item(0, 6).text() == "proposé à l'écran, sans réponse"
    assert file.accompaniment.questionnaire_button.isEnabled()


def test_a_take_charge_overdue_is_shown_in_the_file(window: MainWindow, ws, agent_id: int) -> None:
    record_request(ws, agent_id, RequestInput(date(2026, 10, 20), promised_days=15))
    _, file = open_file(window, agent_id)
    [view] = file.file.accompaniments
    assert view.take_charge.status is TakeCharge.OVERDUE
    assert file.accompaniment.table.item(0, 4).text() == "délai dépassé"
    assert file.tabs.tabText(file.tabs.indexOf(file.accompaniment)) == "Accompagnement (1)"


def test_the_file_fits_1280_by_720(window: MainWindow, ws, agent_id: int) -> None:
    record_request(ws, agent_id, RequestInput(date(2026, 10, 20), Channel.REFERENT, promised_days=15,
                                              need="Un besoin exprimé assez long pour remplir une ligne entière."))
    window.resize(LIMIT)
    _, file = open_file(window, agent_id)
    file.tabs.setCurrentWidget(file.accompaniment)
    for _ in range(5):
        QApplication.processEvents()
    for button in (file.back_button, file.satisfaction_button, file.rights_button, file.state_button,
                   *file.accompaniment.findChildren(type(file.state_button))):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()
    assert not file.accompaniment.table.horizontalScrollBar().isVisible()


def test_the_lock_still_applies_while_the_agent_answers(qtbot, window: MainWindow, ws, agent_id: int) -> None:
    _, screen = _close_with_screen(window, ws, agent_id)
    window.idle.idle.emit()  # what the idle watcher emits after the configured minutes
    assert window.locked and window.isVisible() and window.lock_screen.isVisible()
    qtbot.waitUntil(lambda: not window.findChildren(QuestionnaireScreen))
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]



@pytest.mark.screenshot
def test_screenshots_of_the_accompaniment(qtbot, window: MainWindow, ws) -> None:
    from cmc_desktop.services.agent_search import search_agents
    from cmc_desktop.services.demo import populate

    from .helpers import save_screenshot

    populate(ws)
    [agent] = search_agents(ws, "wisteria")
    _, file = open_file(window, agent.id)
    file.tabs.setCurrentWidget(file.accompaniment)
    save_screenshot(window, "dossier-accompagnement.png")
    screen = QuestionnaireScreen(ws, agent.id, AccompanimentKind.E2, file.file.accompaniments[0].id, window)
    screen.resize(*SCREENSHOT_SIZE)
    screen.show()
    screen.questions.scores[Commitment.INFORMATION].set_score(9)
    screen.questions.scores[Commitment.DELAI].set_score(10)
    save_screenshot(screen, "questionnaire-ecran.png")
    screen._may_close = True  # not a user's close: the test drops the window it built
    screen.close()

