"""Child process of the start-up measure: `python -m bench.startup_probe bare|app|unlock [DATA_DIR]`.

Prints, as they happen, `paint` (first paint of the awaited window), `ready` (no background task left but the
integrity check, and the event loop free: the window shows its content and answers the user), then
`shown <ms>` (the agents list opened from the main window and filled, app mode), `verified` (the background
integrity check of the store is over, app mode) and `rss <KiB>` (peak resident memory, after all that), then
quits. The parent times the lines as they arrive, so interpreter start, imports and store opening all count,
as for a user.

bare   a QMainWindow and nothing else (the baseline);
app    cmc-desktop's run_app on DATA_DIR, the key in the keyring (read from stdin): the main window;
unlock cmc-desktop's run_app on DATA_DIR without a keyring: the passphrase dialog.
"""

import os
import sys
import threading
import time
from pathlib import Path

if sys.argv[1:2] != ["bare"]:
    # What the frozen launcher does first: the command line, which imports the store (SQLAlchemy, Alembic)
    # before Qt. (Modules imported after PySide6 go through its feature hook, which reads their source.)
    from cmc_desktop.cli import main as cli_main

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget  # noqa: E402

WATCHDOG_SECONDS = 90


def peak_rss_kib() -> int:
    """VmHWM: the peak of this process image. (getrusage's ru_maxrss survives exec on Linux, so it would report
    the parent's peak when that is higher.)"""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:  # not Linux
        return 0
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Integrity:
    """The app's background integrity check (ui/app.verify_in_background), told apart from the views' tasks:
    the window answers while it runs."""

    pending = False
    done: list = []

    @classmethod
    def track(cls, task) -> None:
        cls.pending = True
        task.succeeded.connect(lambda _: cls.finished())
        task.failed.connect(lambda _: cls.finished())

    @classmethod
    def finished(cls) -> None:
        cls.pending = False
        say("verified")
        for then in cls.done:
            QTimer.singleShot(0, then)


def busy() -> int:
    """Background tasks still running or queued, and results not yet handled, but the integrity check."""
    tasks = sys.modules.get("cmc_desktop.ui.tasks")
    if tasks is None:
        return QThreadPool.globalInstance().activeThreadCount()
    return tasks.running() - int(Integrity.pending)


def when_tasks_done(then) -> None:
    """Call `then` once no background task runs (the app loads views off the GUI thread) and their
    results, queued to the GUI thread, have been handled."""
    if busy():
        QTimer.singleShot(1, lambda: when_tasks_done(then))
    else:
        QTimer.singleShot(0, then)


def when_verified(then) -> None:
    if Integrity.pending:
        Integrity.done.append(then)
    else:
        then()


class FirstPaint(QObject):
    """Reports the first paint of a widget inside a window of `kind`, then when the window is ready."""

    def __init__(self, kind: type[QWidget]) -> None:
        super().__init__()
        self.kind, self.seen = kind, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and isinstance(watched.window(), self.kind)):
            self.seen = True
            say("paint")
            when_tasks_done(self.ready)
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
        when_verified(self.quit)

    def quit(self) -> None:
        say(f"rss {peak_rss_kib()}")
        QApplication.closeAllWindows()
        QApplication.quit()


def main() -> int:
    mode = sys.argv[1]
    # Never hang a benchmark or a test: a window that never shows ends the probe with an error.
    watchdog = threading.Timer(WATCHDOG_SECONDS, lambda: (say("timeout"), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    probe = FirstPaint(QDialog if mode == "unlock" else QMainWindow)
    app.installEventFilter(probe)
    if mode == "bare":
        window = QMainWindow()
        window.show()
        return app.exec()
    if mode == "app":
        from cmc_desktop.ui import app as cmc_app

        from .memory_keyring import memory_vault

        vault = memory_vault()
        store_id, key = sys.stdin.readline().split()
        vault.put(store_id, bytes.fromhex(key))
        cmc_app.KeyVault = lambda: vault  # type: ignore[assignment,misc]  # the CMC's desktop keyring
        verify = cmc_app.verify_in_background

        def tracked_verify(window, store):
            task = verify(window, store)
            if task is not None:
                Integrity.track(task)
            return task

        cmc_app.verify_in_background = tracked_verify
    # The QApplication made above is reused by the app (create_application takes the existing instance).
    return cli_main(["--data-dir", sys.argv[2]])


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: not part of what is measured
