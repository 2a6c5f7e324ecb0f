"""No plaintext leaves the encrypted store: the markers are in every text field, the main workflows run, then the
raw bytes of the data dir, the settings, the caches and the log are searched for them, and every file the run
created outside the data dir and the exports is listed.

Two markers: an accented name, and a plain ASCII surname — the log filter masks every non-ASCII argument, so
only the ASCII one can show a name logged by mistake. Temporary files are watched as they are created (strace):
SQLite unlinks its temp files right after opening them, so an empty $TMPDIR afterwards proves nothing.
"""

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

from tests.conftest import ASCII_MARKER, MARKER

ROOT = Path(__file__).resolve().parent.parent
# The system calls that create or rename a file (strace syntax), followed into every child process.
CREATING_CALLS = "trace=open,openat,openat2,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,symlink"
_CALL = re.compile(r"^\d+ +(\w+)\((.*)\) += (-?\d+)")


def _needles() -> list[bytes]:
    words = MARKER.split() + [MARKER, ASCII_MARKER]
    forms = set(words) | {w.lower() for w in words} | {w.upper() for w in words}
    forms |= {unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode().lower() for w in words}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le")]


def _hits(root: Path) -> list[str]:
    needles = _needles()
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path.relative_to(root)}: {n!r}" for n in needles if n in data]
    return found


def created_files(trace: str) -> list[str]:
    """The paths a traced run opened for creation (O_CREAT, O_TMPFILE, creat), made (mkdir) or renamed to."""
    created = []
    for line in trace.splitlines():
        match = _CALL.match(line)
        if match is None or match[3] == "-1":  # a failed call created nothing
            continue
        call, arguments = match[1], match[2]
        paths = re.findall(r'"([^"]*)"', arguments)
        if not paths or (call.startswith("open") and not re.search(r"O_CREAT|O_TMPFILE", arguments)):
            continue
        # rename, link, symlink: what is created is the last path; open, creat, mkdir: the only one.
        created.append(paths[-1] if call.startswith(("rename", "link", "symlink")) else paths[0])
    return created


def test_markers_are_nowhere_outside_the_store_and_no_temp_file_is_created(tmp_path: Path) -> None:
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
    trace = tmp_path / "strace.txt"
    # seccomp-bpf: only the traced calls stop the process (SQLite's reads and writes run at full speed).
    strace = [shutil.which("strace") or "strace", "-f", "--seccomp-bpf", "-qq", "-o", str(trace), "-e", CREATING_CALLS]
    result = subprocess.run([*strace, sys.executable, "-m", "tests.leak_workflow", str(data_dir), str(exports),
                             str(reports)], cwd=ROOT, env=env, capture_output=True, timeout=600)
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

    created = created_files(trace.read_text())
    assert str(data_dir / "store.db") in created  # the trace does see files being created
    # SQLite's temp folders in its order of preference ($TMPDIR is the sandbox's; the test's own folder is under
    # /tmp too), and the working directory (relative paths).
    temporary = [path for path in created if path.startswith(str(sandbox["tmp"])) or not path.startswith("/")
                 or (path.startswith(("/var/tmp/", "/usr/tmp/", "/tmp/")) and not path.startswith(str(tmp_path)))]
    assert temporary == []


def test_the_search_finds_both_markers_as_typed_lowercased_unaccented_and_in_utf16(tmp_path: Path) -> None:
    samples = {"a.log": MARKER.encode(), "b.ini": b"quastenbruck", "c.dat": MARKER.encode("utf-16-le"),
               "d.txt": b"rien de personnel", "e.log": f"agent.opened {ASCII_MARKER}".encode(),
               "f.dat": ASCII_MARKER.upper().encode("utf-16-le")}
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
    assert {hit.split(":")[0] for hit in _hits(tmp_path)} == {"a.log", "b.ini", "c.dat", "e.log", "f.dat"}


def test_created_files_are_read_from_a_trace() -> None:
    trace = "\n".join([
        '12 openat(AT_FDCWD, "/tmp/etilqs_3f2a", O_RDWR|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0600) = 7',
        '12 openat(AT_FDCWD, "/usr/lib/python3.11/os.py", O_RDONLY|O_CLOEXEC) = 3',
        '13 openat(AT_FDCWD, "/tmp/absent/x", O_WRONLY|O_CREAT, 0600) = -1 ENOENT (Aucun fichier ou dossier)',
        '13 openat(AT_FDCWD, "/exports", O_RDWR|O_CLOEXEC|O_TMPFILE, 0600) = 9',
        '13 rename("/d/.store.key.tmp", "/d/store.key") = 0',
        '14 mkdir("/tmp/cache", 0700) = 0'])
    assert created_files(trace) == ["/tmp/etilqs_3f2a", "/exports", "/d/store.key", "/tmp/cache"]
