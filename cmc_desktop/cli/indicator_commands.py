"""`cmc-desktop indicators --from AAAA-MM-JJ --to AAAA-MM-JJ --out FICHIER.csv|FICHIER.pdf`."""

import argparse
from datetime import date
from pathlib import Path

from ..data.atomic import write_atomically
from ..domain.errors import ValidationError
from .prompts import passphrase


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("indicators", help="exporter les indicateurs anonymisés d'une période (CSV ou PDF)")
    parser.add_argument("--from", dest="start", required=True, metavar="AAAA-MM-JJ", help="premier jour inclus")
    parser.add_argument("--to", dest="end", required=True, metavar="AAAA-MM-JJ", help="dernier jour inclus")
    parser.add_argument("--out", type=Path, required=True, metavar="FICHIER",
                        help="fichier à écrire : .csv (tableur) ou .pdf (rapport d'une page)")
    parser.set_defaults(handler=_indicators)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{option} : « {text} » n'est pas une date valide (format AAAA-MM-JJ, par exemple "
                              "2026-01-31).") from None


def _indicators(args: argparse.Namespace, data_dir: Path) -> int:
    from ..data.store import Store
    from ..domain.published_figures import Period
    from ..services.indicators import ExportFormat, compute_indicators, export
    from ..services.workspace import Workspace

    # Everything the user typed is checked before the passphrase is asked for.
    period = Period(_day(args.start, "--from"), _day(args.end, "--to"))
    fmt = ExportFormat.for_path(args.out)
    if not args.out.parent.is_dir():
        raise ValidationError(f"Le dossier {args.out.parent} n'existe pas.")
    store = Store.unlock(data_dir, passphrase())
    try:
        ws = Workspace(store)
        report = compute_indicators(ws, period.start, period.end)
        data = export(ws, report, fmt)
    finally:
        store.close()
    write_atomically(args.out, data)
    print(f"Indicateurs {period.label} écrits dans {args.out} (données agrégées, effectifs inférieurs à 5 "
          "masqués).")
    return 0
