"""Long work off the GUI thread: one writer for the store, a shared pool for reads, cancellation between steps.

`submit(work, on_done=..., on_error=..., on_progress=..., owner=..., writes=True)` runs `work()` through the
current executor and calls back on the main thread through queued signals. Tests install `run_now` with
`set_executor` so the same code runs synchronously, without patching anything.

- Steps and cancellation. `work()` may return a generator of `Step`s (domain/progress.py: the functions that
  take long are written that way) whose return value is the result: each step goes to `on_progress`, and the
  task's cancel flag is checked between two steps. A cancelled task closes the generator (its `with` blocks
  exit: a session rolls back) and stops; a task cancelled before it started never runs. Work that yields no
  steps runs to its end once started. A cancelled task calls nobody back.
- One writer. Work that may write to the store (`writes=True`, the default: the journal records even an
  export) runs on a single thread, in the order submitted, so two tasks never write at once. Read-only work
  (`writes=False`: a list's pages, the dashboard, the integrity check) runs on the shared pool beside it.
- Locking: `cancel_all()`, then `wait_for_all(ms)` for at most that long, or `when_idle(callback)`.

Callbacks are dropped when their `owner` widget was deleted meanwhile (a lock tears views down while a task
may still be running).
"""

import contextlib
import threading
from collections.abc import Callable, Generator
from time import monotonic
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from ..domain.progress import Cancelled, Step

Progress = Callable[[int, str], None]


class Task(QObject):
    """One submitted piece of work; lives on the main thread, so its slots run there."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, str)
    _result = Signal(object)
    _error = Signal(object)
    _progress = Signal(int, str)

    def __init__(self, owner: QObject | None, writes: bool) -> None:
        # Owned by the application and deleted by the GUI thread's event loop once delivered (`_finished`): the
        # worker may drop the last Python reference to it, which must not destroy a QObject of this thread there.
        super().__init__(QCoreApplication.instance())
        self._owner = owner
        self.writes = writes
        self._cancelled = threading.Event()
        self._result.connect(self._deliver_result)
        self._error.connect(self._deliver_error)
        self._progress.connect(self._deliver_progress)

    def cancel(self) -> None:
        """Stop at the next step (or before starting); thread-safe."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _wanted(self) -> bool:
        """Whoever asked is still there and still wants it (a cancelled task calls nobody back)."""
        return not self.cancelled and (self._owner is None or shiboken6.isValid(self._owner))

    @Slot(object)
    def _deliver_result(self, value: object) -> None:
        _finished(self)
        if self._wanted():
            self.succeeded.emit(value)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        _finished(self)
        if self._wanted():
            self.failed.emit(error)

    @Slot(int, str)
    def _deliver_progress(self, percent: int, text: str) -> None:
        if self._wanted():
            self.progressed.emit(percent, text)


class Job(QRunnable):
    """What an executor runs: the work of one Task."""

    def __init__(self, task: Task, work: Callable[[], Any]) -> None:
        super().__init__()
        self.task, self._work = task, work

    @property
    def writes(self) -> bool:
        return self.task.writes

    def run(self) -> None:
        # Signals emitted from a worker thread are queued to the Task's (main) thread.
        try:
            if self.task.cancelled:
                raise Cancelled()
            result = self._work()
            if isinstance(result, Generator):
                result = self._steps(result)
        except Exception as error:  # handed to the caller, who shows a French message
            self._emit(self.task._error, error)
        else:
            self._emit(self.task._result, result)

    def _steps(self, steps: Generator[Step, None, Any]) -> Any:
        while True:
            try:
                step = next(steps)
            except StopIteration as stop:
                return stop.value
            self._emit(self.task._progress, -1 if step.percent is None else step.percent, step.text)
            if self.task.cancelled:
                steps.close()
                raise Cancelled()

    @staticmethod
    def _emit(signal: Any, *values: object) -> None:
        with contextlib.suppress(RuntimeError):  # the application quit while the work ran: nobody to tell
            signal.emit(*values)


Executor = Callable[[Job], None]

_writer: QThreadPool | None = None


def _writer_pool() -> QThreadPool:
    global _writer
    if _writer is None:
        _writer = QThreadPool()
        _writer.setMaxThreadCount(1)  # one writer: queued writes run one after the other, in order
    return _writer


def _pools() -> list[QThreadPool]:
    return [QThreadPool.globalInstance(), *([_writer] if _writer is not None else [])]


def thread_pool(job: Job) -> None:
    (_writer_pool() if job.writes else QThreadPool.globalInstance()).start(job)


def run_now(job: Job) -> None:
    """Synchronous executor for tests: callbacks have run when `submit` returns."""
    job.run()


_executor: Executor = thread_pool
_running: set[Task] = set()
_when_idle: list[Callable[[], object]] = []


def set_executor(executor: Executor) -> Executor:
    """Install `executor` for every later `submit`; returns the previous one (to restore it)."""
    global _executor
    previous, _executor = _executor, executor
    return previous


def running() -> int:
    """Tasks submitted whose result has not been delivered yet."""
    return len(_running)


def _finished(task: Task) -> None:
    _running.discard(task)
    task.deleteLater()
    while not _running and _when_idle:
        _when_idle.pop(0)()


def cancel_all() -> int:
    """Ask every task not delivered yet to stop at its next step; returns how many were asked."""
    for task in _running:
        task.cancel()
    return len(_running)


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until the threads have finished their work, for at most `timeout_ms` in all; False on timeout.
    (Their results are delivered by the event loop afterwards.)"""
    deadline = monotonic() + timeout_ms / 1000
    return all(pool.waitForDone(max(0, int((deadline - monotonic()) * 1000))) for pool in _pools())


def when_idle(callback: Callable[[], object]) -> None:
    """Call `callback` on the main thread once no task is left (at once if none is running)."""
    if _running:
        _when_idle.append(callback)
    else:
        callback()


def _log_failure(error: BaseException) -> None:
    from .widgets import user_message

    user_message(error)


def submit(work: Callable[[], Any], *, on_done: Callable[[Any], None] | None = None,
           on_error: Callable[[BaseException], None] | None = None,
           on_progress: Progress | None = None, owner: QObject | None = None, writes: bool = True) -> Task:
    """Run `work()` in the background (see the module's docstring for steps, cancellation and `writes`).
    `on_progress(percent, text)` receives each step; percent is -1 when the step does not measure it."""
    task = Task(owner, writes)
    if on_done is not None:
        task.succeeded.connect(on_done)
    # Nobody to tell: an unexpected error still reaches the log, with its masked traceback.
    task.failed.connect(on_error if on_error is not None else _log_failure)
    if on_progress is not None:
        task.progressed.connect(on_progress)
    _running.add(task)
    _executor(Job(task, work))
    return task
