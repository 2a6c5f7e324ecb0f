"""Reusable widgets: autosaving fields, French dates, messages, confirmations."""

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from cmc_desktop.data.errors import WrongPassphrase
from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.ui.widgets import (
    AutosaveLineEdit,
    AutosaveTextEdit,
    ErrorBanner,
    FrenchDateEdit,
    confirm,
    flush_all,
    parse_french_date,
    user_message,
)
from cmc_desktop.ui.widgets.compact_table import CompactTable
from cmc_desktop.ui.widgets.dates import DateInputError
from tests.conftest import MARKER

from .helpers import answer_message_box, assert_accessible, type_text


@pytest.fixture
def show_in_form(qtbot) -> Iterator[Callable[..., QWidget]]:
    """Lay the widgets out in a shown, active window (kept alive for the test) with one more field."""
    forms: list[QWidget] = []

    def show(*widgets: QWidget) -> QWidget:
        forms.append(_form(qtbot, *widgets))
        return forms[-1]

    yield show


def _form(qtbot, *widgets: QWidget) -> QWidget:
    form = QWidget()
    layout = QVBoxLayout(form)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addWidget(QLineEdit(form))  # somewhere else to put the focus
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)  # focus events need the active window
    return form


def test_text_edit_commits_after_the_pause(qtbot, show_in_form) -> None:
    edit = AutosaveTextEdit(accessible_name="Notes", delay_ms=30)
    show_in_form(edit)
    commits: list[str] = []
    edit.committed.connect(commits.append)
    edit.setFocus()
    type_text(edit, "Hélène")
    assert commits == []
    qtbot.waitUntil(lambda: commits == ["Hélène"])
    edit.flush()
    assert commits == ["Hélène"]  # never twice the same text


def test_text_edit_commits_on_focus_out_and_keeps_undo(show_in_form) -> None:
    edit = AutosaveTextEdit(accessible_name="Notes", delay_ms=60_000)
    form = show_in_form(edit)
    edit.load("déjà enregistré")
    commits: list[str] = []
    edit.committed.connect(commits.append)
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    type_text(edit, " et complété")
    form.findChildren(QLineEdit)[-1].setFocus()
    assert commits == ["déjà enregistré et complété"]
    edit.undo()
    assert edit.toPlainText() == "déjà enregistré"
    edit.undo()
    assert edit.toPlainText() == "déjà enregistré"  # a loaded text is not undone away


def test_edits_are_flushed_when_the_window_closes(show_in_form) -> None:
    text, line = AutosaveTextEdit(delay_ms=60_000), AutosaveLineEdit(delay_ms=60_000)
    form = show_in_form(text, line)
    commits: list[str] = []
    text.committed.connect(commits.append)
    line.committed.connect(commits.append)
    text.insertPlainText("note en cours")
    line.setText("ligne en cours")
    line.textEdited.emit("ligne en cours")
    assert commits == []
    form.close()
    assert sorted(commits) == ["ligne en cours", "note en cours"]


def test_flush_all_and_failed_commits_are_offered_again(show_in_form) -> None:
    edit = AutosaveLineEdit(delay_ms=60_000)
    form = show_in_form(edit)
    commits: list[str] = []
    edit.committed.connect(commits.append)
    edit.setText(MARKER)
    flush_all(form)
    edit.mark_unsaved()  # the view could not store it
    flush_all(form)
    assert commits == [MARKER, MARKER]
    edit.load("autre")
    assert not edit.has_pending()


@pytest.mark.parametrize(("typed", "expected"), [
    ("14/03/2025", date(2025, 3, 14)), ("1/3/2025", date(2025, 3, 1)), ("14.03.2025", date(2025, 3, 14)),
    ("14032025", date(2025, 3, 14)), ("29/02/2024", date(2024, 2, 29)), ("", None), ("  ", None),
])
def test_parse_french_dates(typed: str, expected: date | None) -> None:
    assert parse_french_date(typed) == expected


@pytest.mark.parametrize(("typed", "message"), [
    ("31/02/2026", "n'existe pas"), ("29/02/2025", "n'existe pas"), ("12/13/2025", "n'existe pas"),
    ("14/03/25", "quatre chiffres"), ("2025-03-14", "jj/mm/aaaa"), ("14/03", "jj/mm/aaaa"),
])
def test_impossible_dates_are_explained(typed: str, message: str) -> None:
    with pytest.raises(DateInputError, match=message):
        parse_french_date(typed)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_formatted_dates_parse_back(day: date) -> None:
    assert parse_french_date(day.strftime("%d/%m/%Y")) == day


