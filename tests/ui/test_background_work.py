"""Background work on the real thread pool: steps and cancellation, one writer, and a lock that never waits
long for what cannot stop."""

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from cmc_desktop.data.errors import StoreError
from cmc_desktop.domain.progress import Step
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui import tasks
from cmc_desktop.ui.lock import LockScreen
from cmc_desktop.ui.main_window import LOCK_WAIT_MS, MainWindow
from cmc_desktop.ui.navigation import AGENTS, Navigator, View, ViewRegistry, default_entries

WAIT_MS = 10_000


@pytest.fixture
def pool() -> Iterator[None]:
    previous = tasks.set_executor(tasks.thread_pool)
    yield
    tasks.set_executor(previous)


class Stepper:
    """Work in steps of ~5 ms that goes on until it is cancelled; says whether its generator was closed."""

    def __init__(self) -> None:
        self.steps = 0
        self.closed = threading.Event()
        self.started = threading.Event()

    def __call__(self) -> Iterator[Step]:
        self.started.set()
        try:
            while True:
                self.closed.wait(0.005)  # one step of work
                self.steps += 1
                yield Step(None, f"étape {self.steps}")
        finally:
            self.closed.set()


def test_a_task_cancelled_between_two_steps_stops_and_calls_nobody_back(qtbot, pool) -> None:
    work, calls, progress = Stepper(), [], []
    task = tasks.submit(work, on_done=calls.append, on_error=calls.append,
                        on_progress=lambda percent, text: progress.append((percent, text)), writes=False)
    qtbot.waitUntil(lambda: len(progress) >= 2, timeout=WAIT_MS)
    assert progress[0] == (-1, "étape 1")  # a step that does not measure itself
    task.cancel()
    assert work.closed.wait(WAIT_MS / 1000)  # its `finally` ran: a session there would have rolled back
    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=WAIT_MS)
    assert calls == []


def test_a_task_cancelled_before_it_starts_never_runs(qtbot, pool) -> None:
    release, ran = threading.Event(), []
    blocker = tasks.submit(lambda: release.wait(WAIT_MS / 1000))  # holds the one writer
    queued = tasks.submit(lambda: ran.append(True))
    queued.cancel()
    release.set()
    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=WAIT_MS)
    assert ran == [] and blocker.cancelled is False


def test_writes_run_one_at_a_time_in_order_and_reads_beside_them(qtbot, pool) -> None:
    release, order, active, overlaps = threading.Event(), [], [0], []
    lock = threading.Lock()

    def write(name: str, hold: bool = False):
        def work() -> str:
            with lock:
                active[0] += 1
                overlaps.append(active[0])
                order.append(name)
            if hold:
                release.wait(WAIT_MS / 1000)
            with lock:
                active[0] -= 1
            return name
        return work

    done: list[str] = []
    tasks.submit(write("first", hold=True), on_done=done.append)
    qtbot.waitUntil(lambda: order == ["first"], timeout=WAIT_MS)
    for name in ("second", "third"):
        tasks.submit(write(name), on_done=done.append)
    tasks.submit(lambda: "read", on_done=done.append, writes=False)
    qtbot.waitUntil(lambda: done == ["read"], timeout=WAIT_MS)  # a read does not wait for the writer
    assert order == ["first"]  # the queued writes wait for the one running
    release.set()
    qtbot.waitUntil(lambda: len(done) == 4, timeout=WAIT_MS)
    assert order == ["first", "second", "third"] and done[1:] == ["first", "second", "third"]
    assert max(overlaps) == 1  # never two writers at once


class BusyView(QWidget, View):
    """A view whose background work outlives the lock: one task in steps, one that cannot stop."""

    cancellable = Stepper()
    release = threading.Event()
    stubborn_started = threading.Event()
    stubborn_done = threading.Event()

    def __init__(self, ws: Workspace, navigator: Navigator) -> None:
        super().__init__()
        self.results: list[object] = []
        tasks.submit(self.cancellable, on_done=self.results.append, owner=self, writes=False)
        tasks.submit(self._stubborn, on_done=self.results.append, owner=self)

    def _stubborn(self) -> str:
        self.stubborn_started.set()
        self.release.wait(WAIT_MS / 1000)
        self.stubborn_done.set()
        return "fini"


@pytest.fixture
def busy_window(qtbot, ws, no_vault, ui_settings, pool) -> Iterator[MainWindow]:
    BusyView.cancellable, BusyView.release = Stepper(), threading.Event()
    BusyView.stubborn_started, BusyView.stubborn_done = threading.Event(), threading.Event()
    registry = ViewRegistry(default_entries())
    registry.register(AGENTS, "Agents", "agents", BusyView)
    window = MainWindow(ws, vault=no_vault, ui_settings=ui_settings, registry=registry)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    BusyView.release.set()
    tasks.wait_for_all()


def test_a_lock_stops_what_can_stop_and_waits_briefly_for_the_rest_saying_so(qtbot, busy_window: MainWindow,
                                                                            ws: Workspace) -> None:
    busy_window.show_view(AGENTS)
    assert BusyView.cancellable.started.wait(WAIT_MS / 1000) and BusyView.stubborn_started.wait(WAIT_MS / 1000)
    started = time.monotonic()
    busy_window.lock()
    waited = time.monotonic() - started
    assert waited < LOCK_WAIT_MS / 1000 + 4  # not the 10 s the stubborn task runs (nor the 30 s of old)
    assert busy_window.locked and busy_window.frame is None
    assert BusyView.cancellable.closed.is_set()  # stopped at its next step
    assert "ne peut pas être interrompue" in busy_window.lock_screen.prompt.text.text()
    assert ws.store.raw_key  # the store stays open for the work still running on it…

    BusyView.release.set()
    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=WAIT_MS)
    with pytest.raises(StoreError):
        ws.store.raw_key  # noqa: B018 - …and closes as soon as it has finished
    assert busy_window.lock_screen.prompt.text.text() == LockScreen.TEXT  # no more waiting to announce
    QApplication.processEvents()
    assert BusyView.stubborn_done.is_set()


def test_a_lock_with_only_work_that_can_stop_closes_the_store_at_once(qtbot, busy_window: MainWindow,
                                                                      ws: Workspace) -> None:
    BusyView.release.set()  # the stubborn task ends by itself
    busy_window.show_view(AGENTS)
    assert BusyView.stubborn_done.wait(WAIT_MS / 1000)
    busy_window.lock()
    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=WAIT_MS)
    assert "ne peut pas être interrompue" not in busy_window.lock_screen.prompt.text.text()
    with pytest.raises(StoreError):
        ws.store.raw_key  # noqa: B018
