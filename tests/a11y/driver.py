"""Test-only driver: runs the real application (ui.app.run_app) and opens its screens one after another.

    python -m tests.a11y.driver DATA_DIR

Started by atspi_walker.py (system Python, pyatspi) inside a D-Bus session with the accessibility bus. It
talks on its standard streams, one JSON object a line: it writes {"ready": NAME} once a screen is on show and
settled, then waits for "next" on its standard input; {"done": true} after the last screen. The unlock dialog
is left to the walker, which types the passphrase through AT-SPI as a screen-reader user would.

Nothing here is reachable from the installed application: it lives in tests/ and is started by the test.
"""

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cmc_desktop.ui import tasks
from cmc_desktop.ui.app import create_application, run_app

from .screens import SCREENS
from .steps import Screen, Step, dialogs, main_window

POLL_MS = 30
QUIET_POLLS = 3  # the widget tree unchanged for this many polls in a row: the screen has settled
STEP_TIMEOUT_POLLS = 500  # 15 s


def say(**message: object) -> None:
    print(json.dumps(message, ensure_ascii=False), flush=True)


def _shown(widgets: list[QWidget]) -> list[QWidget]:
    return [w for w in widgets if w.isVisible()]


class Driver(QObject):
    """Puts the screens on show one after another, each once the walker has walked the previous one."""

    def __init__(self, screens: list[Screen], passphrase: str) -> None:
        super().__init__()
        self.screens, self.passphrase = screens, passphrase
        self.index = -1
        self.steps: list[Step] = []
        self.errors: list[str] = []
        self._condition: Callable[[], bool] = lambda: False
        self._then: Callable[[], None] = lambda: None
        self._waited = 0
        self._shapes: list[tuple[int, ...]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
        self.stdin.activated.connect(self._command)

    def start(self) -> None:
        self._when(lambda: bool(dialogs()) or self._opened(), self._at_unlock_dialog)

    # ----- waiting without blocking the event loop ------------------------------------------------------------
    def _when(self, condition: Callable[[], bool], then: Callable[[], None]) -> None:
        self._condition, self._then, self._waited, self._shapes = condition, then, 0, []
        self.timer.start()

    def _poll(self) -> None:
        self._waited += 1
        if not self._condition() and self._waited < STEP_TIMEOUT_POLLS:
            return
        self.timer.stop()
        if self._waited >= STEP_TIMEOUT_POLLS:
            self.errors.append(f"{self._name()} : rien n'a bougé pendant {STEP_TIMEOUT_POLLS * POLL_MS // 1000} s")
        self._then()

    def _settled(self) -> bool:
        """Every window exposed, no background task, the widget tree unchanged for a few polls."""
        windows = _shown(QApplication.topLevelWidgets())
        exposed = all(w.windowHandle() is not None and w.windowHandle().isExposed() for w in windows)
        shape = (len(windows), sum(len(_shown(w.findChildren(QWidget))) for w in windows), tasks.running())
        self._shapes.append(shape if exposed and shape[2] == 0 else ())
        recent = self._shapes[-QUIET_POLLS:]
        return len(recent) == QUIET_POLLS and recent[0] != () and recent.count(recent[0]) == QUIET_POLLS

    def _opened(self) -> bool:
        window = main_window()
        return window is not None and window.ws is not None and not window.locked

    def _name(self) -> str:
        return self.screens[self.index].name if 0 <= self.index < len(self.screens) else "Déverrouillage"

    # ----- the unlock dialog, left to the walker ---------------------------------------------------------------
    def _at_unlock_dialog(self) -> None:
        if not self._opened():
            say(ready="Déverrouillage", unlock=True)
        self._when(self._opened, self._next_screen)

    # ----- the walker's answers ---------------------------------------------------------------------------------
    def _command(self) -> None:
        line = sys.stdin.readline()
        if not line:  # the walker is gone
            QApplication.exit(3)
        elif line.strip() == "next":
            self._tear_down()

    def _tear_down(self) -> None:
        """Back to the main window alone: dialogs cancelled; a window that will not close (the mode séance)
        goes with a lock, and the store is opened again at the lock screen."""
        popup = QApplication.activePopupWidget()
        while popup is not None:  # a calendar or a menu opened by the screen
            popup.close()
            popup = QApplication.activePopupWidget() if QApplication.activePopupWidget() is not popup else None
        for dialog in reversed(dialogs()):
            dialog.reject()
        window = main_window()
        if window is None:
            return
        others = [w for w in _shown(QApplication.topLevelWidgets()) if w is not window and w.isWindow()
                  and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)]
        if not others and not window.locked:
            self._next_screen()
            return
        if not window.locked:
            window.lock()
        window.lock_screen.prompt.field.setText(self.passphrase)
        window.lock_screen.prompt.button.click()
        self._when(self._opened, self._next_screen)

    # ----- one screen: its steps, each followed by a wait for the application to settle ------------------------
    def _next_screen(self) -> None:
        self.index += 1
        if self.index >= len(self.screens):
            say(done=True, errors=self.errors)
            window = main_window()
            if window is not None:
                window.close()
            return
        self.steps = list(self.screens[self.index].steps)
        self._run_next_step()

    def _run_next_step(self) -> None:
        window = main_window()
        if not self.steps or window is None:
            say(ready=self._name(), announces=self.screens[self.index].announces)
            return
        step = self.steps.pop(0)

        def run() -> None:
            try:
                step(window)  # a step may open a modal dialog: exec() returns only once it is closed
            except Exception as error:
                self.errors.append(f"{self._name()} : {type(error).__name__}: {error}")

        QTimer.singleShot(0, run)
        self._when(self._settled, self._run_next_step)


def main() -> int:
    data_dir = Path(sys.argv[1])
    app = create_application(sys.argv[:1])
    driver = Driver(SCREENS, os.environ["CMC_DESKTOP_PASSPHRASE"])
    QTimer.singleShot(0, driver.start)
    code = run_app(data_dir, sys.argv[:1])
    del app
    return code


if __name__ == "__main__":
    sys.exit(main())
