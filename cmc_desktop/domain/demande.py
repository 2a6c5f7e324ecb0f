"""The demande de BPP and the hierarchy's decision (guide 001, « Qui peut être à l'initiative »).

Two kinds of demande: the usual one, which the hierarchy accepts, refuses (motivated) or postpones (exceptionally,
with HR's prior agreement), silence for two months being a rejection; and the demande of an agent concerned by a
restructuring operation, for whom « ce bilan est de droit » (décret n° 2019-1441): it cannot be refused nor
postponed, and silence does not reject it — it is to be organised.
"""

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
    DE_DROIT = "de_droit"
    REPORT_ECHU = "report_echu"

    @property
    def label(self) -> str:
        return {"en_attente": "En attente", "accord": "Accordée", "refus": "Refusée",
                "report": "Reportée", "rejet_implicite": "Rejet implicite (silence de deux mois)",
                "de_droit": "BPP de droit : à organiser", "report_echu": "Report terminé : à inscrire"}[self.value]

    @property
    def opens_bpp(self) -> bool:
        """Whether the agent may start a BPP or join a promotion on this demande."""
        return self in (DemandeStatus.ACCORD, DemandeStatus.DE_DROIT, DemandeStatus.REPORT_ECHU)


class ReportReason(StrEnum):
    """Guide 001: a report is possible « s'il est justifié par des raisons de continuité de fonctionnement du
    service où l'agent exerce ses fonctions » — the cases of that continuity the CMC chooses from."""

    ABSENCES = "absences"
    ECHEANCE = "echeance"
    EFFECTIF = "effectif"
    PERMANENCE = "permanence"
    AUTRE = "autre"

    @property
    def label(self) -> str:
        return {
            "absences": "Absences à couvrir dans le service (congés, postes vacants)",
            "echeance": "Échéance ou pic d'activité du service",
            "effectif": "Effectif insuffisant pour assurer les missions pendant le bilan",
            "permanence": "Permanence ou continuité du service public à assurer",
            "autre": "Autre raison de continuité du fonctionnement du service",
        }[self.value]


OF_RIGHT = ("Ce bilan est de droit pour un agent concerné par une opération de restructuration de service (décret "
            "n° 2019-1441)")


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
    hr_agreement_on: date | None = None
    """The date of the HR service's prior agreement to a report."""
    source_interview_id: int | None = None
    """The E2 or E4 interview the demande came from."""
    id: int | None = None
    of_right: bool = False
    """The agent is concerned by a restructuring operation: the BPP is de droit."""
    report_reason: ReportReason | None = None
    report_until: date | None = None
    """The horizon of a report: from that date the demande comes back and the agent can be enrolled."""

    @property
    def deadline(self) -> date:
        return implicit_rejection_date(self.request_date)

    def status(self, today: date) -> DemandeStatus:
        if self.decision is Decision.EN_ATTENTE:
            if self.of_right:
                return DemandeStatus.DE_DROIT
            return DemandeStatus.REJET_IMPLICITE if today >= self.deadline else DemandeStatus.EN_ATTENTE
        if self.decision is Decision.REPORT and self.report_until is not None and today >= self.report_until:
            return DemandeStatus.REPORT_ECHU
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

    def decide(self, decision: Decision, on: date, *, reason: str = "", report: "Report | None" = None,
               today: date) -> None:
        """Record the hierarchy's answer: a refusal must be motivated; a report needs its reason among the cases
        of continuity of the service, the date of HR's prior agreement and its horizon. A BPP de droit is
        neither refused nor postponed."""
        if decision is Decision.EN_ATTENTE:
            raise DomainError("Choisissez une décision : accord, refus ou report.")
        if self.of_right and decision in (Decision.REFUS, Decision.REPORT):
            raise DomainError(f"{OF_RIGHT} : il ne peut être ni refusé ni reporté.")
        check_plausible(on, "Date de la décision", today=today, future_years=0)
        check_order(self.request_date, on,
                    f"La décision ne peut pas précéder la demande ({format_fr(self.request_date)}).")
        reason = clean_long(reason, "Motif").strip()
        if decision is Decision.REFUS and not reason:
            raise ValidationError("Un refus doit être motivé : indiquez le motif communiqué par la hiérarchie.")
        if decision is Decision.REPORT:
            if report is None:
                raise ValidationError("Un report n'est possible qu'à titre exceptionnel, pour la continuité du "
                                      "fonctionnement du service : indiquez-en la raison, l'accord préalable du "
                                      "service RH et la date jusqu'à laquelle le bilan est reporté.")
            report.check(on, reason, today)
        self.decision, self.decision_date, self.reason = decision, on, reason
        kept = report if decision is Decision.REPORT else None
        self.report_reason = kept.reason if kept else None
        self.hr_agreement_on = kept.hr_agreement_on if kept else None
        self.report_until = kept.until if kept else None


@dataclass(frozen=True)
class Report:
    """What a report records besides its motivated text (guide 001, « Que se passe-t-il en cas de report ? »)."""

    reason: ReportReason | None
    hr_agreement_on: date | None
    until: date | None

    def check(self, decided_on: date, text: str, today: date) -> None:
        if self.reason is None:
            raise ValidationError("Un report n'est possible qu'à titre exceptionnel, pour la continuité du "
                                  "fonctionnement du service : choisissez-en la raison.")
        if not text:
            raise ValidationError("Précisez le motif du report communiqué par la hiérarchie.")
        if self.hr_agreement_on is None:
            raise ValidationError("Un report exige l'accord préalable du service RH : indiquez la date de cet "
                                  "accord.")
        check_plausible(self.hr_agreement_on, "Accord préalable du service RH le", today=today, future_years=0)
        check_order(self.hr_agreement_on, decided_on,
                    f"L'accord du service RH doit précéder la décision de report : accord du "
                    f"{format_fr(self.hr_agreement_on)}, décision du {format_fr(decided_on)}.")
        if self.until is None:
            raise ValidationError("Indiquez jusqu'à quand le bilan est reporté : la demande reviendra à cette date.")
        check_plausible(self.until, "Reporté jusqu'au", today=today, future_years=2)
        if self.until <= decided_on:
            raise ValidationError(f"La fin du report ({format_fr(self.until)}) doit suivre la décision "
                                  f"({format_fr(decided_on)}).")


def check_new_request(existing: list[Demande], today: date, *, agent_has_open_bpp: bool,
                      accepted_without_bpp: bool) -> None:
    """An agent has one demande in progress at a time: none awaiting an answer or postponed, no BPP open or
    still to open."""
    for demande in existing:
        status = demande.status(today)
        if status is DemandeStatus.EN_ATTENTE:
            raise DomainError(
                f"Une demande de BPP de cet agent attend déjà la réponse de la hiérarchie (demande du "
                f"{format_fr(demande.request_date)}, rejet implicite le {format_fr(demande.deadline)})."
            )
        if status is DemandeStatus.REPORT:
            raise DomainError(f"La demande de BPP de cet agent du {format_fr(demande.request_date)} est reportée "
                              f"jusqu'au {format_fr(demande.report_until)} : elle reviendra à cette date.")
    if agent_has_open_bpp:
        raise DomainError("Cet agent a déjà un BPP en cours : une nouvelle demande attendra sa clôture.")
    if accepted_without_bpp:
        raise DomainError("Une demande de cet agent permet déjà d'ouvrir son BPP (accord, BPP de droit ou report "
                          "terminé) : ouvrez-le plutôt qu'une nouvelle demande.")
