"""The anchor of the audit journal: what the chain must still reach, kept inside the store and outside it.

A hash chain alone proves that no entry was edited in the middle; it says nothing when the last entries (or all
of them) are deleted, or when every hash is recomputed after an edit, or when the whole store is replaced by an
older copy. The anchor — the number of entries and the hash of the last one — is therefore kept twice:

- inside the store (`Inside`), written in the same transaction as the entries it describes, so it is never behind
  the chain; it also travels inside every backup;
- outside the store (`Outside`, the file `store.anchor` beside the key file), authenticated with a key derived
  from the store key, written right after the commit.

The commit and the outside write cannot be one atomic step. After a crash between them the outside anchor
describes an earlier state of the same chain. The inside anchor tells that apart from tampering: `floor` is the
count the outside anchor was seen to hold when the last transaction began, so an outside anchor that lags is
accepted only if it is a prefix of the chain no older than that; `replaced` is the outside anchor of the store a
restore replaced, accepted until the restored store's own anchor is written. Everything else — an outside anchor
beyond the chain, one that does not match the chain where it points, an older one put back, a missing or forged
one — is reported as tampering.

These rules are pure: the callers give the chain's length and a way to read the hash at a position.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from .audit import GENESIS


@dataclass(frozen=True)
class Point:
    """A position in the chain: `count` entries, the last one with hash `head` (GENESIS for none)."""

    count: int
    head: str


@dataclass(frozen=True)
class Inside:
    """The anchor stored in the store itself (see module docstring)."""

    count: int
    head: str
    floor: int = 0
    replaced: Point | None = None

    @property
    def point(self) -> Point:
        return Point(self.count, self.head)


@dataclass(frozen=True)
class Outside:
    """The outside anchor as read from its file. `authenticated` is False when it was written under another key
    (before a change of the store key): it is then believed only where it matches the inside anchor exactly."""

    point: Point
    authenticated: bool = True


class Finding(StrEnum):
    IN_SYNC = "ancre_a_jour"
    LAGGING = "ancre_en_retard"  # a crash (or a failed write) between a commit and the outside write
    NOT_YET_WRITTEN = "ancre_pas_encore_ecrite"  # a store that has not written its outside anchor yet
    OTHER_KEY = "ancre_autre_cle"  # written under the key in use before a rekey; matches the inside anchor
    BROKEN = "chaine_rompue"
    INSIDE_MISSING = "ancre_interne_absente"
    TRUNCATED = "entrees_supprimees"
    REWRITTEN = "journal_reecrit"
    OUTSIDE_MISSING = "ancre_absente"
    OUTSIDE_FORGED = "ancre_non_authentique"
    ROLLED_BACK = "ancre_plus_ancienne"


SOUND = frozenset({Finding.IN_SYNC, Finding.LAGGING, Finding.NOT_YET_WRITTEN, Finding.OTHER_KEY})


@dataclass(frozen=True)
class Check:
    finding: Finding
    length: int  # entries in the chain
    attested: int | None = None  # entries the anchor vouches for (TRUNCATED)
    at: int | None = None  # the first entry that does not match (BROKEN, REWRITTEN)

    @property
    def sound(self) -> bool:
        return self.finding in SOUND


class Unreadable:
    """The outside anchor file exists but holds no slot that authenticates (edited, or foreign)."""


UNREADABLE = Unreadable()


def check_anchor(length: int, hash_at: Callable[[int], str | None], inside: Inside | None,
                 outside: Outside | Unreadable | None, *, chain_break: int | None = None) -> Check:
    """Compare a chain (`length` entries, `hash_at(n)` the hash of entry n) with its anchors."""
    if chain_break is not None:
        return Check(Finding.BROKEN, length, at=chain_break)
    if inside is None:
        return Check(Finding.INSIDE_MISSING, length)
    mismatch = _against(inside.point, length, hash_at)
    if mismatch is not None:
        return mismatch
    if outside is None:
        if inside.floor == 0 and inside.replaced is None:
            return Check(Finding.NOT_YET_WRITTEN, length)
        return Check(Finding.OUTSIDE_MISSING, length)
    if isinstance(outside, Unreadable):
        return Check(Finding.OUTSIDE_FORGED, length)
    point = outside.point
    if point == inside.point:
        return Check(Finding.IN_SYNC if outside.authenticated else Finding.OTHER_KEY, length)
    if point == inside.replaced:
        return Check(Finding.LAGGING if outside.authenticated else Finding.OTHER_KEY, length)
    if not outside.authenticated:
        return Check(Finding.OUTSIDE_FORGED, length)
    if point.count > length:
        return Check(Finding.TRUNCATED, length, attested=point.count)
    if _hash(hash_at, point.count) != point.head:
        return Check(Finding.REWRITTEN, length, at=max(point.count, 1))
    if point.count < inside.floor:
        return Check(Finding.ROLLED_BACK, length)
    return Check(Finding.LAGGING, length)


def _against(point: Point, length: int, hash_at: Callable[[int], str | None]) -> Check | None:
    """The chain must end exactly where `point` says: entries beyond it were added outside the application."""
    if length < point.count:
        return Check(Finding.TRUNCATED, length, attested=point.count)
    if _hash(hash_at, point.count) != point.head:
        return Check(Finding.REWRITTEN, length, at=max(point.count, 1))
    if length > point.count:
        return Check(Finding.REWRITTEN, length, at=point.count + 1)
    return None


def _hash(hash_at: Callable[[int], str | None], count: int) -> str | None:
    return GENESIS if count == 0 else hash_at(count)


def verdict(check: Check) -> str:
    """The sentence shown in Paramètres and printed by `cmc-desktop audit verify`."""
    entries = _entries(check.length)
    if check.finding is Finding.IN_SYNC:
        return f"Journal d'audit intact : {entries}, chaîne de contrôle et ancre vérifiées."
    if check.finding is Finding.LAGGING:
        return (f"Journal d'audit intact : {entries}, chaîne de contrôle vérifiée. Son ancre extérieure, restée en "
                "retard après une interruption, a été mise à jour.")
    if check.finding is Finding.NOT_YET_WRITTEN:
        return (f"Journal d'audit intact : {entries}, chaîne de contrôle vérifiée. Son ancre extérieure est écrite "
                "à partir de maintenant.")
    if check.finding is Finding.OTHER_KEY:
        return (f"Journal d'audit intact : {entries}, chaîne de contrôle vérifiée. Son ancre, écrite avant le "
                "changement de clé, est désormais authentifiée par la nouvelle clé.")
    if check.finding is Finding.BROKEN:
        return (f"Journal d'audit altéré : la chaîne de contrôle est rompue à l'entrée n° {check.at} "
                f"(sur {check.length}). Une entrée a été modifiée ou supprimée hors de l'application.")
    if check.finding is Finding.TRUNCATED:
        have = "ne compte plus aucune entrée" if check.length == 0 else f"ne compte plus que {entries}"
        return (f"Journal d'audit altéré : il {have} alors que son ancre en atteste {check.attested}. Des entrées "
                "ont été supprimées hors de l'application, ou le dossier a été remplacé par une copie plus ancienne.")
    if check.finding is Finding.REWRITTEN:
        return (f"Journal d'audit altéré : l'entrée n° {check.at} ne correspond plus à son ancre. Le journal a été "
                "réécrit hors de l'application.")
    if check.finding is Finding.OUTSIDE_MISSING:
        return ("Journal d'audit non vérifiable : son ancre (le fichier store.anchor, à côté du fichier de clé) a "
                "disparu. Elle a été supprimée, ou le dossier a été copié sans elle.")
    if check.finding is Finding.OUTSIDE_FORGED:
        return ("Journal d'audit altéré : son ancre (le fichier store.anchor) n'est pas authentique : elle a été "
                "modifiée hors de l'application.")
    if check.finding is Finding.ROLLED_BACK:
        return ("Journal d'audit altéré : son ancre (le fichier store.anchor) a été remplacée par une copie plus "
                "ancienne.")
    return ("Journal d'audit altéré : son ancre interne a été supprimée hors de l'application ; le journal ne "
            "peut plus être vérifié.")


def _entries(count: int) -> str:
    return f"{count} entrée" if count <= 1 else f"{count} entrées"
