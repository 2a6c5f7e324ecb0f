"""Reading the passphrase for non-interactive commands."""

import getpass
import os

from ..data.errors import StoreError

ENV = "CMC_DESKTOP_PASSPHRASE"


def passphrase(prompt: str = "Phrase de récupération : ", *, env: str = ENV) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise StoreError(f"Aucune phrase de récupération fournie (définissez {env} ou lancez dans un "
                         "terminal).") from None


def new_passphrase(*, env: str = ENV) -> str:
    if env in os.environ:
        return os.environ[env]
    first = passphrase("Nouvelle phrase de récupération : ", env=env)
    if passphrase("Confirmez la phrase : ", env=env) != first:
        raise StoreError("Les deux saisies de la phrase de récupération diffèrent.")
    return first
