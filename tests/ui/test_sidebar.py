"""The sidebar takes a view back to its list: « Agents » while an agent's file is open shows the agents, by a
click or by Entrée on the entry, as a person does it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cmc_desktop.services.interviews import start_e2
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS, INTERVIEWS

from .agents_helpers import new_agent


def _entry(window: MainWindow, key: str):  # noqa: ANN202 - QListWidgetItem
    nav = window.frame.nav
    return next(nav.item(row) for row in range(nav.count()) if nav.item(row).data(Qt.ItemDataRole.UserRole) == key)


def _click(window: MainWindow, key: str) -> None:
    nav = window.frame.nav
    QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(_entry(window, key)).center())


def _press_entree_on(window: MainWindow, key: str) -> None:
    nav = window.frame.nav
    nav.setFocus()
    nav.setCurrentItem(_entry(window, key))
    QTest.keyClick(nav, Qt.Key.Key_Return)


@pytest.mark.parametrize("choose", [_click, _press_entree_on], ids=["clic", "Entrée"])
def test_agents_in_the_sidebar_shows_the_list_from_an_open_file(window: MainWindow, ws: Workspace, choose) -> None:
    agent_id = new_agent(ws, "Durand", "Alice")
    view = window.navigator.open(AGENTS, agent_id)
    assert view.file is not None and view.pages.currentWidget() is view.file
    choose(window, AGENTS)
    assert view.pages.currentWidget() is view.list_page and view.list_page.isVisible()


def test_entretiens_in_the_sidebar_leaves_the_open_interview_for_the_list(window: MainWindow, ws: Workspace) -> None:
    interview_id = start_e2(ws, new_agent(ws, "Durand", "Alice"), ws.clock.today())
    view = window.navigator.open(INTERVIEWS, interview_id)
    assert view.editor is not None and view.editor.isVisible()
    _click(window, INTERVIEWS)
    assert not view.editor or not view.editor.isVisible()
    assert view.table.isVisible()


def test_choosing_another_view_does_not_reopen_anything(window: MainWindow, ws: Workspace) -> None:
    agent_id = new_agent(ws, "Durand", "Alice")
    window.navigator.open(AGENTS, agent_id)
    _click(window, INTERVIEWS)
    assert window.frame.current_key == INTERVIEWS
