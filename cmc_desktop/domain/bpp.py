"""The bilan de parcours professionnel (décret 2022-1043): its form, four phases and exercises."""

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

from .dates import check_order, check_plausible
from .errors import DomainError, ValidationError
from .text import clean_long, clean_short


class BppForm(StrEnum):
    COLLECTIF = "collectif"
    INDIVIDUEL = "individuel"

    @property
    def label(self) -> str:
        return {"collectif": "Collectif (promotion)", "individuel": "Individuel"}[self.value]


class Phase(IntEnum):
    LANCEMENT = 1
    ANALYSE = 2
    PLAN_ACTION = 3
    CONCLUSION = 4

    @property
    def label(self) -> str:
        return {
            1: "Phase de lancement",
            2: "Phase d'appui à l'analyse du parcours professionnel",
            3: "Phase d'appui à la réalisation d'un plan d'action",
            4: "Phase de conclusion",
        }[self.value]

    @property
    def short_label(self) -> str:
        return {1: "Lancement", 2: "Analyse du parcours", 3: "Plan d'action", 4: "Conclusion"}[self.value]


@dataclass
class Exercise:
    """Work handed to an agent between séances."""

    bpp_id: int
    title: str
    given_on: date
    due_on: date | None = None
    done_on: date | None = None
    instructions: str = ""
    id: int | None = None

    def validated(self, today: date) -> "Exercise":
        self.title = clean_short(self.title, "Intitulé de l'exercice", required=True)
        self.instructions = clean_long(self.instructions, "Consignes")
        check_plausible(self.given_on, "Remis le", today=today, future_years=1)
        check_order(self.given_on, self.due_on, "L'échéance ne peut pas précéder la date de remise.")
        return self


@dataclass
class Bpp:
    """One agent's bilan. In collective form it belongs to a promotion."""

    agent_id: int
    form: BppForm = BppForm.COLLECTIF
    demande_id: int | None = None
    promotion_id: int | None = None
    individual_reason: str = ""
    current_phase: Phase = Phase.LANCEMENT
    phase_dates: dict[Phase, date] = field(default_factory=dict)
    initial_interview_on: date | None = None
    final_interview_on: date | None = None
    contract_signed_on: date | None = None
    closed_on: date | None = None
    id: int | None = None

    def validated(self, today: date) -> "Bpp":
        self.individual_reason = clean_long(self.individual_reason, "Motif de la forme individuelle")
        if self.form is BppForm.INDIVIDUEL and not self.individual_reason.strip():
            raise ValidationError(
                "Le BPP est collectif par défaut : indiquez pourquoi la situation de l'agent requiert "
                "la forme individuelle."
            )
        for label, day in (("Entretien initial", self.initial_interview_on),
                           ("Entretien final", self.final_interview_on),
                           ("Contrat signé le", self.contract_signed_on)):
            check_plausible(day, label, today=today, future_years=1)
        check_order(self.initial_interview_on, self.final_interview_on,
                    "L'entretien final ne peut pas précéder l'entretien initial.")
        return self

    def individual_advance_blockers(self) -> list[str]:
        """What prevents an individual BPP from entering its next phase, in plain French."""
        if self.form is not BppForm.INDIVIDUEL:
            raise DomainError("Un BPP collectif avance avec sa promotion.")
        if self.closed_on:
            return ["Le bilan est clos."]
        if self.current_phase is Phase.LANCEMENT and not self.contract_signed_on:
            return ["Le contrat d'engagement et de confidentialité n'est pas signé."]
        if self.current_phase is Phase.CONCLUSION and not self.final_interview_on:
            return ["L'entretien final n'a pas eu lieu."]
        return []
