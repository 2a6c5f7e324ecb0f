"""The one rule a new phrase secrète must pass, wherever it is chosen: first run, Paramètres, the command line,
a recovery. The store enforces it too, so no path can skip it.
"""

from ..domain.text import plural
from .errors import PassphraseMismatch, SamePassphrase, WeakPassphrase

MIN_LENGTH = 12


def check_new_passphrase(new: str, *, confirmation: str | None = None, current: str | None = None) -> None:
    """Raise the StoreError that says what is wrong with `new` (typed twice when `confirmation` is given)."""
    if len(new) < MIN_LENGTH:
        raise WeakPassphrase(MIN_LENGTH)
    if confirmation is not None and confirmation != new:
        raise PassphraseMismatch()
    if current is not None and current == new:
        raise SamePassphrase()


def length_hint(typed: str) -> str:
    """What the CMC sees under the field while she types a new phrase."""
    n = len(typed)
    counted = plural(n, "caractère saisi", "caractères saisis")
    missing = MIN_LENGTH - n
    rest = "" if missing <= 0 else (", encore 1." if missing == 1 else f", encore {missing}.")
    return (f"{MIN_LENGTH} caractères au minimum ; une courte phrase facile à retenir est idéale. "
            f"{counted}{rest or '.'}")
