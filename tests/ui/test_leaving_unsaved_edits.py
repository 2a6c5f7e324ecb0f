"""Leaving an agent's file with an edit that cannot be saved (a date that does not exist, notes over the limit)
never drops it without a word: the CMC is asked, « Corriger » (Entrée, Échap) comes back to the field with its
message, « Abandonner la modification » puts the stored value back. A lock still locks, and saves nothing
invalid. Driven with real keys and clicks, as in the real window; the window manager's close button is tested
on a real X server (tests/test_real_window_close.py)."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cmc_desktop.domain.text import LONG_TEXT_MAX
from cmc_desktop.services.agents import get_agent
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.agents import AgentsView
from cmc_desktop.ui.agents.agent_file import AgentFileView
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS, INTERVIEWS
from tests.conftest import PASSPHRASE

from .agents_helpers import new_agent
from .helpers import when_modal
from .secret_helpers import focused

STORED = date(2019, 9, 1)


def _file_with_a_bad_date(qtbot, window: MainWindow, ws: Workspace) -> tuple[int, AgentsView, AgentFileView]:
    """The agent's file, « 31/02/2022 » typed as the date de prise de fonction, then Tab: the message shows."""
    agent_id = new_agent(ws, "Durand", "Alice", date_prise_fonction=STORED)
    view = window.navigator.open(AGENTS, agent_id)
    assert isinstance(view, AgentsView) and view.file is not None
    file = view.file
    field = file.identity.date_prise_fonction
    field.edit.setFocus()
    _back_in(qtbot, field.edit)
    field.edit.selectAll()
    QTest.keyClicks(field.edit, "31/02/2022")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert "n'existe pas dans le calendrier" in field.error_text
    return agent_id, view, file


def _unlock(window: MainWindow) -> None:
    prompt = window.lock_screen.prompt
    prompt.field.setText(PASSPHRASE)
    prompt.button.click()
    assert not window.locked


def _when_focused_in(box: QWidget, action: Callable[[], None], tries: int = 100) -> None:
    widget = QApplication.focusWidget()
    if widget is not None and (widget is box or box.isAncestorOf(widget)) or not tries:
        action()
    else:
        QTimer.singleShot(20, lambda: _when_focused_in(box, action, tries - 1))


def _back_in(qtbot, field: QWidget) -> None:
    """The focus is back in `field` (the window is active again once the question is gone)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)


def _answer(asked: list[str], button: str, key: Qt.Key | None = None) -> None:
    """Answer the next question by its button (clicked) or by a key pressed on what has the focus in it."""

    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), type(box)
        asked.append(f"{box.windowTitle()}\n{box.text()}")
        if key is not None:
            box.activateWindow()  # as the window manager does for a new modal window
            _when_focused_in(box, lambda: QTest.keyClick(focused(), key))
            return
        next(b for b in box.buttons() if b.text() == button).click()

    when_modal(act)


def test_back_to_the_agents_asks_and_correct_keeps_the_typed_date_with_its_message(qtbot, window: MainWindow,
                                                                                 ws: Workspace) -> None:
    agent_id, view, file = _file_with_a_bad_date(qtbot, window, ws)
    field = file.identity.date_prise_fonction
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):  # Entrée and Échap both come back to correct
        asked: list[str] = []
        _answer(asked, "", key)
        QTest.keyClick(focused(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # « ← Agents »
        assert asked and asked[0].startswith("Abandonner la modification ?")
        assert "« Date de prise de fonction »" in asked[0] and "n'existe pas dans le calendrier" in asked[0]
        assert view.pages.currentWidget() is file and file.tabs.currentIndex() == 0
        _back_in(qtbot, field.edit)
        assert field.edit.text() == "31/02/2022" and "n'existe pas" in field.error_text
    assert get_agent(ws, agent_id).date_prise_fonction == STORED

    asked = []
    _answer(asked, "Corriger")
    QTest.mouseClick(file.back_button, Qt.MouseButton.LeftButton)
    assert asked and view.pages.currentWidget() is file
    _back_in(qtbot, field.edit)


def test_abandoning_puts_the_stored_date_back_and_leaves(qtbot, window: MainWindow, ws: Workspace) -> None:
    agent_id, view, file = _file_with_a_bad_date(qtbot, window, ws)
    asked: list[str] = []
    _answer(asked, "Abandonner la modification")
    QTest.mouseClick(file.back_button, Qt.MouseButton.LeftButton)
    assert asked and view.pages.currentWidget() is view.list_page
    assert get_agent(ws, agent_id).date_prise_fonction == STORED


def test_the_sidebar_and_ctrl_digit_ask_too(qtbot, window: MainWindow, ws: Workspace) -> None:
    agent_id, view, file = _file_with_a_bad_date(qtbot, window, ws)
    nav = window.frame.nav
    entry = next(nav.item(r) for r in range(nav.count()) if nav.item(r).data(Qt.ItemDataRole.UserRole) == INTERVIEWS)
    asked: list[str] = []
    _answer(asked, "Corriger")
    QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(entry).center())
    assert asked and window.current_key == AGENTS and window.current_view() is view
    assert nav.currentItem().data(Qt.ItemDataRole.UserRole) == AGENTS  # the sidebar still shows where she is
    assert view.pages.currentWidget() is file
    _back_in(qtbot, file.identity.date_prise_fonction.edit)

    asked.clear()
    _answer(asked, "Corriger")
    QTest.keyClick(focused(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the tableau de bord
    assert asked and window.current_key == AGENTS and view.pages.currentWidget() is file
    _back_in(qtbot, file.identity.date_prise_fonction.edit)

    _answer(asked, "Abandonner la modification")
    QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(entry).center())
    assert window.current_key == INTERVIEWS
    assert get_agent(ws, agent_id).date_prise_fonction == STORED


def test_notes_over_the_limit_are_not_dropped_by_leaving(qtbot, window: MainWindow, ws: Workspace) -> None:
    agent_id = new_agent(ws, "Durand", "Alice", private_notes="Première rencontre.")
    view = window.navigator.open(AGENTS, agent_id)
    file = view.file
    notes = file.identity.notes
    notes.setFocus()
    qtbot.waitUntil(lambda: focused() is notes)
    notes.setPlainText("x" * (LONG_TEXT_MAX + 1))  # as pasted (typing fifty thousand keys takes minutes)
    asked: list[str] = []
    _answer(asked, "Corriger")
    QTest.keyClick(focused(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert asked and "« Notes privées du conseiller »" in asked[0] and "trop long" in asked[0]
    assert view.pages.currentWidget() is file and notes.toPlainText() == "x" * (LONG_TEXT_MAX + 1)
    _back_in(qtbot, notes)
    assert get_agent(ws, agent_id).private_notes == "Première rencontre."


def test_a_lock_still_locks_and_saves_nothing_invalid(qtbot, window: MainWindow, ws: Workspace) -> None:
    agent_id, _view, _file = _file_with_a_bad_date(qtbot, window, ws)
    QTest.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    _unlock(window)
    assert get_agent(ws, agent_id).date_prise_fonction == STORED


def test_a_lock_while_the_question_is_asked_locks(qtbot, window: MainWindow, ws: Workspace) -> None:
    agent_id, _view, file = _file_with_a_bad_date(qtbot, window, ws)
    when_modal(lambda _box: window.lock())  # the idle lock fires while the question waits
    QTest.mouseClick(file.back_button, Qt.MouseButton.LeftButton)
    assert window.locked
    _unlock(window)
    assert get_agent(ws, agent_id).date_prise_fonction == STORED
