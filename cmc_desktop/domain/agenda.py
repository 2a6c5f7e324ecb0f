"""The CMC's agenda: when séances and interviews take place, for how long, where — and what clashes.

Séances and interviews dated before the agenda existed have no time of day: they show as « toute la journée »
and never clash with anything (nobody knows when they were).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from .errors import ValidationError

MAX_DURATION_MINUTES = 10 * 60
DEFAULT_SEANCE_MINUTES = 180  # a collective séance without a stated duration: a half-day
DEFAULT_INTERVIEW_MINUTES = 60
LINK_MAX = 500
_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[h:.]\s*(\d{2})?)?\s*$", re.IGNORECASE)
_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


class EventKind(StrEnum):
    SEANCE = "seance"
    INTERVIEW = "entretien"
    DEADLINE = "echeance"

    @property
    def label(self) -> str:
        return {"seance": "Séance", "entretien": "Entretien", "echeance": "Échéance"}[self.value]


@dataclass(frozen=True)
class Slot:
    """When and where something takes place; `starts_at` None means the whole day (time not known)."""

    day: date
    starts_at: time | None = None
    duration_minutes: int | None = None
    place: str = ""
    link: str = ""

    def start(self) -> datetime | None:
        return None if self.starts_at is None else datetime.combine(self.day, self.starts_at)

    def end(self, default_minutes: int) -> datetime | None:
        start = self.start()
        return None if start is None else start + timedelta(minutes=self.duration_minutes or default_minutes)

    @property
    def where(self) -> str:
        """« Salle 204 », « En ligne : https://… », or both."""
        return " — ".join(part for part in (self.place, f"En ligne : {self.link}" if self.link else "") if part)


@dataclass(frozen=True)
class AgendaEvent:
    """One line of the agenda. `key` is stable (« seance-12 », « entretien-40 », « echeance-demande-3 »): the
    iCalendar UID and the agenda's selection are built from it."""

    key: str
    kind: EventKind
    slot: Slot
    title: str
    detail: str = ""
    agent_name: str = ""
    sequence: int = 0
    target_id: int | None = None  # the promotion or agent the event opens

    @property
    def timed(self) -> bool:
        return self.slot.starts_at is not None

    def end(self) -> datetime | None:
        default = DEFAULT_SEANCE_MINUTES if self.kind is EventKind.SEANCE else DEFAULT_INTERVIEW_MINUTES
        return self.slot.end(default)

    def time_label(self) -> str:
        """« 09 h 30 – 12 h 30 », or « Toute la journée » / « Échéance »."""
        if self.kind is EventKind.DEADLINE:
            return "Échéance"
        start, end = self.slot.start(), self.end()
        if start is None or end is None:
            return "Toute la journée"
        return f"{clock_fr(start.time())} – {clock_fr(end.time())}"


def clock_fr(moment: time) -> str:
    """« 09 h 30 »: the way a French letter writes a time."""
    return f"{moment.hour:02d} h {moment.minute:02d}"


def day_fr(day: date) -> str:
    """« lundi 16 novembre 2026 »."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def parse_time(text: str, label: str = "Heure") -> time | None:
    """« 9h30 », « 09:30 », « 14 h », « 14 » — or None for an empty field."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (-1, -1)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValidationError(f"« {label} » : écrivez une heure comme 9h30 ou 14:00.")
    return time(hour, minute)


def parse_minutes(text: str, label: str = "Durée") -> int | None:
    """« 90 », « 90 min » — or None for an empty field."""
    digits = text.strip().removesuffix("min").strip()
    if not digits:
        return None
    if not digits.isdigit():
        raise ValidationError(f"« {label} » : indiquez un nombre de minutes, par exemple 90.")
    return int(digits)


def check_slot(starts_at: time | None, duration_minutes: int | None, link: str, what: str) -> str:
    """Check a time, a duration and a link typed by the CMC; returns the cleaned link."""
    if duration_minutes is not None and not 0 < duration_minutes <= MAX_DURATION_MINUTES:
        raise ValidationError(f"La durée {what} doit être comprise entre 1 minute et {MAX_DURATION_MINUTES // 60} "
                              "heures.")
    if duration_minutes is not None and starts_at is None:
        raise ValidationError(f"Indiquez l'heure de début {what} avant sa durée.")
    link = link.strip()
    if len(link) > LINK_MAX or any(c.isspace() for c in link):
        raise ValidationError("Le lien de connexion tient sur une ligne, sans espace, en 500 caractères au plus.")
    if link and not re.match(r"^https://[^/\s]+", link, re.IGNORECASE):
        raise ValidationError("Le lien de connexion doit commencer par https:// (copiez-le depuis l'invitation "
                              "de l'outil de visioconférence).")
    return link


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    """« Semaine du 16 au 22 novembre 2026 » (months and years named only where they change)."""
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        first = f"{monday.day}"
    elif monday.year == sunday.year:
        first = f"{monday.day} {_MONTHS[monday.month - 1]}"
    else:
        first = f"{monday.day} {_MONTHS[monday.month - 1]} {monday.year}"
    return f"Semaine du {first} au {sunday.day} {_MONTHS[sunday.month - 1]} {sunday.year}"


def conflicts(events: Iterable[AgendaEvent]) -> dict[str, list[str]]:
    """For each timed event overlapping another on the same day, the titles of those it overlaps."""
    timed = sorted((e for e in events if e.timed and e.kind is not EventKind.DEADLINE),
                   key=lambda e: (e.slot.start(), e.key))
    clashes: dict[str, list[str]] = {}
    for index, first in enumerate(timed):
        first_end = first.end()
        for second in timed[index + 1:]:
            second_start = second.slot.start()
            if first_end is None or second_start is None or second_start >= first_end:
                break
            clashes.setdefault(first.key, []).append(f"{second.title} ({second.time_label()})")
            clashes.setdefault(second.key, []).append(f"{first.title} ({first.time_label()})")
    return clashes


def conflict_warning(event: AgendaEvent, clashes: dict[str, list[str]]) -> str:
    """« En même temps que : … » for an event that clashes, else an empty string."""
    others = clashes.get(event.key)
    return f"En même temps que : {' ; '.join(others)}." if others else ""


def describe(event: AgendaEvent) -> str:
    """One line for a screen reader or a tooltip: « Séance, lundi 16 novembre 2026, 09 h 30 – 12 h 30, … »."""
    parts = [event.kind.label, day_fr(event.slot.day), event.time_label(), event.title, event.detail,
             event.slot.where]
    return ", ".join(part for part in parts if part)


def deadline_event(key: str, day: date, title: str, detail: str, target_id: int | None) -> AgendaEvent:
    return AgendaEvent(key=key, kind=EventKind.DEADLINE, slot=Slot(day), title=title, detail=detail,
                       target_id=target_id)
