"""Sub-command exporting the agent's copy of a document de synthèse (scripts, installer smoke test)."""

import argparse
from pathlib import Path

from ..data.atomic import write_atomically
from ..domain.errors import DomainError
from .maintenance_commands import workspace


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export-synthesis", help="exporter en PDF (ou en document accessible ODT) l'exemplaire "
                            "de l'agent d'un document de synthèse")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", metavar="DS-…", help="identifiant pseudonyme du document (colonne « Document »)")
    which.add_argument("--first", action="store_true", help="le premier document du dossier (essais, démonstration)")
    export.add_argument("--out", type=Path, required=True, metavar="FICHIER.pdf|.odt",
                        help="fichier à écrire : PDF, ou .odt pour le document accessible (lecteur d'écran)")
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace, data_dir: Path) -> int:
    from ..services.audit_journal import refuse_if_rolled_back
    from ..services.synthesis import list_syntheses
    from ..services.synthesis_exchange import export_pdf

    with workspace(data_dir) as ws:
        refuse_if_rolled_back(ws)  # an older copy put in place of the store may hold documents destroyed since
        summaries = list_syntheses(ws)
        chosen = summaries[:1] if args.first else [s for s in summaries if s.pseudo_id == args.id]
        if not chosen:
            raise DomainError("Aucun document de synthèse ne correspond." if args.first or not summaries
                              else f"Aucun document de synthèse n'a l'identifiant {args.id}.")
        data = export_pdf(ws, chosen[0].id, accessible=args.out.suffix.lower() == ".odt")
    write_atomically(args.out, data)
    print(f"Document {chosen[0].pseudo_id} exporté : {args.out}")
    return 0
