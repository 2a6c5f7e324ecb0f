"""« Nouvelle demande de BPP »: the date of implicit rejection shown under the request date follows what is typed
— a date that does not exist shows none, not the one computed from the previous date — and the dialog grown for
the error gives the room back once the date is corrected. Real keys on the focused widget."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.agents.demande_dialog import DemandeDialog
from cmc_desktop.ui.main_window import MainWindow

from .agents_helpers import new_agent
from .secret_helpers import focused


def _retype(qtbot, dialog: DemandeDialog, text: str) -> None:
    field = dialog.request_date.edit
    field.setFocus()
    qtbot.waitUntil(lambda: focused() is field)
    field.selectAll()
    QTest.keyClicks(field, text)
    QTest.keyClick(focused(), Qt.Key.Key_Tab)


def test_an_impossible_date_shows_no_rejection_date_and_the_dialog_shrinks_back(qtbot, window: MainWindow,
                                                                              ws: Workspace) -> None:
    dialog = DemandeDialog(ws, new_agent(ws, "Durand", "Alice"), window)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    opened = dialog.height()
    assert "rejetée le 16/01/2027" in dialog.deadline.text()  # the clock's day, 16/11/2026, plus two months

    _retype(qtbot, dialog, "31/02/2026")
    assert "n'existe pas dans le calendrier" in dialog.request_date.error_text
    assert "rejetée le" not in dialog.deadline.text() and not dialog.deadline.isVisible()

    QTest.keyClick(focused(), Qt.Key.Key_Return)  # « Enregistrer la demande »: refused, said in the banner
    assert dialog.isVisible() and "n'existe pas dans le calendrier" in dialog.banner.text
    qtbot.waitUntil(lambda: dialog.height() > opened)  # grown to show the message

    _retype(qtbot, dialog, "28/02/2026")
    assert "rejetée le 28/04/2026" in dialog.deadline.text() and dialog.deadline.isVisible()
    assert not dialog.banner.isVisible()  # its cause is fixed
    qtbot.waitUntil(lambda: dialog.height() == opened)  # no empty band where the message was
    dialog.reject()
