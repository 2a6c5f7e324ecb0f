"""The benchmark: `python -m bench.run [--quick] [--out bench/RESULTS.md]`.

Generates a fictional store (10,000 agents; 100,000 interview notes, 2,000 syntheses and 200 promotions, or
a fifth of those with --quick) twice — SQLCipher and plain SQLite — then measures each figure next to its
baseline taken in the same run, prints the table and writes it to bench/RESULTS.md with the machine's
description. No figure is asserted anywhere: targets are reported as met or missed.
"""

import argparse
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # never the user's keyring

from cmc_desktop.domain.clock import FixedClock  # noqa: E402
from cmc_desktop.pdf.synthesis_pdf import render_synthesis  # noqa: E402

from . import stores  # noqa: E402
from .pdf_bench import long_synthesis, pdf_figures  # noqa: E402
from .startup_bench import startup_figures  # noqa: E402
from .store_bench import (  # noqa: E402
    agent_file_figures,
    python_peak,
    search_figures,
    sizes,
    unlock_figures,
    workload_figures,
)
from .timing import Figure  # noqa: E402

HERE = Path(__file__).resolve().parent


def machine() -> list[str]:
    import PySide6
    import reportlab
    import sqlcipher3

    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem = next((int(line.split()[1]) / 2**20 for line in _read("/proc/meminfo").splitlines()
                if line.startswith("MemTotal")), 0)
    conn = sqlcipher3.connect(":memory:")
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
    conn.close()
    return [f"{platform.platform()} ; {os.cpu_count()} cœurs ({cpu}) ; {mem:.0f} Gio de mémoire",
            f"Python {platform.python_version()} ; PySide6 {PySide6.__version__} (Qt offscreen) ; SQLCipher {cipher} "
            f"(SQLite {sqlite}) ; reportlab {reportlab.Version}",
            "Machine de développement partagée (d'autres processus peuvent tourner) : comparer les rapports, "
            "qui sont mesurés dans la même exécution, plutôt que les valeurs absolues."]


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def number(value: float) -> str:
    """French layout: 1 278 ; 93,2 ; 0,45."""
    text = f"{value:,.0f}" if value >= 100 else f"{value:,.1f}" if value >= 10 else f"{value:,.2f}"
    return text.replace(",", "\u202f").replace(".", ",")


def table(figures: list[Figure]) -> list[str]:
    lines = ["| Rubrique | Mesure | Valeur | Référence (même exécution) | Rapport | Cible | |",
             "|---|---|---:|---|---:|---|---|"]
    for f in figures:
        ref = f"{number(f.baseline)} {f.unit} — {f.baseline_name}" if f.baseline else ""
        ratio = f"{number(f.ratio)}×" if f.ratio is not None else ""
        met = "" if f.met is None else ("✅" if f.met else "❌")
        lines.append(f"| {f.section} | {f.name} | {number(f.value)} {f.unit} | {ref} | {ratio} | {f.target} | {met} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Banc d'essai de cmc-desktop")
    parser.add_argument("--quick", action="store_true", help="moins de données et de répétitions (< 1 min)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    scale = stores.QUICK if args.quick else stores.FULL
    reps = {"unlock": 2, "work": 1, "iterations": 20, "search": 10, "pdf": 3, "startup": 2} if args.quick else \
        {"unlock": 5, "work": 5, "iterations": 100, "search": 30, "pdf": 10, "startup": 5}
    started = time.perf_counter()
    figures: list[Figure] = []
    failures: list[str] = []

    def section(name: str, work: Callable[[], list[Figure]]) -> None:
        t = time.perf_counter()
        try:
            figures.extend(work())
            print(f"  {name} : {time.perf_counter() - t:.1f} s", file=sys.stderr)
        except Exception as error:  # one broken measure must not hide the other figures
            failures.append(f"{name} : {type(error).__name__}: {error}")
            traceback.print_exc()

    with tempfile.TemporaryDirectory(prefix="cmc-bench-") as tmp:
        print(f"Génération : {scale.agents} agents, {scale.notes} notes, {scale.syntheses} synthèses, "
              f"{scale.promotions} promotions (×2 magasins)…", file=sys.stderr)
        pair = stores.build(Path(tmp), scale)
        figures.append(Figure("Magasin", "génération des deux magasins (insertion en masse)", pair.fill_seconds,
                              "s"))
        ws_enc, ws_plain = pair.workspaces(FixedClock(datetime(2026, 11, 16, 9, 30, tzinfo=UTC)))
        section("taille", lambda: sizes(pair))
        section("ouverture", lambda: unlock_figures(pair, reps["unlock"]))
        section("charge", lambda: workload_figures(pair, ws_enc, ws_plain, reps["iterations"], reps["work"]))
        section("recherche", lambda: search_figures(pair, ws_enc, reps["search"]))
        section("dossier", lambda: agent_file_figures(pair, ws_enc, ws_plain, reps["search"]))
        section("pdf", lambda: pdf_figures(ws_enc, reps["pdf"]))

        section("mémoire Python", lambda: [python_peak(ws_enc, [lambda: render_synthesis(long_synthesis())])])
        data_dir, store_id, key = pair.encrypted.paths.root, pair.encrypted.store_id, pair.encrypted.raw_key
        pair.close()
        section("démarrage", lambda: startup_figures(data_dir, store_id, key.hex(), reps["startup"]))

    elapsed = time.perf_counter() - started
    title = "rapide (--quick)" if args.quick else "complet"
    lines = [
        "# Résultats du banc d'essai",
        "",
        f"Mesuré le {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, passage {title} en {elapsed:.0f} s : "
        f"`python -m bench.run{' --quick' if args.quick else ''}`.",
        f"Magasin généré : {scale.agents} agents, {scale.notes} notes d'entretien, {scale.syntheses} synthèses, "
        f"{scale.promotions} promotions (données fictives). Valeurs : médianes.",
        "",
        *[f"- {line}" for line in machine()],
        "",
        *table(figures),
    ]
    if failures:
        lines += ["", "Non mesuré :", *[f"- {failure}" for failure in failures]]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(table(figures)))
    print(f"\n{len(figures)} mesures en {elapsed:.0f} s → {args.out}" + (f" ; {len(failures)} parties en échec"
                                                                         if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
