"""Closing the main window with the window manager (Alt+F4 under openbox, as its close button) while an agent's
file holds a date that does not exist: the CMC is asked, « Corriger » keeps the window open, « Abandonner la
modification » closes it, and the store still holds the date it had. Only the window manager's close is
spontaneous, which is what the window asks on (closing it from the code, as tests do, never waits for an answer).
"""

import subprocess
import sys
from pathlib import Path

from tests import test_real_window as real_window
from tests.cli.run import shell_env

pytestmark = real_window.pytestmark  # skipped, with the reason, where Xvfb, openbox or xdotool is missing
display = real_window.display  # a fresh X server managed by openbox
_until, _xdotool = real_window._until, real_window._xdotool

ROOT = Path(__file__).resolve().parents[1]


def test_the_window_manager_close_asks_about_an_edit_that_cannot_be_saved(tmp_path: Path, display: str) -> None:
    output = tmp_path / "sortie.txt"
    env = shell_env(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT),
                    XDG_CONFIG_HOME=str(tmp_path / "config"), NO_AT_BRIDGE="1")
    with output.open("w") as out:
        app = subprocess.Popen([sys.executable, str(ROOT / "tests" / "real_window_close_app.py"), str(tmp_path)],
                               stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _until(lambda: "READY" in output.read_text() or app.poll() is not None, "la fenêtre prête")
        assert app.poll() is None, output.read_text()
        window = _until(lambda: _xdotool(display, "search", "--onlyvisible", "--name", "^Agents"), "la fenêtre")
        window_id = str(window).splitlines()[0]
        for asked in (1, 2):
            _xdotool(display, "windowactivate", "--sync", window_id)
            _xdotool(display, "key", "alt+F4")
            _until(lambda asked=asked: output.read_text().count("ASKED") == asked or app.poll() is not None,
                   f"la question n° {asked}")
            if asked == 1:
                assert app.poll() is None, output.read_text()  # « Corriger »: the window stays
        assert app.wait(timeout=60) == 0, output.read_text()
        lines = output.read_text().splitlines()
        assert lines.count("ASKED Abandonner la modification ?") == 2, lines
        assert "CLOSED 2019-09-01" in lines, lines
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=60)
