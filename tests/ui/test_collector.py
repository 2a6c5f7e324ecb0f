"""The cyclic garbage collector runs on the GUI thread only, so a cycle holding Qt objects is never freed by a
background task's thread (ui/collector.py)."""

import gc
import threading
import weakref

import pytest

from cmc_desktop.data.vault import KeyVault
from cmc_desktop.ui.collector import INTERVAL_MS, MainThreadCollector
from cmc_desktop.ui.unlock import FirstRunDialog
from tests.conftest import FAST_KDF

from .secret_helpers import show_active


class Cycle:
    """Garbage only the cyclic collector can free; says on which thread it was freed."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def _make_garbage_in_a_worker(count: int) -> None:
    def work() -> None:
        for _ in range(count):
            Cycle()
        kept = [[] for _ in range(5_000)]  # objects a task makes (rows read from the store): past the threshold
        del kept

    worker = threading.Thread(target=work, name="tâche")
    worker.start()
    worker.join()


@pytest.fixture
def collector(qapp):
    was_enabled = gc.isenabled()
    gc.collect()
    Cycle.freed_on.clear()
    collector = MainThreadCollector()
    yield collector
    collector.deleteLater()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_without_it_a_worker_thread_frees_cycles(collector) -> None:
    """The hazard it removes, measured on this interpreter: a worker that allocates runs the collector."""
    gc.enable()
    _make_garbage_in_a_worker(1000)
    assert "tâche" in Cycle.freed_on


def test_with_it_cycles_are_freed_on_the_gui_thread_only(qtbot, collector) -> None:
    collector.start()
    assert not gc.isenabled()
    _make_garbage_in_a_worker(1000)
    assert Cycle.freed_on == []  # nothing freed in the worker
    qtbot.waitUntil(lambda: len(Cycle.freed_on) == 1000, timeout=10 * INTERVAL_MS)
    assert set(Cycle.freed_on) == {threading.main_thread().name}


def test_a_window_python_owns_is_deleted_by_qt_not_by_the_collector(qtbot, tmp_path,
                                                                      collector_on_the_gui_thread) -> None:
    """The UI tests' collector (tests/ui/conftest.py): a shown dialog made without a parent, then dropped, is
    kept through a collection and deleted by Qt at the test's end. Freed by the collector instead, this one
    crashed the test process every time (SIGSEGV in QWidget::destroy)."""
    dialog = FirstRunDialog(tmp_path / "nouveau", KeyVault(), kdf=FAST_KDF)
    show_active(qtbot, dialog)
    deleted: list[bool] = []
    dialog.destroyed.connect(lambda: deleted.append(True))
    watched = weakref.ref(dialog)
    del dialog
    collector_on_the_gui_thread.keep_windows()
    gc.collect()  # a full collection, as the collector's timer may make while a test runs
    assert watched() is not None and deleted == []
    collector_on_the_gui_thread.delete_windows()
    assert deleted == [True]
