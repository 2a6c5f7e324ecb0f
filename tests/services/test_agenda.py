"""The agenda (séances, interviews, deadlines, clashes) and its iCalendar export, parsed back with icalendar."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from cmc_desktop.domain.agenda import EventKind, conflicts, parse_time, week_label
from cmc_desktop.domain.data_rights import RightsRequestKind
from cmc_desktop.domain.demande import Decision
from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.profile import CmcProfile
from cmc_desktop.domain.promotion import Promotion, Seance
from cmc_desktop.services import calendar_export
from cmc_desktop.services.accompaniments import RequestInput, record_request
from cmc_desktop.services.agenda import DEADLINE_SOURCES, agenda
from cmc_desktop.services.audit_journal import list_entries
from cmc_desktop.services.interviews import get_interview, start_interview, update_interview
from cmc_desktop.services.profile import save_profile
from cmc_desktop.services.promotions import create_promotion, plan_seance, update_seance
from cmc_desktop.services.rights import record_rights_request
from cmc_desktop.services.store_settings import set_bool
from cmc_desktop.services.workspace import Workspace

from .factories import make_agent, make_demande

MONDAY = date(2026, 11, 16)


def _seance(ws: Workspace, day: date = MONDAY, at: time | None = time(9, 30), minutes: int | None = 180,
            **extra: str) -> Seance:
    promotion = create_promotion(ws, Promotion("Cap Hiver", start_date=MONDAY))
    return plan_seance(ws, Seance(promotion_id=promotion.id or 0, held_on=day, phase=promotion.current_phase,
                                  starts_at=at, duration_minutes=minutes, place="Salle 204", topic="Parcours",
                                  **extra))


def _interview(ws: Workspace, day: date = MONDAY, at: time | None = time(11, 0), name: str = "Quastenbrück") -> int:
    interview_id = start_interview(ws, make_agent(ws, name, "Zéphyrine"), InterviewType.E2, day)
    data = get_interview(ws, interview_id).data
    update_interview(ws, interview_id, data.__class__(**{**data.__dict__, "starts_at": at, "duration_minutes": 60,
                                                         "subject": "Mutation à Lyon"}))
    return interview_id


def _parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_times_are_read_the_french_way() -> None:
    assert [parse_time(t) for t in ("9h30", "09:30", "14 h", "14", "8.05", "")] == [
        time(9, 30), time(9, 30), time(14), time(14), time(8, 5), None]
    for wrong in ("25h", "9h75", "midi"):
        with pytest.raises(ValidationError, match="9h30"):
            parse_time(wrong)
    assert week_label(MONDAY) == "Semaine du 16 au 22 novembre 2026"
    assert week_label(date(2026, 12, 28)) == "Semaine du 28 décembre 2026 au 3 janvier 2027"


def test_the_agenda_shows_seances_interviews_deadlines_and_flags_clashes(ws: Workspace) -> None:
    _seance(ws)
    _interview(ws)  # 11 h – 12 h, inside the séance (9 h 30 – 12 h 30): a clash
    _interview(ws, MONDAY + timedelta(days=1), name="Durand")
    agent_id = make_agent(ws, "Martin")
    make_demande(ws, agent_id, Decision.EN_ATTENTE, request_date=date(2026, 9, 17))  # silence → 17/11/2026
    week = agenda(ws, MONDAY, MONDAY + timedelta(days=6))
    kinds = [(e.slot.day, e.kind) for e in week.events]
    tuesday = MONDAY + timedelta(days=1)
    assert kinds == [(MONDAY, EventKind.SEANCE), (MONDAY, EventKind.INTERVIEW),
                     (tuesday, EventKind.DEADLINE), (tuesday, EventKind.INTERVIEW)]
    seance, interview = week.on(MONDAY)
    assert seance.time_label() == "09 h 30 – 12 h 30" and seance.title == "Séance — Cap Hiver"
    assert week.clashes[seance.key] == ["E2 — Zéphyrine QUASTENBRÜCK (11 h 00 – 12 h 00)"]
    assert interview.key in week.clashes and len(week.clashes) == 2
    deadline = week.on(MONDAY + timedelta(days=1))[0]
    assert deadline.title == "Rejet implicite — Camille MARTIN" and deadline.target_id == agent_id
    assert len(DEADLINE_SOURCES) >= 1


def test_the_promised_lead_time_the_end_of_a_report_and_a_data_request_are_deadlines(ws: Workspace) -> None:
    waiting = make_agent(ws, "Martin")
    record_request(ws, waiting, RequestInput(date(2026, 11, 10), promised_days=10))  # promised by Friday 20/11
    met = make_agent(ws, "Durand")
    record_request(ws, met, RequestInput(date(2026, 11, 10), promised_days=8))
    start_interview(ws, met, InterviewType.E1, MONDAY + timedelta(days=1))  # planned before the promise: kept
    postponed = make_agent(ws, "Lefort")
    make_demande(ws, postponed, Decision.REPORT, reason="Clôture budgétaire")  # report until 15/01/2027
    asking = make_agent(ws, "Nguyen")
    record_rights_request(ws, asking, RightsRequestKind.ACCES, date(2026, 10, 19))  # answer due 19/11/2026
    week = agenda(ws, MONDAY, MONDAY + timedelta(days=6))
    deadlines = [(e.slot.day, e.title, e.target_id) for e in week.events if e.kind is EventKind.DEADLINE]
    assert deadlines == [
        (date(2026, 11, 19), "Réponse due — Camille NGUYEN", asking),
        (date(2026, 11, 20), "Délai de prise en charge — Camille MARTIN", waiting),
    ]
    assert week.on(date(2026, 11, 20))[0].detail == (
        "Demande d'accompagnement du 10/11/2026 : l'agent a été informé qu'un premier entretien aurait lieu au plus "
        "tard ce jour.")
    january = agenda(ws, date(2027, 1, 11), date(2027, 1, 17))
    assert [(e.slot.day, e.title) for e in january.events] == [(date(2027, 1, 15), "Fin du report — Camille LEFORT")]
    record_request(ws, make_agent(ws, "Sans"), RequestInput(date(2026, 11, 16)))  # no promise: no deadline
    assert len(agenda(ws, MONDAY, MONDAY + timedelta(days=6)).events) == len(week.events)


def test_untimed_events_never_clash() -> None:
    from cmc_desktop.domain.agenda import AgendaEvent, Slot

    whole_day = AgendaEvent("seance-1", EventKind.SEANCE, Slot(MONDAY), "Séance")
    timed = AgendaEvent("entretien-1", EventKind.INTERVIEW, Slot(MONDAY, time(10)), "Entretien")
    after = AgendaEvent("entretien-2", EventKind.INTERVIEW, Slot(MONDAY, time(11)), "Entretien 2")
    assert conflicts([whole_day, timed, after]) == {}


def test_a_seance_exports_as_one_vevent_in_paris_time(ws: Workspace) -> None:
    seance = _seance(ws, link="https://visio.example.fr/salle-12")
    save_profile(ws, CmcProfile(last_name="Lefèvre", first_name="Anne", email="anne.lefevre@finances.gouv.fr"))
    calendar = _parse(calendar_export.export_event(ws, f"seance-{seance.id}"))
    assert calendar["METHOD"] == "REQUEST" and calendar["VERSION"] == "2.0"
    [tz] = calendar.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Paris" and tz.walk("DAYLIGHT") and tz.walk("STANDARD")
    [event] = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Séance BPP — cmc-desktop"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime(2026, 11, 16, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert end - start == timedelta(hours=3)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert str(event["LOCATION"]) == "Salle 204" and str(event["URL"]) == "https://visio.example.fr/salle-12"
    assert str(event["ORGANIZER"]) == "mailto:anne.lefevre@finances.gouv.fr"
    assert event["ORGANIZER"].params["CN"] == "Anne LEFÈVRE"
    assert event["SEQUENCE"] == 0 and event["UID"].endswith("@cmc-desktop")
    assert "Parcours" not in calendar.to_ical().decode()  # the topic stays in the app


def test_uid_is_stable_and_sequence_grows_when_the_slot_changes(ws: Workspace) -> None:
    seance = _seance(ws)
    key = f"seance-{seance.id}"
    first = _parse(calendar_export.export_event(ws, key)).walk("VEVENT")[0]
    seance.topic = "Un autre thème"  # not in the calendar: same sequence
    seance = update_seance(ws, seance)
    same = _parse(calendar_export.export_event(ws, key)).walk("VEVENT")[0]
    seance.starts_at = time(14)
    seance = update_seance(ws, seance)
    seance.place = "Salle 12"
    seance = update_seance(ws, seance)
    moved = _parse(calendar_export.export_event(ws, key)).walk("VEVENT")[0]
    assert first["UID"] == same["UID"] == moved["UID"]
    assert (first["SEQUENCE"], same["SEQUENCE"], moved["SEQUENCE"]) == (0, 0, 2)
    assert moved.decoded("DTSTART").hour == 14 and str(moved["LOCATION"]) == "Salle 12"


def test_interviews_show_no_agent_name_unless_the_cmc_asks(ws: Workspace) -> None:
    interview_id = _interview(ws)
    key = f"entretien-{interview_id}"
    plain = calendar_export.export_event(ws, key).decode()
    event = _parse(plain.encode()).walk("VEVENT")[0]
    assert event["SUMMARY"] == "Entretien — cmc-desktop"
    for secret in ("QUASTENBR", "Quastenbr", "Zéphyrine", "Mutation", "E2"):
        assert secret not in plain.replace("\r\n ", "")
    set_bool(ws, calendar_export.INCLUDE_AGENT_NAME, True)
    named = _parse(calendar_export.export_event(ws, key)).walk("VEVENT")[0]
    assert named["SUMMARY"] == "Entretien — Zéphyrine QUASTENBRÜCK" and named["UID"] == event["UID"]
    audit = [e for e in list_entries(ws) if e.code == "calendar.exported"]
    assert [e.detail for e in audit] == ["evenements=1 nom_agent=non", "evenements=1 nom_agent=oui"]
    assert all("Quastenbr" not in e.detail for e in audit)


def test_the_whole_agenda_is_one_file_with_every_event_and_all_day_ones(ws: Workspace) -> None:
    _seance(ws, at=None, minutes=None)  # before the agenda existed: no time of day
    _interview(ws)
    _interview(ws, MONDAY + timedelta(days=30), name="Durand")
    _interview(ws, MONDAY - timedelta(days=400), name="Ancien")  # more than a year back: left out
    calendar = _parse(calendar_export.export_agenda(ws))
    events = calendar.walk("VEVENT")
    assert len(events) == 3 and len({e["UID"] for e in events}) == 3
    whole_day = next(e for e in events if e["SUMMARY"] == "Séance BPP — cmc-desktop")
    assert whole_day.decoded("DTSTART") == MONDAY and whole_day.decoded("DTEND") == MONDAY + timedelta(days=1)
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert calendar_export.suggested_filename() == "agenda-cmc.ics"


def test_an_unknown_event_is_refused(ws: Workspace) -> None:
    from cmc_desktop.domain.errors import DomainError

    with pytest.raises(DomainError, match="n'existe plus"):
        calendar_export.export_event(ws, "seance-999")
    with pytest.raises(ValueError):
        calendar_export.export_event(ws, "agent-1")


def test_a_link_must_be_https_and_a_duration_needs_a_time(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="https://"):
        _seance(ws, link="visio.example.fr")
    with pytest.raises(ValidationError, match="heure de début"):
        _seance(ws, at=None, minutes=90)
