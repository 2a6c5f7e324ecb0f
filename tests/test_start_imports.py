"""What the application imports on its way to a window with content, and on which thread: launched for real in a
fresh process (bench's probe: offscreen Qt, the key in an in-memory keyring), each import reported as it starts
by an audit hook, in order with the probe's `ready`.

The view the window opens on has its code imported by the opening, off the GUI thread; the ORM's mapping is
imported before the window is ready only when that view needs it (the tableau de bord), and otherwise (the agents
list) after it, off the GUI thread too, with the code of an agent's file, once the integrity check is over."""

import subprocess
import sys
from pathlib import Path

import pytest

from bench import stores
from bench.startup_bench import ROOT, probe_environment
from tests.conftest import FAST_KDF

# Prints `import <module> gui|worker` for the modules the test follows and `opened` when the opening task ends,
# then runs the probe as `python -m` would.
# A finder first in line sees every import, however made (importlib.import_module included), and finds nothing.
WATCHED_START = """
import runpy, sys, threading

FOLLOWED = ("cmc_desktop.data.models", "cmc_desktop.ui.dashboard", "cmc_desktop.ui.agents",
            "cmc_desktop.ui.agents.agent_file")

class Report:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name in FOLLOWED:
            thread = "gui" if threading.current_thread() is threading.main_thread() else "worker"
            sys.stdout.write(f"import {name} {thread}\\n")
            sys.stdout.flush()
        return None

sys.meta_path.insert(0, Report)

import cmc_desktop.ui.app as app  # (the probe imports it before the window all the same)

opening = app._open_and_load

def reported(*args):
    try:
        return opening(*args)
    finally:
        sys.stdout.write("opened\\n")  # on the opening's thread, after what it imported
        sys.stdout.flush()

app._open_and_load = reported
sys.argv[0] = "bench.startup_probe"
runpy.run_module("bench.startup_probe", run_name="__main__", alter_sys=True)
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    built = stores.build(tmp_path_factory.mktemp("banc"), stores.TINY, kdf=FAST_KDF)
    seed = f"{built.encrypted.store_id} {built.encrypted.raw_key.hex()}"
    data_dir = built.encrypted.paths.root
    built.close()
    return data_dir, seed


def launch(data_dir: Path, seed: str, home: Path) -> list[str]:
    """The probe's lines and the followed imports, in the order they happened."""
    done = subprocess.run([sys.executable, "-c", WATCHED_START, "app", str(data_dir)], cwd=ROOT,
                          env=probe_environment("app", seed, home), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if not line.startswith(("paintrss", "rss", "shown"))]


def test_the_first_views_code_loads_behind_the_opening_screen_and_the_mapping_only_if_it_needs_it(
        generated, tmp_path: Path) -> None:
    data_dir, seed = generated
    # A first launch opens on the tableau de bord; the probe then shows the agents list, which the next launch
    # opens on (the last view).
    dashboard_first = launch(data_dir, seed, tmp_path / "home")
    # (`verified`, the end of the integrity check, may come before or after `ready` on a store this small.)
    assert without_verified(dashboard_first) == [
        "paint", "import cmc_desktop.ui.dashboard worker", "import cmc_desktop.data.models worker", "opened", "ready",
        "import cmc_desktop.ui.agents gui",  # the probe shows the agents list (the next launch's last view)
        "import cmc_desktop.ui.agents.agent_file worker", "preloaded"]

    agents_first = launch(data_dir, seed, tmp_path / "home")
    assert agents_first[:3] == ["paint", "import cmc_desktop.ui.agents worker", "opened"]
    # Then the list is filled; the integrity check starts once it has its first page, and the file's code is
    # imported once that check is over: `ready` and `verified` may be reported while it is imported.
    in_background = ["import cmc_desktop.ui.agents.agent_file worker", "import cmc_desktop.data.models worker",
                     "preloaded"]
    assert sorted(agents_first[3:]) == sorted(["ready", "verified", *in_background])
    assert [line for line in agents_first if line in in_background] == in_background


def without_verified(lines: list[str]) -> list[str]:
    return [line for line in lines if line != "verified"]
