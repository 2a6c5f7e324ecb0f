"""The Agenda view driven by real keys: days, weeks, today, day and week views, opening, exporting a file."""

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollBar

from cmc_desktop.domain.bpp import Phase
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.promotion import Promotion, Seance
from cmc_desktop.services.demo import populate
from cmc_desktop.services.interviews import InterviewInput, start_interview, update_interview
from cmc_desktop.services.promotions import create_promotion, plan_seance
from cmc_desktop.ui.agenda import AgendaView
from cmc_desktop.ui.agenda import export as agenda_export
from cmc_desktop.ui.navigation import AGENDA, AGENTS, PROMOTIONS
from tests.services.factories import make_agent

from .helpers import accessible_name, assert_accessible, save_screenshot

TODAY = date(2026, 11, 16)  # the test clock's day, a Monday


def _week(ws) -> tuple[int, int]:
    promotion = create_promotion(ws, Promotion("Cap Hiver", start_date=TODAY))
    plan_seance(ws, Seance(promotion_id=promotion.id or 0, held_on=TODAY + timedelta(days=2), phase=Phase.LANCEMENT,
                           starts_at=time(9, 30), duration_minutes=180, place="Salle 204"))
    agent_id = make_agent(ws, "Quastenbrück", "Zéphyrine")
    for day, at in ((2, time(11)), (3, time(14))):
        interview_id = start_interview(ws, agent_id, InterviewType.E2, TODAY + timedelta(days=day))
        update_interview(ws, interview_id, InterviewInput(held_on=TODAY + timedelta(days=day), starts_at=at,
                                                          duration_minutes=60, place="Bureau 3"))
    return promotion.id or 0, agent_id


def _focused():
    return QApplication.focusWidget()


def test_week_view_with_keys(window, ws, qtbot) -> None:
    promotion_id, agent_id = _week(ws)
    view = window.show_view(AGENDA)
    assert isinstance(view, AgendaView)
    assert view.title.text() == "Semaine du 16 au 22 novembre 2026"
    view.current_column().events.setFocus()
    qtbot.waitUntil(lambda: _focused() is view.columns[0].events)
    wednesday = view.columns[2]
    texts = [wednesday.events.item(i).text() for i in range(wednesday.events.count())]
    assert texts[0].startswith("⚠ 09 h 30 – 12 h 30") and "Séance — Cap Hiver" in texts[0]
    assert texts[1].startswith("⚠ 11 h 00 – 12 h 00") and "E2 — Zéphyrine QUASTENBRÜCK" in texts[1]
    assert "En même temps que" in wednesday.events.item(0).toolTip()
    assert "2 événements en conflit" in view.summary.text()
    for _ in range(2):
        QTest.keyClick(_focused(), Qt.Key.Key_Right)
    assert view.current == TODAY + timedelta(days=2) and _focused() is wednesday.events
    assert accessible_name(wednesday.events) == "Mercredi 18 novembre 2026 : 2 événements"
    QTest.keyClick(_focused(), Qt.Key.Key_Down)
    assert view.selected_event().title.startswith("E2")
    QTest.keyClick(_focused(), Qt.Key.Key_Return)
    assert window.current_key == AGENTS

    window.show_view(AGENDA)
    view.current_column().events.setFocus()
    QTest.keyClick(_focused(), Qt.Key.Key_PageDown)
    assert view.title.text() == "Semaine du 23 au 29 novembre 2026" and view.current == TODAY + timedelta(days=9)
    QTest.keyClick(_focused(), Qt.Key.Key_T)
    assert view.current == TODAY
    QTest.keyClick(_focused(), Qt.Key.Key_Left)
    assert view.title.text() == "Semaine du 9 au 15 novembre 2026"
    QTest.keyClick(_focused(), Qt.Key.Key_J)
    assert view.day_mode and view.title.text() == "Dimanche 15 novembre 2026"
    assert sum(c.isVisibleTo(view) for c in view.columns) == 1
    QTest.keyClick(_focused(), Qt.Key.Key_PageDown)
    assert view.current == TODAY and view.title.text() == "Lundi 16 novembre 2026"
    QTest.keyClick(_focused(), Qt.Key.Key_S)
    assert not view.day_mode
    assert_accessible(view)
    assert not [bar for bar in view.findChildren(QScrollBar)
                if bar.orientation() == Qt.Orientation.Horizontal and bar.isVisible()]

    view.go_to(TODAY + timedelta(days=2))
    view.current_column().events.setFocus()
    QTest.keyClick(_focused(), Qt.Key.Key_Return)  # the séance opens its promotion
    assert window.current_key == PROMOTIONS and window.current_view().board.promotion_id == promotion_id


