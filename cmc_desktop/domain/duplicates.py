"""Two files for one person: finding them before a file is created (or imported), and the rules of a merge.

A duplicate is a file with the same first and last names — ignoring accents, case, hyphens and the order of
the two names — and the same birth year or e-mail address. When a birth year is missing on either side, a
same-name file is still shown as possible, for the CMC to check; two known birth years that differ mean two
people (an e-mail address may change, a birth year does not).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .agent import Agent, AgentState
from .text import normalise_for_search

_SEPARATORS = re.compile(r"[^\w]+|_")


@dataclass(frozen=True)
class PersonKey:
    """What identifies a person well enough to compare two files (an existing one carries its id)."""

    last_name: str
    first_name: str
    birth_year: int | None = None
    email: str = ""
    id: int | None = None


@dataclass(frozen=True)
class DuplicateMatch:
    """An existing file that may be the candidate's person, and why."""

    existing: PersonKey
    reasons: tuple[str, ...]
    certain: bool
    """Same name and the same birth year or e-mail; otherwise a same-name file to check."""


def name_key(name: str) -> str:
    """'Dumoulin-Fictif' and 'dumoulin fictif' give the same key; so do 'Hélène' and 'HELENE'."""
    return " ".join(_SEPARATORS.split(normalise_for_search(name))).strip()


def _same_name(a: PersonKey, b: PersonKey) -> bool:
    first, last = name_key(a.first_name), name_key(a.last_name)
    other = (name_key(b.first_name), name_key(b.last_name))
    return bool(first and last) and other in ((first, last), (last, first))


def _email(value: str) -> str:
    return value.strip().casefold()


def find_duplicates(candidate: PersonKey, existing: Iterable[PersonKey]) -> list[DuplicateMatch]:
    """The existing files that may belong to the candidate's person, the certain ones first."""
    matches = []
    for other in existing:
        if other.id is not None and other.id == candidate.id or not _same_name(candidate, other):
            continue
        years = (candidate.birth_year, other.birth_year)
        emails = (_email(candidate.email), _email(other.email))
        reasons = ["mêmes nom et prénom"]
        if None not in years and years[0] == years[1]:
            reasons.append(f"même année de naissance ({years[0]})")
        if all(emails) and emails[0] == emails[1]:
            reasons.append("même courriel")
        if len(reasons) > 1:
            matches.append(DuplicateMatch(other, tuple(reasons), certain=True))
        elif None in years:  # nothing tells them apart: the CMC checks
            matches.append(DuplicateMatch(other, (*reasons, "année de naissance ou courriel à vérifier"),
                                          certain=False))
    return sorted(matches, key=lambda m: not m.certain)


@dataclass(frozen=True)
class MergeFacts:
    """What of one file could not coexist with the other's once both are one."""

    open_bpp: bool = False
    open_accompaniment: bool = False
    pending_demande: bool = False


def merge_blockers(kept: MergeFacts, merged: MergeFacts) -> list[str]:
    """Why the two files cannot be merged yet (nothing: they can). One person has one BPP in progress, one
    accompaniment open and one demande de BPP awaiting an answer at a time."""
    reasons = []
    if kept.open_bpp and merged.open_bpp:
        reasons.append("Les deux dossiers ont chacun un BPP en cours : clôturez l'un d'eux avant la fusion.")
    if kept.open_accompaniment and merged.open_accompaniment:
        reasons.append("Les deux dossiers ont chacun un accompagnement en cours : clôturez l'un d'eux (ou supprimez "
                       "la demande enregistrée en double) avant la fusion.")
    if kept.pending_demande and merged.pending_demande:
        reasons.append("Les deux dossiers ont chacun une demande de BPP en attente de réponse : enregistrez la "
                       "décision de l'une d'elles avant la fusion.")
    return reasons


def merged_identity(kept: Agent, merged: Agent) -> Agent:
    """The kept file's identity, completed by the other: blank fields filled, priority grounds joined, private
    notes put one after the other, the accompaniment in progress if either is."""
    combined = Agent(**{name: getattr(kept, name) for name in kept.__dataclass_fields__})
    for name in ("category", "fonction", "service", "email", "phone", "date_prise_fonction", "birth_year",
                 "referent_handicap_informed_on"):
        if getattr(combined, name) in (None, ""):
            setattr(combined, name, getattr(merged, name))
    combined.priority_grounds = kept.priority_grounds | merged.priority_grounds
    combined.referent_handicap_associated = kept.referent_handicap_associated or merged.referent_handicap_associated
    notes = [text.strip() for text in (kept.private_notes, merged.private_notes) if text.strip()]
    combined.private_notes = "\n\n".join(dict.fromkeys(notes))
    if AgentState.ACTIF in (kept.state, merged.state):
        combined.state, combined.accompaniment_ended_on = AgentState.ACTIF, None
    else:
        ends = [day for day in (kept.accompaniment_ended_on, merged.accompaniment_ended_on) if day is not None]
        combined.accompaniment_ended_on = max(ends, default=None)
    return combined