def test_date_edit_refuses_an_impossible_date_and_keeps_its_value(show_in_form) -> None:
    edit = FrenchDateEdit(accessible_name="Date de la demande")
    show_in_form(edit)
    edit.setDate(date(2026, 1, 5))
    commits: list[object] = []
    edit.committed.connect(commits.append)
    edit.edit.setText("31/02/2026")
    edit.edit.editingFinished.emit()
    assert "n'existe pas" in edit.error_text and edit.error.isVisible()
    assert edit.date() == date(2026, 1, 5) and commits == []
    edit.edit.setText("2/3/2026")
    edit.edit.editingFinished.emit()
    assert edit.date() == date(2026, 3, 2) and commits == [date(2026, 3, 2)]
    assert edit.edit.text() == "02/03/2026" and edit.error_text == ""
    edit.edit.setText("")
    edit.edit.editingFinished.emit()
    assert edit.date() is None and commits[-1] is None


def test_required_and_bounded_dates(show_in_form) -> None:
    edit = FrenchDateEdit(accessible_name="Date de séance", optional=False, minimum=date(2026, 1, 1),
                          maximum=date(2026, 12, 31))
    show_in_form(edit)
    edit.edit.editingFinished.emit()
    assert edit.error_text == "Cette date est obligatoire."
    edit.edit.setText("01/01/2027")
    edit.edit.editingFinished.emit()
    assert "comprise entre 01/01/2026 et 31/12/2026" in edit.error_text and edit.date() is None


def test_date_edit_calendar_picks_a_date(show_in_form) -> None:
    edit = FrenchDateEdit(accessible_name="Date")
    show_in_form(edit)
    edit.pick.click()
    calendar = edit._calendar
    assert calendar is not None and calendar.isVisible()
    from PySide6.QtCore import QDate

    calendar.clicked.emit(QDate(2026, 11, 16))
    assert edit.date() == date(2026, 11, 16) and edit.edit.text() == "16/11/2026"


def test_widgets_are_accessible(show_in_form) -> None:
    form = show_in_form(AutosaveTextEdit(accessible_name="Notes"), AutosaveLineEdit(accessible_name="Nom"),
                 FrenchDateEdit(accessible_name="Date"))
    form.findChildren(QLineEdit)[-1].setAccessibleName("Autre")
    assert len(assert_accessible(form)) == 5


def test_assert_accessible_catches_a_nameless_control(show_in_form) -> None:
    form = show_in_form(QLineEdit())
    form.findChildren(QLineEdit)[-1].setAccessibleName("Autre")
    with pytest.raises(AssertionError, match="QLineEdit"):
        assert_accessible(form)


def test_banner_and_user_messages() -> None:
    assert user_message(WrongPassphrase()) == str(WrongPassphrase())
    assert user_message(ValidationError("Le nom est obligatoire.")) == "Le nom est obligatoire."
    unexpected = user_message(KeyError(MARKER))
    assert MARKER not in unexpected and "KeyError" in unexpected and unexpected.startswith("Une erreur")
    assert MARKER not in user_message(FileNotFoundError(2, "No such file", f"/tmp/{MARKER}.pdf"))


def test_error_banner_shows_and_clears(show_in_form) -> None:
    banner = ErrorBanner()
    show_in_form(banner)
    assert not banner.isVisible()
    banner.show_error(WrongPassphrase())
    assert banner.isVisible() and banner.kind == "error" and banner.text == str(WrongPassphrase())
    banner.clear()
    assert not banner.isVisible()


def test_confirm_has_french_buttons(qtbot) -> None:
    answer_message_box("Annuler")
    assert confirm(None, "Purger", "Purger ces dossiers ?", destructive=True) is False
    answer_message_box("Supprimer")
    assert confirm(None, "Supprimer", "Supprimer ?", confirm_label="Supprimer") is True


def test_every_public_widget_name_is_found_in_its_module() -> None:
    from importlib import import_module

    import cmc_desktop.ui.widgets as widgets

    assert sorted(widgets.__all__) == sorted(widgets._HOMES)
    for name in widgets.__all__:
        home = import_module(f"cmc_desktop.ui.widgets.{widgets._HOMES[name]}")
        assert getattr(widgets, name) is getattr(home, name), name
    with pytest.raises(AttributeError, match="Absent"):
        _ = widgets.Absent


def test_a_compact_table_asks_for_its_header_and_one_row_and_takes_the_height_it_is_given(qtbot) -> None:
    """In a page that scrolls, a table asking Qt's 192 px made the page scroll at 100 %."""
    window = QWidget()
    qtbot.addWidget(window)
    table = CompactTable(0, 3, window)
    table.setHorizontalHeaderLabels(["Intitulé", "Remis le", "Fait le"])
    header = table.horizontalHeader().sizeHint().height()
    assert table.sizeHint().height() == header + table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth()
    assert table.sizeHint().height() < 192
    QVBoxLayout(window).addWidget(table)
    window.resize(400, 400)
    window.show()
    qtbot.waitExposed(window)
    assert table.height() > 300