def test_exporting_the_week_writes_a_private_ics(window, ws, tmp_path: Path, monkeypatch) -> None:
    _week(ws)
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "mon-agenda"
    monkeypatch.setattr(agenda_export, "choose_file", lambda *args, **kwargs: target)
    view = window.show_view(AGENDA)
    view.export_button.click()
    written = target.with_name("mon-agenda.ics")
    calendar = Calendar.from_ical(written.read_bytes())
    assert len(calendar.walk("VEVENT")) == 3 and (written.stat().st_mode & 0o777) == 0o600
    assert b"Quastenbr" not in written.read_bytes()
    assert list(out.iterdir()) == [written]  # no temporary file left beside it
    view.go_to(TODAY + timedelta(days=3))
    assert view.export_event_button.isEnabled()
    one = out / "un.ics"
    monkeypatch.setattr(agenda_export, "choose_file", lambda *args, **kwargs: one)
    view.export_event_button.click()
    assert len(Calendar.from_ical(one.read_bytes()).walk("VEVENT")) == 1


@pytest.mark.screenshot
def test_screenshots_of_the_agenda(window, ws) -> None:
    populate(ws)
    view = window.show_view(AGENDA)
    view.go_to(ws.clock.today() + timedelta(days=3))  # the demo's next séance, and an interview clashing with it
    save_screenshot(window, "agenda.png")
    view.toggle_mode()
    save_screenshot(window, "agenda-jour.png")


def test_a_seance_gets_a_time_a_duration_and_a_link_in_its_dialog(window, ws, qtbot) -> None:
    from cmc_desktop.services.promotions import list_seances

    from .helpers import type_text
    from .test_promotions_board import open_board

    promotion = create_promotion(ws, Promotion("Cap Hiver", start_date=TODAY))
    board = open_board(window, promotion.id or 0)
    board.plan_seance(Phase.LANCEMENT)
    dialog = board.dialog
    dialog.held_on.edit.setText("25/11/2026")
    dialog.held_on.edit.editingFinished.emit()
    dialog.starts_at.setText("9h30")
    dialog.duration.setText("150")
    type_text(dialog.link, "visio.example.fr")
    dialog.ok_button.click()
    assert "https://" in dialog.banner.text and dialog.isVisible()  # refused: the CMC is told why
    dialog.link.setText("https://visio.example.fr/cap")
    dialog.ok_button.click()
    [seance] = list_seances(ws, promotion.id or 0)
    assert (seance.starts_at, seance.duration_minutes, seance.link) == (time(9, 30), 150,
                                                                          "https://visio.example.fr/cap")


def test_an_interview_gets_a_time_a_place_and_a_link_in_its_editor(window, ws) -> None:
    from cmc_desktop.services.interviews import get_interview

    from .interviews_helpers import open_editor, write

    interview_id = start_interview(ws, make_agent(ws, "Durand", "Émile"), InterviewType.E2, TODAY)
    editor = open_editor(window, interview_id)
    write(editor.starts_at, "midi")
    assert "9h30" in editor.banner.text and get_interview(ws, interview_id).data.starts_at is None
    editor.starts_at.clear()
    write(editor.starts_at, "14h15")
    write(editor.place, "Bureau 3")
    write(editor.link, "https://visio.example.fr/e2")
    data = get_interview(ws, interview_id).data
    assert (data.starts_at, data.place, data.link) == (time(14, 15), "Bureau 3", "https://visio.example.fr/e2")
    assert_accessible(editor)
