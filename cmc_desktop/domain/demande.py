"""The demande de BPP and the hierarchy's decision (guide 001, « Qui peut être à l'initiative »)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .dates import add_months, check_order, check_plausible, format_fr
from .errors import DomainError, ValidationError
from .text import clean_long

SILENCE_MONTHS = 2
# How many days ahead the CMC is warned that the hierarchy's silence is about to become a rejection.
DEADLINE_WARNING_DAYS = 14


class Initiative(StrEnum):
    AGENT = "agent"
    EMPLOYEUR = "employeur"

    @property
    def label(self) -> str:
        return {"agent": "À l'initiative de l'agent",
                "employeur": "À l'initiative de l'employeur (avec l'accord de l'agent)"}[self.value]


class Decision(StrEnum):
    EN_ATTENTE = "en_attente"
    ACCORD = "accord"
    REFUS = "refus"
    REPORT = "report"

    @property
    def label(self) -> str:
        return {"en_attente": "En attente de réponse", "accord": "Accord", "refus": "Refus motivé",
                "report": "Report"}[self.value]


class DemandeStatus(StrEnum):
    EN_ATTENTE = "en_attente"
    ACCORD = "accord"
    REFUS = "refus"
    REPORT = "report"
    REJET_IMPLICITE = "rejet_implicite"

    @property
    def label(self) -> str:
        return {"en_attente": "En attente", "accord": "Accordée", "refus": "Refusée",
                "report": "Reportée", "rejet_implicite": "Rejet implicite (silence de deux mois)"}[self.value]


def implicit_rejection_date(request_date: date) -> date:
    """Silence kept for two months from the request is a rejection from this date on."""
    return add_months(request_date, SILENCE_MONTHS)


@dataclass
class Demande:
    """A request for a bilan de parcours professionnel and its outcome."""

    agent_id: int
    request_date: date
    initiative: Initiative = Initiative.AGENT
    agent_agreement: bool = True
    decision: Decision = Decision.EN_ATTENTE
    decision_date: date | None = None
    reason: str = ""
    hr_agreement: bool = False
    source_interview_id: int | None = None
    id: int | None = None

    @property
    def deadline(self) -> date:
        return implicit_rejection_date(self.request_date)

    def status(self, today: date) -> DemandeStatus:
        if self.decision is Decision.EN_ATTENTE:
            return DemandeStatus.REJET_IMPLICITE if today >= self.deadline else DemandeStatus.EN_ATTENTE
        return DemandeStatus(self.decision.value)

    def days_before_implicit_rejection(self, today: date) -> int:
        return (self.deadline - today).days

    def deadline_near(self, today: date) -> bool:
        """Still awaiting an answer, and silence becomes a rejection within DEADLINE_WARNING_DAYS."""
        return (self.status(today) is DemandeStatus.EN_ATTENTE
                and self.days_before_implicit_rejection(today) <= DEADLINE_WARNING_DAYS)

    def validated(self, today: date) -> "Demande":
        check_plausible(self.request_date, "Date de la demande", today=today, future_years=0)
        if self.initiative is Initiative.EMPLOYEUR and not self.agent_agreement:
            raise ValidationError(
                "Une demande à l'initiative de l'employeur suppose l'accord de l'agent : cochez-le avant "
                "d'enregistrer."
            )
        self.reason = clean_long(self.reason, "Motif")
        return self

    def decide(self, decision: Decision, on: date, *, reason: str = "", hr_agreement: bool = False,
               today: date) -> None:
        """Record the hierarchy's answer; a refusal must be motivated, a report needs HR's prior agreement."""
        if decision is Decision.EN_ATTENTE:
            raise DomainError("Choisissez une décision : accord, refus ou report.")
        check_plausible(on, "Date de la décision", today=today, future_years=0)
        check_order(self.request_date, on,
                    f"La décision ne peut pas précéder la demande ({format_fr(self.request_date)}).")
        reason = clean_long(reason, "Motif").strip()
        if decision is Decision.REFUS and not reason:
            raise ValidationError("Un refus doit être motivé : indiquez le motif communiqué par la hiérarchie.")
        if decision is Decision.REPORT:
            if not reason:
                raise ValidationError(
                    "Un report n'est possible qu'à titre exceptionnel, pour la continuité du service : "
                    "indiquez-en le motif."
                )
            if not hr_agreement:
                raise ValidationError("Un report exige l'accord préalable du service RH.")
        self.decision, self.decision_date = decision, on
        self.reason, self.hr_agreement = reason, hr_agreement and decision is Decision.REPORT


def check_new_request(existing: list[Demande], today: date, *, agent_has_open_bpp: bool,
                      accepted_without_bpp: bool) -> None:
    """An agent has one demande in progress at a time: none awaiting an answer, no BPP open or still to open."""
    for demande in existing:
        if demande.status(today) is DemandeStatus.EN_ATTENTE:
            raise DomainError(
                f"Une demande de BPP de cet agent attend déjà la réponse de la hiérarchie (demande du "
                f"{format_fr(demande.request_date)}, rejet implicite le {format_fr(demande.deadline)})."
            )
    if agent_has_open_bpp:
        raise DomainError("Cet agent a déjà un BPP en cours : une nouvelle demande attendra sa clôture.")
    if accepted_without_bpp:
        raise DomainError("Une demande de cet agent a déjà reçu un accord : ouvrez son BPP plutôt qu'une "
                          "nouvelle demande.")
