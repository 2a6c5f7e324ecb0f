"""Smoke test of the built bundle (not part of the fast suite): `python installer/smoke_test.py [--build]`.

Checks that the key files are in the bundle (Qt platform plugins, resources, migrations, sqlcipher3), then
runs the frozen executable the way a user would, on a fresh data directory inside a throw-away HOME:
1. `cmc-desktop --help` (and its start-up time, median of 5);
2. `cmc-desktop demo --data-dir D` with CMC_DESKTOP_PASSPHRASE set: the demo store is created, encrypted;
3. `cmc-desktop export-synthesis --first --out F.pdf`: a real PDF comes out; `--out F.odt`: an OpenDocument;
3b. the frozen executable as the form reader of an import (`cmc-desktop --lire-formulaire`, pipes only):
   given that PDF, it answers that it holds no form;
4. the window offscreen (QT_QPA_PLATFORM=offscreen) for a few seconds: it must still be running then, print
   no traceback nor Qt plugin error, and have loaded its data layer behind the window (no keyring here: the
   log says the passphrase is to be asked);
5. with Xvfb and xdotool installed, and --xvfb: time from launch to the window mapped on a real X screen
   (the xcb plugin and its system libraries), median of 3.
Prints the bundle size and the timings; exit code 0 when every step passed.
"""

import argparse
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = "cmc-desktop-cli.exe" if os.name == "nt" else "cmc-desktop"  # Windows: the console twin
GUI_EXE = "cmc-desktop.exe" if os.name == "nt" else "cmc-desktop"
PASSPHRASE = "phrase de démonstration du test de fumée"
FAILURE_SIGNS = ("Traceback", "Could not load the Qt platform plugin", "This application failed to start")


class SmokeFailure(Exception):
    pass


