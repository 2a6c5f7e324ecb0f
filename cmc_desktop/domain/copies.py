"""The copies of the store a destruction must reach, and what is said about each one.

A destruction (of a document de synthèse, or a purge of an agent file) is complete only once every copy the
application knows of has been cleaned: the store itself and its write-ahead journal, the backups it wrote in its
own `backups/` folder and in every folder the CMC chose, the copies it keeps before a migration or a restore. A
copy that cannot be cleaned is named with the reason, for the attestation and the tableau de bord, until a later
attempt reaches it.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from .dates import format_fr


class CopyKind(StrEnum):
    BACKUP = "sauvegarde"
    BEFORE_MIGRATION = "avant_migration"
    BEFORE_RESTORE = "avant_restauration"
    WAL = "journal_ecriture"  # the store's write-ahead journal
    FOLDER = "dossier"  # a backup folder that could not be looked into: its copies are unknown


class Outcome(StrEnum):
    CLEANED = "nettoyee"  # held destroyed content: rewritten without it
    CLEAN = "propre"  # held nothing destroyed
    REMAINS = "restante"


class Obstacle(StrEnum):
    """Why a copy remains. Stored in the store: values never change."""

    FOLDER_MISSING = "dossier_absent"
    FOLDER_UNREADABLE = "dossier_illisible"
    READ_ONLY = "lecture_seule"
    OTHER_KEY = "autre_cle"
    DAMAGED = "endommagee"
    NO_SPACE = "espace_insuffisant"
    TOO_NEW = "version_plus_recente"
    WAL_BUSY = "journal_occupe"
    WRITE_FAILED = "ecriture_echouee"

    @property
    def label(self) -> str:
        return _OBSTACLES[self]

    @property
    def advice(self) -> str:
        """What the CMC can do about it."""
        return _ADVICE[self]


_OBSTACLES = {
    Obstacle.FOLDER_MISSING: "dossier introuvable (disque amovible absent, dossier déplacé ou supprimé)",
    Obstacle.FOLDER_UNREADABLE: "dossier illisible (droits insuffisants)",
    Obstacle.READ_ONLY: "dossier ou fichier en lecture seule : la copie ne peut pas être réécrite",
    Obstacle.OTHER_KEY: "copie faite sous une clé de chiffrement antérieure (avant un changement de clé) : "
                        "l'application ne peut plus l'ouvrir",
    Obstacle.DAMAGED: "copie endommagée : l'application ne peut pas la lire entièrement",
    Obstacle.NO_SPACE: "espace disque insuffisant pour la réécrire",
    Obstacle.TOO_NEW: "copie enregistrée par une version plus récente de l'application",
    Obstacle.WAL_BUSY: "une lecture en cours a empêché de vider le journal d'écriture",
    Obstacle.WRITE_FAILED: "la réécriture a échoué (erreur d'écriture)",
}
_ADVICE = {
    Obstacle.FOLDER_MISSING: "rebranchez le disque ou rétablissez le dossier, puis réessayez",
    Obstacle.FOLDER_UNREADABLE: "rétablissez les droits de lecture et d'écriture, puis réessayez",
    Obstacle.READ_ONLY: "rétablissez l'écriture sur ce dossier, puis réessayez",
    Obstacle.OTHER_KEY: "supprimez cette copie",
    Obstacle.DAMAGED: "supprimez cette copie",
    Obstacle.NO_SPACE: "libérez de l'espace sur ce disque, puis réessayez",
    Obstacle.TOO_NEW: "nettoyez-la avec la version qui l'a écrite, ou supprimez-la",
    Obstacle.WAL_BUSY: "réessayez ; il sera vidé au plus tard à la fermeture de l'application",
    Obstacle.WRITE_FAILED: "réessayez",
}


@dataclass(frozen=True)
class CopyState:
    """One copy after a clean-up: where it is, what it is, what became of it."""

    folder: str
    name: str  # the file; empty for a folder that could not be looked into
    kind: CopyKind
    outcome: Outcome
    obstacle: Obstacle | None = None

    @property
    def description(self) -> str:
        return describe(self.kind, self.name, self.folder)

    @property
    def remains(self) -> bool:
        return self.outcome is Outcome.REMAINS


@dataclass(frozen=True)
class CopiesReport:
    """The outcome of one clean-up of the known copies (services.copies.scrub_known_copies)."""

    checked_at: datetime
    copies: tuple[CopyState, ...]
    partials_removed: int
    settled: tuple[str, ...]  # pseudonymous ids of destructions now complete in every known copy
    still_open: tuple[str, ...]  # those still present in a copy that remains

    @property
    def remaining(self) -> tuple[CopyState, ...]:
        return tuple(c for c in self.copies if c.remains)

    @property
    def complete(self) -> bool:
        return not self.remaining

    def count(self, outcome: Outcome) -> int:
        return sum(1 for c in self.copies if c.outcome is outcome and c.kind is not CopyKind.WAL)


_STAMP = re.compile(r"(\d{8}T\d{6}Z)")


def describe(kind: CopyKind | str, name: str, folder: str) -> str:
    """« la sauvegarde du 12/11/2026 à 10 h 30 (sauvegarde-20261112T093000Z.db), dans /chemin » and the like."""
    kind = CopyKind(kind)
    if kind is CopyKind.FOLDER:
        return f"le dossier de sauvegarde {folder}"
    if kind is CopyKind.WAL:
        return f"le journal d'écriture de la base ({name}), dans {folder}"
    what = {CopyKind.BACKUP: "la sauvegarde", CopyKind.BEFORE_MIGRATION: "la copie faite avant une mise à jour",
            CopyKind.BEFORE_RESTORE: "l'ancienne base gardée lors d'une restauration"}[kind]
    stamp = _STAMP.search(name)
    if stamp:
        moment = datetime.strptime(stamp[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).astimezone()
        what += f" du {format_fr(moment.date())} à {moment:%H} h {moment:%M}"
    return f"{what} ({name}), dans {folder}"


def copies_fr(count: int) -> str:
    return f"{count} copie" if count <= 1 else f"{count} copies"
