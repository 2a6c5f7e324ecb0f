"""Sub-command exporting everything held about one agent (right of access and to portability)."""

import argparse
import getpass
import os
from pathlib import Path

from .maintenance_commands import workspace

PASSWORD_ENV = "CMC_DESKTOP_EXPORT_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export-agent", help="exporter tout ce que le dossier contient sur un agent (PDF lisible "
                            "et fichier JSON), pour lui remettre")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", metavar="AG-…", help="identifiant pseudonyme de l'agent (fiche de l'agent)")
    which.add_argument("--first", action="store_true", help="le premier agent de la liste (essais, démonstration)")
    export.add_argument("--out", type=Path, required=True, metavar="DOSSIER",
                        help="dossier où écrire les deux fichiers (créé s'il n'existe pas ; jamais de remplacement)")
    export.add_argument("--notes-privees", action="store_true",
                        help="inclure les notes privées du conseiller (par défaut : non incluses, et le PDF le dit)")
    export.add_argument("--accessible", action="store_true",
                        help="joindre la version accessible (ODT : titres, tableaux, langue) pour un lecteur d'écran")
    export.add_argument("--proteger", action="store_true",
                        help=f"protéger le PDF par un mot de passe, lu dans {PASSWORD_ENV} ou demandé")
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace, data_dir: Path) -> int:
    from ..services.agent_export import find_agent, write_export

    password = _password() if args.proteger else None
    with workspace(data_dir) as ws:
        agent_id = find_agent(ws, pseudo_id=args.id, first=args.first)
        files = write_export(ws, agent_id, args.out, include_private_notes=args.notes_privees, pdf_password=password,
                             accessible=args.accessible)
    notes = "incluses" if args.notes_privees else "non incluses"
    print(f"Données exportées (notes privées {notes}{', PDF protégé' if password else ''}) :")
    print(f"  {files.pdf}")
    print(f"  {files.json}")
    if files.odt is not None:
        print(f"  {files.odt}")
    return 0


def _password() -> str:
    from ..data.errors import StoreError

    value = os.environ.get(PASSWORD_ENV)
    if value is not None:
        return value
    try:
        return getpass.getpass("Mot de passe du PDF : ")
    except EOFError:
        raise StoreError(f"Aucun mot de passe fourni pour le PDF (définissez {PASSWORD_ENV} ou lancez dans un "
                         "terminal).") from None
