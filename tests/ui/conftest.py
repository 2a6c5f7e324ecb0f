"""UI fixtures: the themed French application, background work run synchronously, a window on a real store."""

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

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


class WindowKeepingCollector(MainThreadCollector):
    """The application's collector (ui/collector.py), which keeps alive the windows Python owns until the test's
    end deletes them the way Qt does.

    Tests make windows without a parent (a dialog under test, the main window); the application does not (its
    dialogs belong to the main window, which lives as long as it runs). When Python's collector freed such a window
    after it had been shown, PySide 6.11 deleted part of it twice: SIGSEGV in QWidget::destroy, the CI's crash of
    7 December (reproduced every time by a collection right after the test of the « Premier lancement » dialog's
    default button). Deleted by Qt first (deleteLater, then the deferred deletions delivered), it is freed
    cleanly, and the collector then finds only wrappers of deleted objects."""

    def __init__(self, parent: QApplication) -> None:
        super().__init__(parent)
        self.kept: list[QWidget] = []

    def collect_due(self) -> int:
        self.keep_windows()
        return super().collect_due()

    def keep_windows(self) -> None:
        for window in QApplication.topLevelWidgets():
            if shiboken6.ownedByPython(window) and not any(window is kept for kept in self.kept):
                self.kept.append(window)

    def delete_windows(self) -> None:
        """Every window Python owns, deleted by Qt (pytest-qt has closed those the test registered)."""
        self.keep_windows()
        for window in self.kept:
            if shiboken6.isValid(window):
                window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.kept.clear()


@pytest.fixture(scope="session", autouse=True)
def collector_on_the_gui_thread(french_app: QApplication) -> Iterator[WindowKeepingCollector]:
    """As in the application (ui/collector.py): tests that run real background threads must not have Python's
    collector free Qt objects of this thread from theirs."""
    collector = WindowKeepingCollector(french_app)
    collector.start()
    yield collector
    gc.enable()


@pytest.fixture(autouse=True)
def collect_between_tests(collector_on_the_gui_thread: WindowKeepingCollector) -> Iterator[None]:
    yield
    collector_on_the_gui_thread.delete_windows()
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
