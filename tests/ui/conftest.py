"""UI fixtures: the themed French application, background work run synchronously, a window on a real store."""

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cmc_desktop.data.vault import KeyVault
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui import tasks
from cmc_desktop.ui.app import create_application
from cmc_desktop.ui.collector import MainThreadCollector
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.settings_store import UiSettings

from .dialog_cases import Demo, make_template, open_demo


@pytest.fixture(scope="session", autouse=True)
def french_app(qapp: QApplication) -> QApplication:
    return create_application([])


@pytest.fixture(scope="session", autouse=True)
def collector_on_the_gui_thread(french_app: QApplication) -> Iterator[MainThreadCollector]:
    """As in the application (ui/collector.py): tests that run real background threads must not have Python's
    collector free Qt objects of this thread from theirs."""
    collector = MainThreadCollector(french_app)
    collector.start()
    yield collector
    gc.enable()


@pytest.fixture(autouse=True)
def collect_between_tests(collector_on_the_gui_thread: MainThreadCollector) -> Iterator[None]:
    yield
    collector_on_the_gui_thread.collect_due()


@pytest.fixture(autouse=True)
def sync_tasks() -> Iterator[None]:
    """Background work runs at once, on the test's thread: callbacks have run when `submit` returns."""
    previous = tasks.set_executor(tasks.run_now)
    yield
    tasks.set_executor(previous)


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(tmp_path / "interface.ini")


@pytest.fixture
def window(qtbot, ws: Workspace, no_vault: KeyVault, ui_settings: UiSettings) -> Iterator[MainWindow]:
    win = MainWindow(ws, vault=no_vault, ui_settings=ui_settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)  # window shortcuts need the active window
    yield win
    win.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demonstration store, made once per test process (populating takes a second): tests open copies."""
    return make_template(tmp_path_factory.mktemp("modele"))


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Demo]:
    """A copy of the demonstration store, open, with the records the dialogs are opened on (dialog_cases.Demo)."""
    opened = open_demo(demo_template, tmp_path)
    yield opened
    opened.ws.store.close()
