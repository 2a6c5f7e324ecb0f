"""Questionnaire de satisfaction: scores by click and keyboard, the required overall score, a refusal, the
comment limit, the guard on pending input — each checked in the store."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cmc_desktop.domain.satisfaction import COMMENT_MAX, AccompanimentKind, AnswerVia, Commitment
from cmc_desktop.services.agent_search import search_agents
from cmc_desktop.services.demo import populate
from cmc_desktop.services.satisfaction import list_for_agent
from cmc_desktop.ui import text_zoom
from cmc_desktop.ui.navigation import AGENTS
from cmc_desktop.ui.satisfaction import SatisfactionDialog, ScoreScale, open_satisfaction_dialog
from cmc_desktop.ui.satisfaction.score_scale import SEGMENT
from tests.services.factories import make_agent
from tests.ui.helpers import SCREENSHOT_SIZE, answer_message_box, assert_accessible, type_text, when_modal

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def agent_id(ws) -> int:
    return make_agent(ws, "Arbousier", "Hélène")


@pytest.fixture
def dialog(qtbot, ws, agent_id) -> SatisfactionDialog:
    dlg = SatisfactionDialog(ws, agent_id, AccompanimentKind.BPP)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def click_score(scale: ScoreScale, score: int) -> None:
    dialog = scale.window()
    assert isinstance(dialog, SatisfactionDialog)
    dialog.scroll_area.ensureWidgetVisible(scale)
    rect = next(r for s, r in scale._segments() if s == score)
    QTest.mouseClick(scale, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y())))


def test_the_agent_scores_by_click_and_keyboard_and_the_answer_is_recorded(dialog, ws, agent_id) -> None:
    click_score(dialog.scores[Commitment.INFORMATION], 8)
    click_score(dialog.scores[Commitment.DELAI], 10)
    click_score(dialog.scores[Commitment.OUTILS], 3)
    click_score(dialog.scores[Commitment.OUTILS], 3)  # clicked again: left without answer
    confidentiality = dialog.scores[Commitment.CONFIDENTIALITE]
    confidentiality.setFocus()
    QTest.keyClick(confidentiality, Qt.Key.Key_7)
    QTest.keyClick(confidentiality, Qt.Key.Key_Right)
    QTest.keyClick(confidentiality, Qt.Key.Key_Right)
    assert confidentiality.score() == 9 and confidentiality.accessibleDescription() == "Note : 9 sur 10"
    dialog.overall.setFocus()
    QTest.keyClick(dialog.overall, Qt.Key.Key_End)
    dialog.comment.setFocus()
    type_text(dialog.comment, "Très à l'écoute, merci.")
    assert dialog.counter.text() == "23 / 4\u202f000 caractères"
    dialog.save_button.click()

    assert dialog.result() == SatisfactionDialog.DialogCode.Accepted
    [saved] = list_for_agent(ws, agent_id)
    assert saved.scores == {Commitment.INFORMATION: 8, Commitment.DELAI: 10, Commitment.CONFIDENTIALITE: 9}
    assert (saved.overall, saved.comment, saved.declined) == (10, "Très à l'écoute, merci.", False)
    assert (saved.via, saved.accompaniment, saved.recorded_on) == (AnswerVia.SEANCE, AccompanimentKind.BPP,
                                                                   date(2026, 11, 16))


def test_without_the_overall_score_nothing_is_recorded_and_nothing_is_lost(dialog, ws, agent_id) -> None:
    click_score(dialog.scores[Commitment.ADAPTATION], 6)
    dialog.comment.setPlainText("Un commentaire")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert dialog.banner.text == "Indiquez la note globale de l'accompagnement, de 0 à 10."
    assert dialog.overall.hasFocus()
    assert list_for_agent(ws, agent_id) == []
    assert dialog.scores[Commitment.ADAPTATION].score() == 6 and dialog.comment.toPlainText() == "Un commentaire"


def test_a_paper_questionnaire_keeps_its_date(dialog, ws, agent_id) -> None:
    dialog.via_paper.click()
    dialog.answered_on.edit.setText("10/11/2026")
    dialog.answered_on.edit.editingFinished.emit()
    click_score(dialog.overall, 0)
    dialog.save_button.click()
    [saved] = list_for_agent(ws, agent_id)
    assert (saved.via, saved.recorded_on, saved.overall, saved.scores) == (AnswerVia.PAPIER, date(2026, 11, 10), 0,
                                                                           {})


def test_a_future_date_is_refused(dialog, ws, agent_id) -> None:
    click_score(dialog.overall, 9)
    dialog.answered_on.edit.setText("17/11/2026")
    dialog.answered_on.edit.editingFinished.emit()
    dialog.save_button.click()
    assert dialog.isVisible() and "La date doit être comprise entre" in dialog.banner.text
    assert list_for_agent(ws, agent_id) == []


def test_the_agent_declines(dialog, ws, agent_id) -> None:
    click_score(dialog.overall, 4)
    dialog.declined.click()
    assert not dialog.questions.isEnabled() and not dialog.overall.isEnabled()
    assert dialog.save_button.text() == "Enregistrer le refus de répondre"
    dialog.save_button.click()
    [saved] = list_for_agent(ws, agent_id)
    assert saved.declined and saved.scores == {} and saved.overall is None and saved.comment == ""


def test_a_comment_over_the_limit_is_refused_and_kept(dialog, ws, agent_id) -> None:
    click_score(dialog.overall, 9)
    dialog.comment.setPlainText("x" * (COMMENT_MAX + 1))
    assert dialog.counter.property("over") is True
    dialog.save_button.click()
    assert dialog.banner.text == "Le commentaire dépasse 4\u00a0000 caractères."
    assert len(dialog.comment.toPlainText()) == COMMENT_MAX + 1 and list_for_agent(ws, agent_id) == []


def test_escape_asks_before_dropping_the_answers(dialog) -> None:
    click_score(dialog.scores[Commitment.SYNTHESE], 5)
    answer_message_box("Continuer la saisie")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    answer_message_box("Abandonner la saisie")
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_every_control_is_named(dialog) -> None:
    controls = assert_accessible(dialog)
    scales = [c for c in controls if isinstance(c, ScoreScale)]
    assert len(scales) == len(Commitment) + 1
    assert scales[0].accessibleName() == "1. Information sur l'offre"


def test_open_satisfaction_dialog_returns_whether_something_was_recorded(qtbot, ws, agent_id) -> None:
    def fill(dialog) -> None:
        dialog.declined.click()
        dialog.save_button.click()

    when_modal(fill)
    assert open_satisfaction_dialog(None, ws, agent_id, AccompanimentKind.E2) is True
    assert [s.accompaniment for s in list_for_agent(ws, agent_id)] == [AccompanimentKind.E2]

    when_modal(lambda dialog: dialog.cancel_button.click())
    assert open_satisfaction_dialog(None, ws, agent_id, AccompanimentKind.E2) is False
    assert len(list_for_agent(ws, agent_id)) == 1


@pytest.mark.screenshot
def test_screenshot(window, ws) -> None:
    """The questionnaire over the agent's file, as the modal dialog appears in séance."""
    populate(ws)
    [agent] = search_agents(ws, "Arbousier")
    window.navigator.open(AGENTS, agent.id)
    window.resize(*SCREENSHOT_SIZE)
    dialog = SatisfactionDialog(ws, agent.id, AccompanimentKind.BPP, window)
    dialog.show()
    for item, score in ((Commitment.INFORMATION, 9), (Commitment.DELAI, 8), (Commitment.ADAPTATION, 10)):
        dialog.scores[item].set_score(score)
    dialog.scores[Commitment.OUTILS].setFocus()
    for _ in range(5):
        QApplication.processEvents()
    shot = window.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 90))  # the window behind a modal dialog
    form = dialog.grab()
    painter.drawPixmap((shot.width() - form.width()) // 2, (shot.height() - form.height()) // 2, form)
    painter.end()
    assert shot.save(str(OUT / "questionnaire.png"))
    dialog.reject()


def test_the_score_segments_grow_with_the_texts(qtbot) -> None:
    """46 px at 100 %; at 200 % « 10 » in its bold digits keeps 10 px of margin on each side (RGAA 10.4)."""
    scale = ScoreScale("Note")
    qtbot.addWidget(scale)
    assert scale.sizeHint().height() == SEGMENT + 8
    text_zoom.apply_zoom(200)
    try:
        scale.setFont(QApplication.font())
        digits = QFont(scale.font())
        digits.setBold(True)
        digits.setPointSizeF(digits.pointSizeF() + 2)
        ten = QFontMetrics(digits).horizontalAdvance("10")
        segment = scale.sizeHint().height() - 8
        assert segment > SEGMENT and segment >= ten + 20
        assert scale.sizeHint().width() == 11 * segment + 10 * 4 + 8
    finally:
        text_zoom.apply_zoom(100)
