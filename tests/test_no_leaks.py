"""No plaintext leaves the encrypted store: the marker is in every text field, the main workflows run, then the
raw bytes of the data dir, the settings, the caches, the log and $TMPDIR are searched for it."""

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from tests.conftest import MARKER

ROOT = Path(__file__).resolve().parent.parent


def _needles() -> list[bytes]:
    words = MARKER.split() + [MARKER]
    forms = set(words) | {w.lower() for w in words}
    forms |= {unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode().lower() for w in words}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le")]


def _hits(root: Path) -> list[str]:
    needles = _needles()
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path.relative_to(root)}: {n!r}" for n in needles if n in data]
    return found


def test_marker_is_nowhere_outside_the_store_after_the_main_workflows(tmp_path: Path) -> None:
    sandbox = {name: tmp_path / name for name in ("home", "config", "cache", "tmp", "data-home", "runtime")}
    for directory in sandbox.values():
        directory.mkdir(mode=0o700)
    data_dir, exports, reports = tmp_path / "data-home" / "donnees", tmp_path / "exports", tmp_path / "reports"
    exports.mkdir()
    reports.mkdir()
    env = {**os.environ, "HOME": str(sandbox["home"]), "XDG_CONFIG_HOME": str(sandbox["config"]),
           "XDG_CACHE_HOME": str(sandbox["cache"]), "XDG_DATA_HOME": str(sandbox["data-home"]),
           "XDG_RUNTIME_DIR": str(sandbox["runtime"]), "TMPDIR": str(sandbox["tmp"]), "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run([sys.executable, "-m", "tests.leak_workflow", str(data_dir), str(exports), str(reports)],
                            cwd=ROOT, env=env, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]

    assert (data_dir / "store.db").stat().st_size > 0 and any((data_dir / "backups").iterdir())
    assert any(exports.iterdir()), "the agent's copies were written where the CMC chose"
    log = tmp_path / "log.txt"
    log.write_bytes(result.stdout + result.stderr)
    assert b"workflow" in log.read_bytes(), "the log was captured"
    leaks = []
    for root in (*sandbox.values(), reports):
        leaks += _hits(root)
    leaks += [f"log: {n!r}" for n in _needles() if n in log.read_bytes()]
    assert leaks == []


def test_the_search_finds_the_marker_as_typed_lowercased_unaccented_and_in_utf16(tmp_path: Path) -> None:
    samples = {"a.log": MARKER.encode(), "b.ini": b"quastenbruck", "c.dat": MARKER.encode("utf-16-le"),
               "d.txt": b"rien de personnel"}
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
    assert {hit.split(":")[0] for hit in _hits(tmp_path)} == {"a.log", "b.ini", "c.dat"}
