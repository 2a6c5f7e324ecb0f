"""« Nouvel entretien » from the keyboard: Ctrl+N asks first (agent, type, date) and nothing exists until the
CMC confirms with Entrée; the interview then opens in place. Échap leaves nothing behind."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from cmc_desktop.services.interviews import count_interviews
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.interviews.new_dialog import NewInterviewDialog
from cmc_desktop.ui.main_window import MainWindow
from tests.services.factories import make_agent

from .interviews_helpers import interviews_view
from .secret_helpers import focused, press, type_in_focus


def _ctrl_n(window: MainWindow) -> None:
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_n_asks_then_entree_creates_and_opens_the_interview(qtbot, window: MainWindow, ws: Workspace) -> None:
    make_agent(ws, "Quastenbrück", "Zéphyrine")
    view = interviews_view(window)
    _ctrl_n(window)
    dialog = view.new_dialog
    assert isinstance(dialog, NewInterviewDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: focused() is dialog.search)
    assert count_interviews(ws) == 0  # asked first: nothing created yet
    type_in_focus("quast")
    press(Qt.Key.Key_Return)  # from the search, Entrée goes down into the agents found
    assert focused() is dialog.results and dialog.agent_id is not None and count_interviews(ws) == 0
    press(Qt.Key.Key_Return)  # then creates
    assert dialog.result() == QDialog.DialogCode.Accepted and count_interviews(ws) == 1
    qtbot.waitUntil(lambda: view.editor is not None and view.editor.isVisible())
    assert view.editor.interview_id == dialog.interview_id


def test_echap_leaves_nothing_behind(qtbot, window: MainWindow, ws: Workspace) -> None:
    make_agent(ws, "Quastenbrück", "Zéphyrine")
    view = interviews_view(window)
    _ctrl_n(window)
    dialog = view.new_dialog
    qtbot.waitUntil(lambda: focused() is dialog.search)
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible() and count_interviews(ws) == 0
    assert view.editor is None or not view.editor.isVisible()
