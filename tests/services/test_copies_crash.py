"""kill -9 in the middle of rewriting backups: each backup is the old one or the new one, never half of each; the
next clean-up removes what the kill left and finishes the job."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from cmc_desktop.data import engine as db
from cmc_desktop.data.store import Store
from cmc_desktop.services import backup, copies, destruction
from cmc_desktop.services.copy_cleaning import holds_destroyed
from cmc_desktop.services.tombstones import read_ledger
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER, PASSPHRASE

from .copies_helpers import marked_synthesis, marker_hits
from .helpers import seed_agent

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 12
CLEANER = """
import sys
from pathlib import Path
from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.services.copies import scrub_known_copies
from cmc_desktop.services.workspace import Workspace
store = Store.unlock(Path(sys.argv[1]), sys.argv[2], vault=KeyVault())
print("ready", flush=True)
scrub_known_copies(Workspace(store))
print("done", flush=True)
store.close()
"""


def _state(path: Path, dirty: bytes, key: bytes, ledger) -> str:
    data = path.read_bytes()
    if data == dirty:
        return "ancienne"
    assert db.probe(path, key) == [], path.name  # whole and sound...
    conn = db.raw_connect(path, key, read_only=True)
    try:
        assert not holds_destroyed(conn, ledger), path.name  # ...and without the destroyed document
    finally:
        conn.close()
    return "nouvelle"


def test_killed_while_rewriting_backups_each_is_old_or_new(ws: Workspace, data_dir: Path, tmp_path: Path,
                                                           no_vault) -> None:
    for i in range(150):  # copies big enough for a kill to land inside a rewrite
        seed_agent(ws.store, f"AG-{i:08d}", f"Agent{i}" * 200)
    synthesis_id, _ = marked_synthesis(ws, MARKER)
    written = [backup.make_backup(ws).path, backup.make_backup(ws, tmp_path / "usb").path]
    ws.clock.advance(minutes=1)  # type: ignore[attr-defined]
    written.append(backup.make_backup(ws).path)
    dirty = {path: path.read_bytes() for path in written}
    destruction.carry_out_destruction(ws, destruction.request_destruction(ws, synthesis_id, ws.clock.today(), "agent"))
    key = ws.store.raw_key
    with ws.store.session() as s:
        ledger = read_ledger(s)
    ws.store.close()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}

    def run(kill_after: float | None) -> tuple[float, bool]:
        for path, data in dirty.items():  # backups made before the destruction, not reached yet
            path.write_bytes(data)
        cleaner = subprocess.Popen([sys.executable, "-c", CLEANER, str(data_dir), PASSPHRASE],
                                   stdout=subprocess.PIPE, cwd=ROOT, env=env)
        assert cleaner.stdout is not None and cleaner.stdout.readline().strip() == b"ready"
        started = time.monotonic()
        if kill_after is None:
            assert cleaner.stdout.readline().strip() == b"done"
            cleaner.wait()
            return time.monotonic() - started, True
        time.sleep(kill_after)
        cleaner.send_signal(signal.SIGKILL)
        out, _ = cleaner.communicate()
        return kill_after, b"done" in out

    duration, _ = run(None)  # how long a full clean-up takes here
    rng = random.Random(20261116)
    seen: dict[str, int] = {}
    leftovers = 0
    for _ in range(ROUNDS):
        _, finished = run(rng.uniform(0, duration))
        leftovers += sum(1 for folder in (data_dir / "backups", tmp_path / "usb")
                         for name in os.listdir(folder) if name.endswith(".partiel") or ".partiel-" in name)
        for path in written:
            state = _state(path, dirty[path], key, ledger)
            seen[state] = seen.get(state, 0) + 1
    assert seen.get("ancienne", 0) and seen.get("nouvelle", 0), seen  # the kills did land during the work
    assert leftovers > 0  # ...some of them in the middle of a rewrite

    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        report = copies.scrub_known_copies(Workspace(store, ws.clock))
        assert report.complete
        assert marker_hits([data_dir, tmp_path / "usb"], key, MARKER) == {}
        assert not [name for folder in (data_dir / "backups", tmp_path / "usb") for name in os.listdir(folder)
                    if ".partiel" in name]
    finally:
        store.close()
