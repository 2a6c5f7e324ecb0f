"""A BPP promotion: 6 to 12 agents going through the four phases together, one after the other in time.

A phase begins when its first séance has taken place — its date has come and the attendance has been noted —
not when one is merely planned; its date is that séance's date, and no phase begins before the previous one.
The conclusion (phase 4) is made of each participant's individual entretien final, not of a collective séance.
"""

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

from .agenda import Slot, check_slot
from .bpp import COLLECTIVE_PHASES, Phase, check_phase_order, next_step_label, refusal
from .dates import check_order, check_plausible, format_fr
from .demande import DemandeStatus
from .errors import DomainError, ValidationError
from .text import clean_long, clean_short, plural

MIN_PARTICIPANTS = 6
MAX_PARTICIPANTS = 12


class SmallGroupReason(StrEnum):
    """Why a promotion goes ahead with fewer than six participants: an exception the CMC justifies."""

    PUBLIC_RESTREINT = "public_restreint"
    DESISTEMENTS = "desistements"
    CALENDRIER = "calendrier"
    ELOIGNEMENT = "eloignement"
    AUTRE = "autre"

    @property
    def label(self) -> str:
        return {
            "public_restreint": "Public concerné restreint (service ou métier à faible effectif)",
            "desistements": "Désistements après les inscriptions",
            "calendrier": "Attendre d'autres inscriptions retarderait les bilans des agents inscrits",
            "eloignement": "Éloignement géographique ou contraintes d'accessibilité",
            "autre": "Autre motif",
        }[self.value]


def participants_text(count: int) -> str:
    return plural(count, "participant", "participants")


def places_text(free: int) -> str:
    return plural(free, "place libre", "places libres")


@dataclass
class Participant:
    """An agent enrolled in a promotion, seen through their own BPP."""

    agent_id: int
    bpp_id: int
    display_name: str
    contract_signed_on: date | None = None
    final_interview_on: date | None = None


@dataclass
class Seance:
    """A group session of a promotion; attendance maps agent ids to presence."""

    promotion_id: int
    held_on: date
    phase: Phase
    place: str = ""
    topic: str = ""
    attendance: dict[int, bool] = field(default_factory=dict)
    id: int | None = None
    starts_at: time | None = None
    duration_minutes: int | None = None
    link: str = ""
    calendar_sequence: int = 0

    @property
    def slot(self) -> Slot:
        return Slot(self.held_on, self.starts_at, self.duration_minutes, self.place, self.link)

    def validated(self, today: date) -> "Seance":
        if self.phase not in COLLECTIVE_PHASES:
            raise ValidationError("La phase de conclusion est faite des entretiens finaux individuels de chaque "
                                  "participant : elle n'a pas de séance collective.")
        check_plausible(self.held_on, "Date de la séance", today=today, future_years=2)
        self.place = clean_short(self.place, "Lieu")
        self.topic = clean_short(self.topic, "Thème")
        self.link = check_slot(self.starts_at, self.duration_minutes, self.link, "de la séance")
        return self

    def check_attendance_allowed(self, today: date) -> None:
        """Presence is noted for a séance that has taken place, not ahead of it."""
        if self.held_on > today:
            raise DomainError(f"La séance du {format_fr(self.held_on)} n'a pas encore eu lieu : "
                              "la présence se note après la séance.")

    def taken_place(self, today: date) -> bool:
        """Its date has come and the attendance has been noted: only then does it open its phase."""
        return self.held_on <= today and bool(self.attendance)


class SeanceOutsideDates(DomainError):
    """A séance falls outside the promotion's dates; `start` and `end` are the dates that would hold it, which
    the CMC may confirm before the séance is saved."""

    def __init__(self, message: str, start: date | None, end: date | None) -> None:
        super().__init__(message)
        self.start, self.end = start, end


