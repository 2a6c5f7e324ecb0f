"""Start-up measures, each in a fresh process (offscreen Qt): cmc-desktop against a bare QMainWindow."""

import compileall
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .memory_keyring import QUALIFIED_NAME, SEED_VARIABLE
from .timing import Figure

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    paint: float
    ready: float
    verified: float | None  # the background integrity check over (app mode)
    preloaded: float | None  # an agent file's code (ORM mapping included) imported in the background (app mode)
    shown_ms: float | None
    rss_mib: float
    paint_rss_mib: float  # resident at the first paint


def probe_environment(mode: str, seed: str, home: Path) -> dict[str, str]:
    """What the probe runs with: offscreen Qt, `home` for every per-user folder, and in app mode bench's
    in-memory keyring holding `seed` ("store_id key_hex"); never the user's keyring."""
    keyring = QUALIFIED_NAME if mode == "app" else "keyring.backends.fail.Keyring"
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "cfg"),
            "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"),
            "PYTHON_KEYRING_BACKEND": keyring, SEED_VARIABLE: seed, "PYTHONPATH": str(ROOT)}


def probe(mode: str, data_dir: Path | None, seed: str, home: Path) -> Run:
    cmd = [sys.executable, "-m", "bench.startup_probe", mode, *([str(data_dir)] if data_dir else [])]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=probe_environment(mode, seed, home), cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    values: dict[str, str] = {}
    for line in proc.stdout:
        word, _, rest = line.strip().partition(" ")
        seen.setdefault(word, time.perf_counter() - start)
        values[word] = rest
    err = proc.stderr.read() if proc.stderr else ""
    if proc.wait(timeout=60) != 0 or "rss" not in values:
        raise RuntimeError(f"startup probe {mode} failed ({proc.returncode}): {err[-1500:]}")
    return Run(seen["paint"], seen["ready"], seen.get("verified"), seen.get("preloaded"),
               float(values["shown"]) if "shown" in values else None, int(values["rss"]) / 1024,
               int(values["paintrss"]) / 1024)


def import_peak_mib(modules: str) -> float:
    """Peak resident memory of a fresh Python that imports `modules` (nothing but `sys` when empty)."""
    code = (f"import {modules}; " if modules else "") + (
        "import sys; print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
                          check=True, capture_output=True, text=True)
    return int(done.stdout) / 1024


