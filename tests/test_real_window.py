"""The first thing a CMC does, on a real X server with a window manager, through the installed entry point:
type the phrase secrète, press Entrée. The main window must be there with the store open — it used to close the
application (Entrée went to « Quitter » once the field was disabled while the store opened).

Xvfb, openbox and xdotool are installed by scripts/_setup.sh; the test is skipped, with the reason, only where
one of them is missing (not on CI).
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.run import SCRIPT, shell_env

DEMO_PASSPHRASE = "demo-cmc-2026"
TOOLS = ("Xvfb", "openbox", "xdotool")
WAIT_S = 60

pytestmark = pytest.mark.skipif(sys.platform != "linux" or not all(shutil.which(tool) for tool in TOOLS),
                                reason="Xvfb, openbox et xdotool (installés par scripts/_setup.sh) sont nécessaires")


def _until(condition: Callable[[], object], what: str, timeout_s: float = WAIT_S) -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)  # polling another process: there is no signal to wait on
    raise AssertionError(f"attendu en vain : {what}")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A fresh X server (the first free display number, told by Xvfb itself) with openbox managing it."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten",
                               "tcp"], pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as told:
        name = f":{told.readline().strip()}"
    manager = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": name, "HOME": str(tmp_path)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield name
    finally:
        for process in (manager, server):
            process.terminate()
            process.wait(timeout=10)


def _xdotool(display: str, *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, capture_output=True,
                          text=True, timeout=WAIT_S)
    return done.stdout.strip() if done.returncode == 0 else ""


def test_typing_the_passphrase_and_entree_opens_the_store(tmp_path: Path, display: str) -> None:
    data_dir = tmp_path / "démo"
    made = subprocess.run([str(SCRIPT), "demo", "--data-dir", str(data_dir)], stdin=subprocess.DEVNULL,
                          env=shell_env(CMC_DESKTOP_PASSPHRASE=DEMO_PASSPHRASE), capture_output=True, timeout=WAIT_S)
    assert made.returncode == 0, made.stderr
    log = tmp_path / "journal.txt"
    env = shell_env(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path / "home"),
                    XDG_CONFIG_HOME=str(tmp_path / "config"), NO_AT_BRIDGE="1")
    with log.open("w") as stderr:
        app = subprocess.Popen([str(SCRIPT), "--data-dir", str(data_dir)], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=stderr, env=env)
    try:
        _until(lambda: "ui.store_opening passphrase" in log.read_text(), "le dialogue de déverrouillage (pas de "
               "trousseau)")
        dialog = _until(lambda: _xdotool(display, "search", "--onlyvisible", "--name", "Ouvrir votre dossier"),
                        "la fenêtre « Ouvrir votre dossier »")
        window_id = str(dialog).splitlines()[0]
        _xdotool(display, "windowactivate", "--sync", window_id)
        _until(lambda: _xdotool(display, "getactivewindow") == window_id, "le dialogue actif")
        _xdotool(display, "type", "--delay", "40", DEMO_PASSPHRASE)
        _xdotool(display, "key", "Return")

        _until(lambda: "ui.unlocked" in log.read_text() or app.poll() is not None, "l'ouverture du dossier")
        assert app.poll() is None, f"l'application s'est fermée : {log.read_text()}"
        text = log.read_text()
        assert "store.unlocked passphrase" in text and "ui.unlocked" in text
        # Qt appends « — cmc-desktop » (the application's display name) to the title in _NET_WM_NAME, what
        # task bars and screen readers show; xdotool's search reads WM_NAME, the title alone.
        main = _until(lambda: _xdotool(display, "search", "--onlyvisible", "--name", "^Tableau de bord"),
                      "la fenêtre principale")
        assert _xdotool(display, "getwindowname", str(main).splitlines()[0]) == "Tableau de bord — cmc-desktop"
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)
        app.wait(timeout=WAIT_S)
