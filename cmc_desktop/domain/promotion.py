"""A BPP promotion: 6 to 12 agents going through the four phases together."""

from dataclasses import dataclass, field
from datetime import date, time

from .agenda import Slot, check_slot
from .bpp import Phase, next_step_label, refusal
from .dates import check_order, check_plausible, format_fr
from .demande import DemandeStatus
from .errors import DomainError
from .text import clean_long, clean_short

MIN_PARTICIPANTS = 6
MAX_PARTICIPANTS = 12


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

    def validated(self, today: date) -> "Promotion":
        self.name = clean_short(self.name, "Nom de la promotion", required=True)
        self.place = clean_short(self.place, "Lieu")
        check_plausible(self.start_date, "Date de début", today=today, future_years=2)
        check_plausible(self.end_date, "Date de fin", today=today, future_years=3)
        check_order(self.start_date, self.end_date, "La date de fin ne peut pas précéder la date de début.")
        self.small_group_reason = clean_long(self.small_group_reason, "Motif d'un effectif réduit")
        self.confidential_points = [clean_short(p, "Point confidentiel") for p in self.confidential_points]
        self.confidential_points = [p for p in self.confidential_points if p]
        return self

    @property
    def next_step(self) -> str:
        """What advancing means now, e.g. 'passer à la phase d'appui à l'analyse du parcours professionnel'."""
        return next_step_label(self.current_phase, "clore la promotion")


def free_places(enrolled: int) -> int:
    return max(0, MAX_PARTICIPANTS - enrolled)


def check_can_enrol(promotion: Promotion, enrolled: int, demande_status: DemandeStatus | None) -> None:
    """Only an accepted demande joins a promotion that still has a free place and is not closed."""
    if promotion.closed_on:
        raise DomainError("Cette promotion est close : aucune inscription n'est possible.")
    if enrolled >= MAX_PARTICIPANTS:
        raise DomainError(f"La promotion est complète : {MAX_PARTICIPANTS} participants au maximum.")
    if demande_status is not DemandeStatus.ACCORD:
        raise DomainError("Seul un agent dont la demande de BPP a reçu un accord peut rejoindre une promotion.")
    if promotion.current_phase > Phase.LANCEMENT:
        raise DomainError("La promotion a dépassé la phase de lancement : l'inscription n'est plus possible.")


def advance_blockers(promotion: Promotion, participants: list[Participant], seances: list[Seance]) -> list[str]:
    """Everything that prevents the promotion from entering its next phase (or closing), in plain French."""
    if promotion.closed_on:
        return ["La promotion est close."]
    missing: list[str] = []
    phase = promotion.current_phase
    if not any(s.phase == phase and s.held_on for s in seances):
        missing.append(f"Aucune séance n'est planifiée pour la {phase.label.lower()}.")
    if phase is Phase.LANCEMENT:
        if len(participants) < MIN_PARTICIPANTS and not promotion.small_group_reason.strip():
            missing.append(
                f"La promotion compte {len(participants)} participant(s), moins de {MIN_PARTICIPANTS} : "
                "indiquez le motif de cet effectif réduit."
            )
        unsigned = sorted(p.display_name for p in participants if not p.contract_signed_on)
        if unsigned:
            missing.append("Contrat d'engagement et de confidentialité non signé : " + ", ".join(unsigned) + ".")
        if not participants:
            missing.append("La promotion n'a aucun participant.")
    if phase is Phase.CONCLUSION:
        without_final = sorted(p.display_name for p in participants if not p.final_interview_on)
        if without_final:
            missing.append("Entretien final non réalisé : " + ", ".join(without_final) + ".")
    return missing


def advance(promotion: Promotion, participants: list[Participant], seances: list[Seance], on: date) -> None:
    """Move to the next phase, or close after the conclusion; raise with the list of what is missing."""
    missing = advance_blockers(promotion, participants, seances)
    if missing:
        raise refusal(promotion.next_step, missing)
    if promotion.current_phase is Phase.CONCLUSION:
        promotion.closed_on = on
    else:
        promotion.current_phase = Phase(promotion.current_phase + 1)
