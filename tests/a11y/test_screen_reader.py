"""What a screen reader finds in the real application: a name on every control, a text for every image, and
errors and confirmations announced as they appear (issue 12).

The application runs for real (`ui.app.run_app`, X window under Xvfb + openbox) on a demonstration store made by
the installed `cmc-desktop demo`, with no keyring. Orca's own library (pyatspi, the system Python) walks its
accessibility tree over AT-SPI on every screen of screens.py: see atspi_walker.py and driver.py.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .screens import SCREENS

# The walker runs under Debian's Python, which has python3-pyatspi (the venv cannot import it).
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
DEMO_PASSPHRASE = "démonstration accessible 2026"
WALK_TIMEOUT_S = 240


def unavailable() -> str:
    """Why AT-SPI cannot run on this machine, or '' when it can."""
    for program in ("dbus-run-session", "Xvfb", "openbox"):
        if shutil.which(program) is None:
            return f"{program} n'est pas installé (scripts/_setup.sh l'installe en root sous Debian)"
    if not Path(BUS_LAUNCHER).exists():
        return f"{BUS_LAUNCHER} absent (paquet at-spi2-core)"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    if probe.returncode != 0:
        return "pyatspi absent de la Python du système (paquet python3-pyatspi)"
    return ""


def shell_env(home: Path, program: Path) -> dict[str, str]:
    """An environment like a shell's: `_` is the program run, HOME a fresh one, no keyring."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR")}
    return dict(keep, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), _=str(program),
                PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", CMC_DESKTOP_PASSPHRASE=DEMO_PASSPHRASE)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    reason = unavailable()
    if reason:
        pytest.skip(f"AT-SPI ne peut pas démarrer ici : {reason}")
    tmp = tmp_path_factory.mktemp("lecteur-ecran")
    home, data = tmp / "home", tmp / "demo"
    home.mkdir()
    program = VENV_BIN / "cmc-desktop"
    made = subprocess.run([str(program), "demo", "--data-dir", str(data)], env=shell_env(home, program),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    out = tmp / "rapport.json"
    # Its own process group: on a time-out, the X server, the bus and the application go with the walker.
    walker = subprocess.Popen(
        ["dbus-run-session", "--", SYSTEM_PYTHON, str(ROOT / "tests" / "a11y" / "atspi_walker.py"), sys.executable,
         str(data), str(out)], env=shell_env(home, Path(SYSTEM_PYTHON)), cwd=ROOT, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, errors = walker.communicate(timeout=WALK_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(walker.pid, signal.SIGKILL)
        _, errors = walker.communicate()
        pytest.fail(f"le parcours AT-SPI n'a pas fini en {WALK_TIMEOUT_S} s\n{errors[-3000:]}")
    assert out.exists(), errors[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    if "unavailable" in result:
        pytest.skip(f"AT-SPI ne peut pas démarrer ici : {result['unavailable']}")
    return result


def test_every_screen_is_walked(report: dict) -> None:
    assert report["errors"] == []
    walked = [screen["name"] for screen in report["screens"]]
    assert walked == ["Déverrouillage", *[screen.name for screen in SCREENS]]
    assert all(screen["objects"] > 10 for screen in report["screens"])


def test_every_control_has_a_name_and_every_image_a_text(report: dict) -> None:
    problems = [f"{screen['name']} — {problem}" for screen in report["screens"] for problem in screen["problems"]]
    assert problems == []


def test_a_wrong_passphrase_is_announced_at_once(report: dict) -> None:
    heard = report["unlock"]["after_wrong_passphrase"]
    assert heard, "aucune annonce après une phrase erronée"
    assert heard[0]["text"].startswith("Erreur : ")
    assert "incorrecte" in heard[0]["text"]
    assert heard[0]["politeness"] == 2  # ATSPI_LIVE_ASSERTIVE: it interrupts what is being read

