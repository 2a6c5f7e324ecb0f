"""Sub-commands about the store itself: demo, change of the phrase secrète, recovery, rekey."""

import argparse
import contextlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .prompts import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV, new_passphrase, passphrase, recovery_code

if TYPE_CHECKING:  # the store is imported when a command runs
    from ..data.store import StorePaths


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help=f"créer un dossier de démonstration rempli de données fictives (phrase "
                          f"secrète : {PASSPHRASE_ENV} ou saisie deux fois)")
    demo.set_defaults(handler=_demo)
    change = sub.add_parser("passphrase", help=f"changer la phrase secrète (la nouvelle : {NEW_PASSPHRASE_ENV} ou "
                            "saisie deux fois ; la base n'est pas réécrite)")
    change.set_defaults(handler=_change_passphrase)
    recover = sub.add_parser("recover", help="phrase secrète oubliée : ouvrir avec le code de récupération et "
                             "choisir une nouvelle phrase secrète")
    recover.set_defaults(handler=_recover)
    rekey = sub.add_parser("rekey", help="chiffrer la base sous une nouvelle clé aléatoire (révoque le code de "
                           "récupération)")
    rekey.set_defaults(handler=_rekey)


def _demo(args: argparse.Namespace, data_dir: Path) -> int:
    from ..data.errors import StoreError
    from ..data.store import StorePaths
    from ..services.demo import create_demo_store

    paths = StorePaths(data_dir)
    if paths.exists():
        raise StoreError("Un dossier cmc-desktop existe déjà ici : il n'a pas été remplacé.")
    secret = new_passphrase(env=PASSPHRASE_ENV)
    try:
        create_demo_store(data_dir, secret)
    except BaseException:
        _remove_unfinished_demo(paths)
        raise
    print(f"Dossier de démonstration créé dans {data_dir}")
    return 0


def _remove_unfinished_demo(paths: "StorePaths") -> None:
    """A demo that could not be filled (a full disk) is fictional and just made: it is not left half-done."""
    for leftover in (paths.key, paths.db, *paths.sidecars()):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)
    shutil.rmtree(paths.backups, ignore_errors=True)


def _change_passphrase(args: argparse.Namespace, data_dir: Path) -> int:
    from ..data.store import Store
    from ..services.passphrase import change_passphrase
    from ..services.workspace import Workspace

    old = passphrase("Phrase secrète actuelle : ")
    new = new_passphrase(current=old)
    store = Store.unlock(data_dir, old)
    try:
        change_passphrase(Workspace(store), old, new)
    finally:
        store.close()
    print("Phrase secrète changée : utilisez la nouvelle dès la prochaine ouverture.")
    return 0


def _recover(args: argparse.Namespace, data_dir: Path) -> int:
    from ..services.recovery import recover

    code = recovery_code()
    new = new_passphrase()
    store = recover(data_dir, code, new)
    store.close()
    print("Nouvelle phrase secrète enregistrée : le dossier s'ouvre désormais avec elle. Le code de "
          "récupération reste valable ; si quelqu'un a pu le voir, remplacez-le (Paramètres › Sécurité).")
    return 0


def _rekey(args: argparse.Namespace, data_dir: Path) -> int:
    from ..data.store import Store
    from ..services.passphrase import rekey
    from ..services.workspace import Workspace

    secret = passphrase()
    store = Store.unlock(data_dir, secret)
    try:
        revoked = rekey(Workspace(store), secret)
    finally:
        store.close()
    print("La base est désormais chiffrée sous une nouvelle clé.")
    if revoked:
        print("Le code de récupération a été révoqué avec l'ancienne clé : créez-en un nouveau dans Paramètres › "
              "Sécurité (sans lui, une phrase secrète oubliée rend le dossier illisible).")
    return 0