def bundle_size(bundle: Path) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def clean_env(home: Path) -> dict[str, str]:
    """A throw-away HOME and XDG dirs (no user settings read or written), never the user's keyring."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_", "CMC_"))}
    env.update({
        "HOME": str(home), "USERPROFILE": str(home), "APPDATA": str(home / "AppData" / "Roaming"),
        "LOCALAPPDATA": str(home / "AppData" / "Local"), "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home / "run"), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "CMC_DESKTOP_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen",
    })
    (home / "run").mkdir(parents=True, mode=0o700)
    return env


def run(cmd: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise SmokeFailure(f"{' '.join(cmd[1:])} → code {proc.returncode}\n{proc.stderr[-2000:]}")
    return proc


def step_contents(bundle: Path) -> str:
    """What the spec promises to bundle is there (a missing file would only show up on a user's machine)."""
    internal = bundle / "_internal"
    platforms = ("qwindows.dll", "qoffscreen.dll") if os.name == "nt" else ("libqxcb.so", "libqoffscreen.so",
                                                                           "libqwayland.so")
    expected = [*(f"PySide6/Qt/plugins/platforms/{name}" for name in platforms), "resources/i18n/qtbase_fr.qm",
                "resources/fonts/LiberationSans-Regular.ttf", "resources/icons/cmc-desktop.svg",
                "resources/style/app.qss", "cmc_desktop/data/migrations/env.py",
                "cmc_desktop/data/migrations/versions/0001_initial_schema.py"]
    missing = [name for name in expected if not (internal / name).is_file()]
    if not list(internal.glob("sqlcipher3/_sqlite3*")):
        missing.append("sqlcipher3/_sqlite3 (extension)")
    if missing:
        raise SmokeFailure(f"absents du bundle : {missing}")
    return f"{len(expected) + 1} fichiers clés présents"


def step_help(exe: Path, env: dict[str, str]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run([str(exe), "--help"], env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def step_demo(exe: Path, env: dict[str, str], data: Path) -> None:
    run([str(exe), "--data-dir", str(data), "demo"], env)
    db = data / "store.db"
    if not db.is_file() or db.read_bytes()[:16] == b"SQLite format 3\x00":
        raise SmokeFailure("demo : store.db absent ou non chiffré")


def step_export(exe: Path, env: dict[str, str], data: Path, out: Path) -> None:
    run([str(exe), "--data-dir", str(data), "export-synthesis", "--first", "--out", str(out)], env)
    if not out.is_file() or not out.read_bytes().startswith(b"%PDF-"):
        raise SmokeFailure("export-synthesis : pas de PDF écrit")


def step_export_accessible(exe: Path, env: dict[str, str], data: Path, out: Path) -> None:
    run([str(exe), "--data-dir", str(data), "export-synthesis", "--first", "--out", str(out)], env)
    with zipfile.ZipFile(out) as odt:  # the templates of odfdo made it into the bundle
        if odt.read("mimetype") != b"application/vnd.oasis.opendocument.text":
            raise SmokeFailure("export-synthesis .odt : pas un document OpenDocument")
def step_form_reader(exe: Path, env: dict[str, str], pdf: Path) -> str:
    """The child process of a fillable-PDF import, as form_sandbox.py starts it from the bundle."""
    from dataclasses import asdict

    from cmc_desktop.pdf.form_sandbox import LIMITS

    data = pdf.read_bytes()
    header = json.dumps({"size": len(data), "password": "", "limits": asdict(LIMITS)}) + "\n"
    proc = subprocess.run([str(exe), "--lire-formulaire"], input=header.encode() + data, env={"PATH": env["PATH"]},
                          capture_output=True, timeout=60)
    if not proc.stdout.startswith(b'{"refus": "sans_formulaire"'):  # "erreur" names what failed otherwise
        raise SmokeFailure(f"lecteur de formulaires : réponse inattendue {proc.stdout[:200]!r}")
    return proc.stdout.decode().strip()


def step_gui_offscreen(exe: Path, env: dict[str, str], data: Path, seconds: float) -> None:
    proc = subprocess.Popen([str(exe), "--data-dir", str(data)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        _, err = proc.communicate(timeout=seconds)
        raise SmokeFailure(f"la fenêtre s'est fermée d'elle-même (code {proc.returncode})\n{err[-2000:]}")
    except subprocess.TimeoutExpired:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    signs = [sign for sign in FAILURE_SIGNS if sign in err]
    if signs:
        raise SmokeFailure(f"fenêtre hors écran : {signs}\n{err[-2000:]}")
    if "ui.store_opening passphrase" not in err:
        raise SmokeFailure(f"fenêtre hors écran : le dossier ne s'est pas ouvert derrière la fenêtre\n{err[-2000:]}")


def step_gui_xvfb(exe: Path, env: dict[str, str], data: Path) -> float:
    """Launch → window mapped on a real X server (xcb plugin), median of 3 runs."""
    ready, write_end = os.pipe()  # Xvfb writes its display number there once it accepts clients
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten",
                             "tcp"], pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    times = []
    try:
        if not select.select([ready], [], [], 20)[0]:
            raise SmokeFailure("Xvfb n'a pas démarré")
        xenv = {**env, "DISPLAY": ":" + os.read(ready, 16).decode().strip(), "QT_QPA_PLATFORM": "xcb"}
        for _ in range(3):
            start = time.perf_counter()
            proc = subprocess.Popen([str(exe), "--data-dir", str(data)], env=xenv, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            try:
                subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(proc.pid)],
                               env=xenv, capture_output=True, timeout=30, check=True)
                times.append(time.perf_counter() - start)
            except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
                proc.kill()
                raise SmokeFailure(f"aucune fenêtre visible sous Xvfb\n{proc.communicate()[1][-2000:]}") from None
            proc.terminate()
            proc.communicate(timeout=10)
    finally:
        os.close(ready)
        xvfb.terminate()
        xvfb.wait(timeout=10)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="(re)build the bundle first (Linux: build_linux.sh)")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "cmc-desktop")
    parser.add_argument("--gui-seconds", type=float, default=5.0)
    parser.add_argument("--xvfb", action="store_true", help="also time the window on Xvfb (needs Xvfb, xdotool)")
    args = parser.parse_args(argv)
    if args.build:
        subprocess.run(["bash", str(ROOT / "installer" / "build_linux.sh"), "--no-deb"], check=True)
    exe, gui = args.bundle / EXE, args.bundle / GUI_EXE
    if not exe.is_file():
        print(f"Bundle introuvable : {exe} (lancez avec --build)", file=sys.stderr)
        return 1
    print(f"bundle          {args.bundle}  {bundle_size(args.bundle) / 2**20:.0f} Mio")
    with tempfile.TemporaryDirectory(prefix="cmc-smoke-") as tmp:
        env, data = clean_env(Path(tmp) / "home"), Path(tmp) / "donnees"
        steps = [
            ("contenu", lambda: step_contents(args.bundle)),
            ("--help", lambda: f"{step_help(exe, env) * 1000:.0f} ms (médiane de 5)"),
            ("demo", lambda: step_demo(exe, env, data)),
            ("export-synthesis", lambda: step_export(exe, env, data, Path(tmp) / "synthese.pdf")),
            ("export accessible", lambda: step_export_accessible(exe, env, data, Path(tmp) / "synthese.odt")),
            ("lecteur de PDF", lambda: step_form_reader(exe, env, Path(tmp) / "synthese.pdf")),
            ("fenêtre offscreen", lambda: step_gui_offscreen(gui, env, data, args.gui_seconds)),
        ]
        if args.xvfb:
            if not (shutil.which("Xvfb") and shutil.which("xdotool")):
                print("--xvfb : Xvfb et xdotool sont nécessaires", file=sys.stderr)
                return 1
            steps.append(("fenêtre Xvfb", lambda: f"affichée en {step_gui_xvfb(gui, env, data) * 1000:.0f} ms "
                          "(médiane de 3)"))
        failed = 0
        for name, step in steps:
            try:
                detail = step()
                print(f"ok    {name:<17} {detail or ''}")
            except (SmokeFailure, subprocess.TimeoutExpired) as error:
                failed += 1
                print(f"ÉCHEC {name:<17} {error}")
    print(f"{len(steps) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