def phase_starts(seances: list[Seance], today: date) -> dict[Phase, date]:
    """The date each collective phase began: its first séance that has taken place."""
    starts: dict[Phase, date] = {}
    for seance in sorted(seances, key=lambda x: x.held_on):
        if seance.taken_place(today):
            starts.setdefault(seance.phase, seance.held_on)
    return starts


@dataclass
class Promotion:
    """A group of agents following a collective BPP."""

    name: str
    start_date: date | None = None
    end_date: date | None = None
    place: str = ""
    online: bool = False
    current_phase: Phase = Phase.LANCEMENT
    small_group_reason: str = ""
    confidential_points: list[str] = field(default_factory=list)
    closed_on: date | None = None
    id: int | None = None
    small_group_kind: SmallGroupReason | None = None

    def validated(self, today: date) -> "Promotion":
        self.name = clean_short(self.name, "Nom de la promotion", required=True)
        self.place = clean_short(self.place, "Lieu")
        check_plausible(self.start_date, "Date de début", today=today, future_years=2)
        check_plausible(self.end_date, "Date de fin", today=today, future_years=3)
        check_order(self.start_date, self.end_date, "La date de fin ne peut pas précéder la date de début.")
        self.small_group_reason = clean_long(self.small_group_reason, "Précision sur l'effectif réduit")
        self.confidential_points = [clean_short(p, "Point confidentiel") for p in self.confidential_points]
        self.confidential_points = [p for p in self.confidential_points if p]
        return self

    def justify_small_group(self, kind: SmallGroupReason | None, text: str) -> None:
        """Record why the promotion goes ahead with fewer than six participants: a reason from the list, and in
        a few words what it is here (both, or neither to clear it)."""
        text = clean_long(text, "Précision sur l'effectif réduit").strip()
        if kind is None and text:
            raise ValidationError("Choisissez la raison de l'effectif réduit dans la liste, puis précisez-la.")
        self.small_group_kind, self.small_group_reason = kind, text

    def check_seance_dates(self, day: date) -> None:
        """A séance takes place within the promotion's dates; SeanceOutsideDates says which dates would hold it."""
        before = self.start_date is not None and day < self.start_date
        after = self.end_date is not None and day > self.end_date
        if not (before or after):
            return
        start = day if before else self.start_date
        end = day if after else self.end_date
        bounds = (f"du {format_fr(self.start_date)} au {format_fr(self.end_date)}" if self.start_date and self.end_date
                  else f"à partir du {format_fr(self.start_date)}" if self.start_date
                  else f"jusqu'au {format_fr(self.end_date)}")
        raise SeanceOutsideDates(f"La séance du {format_fr(day)} est hors des dates de la promotion ({bounds}) : "
                                 "modifiez d'abord les dates de la promotion.", start, end)

    @property
    def next_step(self) -> str:
        """What advancing means now, e.g. 'passer à la phase d'appui à l'analyse du parcours professionnel'."""
        return next_step_label(self.current_phase, "clore la promotion")


def free_places(enrolled: int) -> int:
    return max(0, MAX_PARTICIPANTS - enrolled)


def check_can_enrol(promotion: Promotion, enrolled: int, demande_status: DemandeStatus | None) -> None:
    """Only an accepted demande (or a BPP de droit, or a report now ended) joins a promotion that still has a
    free place and is not closed."""
    if promotion.closed_on:
        raise DomainError("Cette promotion est close : aucune inscription n'est possible.")
    if enrolled >= MAX_PARTICIPANTS:
        raise DomainError(f"La promotion est complète : {MAX_PARTICIPANTS} participants au maximum.")
    if demande_status is None or not demande_status.opens_bpp:
        raise DomainError("Seul un agent dont la demande de BPP a reçu un accord (ou dont le BPP est de droit, ou "
                          "dont le report a pris fin) peut rejoindre une promotion.")
    if promotion.current_phase > Phase.LANCEMENT:
        raise DomainError("La promotion a dépassé la phase de lancement : l'inscription n'est plus possible.")


