"""Reading a caseload spreadsheet the CMC kept before the application: columns, French dates, categories,
priority grounds, and possible duplicates of files already in the store.

Every row either becomes a validated Agent or is refused with its reason, in French; nothing here touches the
store. Duplicates are found as when a file is created by hand (domain.duplicates): same names, accents and case
aside, and the same birth year or e-mail — a birth date column gives the year, the only part the application
keeps; two known birth years that differ are two people.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .agent import Agent, Category, PriorityGround, Statut
from .duplicates import PersonKey, find_duplicates, name_key
from .errors import ValidationError
from .text import normalise_for_search


class Column(StrEnum):
    """What a column of the spreadsheet may hold."""

    IGNORE = ""
    LAST_NAME = "nom"
    FIRST_NAME = "prenom"
    CATEGORY = "categorie"
    STATUT = "statut"
    FONCTION = "fonction"
    SERVICE = "service"
    EMAIL = "courriel"
    PHONE = "telephone"
    BIRTH_YEAR = "annee_naissance"
    DATE_PRISE_FONCTION = "date_prise_fonction"
    PRIORITY = "priorite"
    NOTES = "notes"

    @property
    def label(self) -> str:
        return {"": "(ne pas importer)", "nom": "Nom", "prenom": "Prénom", "categorie": "Catégorie",
                "statut": "Statut", "fonction": "Fonction", "service": "Service d'affectation",
                "courriel": "Courriel", "telephone": "Téléphone", "annee_naissance": "Année de naissance",
                "date_prise_fonction": "Date de prise de fonction",
                "priorite": "Motifs d'accès prioritaire", "notes": "Notes du conseiller"}[self.value]


# Header words (normalised) that name each column, most specific first.
_HEADERS: list[tuple[Column, tuple[str, ...]]] = [
    (Column.DATE_PRISE_FONCTION, ("prise de fonction", "date de prise", "arrivee sur le poste", "date d'arrivee",
                                  "date affectation")),
    (Column.BIRTH_YEAR, ("annee de naissance", "date de naissance", "naissance", "ne le", "nee le", "ne(e) le")),
    (Column.FIRST_NAME, ("prenom",)),
    (Column.LAST_NAME, ("nom de famille", "nom d'usage", "nom")),
    (Column.CATEGORY, ("categorie", "cat.", "cat")),
    (Column.STATUT, ("statut", "situation administrative")),
    (Column.FONCTION, ("fonction", "poste", "emploi")),
    (Column.SERVICE, ("service", "direction", "affectation", "structure")),
    (Column.EMAIL, ("courriel", "e-mail", "email", "mel", "mail", "adresse electronique")),
    (Column.PHONE, ("telephone", "tel", "portable")),
    (Column.PRIORITY, ("priorit", "motif", "public prioritaire", "rqth")),
    (Column.NOTES, ("notes", "commentaire", "observations", "remarques")),
]
_DATE = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_PRIORITY_WORDS: list[tuple[PriorityGround, tuple[str, ...]]] = [
    (PriorityGround.CAT_C_SANS_DIPLOME, ("sans diplome", "niveau 4", "cat c sans", "c sans")),
    (PriorityGround.L5212_13, ("l5212", "l. 5212", "l 5212", "rqth", "handicap", "obligation d'emploi", "boe",
                               "accident du travail", "invalidite")),
    (PriorityGround.USURE_PROFESSIONNELLE, ("usure",)),
    (PriorityGround.RESTRUCTURATION, ("restructuration", "suppression de poste", "reorganisation")),
]
_NO = ("", "non", "aucun", "aucune", "-", "—", "sans", "n/a", "na")


def guess_mapping(headers: list[str]) -> list[Column]:
    """The column each header most likely names; each column is taken once, the rest left out."""
    taken: set[Column] = set()
    mapping = []
    for header in headers:
        words = normalise_for_search(header).strip()
        found = Column.IGNORE
        for column, names in _HEADERS:
            if column not in taken and any(words == n or (len(n) > 3 and n in words) for n in names):
                found = column
                break
        if found is not Column.IGNORE:
            taken.add(found)
        mapping.append(found)
    return mapping


def parse_french_date(text: str, label: str) -> date | None:
    """« 14/03/2025 », « 14-03-2025 », « 14.03.2025 », or the ISO date a spreadsheet cell gives."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    iso = _ISO.match(text)
    if match:
        day, month, year = (int(x) for x in match.groups())
    elif iso:
        year, month, day = (int(x) for x in iso.groups())
    else:
        raise ValidationError(f"{label} « {text} » : écrivez la date sous la forme jj/mm/aaaa.")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"{label} « {text} » n'existe pas dans le calendrier.") from None


