"""Sub-commands that keep the data safe: backup, restore, audit verify, purge."""

import argparse
import sys
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
    from ..data.errors import StoreCorrupted
    from ..data.store import Store
    from ..services.workspace import Workspace

    store = Store.unlock(data_dir, passphrase())
    if store.problems:
        # Opened read-only on damage: no backup of it, no purge, and no « journal intact » while a page is bad.
        store.close()
        raise StoreCorrupted()
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
    from ..services.restore import restore_backup

    report = restore_backup(data_dir, args.file, passphrase(), KeyVault())
    print(f"Sauvegarde « {report.backup_name} » restaurée.")
    removed = len(report.reapplied.agents_removed) + len(report.reapplied.syntheses_removed)
    print(f"Destructions et purges enregistrées depuis la sauvegarde réappliquées : {removed}.")
    if not report.current_store_read:
        print("Attention : la base remplacée était absente ou illisible ; les destructions faites depuis cette "
              "sauvegarde n'ont pas pu être réappliquées. Vérifiez les demandes de destruction en cours.")
    if report.journal.backup_finding is not None:
        print("Attention : le journal d'audit de cette sauvegarde ne se vérifie pas (il a été modifié hors de "
              "l'application) ; l'entrée de la restauration le consigne.", file=sys.stderr)
    rolled_back = report.journal.rolled_back
    if rolled_back is not None:
        print(f"Journal d'audit : les entrées n° {rolled_back[0]} à {rolled_back[1]}, écrites après cette sauvegarde, "
              "ne font plus partie du journal ; l'entrée de la restauration le consigne.")
    elif report.journal.continues is False:
        print("Journal d'audit : cette sauvegarde ne prolonge pas le journal de la base remplacée (une autre "
              "restauration a eu lieu entre-temps) ; l'entrée de la restauration le consigne.")
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
    from ..services.copy_registry import copies_status
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
            count = f"{len(due)} dossier à purger" if len(due) == 1 else f"{len(due)} dossiers à purger"
            print(f"{count}. Relancez avec --confirm pour les supprimer définitivement.")
            return 0
        purged = purge(ws, [candidate.agent_id for candidate in due])
        status = copies_status(ws)
    print(f"{_files(len(purged))} définitivement, dans le dossier et dans les sauvegardes qu'il connaît ; une "
          "trace sans contenu est conservée pour chacun.")
    if status.remaining:
        print("Attention : ces copies n'ont pas pu être nettoyées et peuvent encore contenir les dossiers "
              "supprimés :", file=sys.stderr)
        for copy in status.remaining:
            advice = f" ; {copy.obstacle.advice}" if copy.obstacle else ""
            print(f"  - {copy.description} — {copy.obstacle.label if copy.obstacle else ''}{advice}.",
                  file=sys.stderr)
        return 1
    return 0


def _files(count: int) -> str:
    return f"{count} dossier supprimé" if count <= 1 else f"{count} dossiers supprimés"
