"""Shared steps of the Entretiens view's tests."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from cmc_desktop.ui.interviews import InterviewsView
from cmc_desktop.ui.interviews.editor import E2InterviewEditor
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import INTERVIEWS

from .helpers import type_text


def interviews_view(window: MainWindow) -> InterviewsView:
    view = window.show_view(INTERVIEWS)
    assert isinstance(view, InterviewsView)
    return view


def open_editor(window: MainWindow, interview_id: int) -> E2InterviewEditor:
    """Open the interview as the Agents view does after creating an E2 (navigator.open)."""
    view = window.navigator.open(INTERVIEWS, interview_id)
    assert isinstance(view, InterviewsView) and view.editor is not None
    assert view.editor.interview_id == interview_id
    return view.editor


def write(field: QPlainTextEdit | QLineEdit, text: str) -> None:
    """Type into an autosaving field, then leave it (focus out / Enter commits at once)."""
    type_text(field, text)
    if isinstance(field, QLineEdit):
        QTest.keyClick(field, Qt.Key.Key_Return)
    else:
        field.clearFocus()
        field.flush()  # what focus-out does; offscreen, focus events need an active window


def type_date(edit: QLineEdit, text: str) -> None:
    edit.clear()
    type_text(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Return)
