"""Text zoom without loss of content (RGAA 10.4), where eliding used to hide it: each séance's topic and each
participant's name on the promotion board, and a long unbroken word (a web address) in the version comparison,
read whole at every zoom from 100 % to 200 % on a 1280×720 laptop — on more lines, never cut nor scrolled sideways."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.dates import format_fr
from cmc_desktop.domain.synthesis import Author
from cmc_desktop.services import synthesis
from cmc_desktop.services.promotions import promotion_board
from cmc_desktop.services.synthesis_versions import list_versions, save_version
from cmc_desktop.ui import text_zoom
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import PROMOTIONS
from cmc_desktop.ui.promotions import PromotionBoardView, PromotionsView
from cmc_desktop.ui.promotions.seance_dialog import SeanceDialog
from cmc_desktop.ui.settings_store import UiSettings
from cmc_desktop.ui.synthesis.versions import CompareDialog
from cmc_desktop.ui.widgets.wrapped_text import WrappedText
from tests.layout.checks import cut_cells, problems

from .dialog_cases import Demo

LAPTOP = QSize(1280, 720)
ADDRESS = "https://demarches.gouv.fr/d/" + ("Q2FwUHJpbnRlbXBz" * 19)[:300]  # a 300-letter « word »


@pytest.fixture
def zoomed() -> Iterator[None]:
    yield
    text_zoom.apply_zoom(100)


def settle() -> None:
    for _ in range(12):
        QApplication.processEvents()


def open_board(qtbot, demo: Demo, tmp_path: Path, zoom: int) -> tuple[MainWindow, PromotionBoardView]:
    """The demonstration promotion's board in a 1280×720 window, the texts at `zoom` %."""
    window = MainWindow(demo.ws, vault=KeyVault(), ui_settings=UiSettings(tmp_path / "interface.ini"))
    qtbot.addWidget(window)
    window.resize(LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    text_zoom.apply_zoom(zoom)
    view = window.navigator.open(PROMOTIONS, demo.board.promotion.id)
    assert isinstance(view, PromotionsView) and view.board is not None
    settle()
    return window, view.board


@pytest.mark.parametrize("zoom", [100, 150, 200])
def test_every_seance_topic_and_participant_name_is_whole_on_the_board(qtbot, demo: Demo, tmp_path: Path,
                                                                        zoomed: None, zoom: int) -> None:
    window, board = open_board(qtbot, demo, tmp_path, zoom)
    expected = promotion_board(demo.ws, demo.board.promotion.id or 0)

    # Each séance: its date and whole topic, on as many lines as its card's width needs, none cut.
    for phase, card in board.phases.cards.items():
        labels = [f"{format_fr(s.held_on)} — {s.topic}" for s in expected.seances_by_phase[phase]]
        buttons = [b for b in card.findChildren(QPushButton, "SeanceButton") if b is not card.plan and b.isVisible()]
        assert [b.text() for b in buttons] == labels
        for button in buttons:
            assert button.heightForWidth(button.width()) <= button.height(), button.text()
            assert button.geometry().right() <= card.contentsRect().right(), button.text()
    if zoom == 200:  # two phases a row: the longer topics go onto a second line
        assert sum(len(b.lines()) > 1 for card in board.phases.cards.values() for b in card.buttons) >= 2

    # Each participant's name whole in its cell, on two lines if need be, the row as tall as it.
    names = [p.display_name for p in expected.participants]
    assert [board.model.index(row, 0).data() for row in range(board.model.rowCount())] == names
    assert cut_cells(board.table) == []
    assert not board.table.horizontalScrollBar().isVisible() and not board.table.verticalScrollBar().isVisible()
    assert problems(window, LAPTOP) == []


@pytest.mark.parametrize("zoom", [100, 200])
def test_a_long_unbroken_word_in_both_versions_breaks_instead_of_scrolling_sideways(qtbot, demo: Demo,
                                                                                   zoomed: None, zoom: int) -> None:
    ws, synthesis_id = demo.ws, demo.synthesis_id
    synthesis.set_field(ws, synthesis_id, "1.1", f"Voir la fiche {ADDRESS} avant la séance.", Author.AGENT)
    before = save_version(ws, synthesis_id, "avant")
    synthesis.set_field(ws, synthesis_id, "1.1", f"Fiche lue : {ADDRESS}", Author.AGENT)
    text_zoom.apply_zoom(zoom)
    dialog = CompareDialog(ws, synthesis_id, list_versions(ws, synthesis_id), before, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()

    scroll = dialog.scroll_area
    assert not scroll.horizontalScrollBar().isVisible()
    assert dialog.width() <= LAPTOP.width()
    page = scroll.widget()
    assert page is not None and page.width() <= scroll.viewport().width()
    field = "1.1. besoins et attentes de l'agent"
    shown = {w.accessibleName(): w for w in page.findChildren(QWidget) if w.accessibleName().startswith(field)}
    for side, text in (("avant", f"Voir la fiche {ADDRESS} avant la séance."), ("après", f"Fiche lue : {ADDRESS}")):
        widget = shown[f"{field}, {side}"]
        assert isinstance(widget, WrappedText) and widget.toPlainText() == text
        assert widget.heightForWidth(widget.width()) <= widget.height()  # every line shown, none scrolled
    assert problems(dialog, LAPTOP) == []


def test_a_seance_on_two_lines_opens_with_the_space_key_and_its_dialog_closes_with_escape(qtbot, demo: Demo,
                                                                                         tmp_path: Path,
                                                                                         zoomed: None) -> None:
    window, board = open_board(qtbot, demo, tmp_path, 200)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    link = next(b for card in board.phases.cards.values() for b in card.buttons if len(b.lines()) > 1)
    seance = next(s for seances in demo.board.seances_by_phase.values() for s in seances
                  if link.text() == f"{format_fr(s.held_on)} — {s.topic}")
    assert link.accessibleName() == f"Séance du {link.text()}"
    assert link.toolTip().startswith(f"{link.text()}\n{seance.place}")
    link.setFocus()
    qtbot.waitUntil(link.hasFocus)
    qtbot.keyClick(link, Qt.Key.Key_Space)
    dialog = board.dialog
    assert isinstance(dialog, SeanceDialog) and dialog.isVisible()
    assert dialog.topic.text() == seance.topic
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: board.dialog is None)
