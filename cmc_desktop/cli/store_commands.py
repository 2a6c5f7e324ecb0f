"""Sub-commands about the store itself: demo, passphrase change, rekey."""

import argparse
import os
from pathlib import Path

from .prompts import passphrase


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="créer un dossier de démonstration rempli de données fictives")
    demo.set_defaults(handler=_demo)
    change = sub.add_parser("passphrase", help="changer la phrase de récupération (la base n'est pas réécrite)")
    change.set_defaults(handler=_change_passphrase)
    rekey = sub.add_parser("rekey", help="chiffrer la base sous une nouvelle clé aléatoire")
    rekey.set_defaults(handler=_rekey)


def _demo(args: argparse.Namespace, data_dir: Path) -> int:
    from ..services.demo import create_demo_store

    create_demo_store(data_dir, passphrase("Phrase de récupération du dossier de démonstration : "))
    print(f"Dossier de démonstration créé dans {data_dir}")
    return 0


def _change_passphrase(args: argparse.Namespace, data_dir: Path) -> int:
    from ..data.store import Store

    old = passphrase("Phrase actuelle : ")
    new = os.environ.get("CMC_DESKTOP_NEW_PASSPHRASE") or passphrase("Nouvelle phrase : ", env="_")
    store = Store.unlock(data_dir, old)
    try:
        store.change_passphrase(old, new)
    finally:
        store.close()
    print("Phrase de récupération changée.")
    return 0


def _rekey(args: argparse.Namespace, data_dir: Path) -> int:
    from ..data.store import Store

    secret = passphrase()
    store = Store.unlock(data_dir, secret)
    try:
        store.rekey(secret)
    finally:
        store.close()
    print("La base est désormais chiffrée sous une nouvelle clé.")
    return 0