def import_seconds(modules: str, home: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {modules}; import os; os._exit(0)"], env=env, cwd=ROOT, check=True)
    return time.perf_counter() - start


def startup_figures(data_dir: Path, store_id: str, key_hex: str, runs: int) -> list[Figure]:
    results: dict[str, list[Run]] = {"bare": [], "app": [], "unlock": []}
    imports: dict[str, list[float]] = {"qt": [], "app": []}
    # As installed (pip and PyInstaller compile the bytecode): without it, this machine's PYTHONDONTWRITEBYTECODE
    # would have every launch compile cmc_desktop's sources again (~40 ms).
    compileall.compile_dir(ROOT / "cmc_desktop", quiet=1)
    # The installed packages too: pip honours PYTHONDONTWRITEBYTECODE, so a virtual environment made on this machine
    # may hold SQLAlchemy without its bytecode — measured here, every launch then compiled it again (~0.7 s more
    # to « prête »). Quick when they are compiled already.
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=2, workers=0)  # (templates in it do not compile)
    with tempfile.TemporaryDirectory(prefix="cmc-bench-home-") as home:
        probe("bare", None, "", Path(home))  # warm the file cache for every mode alike
        probe("app", data_dir, f"{store_id} {key_hex}", Path(home))
        for _ in range(runs):
            results["bare"].append(probe("bare", None, "", Path(home)))
            results["app"].append(probe("app", data_dir, f"{store_id} {key_hex}", Path(home)))
            results["unlock"].append(probe("unlock", data_dir, "", Path(home)))
            imports["qt"].append(import_seconds("PySide6.QtWidgets", Path(home)))
            imports["app"].append(import_seconds("cmc_desktop.cli, cmc_desktop.ui.app", Path(home)))

    def med(mode: str, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in results[mode])

    def paired(mode: str, attr: str) -> float:
        """Each launch against the bare window launched just before it: this machine's speed drifts within a run
        (the bare window's median has read 162 to 273 ms from one run to the next), a pair's two launches alike."""
        return statistics.median(getattr(run, attr) / getattr(bare, attr)
                                 for run, bare in zip(results[mode], results["bare"], strict=True))

    bare_paint, bare_ready, bare_rss = med("bare", "paint"), med("bare", "ready"), med("bare", "rss_mib")
    python_rss, sqlalchemy_rss = import_peak_mib(""), import_peak_mib("sqlalchemy.orm")
    paint_ratio, ready_ratio = paired("app", "paint"), paired("app", "ready")
    figures = [
        Figure("Démarrage", "lancement → fenêtre principale peinte, et qui répond (écran d'ouverture ; magasin de "
               "10 000 agents, clé au trousseau)", med("app", "paint") * 1000, "ms", bare_paint * 1000,
               "QMainWindow PySide6 nue, lancée juste avant (rapport : médiane des paires)", "≤ 1,5×",
               paint_ratio <= 1.5, paired=paint_ratio),
        Figure("Démarrage", "lancement → fenêtre principale prête (dossier ouvert derrière la fenêtre, dernière vue "
               "chargée — la liste des agents —, boucle libre ; le contrôle d'intégrité puis l'import du code du "
               "dossier d'un agent se font encore en tâche de fond)",
               med("app", "ready") * 1000, "ms", bare_ready * 1000, "QMainWindow nue (médiane des paires)", "≤ 4×",
               ready_ratio <= 4, paired=ready_ratio),
        Figure("Démarrage", "  dont Python + imports (cmc_desktop.cli puis ui.app)",
               statistics.median(imports["app"]) * 1000, "ms", statistics.median(imports["qt"]) * 1000,
               "Python + import PySide6.QtWidgets"),
        Figure("Démarrage", "lancement → dialogue de déverrouillage peint (sans trousseau)",
               med("unlock", "paint") * 1000, "ms", bare_paint * 1000, "QMainWindow nue (médiane des paires)",
               paired=paired("unlock", "paint")),
    ]
    preloaded = [r.preloaded for r in results["app"] if r.preloaded is not None]
    if preloaded:
        figures.append(Figure("Démarrage", "lancement → code du dossier d'un agent importé en tâche de fond, "
                              "correspondance ORM comprise (la liste des agents, première vue, n'en a pas besoin)",
                              statistics.median(preloaded) * 1000, "ms"))
    verified = [r.verified for r in results["app"] if r.verified is not None]
    if verified:
        figures.append(Figure("Démarrage", "lancement → contrôle d'intégrité de fond terminé (fenêtre utilisable "
                              "pendant ce temps)", statistics.median(verified) * 1000, "ms"))
    shown = [r.shown_ms for r in results["app"] if r.shown_ms is not None]
    if shown:
        figures.append(Figure("Démarrage", "ouvrir la liste des agents (200 premières lignes + total ; pendant "
                              "le contrôle de fond)", statistics.median(shown), "ms"))
    return figures + [
        Figure("Mémoire", "pic de mémoire résidente : fenêtre principale, liste des agents (10 000), contrôle de fond",
               med("app", "rss_mib"), "MiB", bare_rss, "QMainWindow nue", "≤ 2,5×",
               med("app", "rss_mib") <= 2.5 * bare_rss),
        Figure("Mémoire", "  mémoire résidente à la première peinture (avant l'ouverture du dossier)",
               med("app", "paint_rss_mib"), "MiB", med("bare", "paint_rss_mib"), "QMainWindow nue"),
        Figure("Mémoire", "  import de SQLAlchemy (ORM) seul : pic d'un Python neuf, en plus du Python vide",
               sqlalchemy_rss - python_rss, "MiB", bare_rss, "QMainWindow nue"),
    ]
