"""Child process of the start-up measure: `python -m bench.startup_probe bare|app|unlock [DATA_DIR]`.

Prints, as they happen, `paint` and `paintrss <KiB>` (first paint of the awaited window: for the app, its
opening screen, painted before the store is even imported), `ready` (the store open and the last view shown, no
background task left but the work started once the window has its content — see Background —, the event loop
free: the window shows its content and answers the user), then `shown <ms>` (the agents list opened from the main
window and filled, app mode), `preloaded` (the code of an agent's file imported in the background, the ORM's mapping
with it) and `verified` (the background integrity check of the store is over), app mode, and `rss <KiB>` (peak
resident memory, after all that), then quits. The parent times the lines as they arrive, so interpreter start,
imports and store opening all count, as for a user.

bare   a QMainWindow and nothing else, at the size cmc-desktop opens at (the baseline);
app    cmc-desktop's run_app on DATA_DIR, the key in the keyring (PYTHON_KEYRING_BACKEND names bench's in-memory
       one, seeded from CMC_BENCH_KEYRING): the main window;
unlock cmc-desktop's run_app on DATA_DIR without a keyring: the passphrase dialog.
"""

import os
import sys
import threading
import time
from pathlib import Path

if sys.argv[1:2] != ["bare"]:
    # What the frozen launcher does first: the command line (which imports Qt only to open the window).
    from cmc_desktop.cli import main as cli_main

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget  # noqa: E402

WATCHDOG_SECONDS = 90


def status_kib(field: str) -> int:
    """A memory line of /proc/self/status: VmHWM, the peak of this process image (getrusage's ru_maxrss survives
    exec on Linux, so it would report the parent's peak when that is higher), or VmRSS, what it holds now."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:  # not Linux
        return 0
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith(f"{field}:"))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Background:
    """Work the app starts once the window has its content, told apart from the views' tasks: the window answers
    while it runs. Two kinds: its integrity check (ui/app.verify_in_background), and the import of the code of an
    agent's file (ui/app.load_file_code_in_background)."""

    def __init__(self, word: str) -> None:
        self.word, self.pending, self.done = word, False, []

    def track(self, task) -> None:
        self.pending = True
        task.succeeded.connect(lambda _: self.finished())
        task.failed.connect(lambda _: self.finished())

    def finished(self) -> None:
        self.pending = False
        say(self.word)
        for then in self.done:
            QTimer.singleShot(0, then)

    def tracking(self, start):
        """`start` (one of ui/app's functions above), its task tracked."""

        def tracked(*args):
            task = start(*args)
            if task is not None:
                self.track(task)
            return task

        return tracked


INTEGRITY, FILE_CODE = Background("verified"), Background("preloaded")


def busy() -> int:
    """Background tasks still running or queued, and results not yet handled, but the Background ones."""
    tasks = sys.modules.get("cmc_desktop.ui.tasks")
    if tasks is None:
        return QThreadPool.globalInstance().activeThreadCount()
    return tasks.running() - int(INTEGRITY.pending) - int(FILE_CODE.pending)


def opening() -> bool:
    """The app's main window is up but its store not yet open (the opening screen, or the unlock dialog)."""
    return any(getattr(w, "locked", False) for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))


_after_next_task: list = []


def _watch_tasks(tasks) -> bool:
    """Have the app's task runner tell us each time a task's result is being handled (once)."""
    if not hasattr(tasks, "_finished"):
        return False
    if not getattr(tasks, "_probe_watched", False):
        finished = tasks._finished

        def watched(task) -> None:
            finished(task)
            waiting, _after_next_task[:] = list(_after_next_task), []
            for check in waiting:  # after the result's callbacks have run
                QTimer.singleShot(0, check)

        tasks._finished, tasks._probe_watched = watched, True
    return True


def when_tasks_done(then, *, opened: bool = False) -> None:
    """Call `then` once no background task runs (the app opens the store and loads views off the GUI thread)
    and their results, queued to the GUI thread, have been handled — and, with `opened`, the store is open.

    While the app's tasks run, the check waits for the next result instead of polling: a Python timer firing
    every millisecond on the GUI thread took the interpreter's lock from the app's worker threads hundreds of
    times during the opening, charging the app (and not the bare window) for the measure itself."""
    tasks = sys.modules.get("cmc_desktop.ui.tasks")
    again = lambda: when_tasks_done(then, opened=opened)  # noqa: E731
    if busy() and tasks is not None and _watch_tasks(tasks):
        _after_next_task.append(again)
    elif busy() or (opened and opening()):
        QTimer.singleShot(1, again)
    else:
        QTimer.singleShot(0, then)


