"""Tableau de bord: the demo store's lines under their severity; each line opens the right place."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cmc_desktop.domain.demande import Decision
from cmc_desktop.services.agent_search import list_name
from cmc_desktop.services.agents import get_agent
from cmc_desktop.services.dashboard import DashboardItem, dashboard
from cmc_desktop.services.demandes import demandes_for_agent
from cmc_desktop.services.demo import populate
from cmc_desktop.ui import tasks
from cmc_desktop.ui.agents import AgentsView
from cmc_desktop.ui.dashboard import DashboardView
from cmc_desktop.ui.dashboard.model import ItemRole, due_text
from cmc_desktop.ui.navigation import AGENTS, DASHBOARD, INTERVIEWS, PROMOTIONS, SYNTHESES
from cmc_desktop.ui.promotions import PromotionsView
from tests.services.factories import make_agent, make_demande
from tests.ui.helpers import assert_accessible, save_screenshot

DEMO_KINDS = {"rejet_implicite", "destruction_demandee", "demande_delai", "promotion_bloquee", "referent_handicap",
              "seance", "synthese_a_finaliser", "prise_en_charge", "entretien", "questionnaire", "droits",
              "bpp_de_droit", "prioritaire_en_attente"}


class RecordingNavigator:
    """Stands in for the window: remembers where the view asked to go."""

    def __init__(self) -> None:
        self.opened: list[tuple[str, int | None]] = []

    def open(self, view_key: str, target_id: int | None = None) -> None:
        self.opened.append((view_key, target_id))

    def notify(self, message: str, kind: str = "success") -> None:
        pass


def _lines(view: DashboardView) -> list[tuple[int, DashboardItem]]:
    return [(row, view.model.item(row)) for row in range(view.model.rowCount()) if view.model.item(row)]


def _headers(view: DashboardView) -> list[str]:
    model = view.model
    return [model.index(row).data() for row in range(model.rowCount()) if model.item(row) is None]


def _press_enter_on(view: DashboardView, row: int) -> None:
    view.list.setFocus()
    view.list.setCurrentIndex(view.model.index(row))
    QTest.keyClick(view.list, Qt.Key.Key_Return)


def test_the_demo_dashboard_shows_each_kind_of_line_under_its_severity(window, ws) -> None:
    populate(ws)
    view = window.show_view(DASHBOARD)  # built empty with the window: becoming current again reloads it
    assert isinstance(view, DashboardView)
    expected = dashboard(ws)
    shown = [item for _, item in _lines(view)]
    assert shown == expected
    assert {item.kind for item in shown} == DEMO_KINDS
    assert _headers(view) == ["Urgent (3)", "À faire (8)", "À venir (8)"]
    assert view.summary.text() == "3 urgences · 8 à faire · 8 à venir"
    assert view.pages.currentWidget() is view.list and view.list.isVisible()
    # Screen readers get the whole line: title, detail, due date in words.
    near = next(row for row, item in _lines(view) if item.kind == "demande_delai")
    spoken = view.model.index(near).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "sera implicitement rejetée le 25/11/2026" in spoken and spoken.endswith("Dans 9 jours")
    assert view.date_label.text() == "lundi 16 novembre 2026"
    assert_accessible(view)


def test_due_dates_read_in_words() -> None:
    today = date(2026, 11, 16)
    assert due_text(date(2026, 11, 25), today) == "dans 9 jours"
    assert due_text(date(2026, 11, 17), today) == "demain"
    assert due_text(today, today) == "aujourd'hui"
    assert due_text(date(2026, 11, 10), today) == "depuis le 10/11/2026"
    assert due_text(None, today) == ""


def test_enter_on_each_line_opens_its_place(qtbot, ws) -> None:
    populate(ws)
    navigator = RecordingNavigator()
    view = DashboardView(ws, navigator)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    expected = {"agent": AGENTS, "demande": AGENTS, "promotion": PROMOTIONS, "synthesis": SYNTHESES,
                "interview": INTERVIEWS}
    for row, item in _lines(view):
        _press_enter_on(view, row)
        key, target = navigator.opened[-1]
        assert key == expected[item.target_view], item
        if item.target_view == "demande":
            # The demande's agent: the one named in the line, who holds that demande.
            agent = get_agent(ws, target)
            assert list_name(agent.last_name, agent.first_name) in item.title
            assert item.target_id in [d.id for d in demandes_for_agent(ws, target)]
        else:
            assert target == item.target_id
    assert len(navigator.opened) == len(_lines(view))


def test_arrows_skip_the_group_headers(qtbot, ws) -> None:
    populate(ws)
    view = DashboardView(ws, RecordingNavigator())
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.list.setFocus()
    assert view.list.currentIndex().row() == 1  # the first line, under « Urgent »
    visited = [view.model.item(1)]
    for _ in range(len(_lines(view)) - 1):
        QTest.keyClick(view.list, Qt.Key.Key_Down)
        visited.append(view.model.item(view.list.currentIndex().row()))
    assert visited == dashboard(ws)


def test_clicking_lines_in_the_window_opens_the_agent_file_and_the_promotion_board(window, ws) -> None:
    populate(ws)
    view = window.show_view(DASHBOARD)
    rows = {item.kind: row for row, item in _lines(view)}

    rect = view.list.visualRect(view.model.index(rows["demande_delai"]))
    QTest.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key == AGENTS
    agents_view = window.current_view()
    assert isinstance(agents_view, AgentsView) and agents_view.file is not None
    demande = view.model.item(rows["demande_delai"])
    assert demande.target_id in [d.id for d in demandes_for_agent(ws, agents_view.file.agent_id)]

    window.show_view(DASHBOARD)
    rect = view.list.visualRect(view.model.index(rows["seance"]))
    QTest.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key == PROMOTIONS
    promotions_view = window.current_view()
    assert isinstance(promotions_view, PromotionsView) and promotions_view.board is not None
    assert promotions_view.board.promotion_id == view.model.item(rows["seance"]).target_id


def test_an_empty_dashboard_says_so_and_refresh_shows_new_work(qtbot, ws) -> None:
    view = DashboardView(ws, RecordingNavigator())
    qtbot.addWidget(view)
    view.show()
    assert view.pages.currentWidget() is view.empty and view.empty.isVisible()
    assert view.summary.text() == "Rien à traiter"
    agent_id = make_agent(ws, "Œuvray", "Hélène")
    make_demande(ws, agent_id, Decision.EN_ATTENTE, request_date=date(2026, 9, 20))  # rejected on 20/11
    view.refresh()
    assert view.pages.currentWidget() is view.list
    [(row, item)] = _lines(view)
    assert item.kind == "demande_delai" and "Hélène ŒUVRAY" in item.title
    assert view.model.index(row).data(ItemRole) == item
    assert view.summary.text() == "1 à faire"


def test_the_lines_load_off_the_gui_thread(qtbot, ws) -> None:
    populate(ws)
    previous = tasks.set_executor(tasks.thread_pool)
    try:
        view = DashboardView(ws, RecordingNavigator())
        qtbot.addWidget(view)
        view.show()
        assert view.pages.currentWidget() is view.loading and not view.refresh_button.isEnabled()
        view.refresh()  # a second request while the first runs: only the latest answer is shown
        qtbot.waitUntil(lambda: view.pages.currentWidget() is view.list and view.refresh_button.isEnabled())
        assert [item for _, item in _lines(view)] == dashboard(ws)
    finally:
        tasks.wait_for_all()
        tasks.set_executor(previous)


@pytest.mark.screenshot
def test_screenshot(window, ws) -> None:
    populate(ws)
    window.show_view(DASHBOARD)
    save_screenshot(window, "tableau-de-bord.png")
