"""Back from a document to « Synthèses », the document just left is the current row and the list has the focus:
Entrée opens it again, not the first row (as the agents' list does). Real keys on the focused widget."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import SYNTHESES
from cmc_desktop.ui.synthesis.view import SynthesesView
from tests.services.synthesis_helpers import bpp_agent

from .secret_helpers import focused


def _documents(ws: Workspace, count: int) -> list[int]:
    made = []
    for index in range(count):
        agent_id, bpp_id = bpp_agent(ws, f"Nom{index:03d}", "Camille")
        made.append(service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id))
    return made


def test_back_from_a_document_the_list_is_on_it_and_entree_opens_it_again(qtbot, window: MainWindow,
                                                                         ws: Workspace) -> None:
    _documents(ws, 3)
    view = window.show_view(SYNTHESES)
    assert isinstance(view, SynthesesView)
    table, model = view.list.table, view.list.model
    table.setFocus()
    qtbot.waitUntil(lambda: focused() is table)
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Down)
    left = model.summary(table.currentIndex().row()).id
    assert table.currentIndex().row() > 0
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert view.editor is not None and view.editor.synthesis_id == left

    back = next(b for b in view.editor.findChildren(QPushButton) if b.text() == "← Tous les documents")
    back.setFocus()
    qtbot.waitUntil(lambda: focused() is back)
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    assert view.currentWidget() is view.list and view.editor is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    assert model.summary(table.currentIndex().row()).id == left
    assert [model.summary(i.row()).id for i in table.selectionModel().selectedRows()] == [left]

    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert view.editor is not None and view.editor.synthesis_id == left
