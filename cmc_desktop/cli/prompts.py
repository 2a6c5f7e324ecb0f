"""Reading secrets for the commands: from the variable named for them (scripts, tests), else typed on a terminal.

Nothing else: without the variable and without a terminal on stdin, the command is refused — never read from a
pipe by accident, never from another variable (bash sets `_` to the program's path: a secret read from there is
the path). A new phrase secrète is typed twice and passes the same rule as everywhere else (passphrase_rule).
"""

import getpass
import os
import sys

from ..data.errors import StoreError
from ..data.passphrase_rule import check_new_passphrase

PASSPHRASE_ENV = "CMC_DESKTOP_PASSPHRASE"
NEW_PASSPHRASE_ENV = "CMC_DESKTOP_NEW_PASSPHRASE"
RECOVERY_CODE_ENV = "CMC_DESKTOP_RECOVERY_CODE"


def _secret(env: str, prompt: str, what: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise StoreError(f"{what} : aucun terminal pour la saisir. Lancez la commande dans un terminal, ou "
                         f"définissez la variable {env} (scripts).")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise StoreError(f"{what} : saisie interrompue. Rien n'a été modifié.") from None


def passphrase(prompt: str = "Phrase secrète : ") -> str:
    """The phrase secrète of an existing store."""
    return _secret(PASSPHRASE_ENV, prompt, "Phrase secrète")


def recovery_code() -> str:
    return _secret(RECOVERY_CODE_ENV, "Code de récupération (28 caractères, tirets facultatifs) : ",
                   "Code de récupération")


def new_passphrase(*, env: str = NEW_PASSPHRASE_ENV, current: str | None = None) -> str:
    """A new phrase secrète: the variable's value, or typed twice on a terminal; checked by the common rule."""
    value = os.environ.get(env)
    if value is not None:
        check_new_passphrase(value, current=current)
        return value
    first = _secret(env, "Nouvelle phrase secrète : ", "Nouvelle phrase secrète")
    check_new_passphrase(first, current=current)
    second = _secret(env, "Confirmez la nouvelle phrase secrète : ", "Nouvelle phrase secrète")
    check_new_passphrase(first, confirmation=second, current=current)
    return first
