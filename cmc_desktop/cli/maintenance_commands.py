"""Sub-commands that keep the data safe: backup, restore, audit verify, purge."""

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .prompts import passphrase

if TYPE_CHECKING:
    from ..services.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help="écrire une sauvegarde chiffrée et vérifiée du dossier")
    backup.add_argument("--dest", type=Path, default=None, metavar="DOSSIER",
                        help="où écrire la sauvegarde (par défaut : backups/ dans le dossier de données)")
    backup.set_defaults(handler=_backup)
    restore = sub.add_parser("restore", help="remplacer le dossier par une sauvegarde ; les destructions "
                             "enregistrées depuis sont réappliquées")
    restore.add_argument("file", type=Path, metavar="FICHIER")
    restore.set_defaults(handler=_restore)
    audit = sub.add_parser("audit", help="journal d'audit des actions sensibles")
    actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    actions.add_parser("verify", help="vérifier que la chaîne de contrôle du journal est intacte").set_defaults(
        handler=_audit_verify)
    purge_parser = sub.add_parser("purge", help="lister les dossiers dont la durée de conservation est échue ; "
                                  "les supprimer avec --confirm")
    purge_parser.add_argument("--confirm", action="store_true", help="supprimer définitivement les dossiers listés")
    purge_parser.set_defaults(handler=_purge)


@contextmanager
def workspace(data_dir: Path) -> Iterator["Workspace"]:
    from ..data.store import Store
    from ..services.workspace import Workspace

    store = Store.unlock(data_dir, passphrase())
    try:
        yield Workspace(store)
    finally:
        store.close()


def _backup(args: argparse.Namespace, data_dir: Path) -> int:
    from ..services.backup import make_backup

    with workspace(data_dir) as ws:
        info = make_backup(ws, args.dest)
    print(f"Sauvegarde écrite et vérifiée : {info.path} ({max(1, info.size // 1024)} Kio).")
    return 0


def _restore(args: argparse.Namespace, data_dir: Path) -> int:
    from ..data.vault import KeyVault
    from ..services.backup import restore_backup

    report = restore_backup(data_dir, args.file, passphrase(), KeyVault())
    print(f"Sauvegarde « {report.backup_name} » restaurée.")
    removed = len(report.reapplied.agents_removed) + len(report.reapplied.syntheses_removed)
    print(f"Destructions et purges enregistrées depuis la sauvegarde réappliquées : {removed}.")
    if not report.current_store_read:
        print("Attention : la base remplacée était absente ou illisible ; les destructions faites depuis cette "
              "sauvegarde n'ont pas pu être réappliquées. Vérifiez les demandes de destruction en cours.")
    if report.previous_store is not None:
        print(f"L'ancienne base est conservée sous le nom {report.previous_store.name} : supprimez-la une fois "
              "le dossier restauré vérifié.")
    return 0


def _audit_verify(args: argparse.Namespace, data_dir: Path) -> int:
    from ..services.audit_journal import verify_journal

    with workspace(data_dir) as ws:
        status = verify_journal(ws)
    print(status.verdict)
    return 0 if status.intact else 1


def _purge(args: argparse.Namespace, data_dir: Path) -> int:
    from ..domain.dates import format_fr
    from ..services.retention import due_for_purge, purge, retention_months

    with workspace(data_dir) as ws:
        due = due_for_purge(ws)
        if not due:
            print(f"Aucun dossier n'a dépassé la durée de conservation ({retention_months(ws)} mois).")
            return 0
        for candidate in due:
            print(f"{candidate.pseudo_id}  fin d'accompagnement {format_fr(candidate.ended_on)}  "
                  f"conservation échue le {format_fr(candidate.due_on)}")
        if not args.confirm:
            print(f"{len(due)} dossier(s) à purger. Relancez avec --confirm pour les supprimer définitivement.")
            return 0
        purged = purge(ws, [candidate.agent_id for candidate in due])
    print(f"{len(purged)} dossier(s) supprimé(s) définitivement ; une trace sans contenu est conservée pour "
          "chacun.")
    return 0
