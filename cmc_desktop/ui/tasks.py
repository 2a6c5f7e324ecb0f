"""Long work (key derivation, backups, restore, purges) off the GUI thread.

`submit(work, on_done=..., on_error=...)` runs `work` through the current executor — `QThreadPool` by
default — and calls back on the main thread through a queued signal. Tests install `run_now` with
`set_executor` so the same code runs synchronously, without patching anything.

Callbacks are dropped when their `owner` widget was deleted meanwhile (a lock tears views down while a
task may still be running).
"""

import contextlib
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Executor = Callable[[QRunnable], None]
Progress = Callable[[int, str], None]


def thread_pool(runnable: QRunnable) -> None:
    QThreadPool.globalInstance().start(runnable)


def run_now(runnable: QRunnable) -> None:
    """Synchronous executor for tests: callbacks have run when `submit` returns."""
    runnable.run()


_executor: Executor = thread_pool
_running: set["Task"] = set()


def set_executor(executor: Executor) -> Executor:
    """Install `executor` for every later `submit`; returns the previous one (to restore it)."""
    global _executor
    previous, _executor = _executor, executor
    return previous


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until background tasks have finished (before closing the store); False on timeout."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def running() -> int:
    return len(_running)


class Task(QObject):
    """One submitted piece of work; lives on the main thread, so its slots run there."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, str)
    _result = Signal(object)
    _error = Signal(object)
    _progress = Signal(int, str)

    def __init__(self, owner: QObject | None) -> None:
        super().__init__()
        self._owner = owner
        self._result.connect(self._deliver_result)
        self._error.connect(self._deliver_error)
        self._progress.connect(self._deliver_progress)

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    @Slot(object)
    def _deliver_result(self, value: object) -> None:
        _running.discard(self)
        if self._owner_alive():
            self.succeeded.emit(value)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        _running.discard(self)
        if self._owner_alive():
            self.failed.emit(error)

    @Slot(int, str)
    def _deliver_progress(self, percent: int, text: str) -> None:
        if self._owner_alive():
            self.progressed.emit(percent, text)


class _Job(QRunnable):
    def __init__(self, task: Task, work: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self._task, self._work, self._with_progress = task, work, with_progress

    def run(self) -> None:
        # Signals emitted from a worker thread are queued to the Task's (main) thread.
        try:
            result = self._work(self._task._progress.emit) if self._with_progress else self._work()
        except Exception as error:  # handed to the caller, who shows a French message
            self._emit(self._task._error, error)
        else:
            self._emit(self._task._result, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the application quit while the work ran: nobody to tell
            signal.emit(value)


def submit(work: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
           on_error: Callable[[BaseException], None] | None = None,
           on_progress: Callable[[int, str], None] | None = None, owner: QObject | None = None) -> Task:
    """Run `work()` in the background; with `on_progress`, `work(progress)` gets a `progress(percent, text)`."""
    task = Task(owner)
    if on_done is not None:
        task.succeeded.connect(on_done)
    if on_error is not None:
        task.failed.connect(on_error)
    if on_progress is not None:
        task.progressed.connect(on_progress)
    _running.add(task)
    _executor(_Job(task, work, on_progress is not None))
    return task