def phase_not_begun(phase: Phase, seances: list[Seance], today: date) -> str:
    """Why `phase` has not begun, or '' once one of its séances has taken place."""
    own = sorted((x for x in seances if x.phase is phase), key=lambda x: x.held_on)
    if any(x.taken_place(today) for x in own):
        return ""
    name = phase.label.lower()
    past = [x for x in own if x.held_on <= today]
    if past:
        return (f"Notez les présences de la séance du {format_fr(past[0].held_on)} : la {name} commence quand sa "
                "première séance a eu lieu.")
    if own:
        return f"La {name} n'a pas encore commencé : sa première séance, le {format_fr(own[0].held_on)}, est à venir."
    return (f"La {name} n'a pas commencé : aucune de ses séances n'a eu lieu. Planifiez-en une, puis notez les "
            "présences.")


def advance_blockers(promotion: Promotion, participants: list[Participant], seances: list[Seance],
                     today: date) -> list[str]:
    """Everything that prevents the promotion from entering its next phase (or closing), in plain French."""
    if promotion.closed_on:
        return ["La promotion est close."]
    missing: list[str] = []
    phase = promotion.current_phase
    if phase in COLLECTIVE_PHASES and (why := phase_not_begun(phase, seances, today)):
        missing.append(why)
    if phase is Phase.LANCEMENT:
        missing += _lancement_blockers(promotion, participants)
    if phase is Phase.CONCLUSION:
        without_final = [p.display_name + (f" (prévu le {format_fr(p.final_interview_on)})" if p.final_interview_on
                                           else "")
                         for p in sorted(participants, key=lambda p: p.display_name)
                         if p.final_interview_on is None or p.final_interview_on > today]
        if without_final:
            missing.append("Entretien final individuel pas encore réalisé : " + ", ".join(without_final) + ".")
    return missing


def _lancement_blockers(promotion: Promotion, participants: list[Participant]) -> list[str]:
    missing: list[str] = []
    if not participants:
        missing.append("La promotion n'a aucun participant.")
    elif len(participants) == 1:
        missing.append("Une promotion d'un seul agent n'est pas un bilan collectif : inscrivez d'autres agents, ou "
                       "ouvrez-lui un BPP individuel.")
    elif len(participants) < MIN_PARTICIPANTS and not (promotion.small_group_kind and promotion.small_group_reason):
        missing.append(f"La promotion compte {participants_text(len(participants))}, moins de {MIN_PARTICIPANTS} : "
                       "choisissez la raison de cet effectif réduit et précisez-la.")
    unsigned = sorted(p.display_name for p in participants if not p.contract_signed_on)
    if unsigned:
        missing.append("Contrat d'engagement et de confidentialité non signé : " + ", ".join(unsigned) + ".")
    return missing


def check_phases_in_time(promotion: Promotion, seances: list[Seance], today: date) -> None:
    """The séances as they would be: every phase begins after the previous one has begun, never on a date before
    it, and only once the promotion has entered it. A séance planned ahead is not dated before the beginning of
    the phase before its own."""
    check_phase_order(COLLECTIVE_PHASES, promotion.current_phase, [(x.phase, x.held_on) for x in seances],
                      phase_starts(seances, today),
                      not_entered="La promotion n'est pas encore entrée dans la {phase} : passez d'abord à cette "
                      "phase, puis notez les présences de ses séances.", meeting="La séance")


def advance(promotion: Promotion, participants: list[Participant], seances: list[Seance], on: date) -> None:
    """Move to the next phase, or close after the conclusion; raise with the list of what is missing."""
    missing = advance_blockers(promotion, participants, seances, on)
    if missing:
        raise refusal(promotion.next_step, missing)
    if promotion.current_phase is Phase.CONCLUSION:
        promotion.closed_on = on
    else:
        promotion.current_phase = Phase(promotion.current_phase + 1)
