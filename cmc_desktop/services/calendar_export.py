"""Séances and interviews as an iCalendar file (RFC 5545) that Outlook and Thunderbird import.

What goes into a calendar is what a shared agenda may show: « Entretien — cmc-desktop », a place, a time —
no agent name unless the CMC asks for it in Paramètres (for her own copy), never a subject or notes.
Each event keeps its UID across changes and its SEQUENCE grows when its date, time, duration, place or link
change, so a calendar that imported it updates it instead of adding a second one (METHOD:REQUEST).
The VTIMEZONE of Europe/Paris is computed from the zoneinfo database (tzdata): nothing is fetched.
"""

import hashlib
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from ..data.repositories import audit, profile, settings
from ..domain.agenda import DEFAULT_INTERVIEW_MINUTES, DEFAULT_SEANCE_MINUTES, AgendaEvent, EventKind
from ..domain.audit import AuditCode
from ..domain.errors import DomainError
from ..domain.profile import CmcProfile
from .agenda import interview_events, seance_events
from .workspace import Workspace

TZID = "Europe/Paris"
PARIS = ZoneInfo(TZID)
PRODID = "-//cmc-desktop//Agenda du conseiller mobilité-carrière//FR"
INCLUDE_AGENT_NAME = "calendar_agent_name"
"""Store setting: the CMC's own calendar copy names the agent of each interview (off by default)."""
PAST_DAYS, FUTURE_DAYS = 365, 2 * 365  # the whole agenda: a year back, two years ahead
SEANCE_SUMMARY, INTERVIEW_SUMMARY = "Séance BPP — cmc-desktop", "Entretien — cmc-desktop"


def export_event(ws: Workspace, key: str) -> bytes:
    """One séance (« seance-12 ») or interview (« entretien-40 ») as an .ics file."""
    kind, _, number = key.rpartition("-")
    if kind not in ("seance", "entretien") or not number.isdigit():
        raise ValueError(f"not a calendar event key: {key}")
    return _export(ws, date.min, date.max, only=key)


def export_agenda(ws: Workspace) -> bytes:
    """Every séance and interview from a year back to two years ahead, as one .ics file."""
    today = ws.clock.today()
    return _export(ws, today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS))


def suggested_filename(key: str | None = None) -> str:
    """« agenda-cmc.ics », « seance-12.ics », « entretien-40.ics »: no name, no subject."""
    return f"{key or 'agenda-cmc'}.ics"


def _export(ws: Workspace, first: date, last: date, only: str | None = None) -> bytes:
    with ws.store.session() as s:
        events = [e for e in (*seance_events(s, first, last), *interview_events(s, first, last))
                  if only is None or e.key == only]
        if only is not None and not events:
            raise DomainError("Cette séance ou cet entretien n'existe plus.")
        with_names = settings.get_bool(s, INCLUDE_AGENT_NAME, False)
        data = to_ics(events, uid_salt=ws.store.store_id, organizer=profile.get(s), now=ws.clock.now(),
                      with_agent_names=with_names)
        audit.append(s, AuditCode.CALENDAR_EXPORTED, ws.clock.now(),
                     detail=f"evenements={len(events)} nom_agent={'oui' if with_names else 'non'}")
    return data


def event_uid(key: str, uid_salt: str) -> str:
    """Stable for the life of the store, unique to it, and saying nothing about the event or the agent."""
    return hashlib.sha256(f"{uid_salt}:{key}".encode()).hexdigest()[:32] + "@cmc-desktop"


def to_ics(events: list[AgendaEvent], *, uid_salt: str, organizer: CmcProfile, now: datetime,
           with_agent_names: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "REQUEST")
    timed = [e.slot.day for e in events if e.timed]
    if timed:
        calendar.add_component(_paris(min(timed).year, max(timed).year))
    for event in events:
        calendar.add_component(_vevent(event, uid_salt, organizer, now, with_agent_names))
    return calendar.to_ical()


def _vevent(event: AgendaEvent, uid_salt: str, organizer: CmcProfile, now: datetime, with_name: bool) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(event.key, uid_salt))
    vevent.add("dtstamp", now)
    vevent.add("sequence", event.sequence)
    if event.kind is EventKind.SEANCE:
        summary = SEANCE_SUMMARY
    else:
        summary = f"Entretien — {event.agent_name}" if with_name and event.agent_name else INTERVIEW_SUMMARY
    vevent.add("summary", summary)
    start = event.slot.start()
    if start is None:  # no time of day recorded: an all-day event
        vevent.add("dtstart", event.slot.day)
        vevent.add("dtend", event.slot.day + timedelta(days=1))
    else:
        minutes = event.slot.duration_minutes or (
            DEFAULT_SEANCE_MINUTES if event.kind is EventKind.SEANCE else DEFAULT_INTERVIEW_MINUTES)
        vevent.add("dtstart", start.replace(tzinfo=PARIS))
        vevent.add("dtend", (start + timedelta(minutes=minutes)).replace(tzinfo=PARIS))
    location = event.slot.place or event.slot.link
    if location:
        vevent.add("location", location)
    if event.slot.link:
        vevent.add("url", event.slot.link)
    vevent.add("status", "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    if organizer.email:
        address = vCalAddress(f"mailto:{organizer.email}")
        if organizer.display_name:
            address.params["cn"] = vText(organizer.display_name)
        vevent.add("organizer", address)
    return vevent


@lru_cache(maxsize=8)
def _paris(first_year: int, last_year: int) -> Timezone:
    """Europe/Paris with its transitions over the years the file covers (computing it takes ~10 ms a year)."""
    return Timezone.from_tzinfo(PARIS, TZID, first_date=date(first_year - 1, 1, 1),
                                last_date=date(last_year + 1, 12, 31))