def when_background_done(then) -> None:
    for work in (INTEGRITY, FILE_CODE):
        if work.pending:
            work.done.append(lambda: when_background_done(then))
            return
    then()


class FirstPaint(QObject):
    """Reports the first paint of a window of `kind`, then when the window is ready.

    It filters the events of that window only (`watch`): an application-wide Python filter would make PySide
    build the Python types of every object the first events concern, ~30 ms charged to whoever is measured."""

    def __init__(self, kind: type[QWidget]) -> None:
        super().__init__()
        self.kind, self.seen = kind, False

    def watch(self, window: QWidget) -> QWidget:
        window.installEventFilter(self)
        return window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, self.kind):
            self.seen = True
            # Off at once: every later event of the window (the opening screen's busy bar repaints it ~25 times
            # while the store opens) would call into Python and take the interpreter's lock from the app.
            watched.removeEventFilter(self)
            QApplication.instance().removeEventFilter(self)  # unlock mode watches the whole application
            say("paint")
            say(f"paintrss {status_kib('VmRSS')}")
            when_tasks_done(self.ready, opened=self.kind is QMainWindow)
        return False

    def ready(self) -> None:
        say("ready")
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()),
                      None)
        if self.kind is QMainWindow and hasattr(window, "show_view"):
            from cmc_desktop.ui.navigation import AGENTS

            start = time.perf_counter()
            window.show_view(AGENTS)
            when_tasks_done(lambda: self.finish(time.perf_counter() - start))
        else:
            self.finish(None)

    def finish(self, shown: float | None) -> None:
        if shown is not None:
            say(f"shown {shown * 1000:.1f}")
        when_background_done(self.quit)

    def quit(self) -> None:
        say(f"rss {status_kib('VmHWM')}")
        QApplication.closeAllWindows()
        QApplication.quit()


class UnlockWatch(QObject):
    """Unlock mode: once the main window has painted, watch the application for the dialog's first paint."""

    def __init__(self, probe: FirstPaint, window: QWidget) -> None:
        super().__init__(window)
        self.probe, self.window = probe, window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QApplication.instance().installEventFilter(self.probe)
        return False


def main() -> int:
    mode = sys.argv[1]
    # Never hang a benchmark or a test: a window that never shows ends the probe with an error.
    watchdog = threading.Timer(WATCHDOG_SECONDS, lambda: (say("timeout"), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()
    probe = FirstPaint(QDialog if mode == "unlock" else QMainWindow)
    if mode == "bare":
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
        window = probe.watch(QMainWindow())
        # The size cmc-desktop opens at (main_window._restore_geometry): as many pixels to paint and to hold.
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1280, int(screen.width() * 0.95)), min(760, int(screen.height() * 0.92)))
        window.show()
        return app.exec()
    from cmc_desktop.ui import app as cmc_app

    main_window = cmc_app.MainWindow
    if mode == "app":
        cmc_app.MainWindow = lambda *args, **kwargs: probe.watch(main_window(*args, **kwargs))  # type: ignore
    else:  # the unlock dialog, watched from the main window's first paint (not to weigh on that one)
        cmc_app.MainWindow = lambda *args, **kwargs: UnlockWatch(probe, main_window(*args, **kwargs)).window
    if mode == "app":
        from functools import partial

        from cmc_desktop.data.vault import SECURE_BACKENDS, KeyVault

        # The desktop keyring: keyring loads the backend PYTHON_KEYRING_BACKEND names (bench.memory_keyring) when
        # the app first asks for the key, as it would load the real one; this vault trusts it as a secure one.
        trusted = SECURE_BACKENDS | {os.environ["PYTHON_KEYRING_BACKEND"]}
        cmc_app.KeyVault = partial(KeyVault, secure=trusted)  # type: ignore[misc]
        cmc_app.verify_in_background = INTEGRITY.tracking(cmc_app.verify_in_background)
        cmc_app.load_file_code_in_background = FILE_CODE.tracking(cmc_app.load_file_code_in_background)
    return cli_main(["--data-dir", sys.argv[2]])


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: not part of what is measured
