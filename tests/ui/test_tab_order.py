"""Tab follows the reading order in every view of the demonstration store: walking the focus chain, each
widget comes after the previous one top to bottom, left to right within a row (one column after the other)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cmc_desktop.data.vault import KeyVault
from cmc_desktop.services.interviews import start_e2
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS, INTERVIEWS, PROMOTIONS, SYNTHESES, default_entries
from cmc_desktop.ui.settings_store import UiSettings

from .dialog_cases import Demo
from .reading_order import out_of_order

ITEMS = {"dossier d'un agent": (AGENTS, lambda d: d.agent_id),
         "entretien": (INTERVIEWS, lambda d: start_e2(d.ws, d.agent_id, d.today)),
         "document de synthèse": (SYNTHESES, lambda d: d.synthesis_id),
         "tableau de la promotion": (PROMOTIONS, lambda d: d.board.promotion.id)}


@pytest.fixture
def demo_window(qtbot, demo: Demo, tmp_path: Path) -> Iterator[MainWindow]:
    win = MainWindow(demo.ws, vault=KeyVault(), ui_settings=UiSettings(tmp_path / "interface.ini"))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _settled() -> None:
    for _ in range(5):
        QApplication.processEvents()


@pytest.mark.parametrize("key", [spec.key for spec in default_entries()])
def test_tab_follows_the_reading_order_in_each_view(demo_window: MainWindow, key: str) -> None:
    demo_window.show_view(key)
    _settled()
    assert out_of_order(demo_window) == []


@pytest.mark.parametrize("item", sorted(ITEMS))
def test_tab_follows_the_reading_order_in_an_open_item(demo_window: MainWindow, demo: Demo, item: str) -> None:
    key, target = ITEMS[item]
    demo_window.navigator.open(key, target(demo))
    _settled()
    assert out_of_order(demo_window) == []