def parse_birth_year(text: str) -> int | None:
    """« 1975 », or a birth date whose year alone is kept (« 14/03/1975 »: the application records no more)."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if _DATE.match(text) or _ISO.match(text):
        born = parse_french_date(text, "Date de naissance")
        assert born is not None
        return born.year
    raise ValidationError(f"Année de naissance « {text} » : une année (1975) ou une date (14/03/1975) attendue.")


def parse_category(text: str) -> Category | None:
    words = normalise_for_search(text).replace("categorie", "").replace("cat.", "").replace("cat", "").strip()
    if words in _NO:
        return None
    if words.upper() in Category.__members__:
        return Category(words.upper())
    raise ValidationError(f"Catégorie « {text} » : A, B ou C attendu.")


def parse_statut(text: str) -> Statut:
    words = normalise_for_search(text).strip()
    if not words or words.startswith("titulaire") or words.startswith("fonctionnaire"):
        return Statut.STAGIAIRE if "stagiaire" in words else Statut.TITULAIRE
    if "stagiaire" in words:
        return Statut.STAGIAIRE
    if "contractuel" in words or words in ("cdd", "cdi", "agent contractuel"):
        return Statut.CONTRACTUEL
    raise ValidationError(f"Statut « {text} » : titulaire, stagiaire ou contractuel attendu.")


def parse_priority(text: str) -> frozenset[PriorityGround]:
    """Every ground named in the cell (« RQTH ; usure professionnelle »); an unknown word is refused."""
    grounds: set[PriorityGround] = set()
    for part in re.split(r"[;,/+\n]| et ", normalise_for_search(text)):
        part = part.strip()
        if part == "oui":
            raise ValidationError(f"Motif prioritaire « {text} » : précisez lequel (catégorie C sans diplôme, "
                                  "L. 5212-13, usure professionnelle, restructuration).")
        if part in _NO:
            continue
        ground = next((g for g, words in _PRIORITY_WORDS if any(w in part for w in words)), None)
        if ground is None:
            raise ValidationError(f"Motif prioritaire « {part} » non reconnu : catégorie C sans diplôme, "
                                  "L. 5212-13 (RQTH…), usure professionnelle ou restructuration.")
        grounds.add(ground)
    return frozenset(grounds)


@dataclass(frozen=True)
class RowResult:
    """One data row of the spreadsheet: `line` as the spreadsheet numbers it (headers on line 1)."""

    line: int
    agent: Agent | None
    reason: str = ""
    duplicates: tuple[str, ...] = field(default=())

    @property
    def accepted(self) -> bool:
        return self.agent is not None


def read_row(line: int, cells: list[str], mapping: list[Column], today: date) -> RowResult:
    """Turn the row into a validated Agent, or say why it is refused."""
    values: dict[Column, str] = {}
    for cell, column in zip(cells, mapping, strict=False):
        if column is not Column.IGNORE:
            values[column] = (cell or "").strip()
    try:
        agent = Agent(
            last_name=values.get(Column.LAST_NAME, ""), first_name=values.get(Column.FIRST_NAME, ""),
            category=parse_category(values.get(Column.CATEGORY, "")),
            statut=parse_statut(values.get(Column.STATUT, "")),
            fonction=values.get(Column.FONCTION, ""), service=values.get(Column.SERVICE, ""),
            email=values.get(Column.EMAIL, ""), phone=values.get(Column.PHONE, ""),
            birth_year=parse_birth_year(values.get(Column.BIRTH_YEAR, "")),
            date_prise_fonction=parse_french_date(values.get(Column.DATE_PRISE_FONCTION, ""),
                                                  "Date de prise de fonction"),
            priority_grounds=parse_priority(values.get(Column.PRIORITY, "")),
            private_notes=values.get(Column.NOTES, ""),
        ).validated(today)
    except ValidationError as error:
        return RowResult(line, None, str(error))
    return RowResult(line, agent)


def _names(key: PersonKey) -> tuple[str, ...]:
    """The same for « Hélène ARBOUSIER » and « arbousier helene »: find_duplicates matches names either way round,
    so only files with this key need comparing."""
    return tuple(sorted((name_key(key.first_name), name_key(key.last_name))))


def mark_duplicates(rows: list[RowResult], existing: Iterable[tuple[PersonKey, str]]) -> list[RowResult]:
    """Flag each accepted row that find_duplicates matches with a file already in the store (`existing`: each
    file's key and how it is shown) or with an earlier row of the same spreadsheet, saying why."""
    stored: dict[tuple[str, ...], list[tuple[PersonKey, str]]] = {}
    for key, shown in existing:
        stored.setdefault(_names(key), []).append((key, shown))
    earlier: dict[tuple[str, ...], list[tuple[PersonKey, int]]] = {}
    marked = []
    for row in rows:
        agent = row.agent
        if agent is None:
            marked.append(row)
            continue
        candidate = PersonKey(agent.last_name, agent.first_name, agent.birth_year, agent.email)
        names = _names(candidate)
        matches = [f"dossier existant : {shown}, {', '.join(match.reasons)}"
                   for key, shown in stored.get(names, []) for match in find_duplicates(candidate, [key])]
        matches += [f"ligne {line} : {', '.join(match.reasons)}"
                    for key, line in earlier.get(names, []) for match in find_duplicates(candidate, [key])]
        earlier.setdefault(names, []).append((candidate, row.line))
        marked.append(RowResult(row.line, agent, row.reason, tuple(matches)))
    return marked
