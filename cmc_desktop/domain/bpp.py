"""The bilan de parcours professionnel (décret 2022-1043): its form, four phases and exercises."""

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

from .dates import check_order, check_plausible
from .demande import DemandeStatus
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


def next_step_label(phase: Phase, closing: str) -> str:
    """'passer à la phase …' from `phase`, or `closing` (e.g. 'clore le bilan') from the conclusion."""
    if phase is Phase.CONCLUSION:
        return closing
    return f"passer à la {Phase(phase + 1).label.lower()}"


def refusal(step: str, missing: list[str]) -> DomainError:
    """One message saying what cannot be done and, one per line, everything that is missing."""
    return DomainError(f"Impossible de {step} :\n• " + "\n• ".join(missing))


def check_can_start(demande_status: DemandeStatus, demande_has_bpp: bool, agent_has_open_bpp: bool) -> None:
    """A BPP opens only on an accepted demande, once per demande, and one at a time per agent."""
    if demande_status is not DemandeStatus.ACCORD:
        raise DomainError(
            f"Un BPP ne peut commencer que sur une demande acceptée (statut actuel : {demande_status.label.lower()})."
        )
    if demande_has_bpp:
        raise DomainError("Un BPP a déjà été ouvert pour cette demande.")
    if agent_has_open_bpp:
        raise DomainError("Cet agent a déjà un BPP en cours : clôturez-le avant d'en ouvrir un autre.")


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
        check_plausible(self.due_on, "Échéance", today=today, future_years=1)
        check_plausible(self.done_on, "Fait le", today=today, future_years=0)
        check_order(self.given_on, self.due_on, "L'échéance ne peut pas précéder la date de remise.")
        check_order(self.given_on, self.done_on, "Un exercice ne peut pas être fait avant d'avoir été remis.")
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
        # Interviews may be scheduled ahead; a contract is recorded once it has been signed.
        for label, day, future_years in (("Entretien initial", self.initial_interview_on, 1),
                                         ("Entretien final", self.final_interview_on, 1),
                                         ("Contrat signé le", self.contract_signed_on, 0)):
            check_plausible(day, label, today=today, future_years=future_years)
        check_order(self.initial_interview_on, self.final_interview_on,
                    "L'entretien final ne peut pas précéder l'entretien initial.")
        if self.closed_on and not self.final_interview_on:
            raise ValidationError("Un bilan clos garde la date de son entretien final.")
        self.phase_dates = {Phase(p): d for p, d in self.phase_dates.items() if d is not None}
        previous: tuple[Phase, date] | None = None
        for phase in Phase:
            day = self.phase_dates.get(phase)
            if day is None:
                continue
            check_plausible(day, f"Date de la {phase.label.lower()}", today=today, future_years=2)
            if previous is not None:
                check_order(previous[1], day, f"La {phase.label.lower()} ne peut pas commencer avant la "
                                              f"{previous[0].label.lower()}.")
            previous = (phase, day)
        return self

    def record_contract(self, signed_on: date | None) -> None:
        """Record (or clear) the signed contrat d'engagement et de confidentialité.

        The contract is what opens phase 2: once past the lancement it can be corrected but not withdrawn.
        """
        if signed_on is None and self.current_phase > Phase.LANCEMENT:
            raise DomainError("Le contrat ne peut plus être retiré : le bilan a dépassé la phase de lancement.")
        self.contract_signed_on = signed_on

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

    def advance_individually(self, on: date) -> None:
        """Enter the next phase on `on` (or close after the conclusion); raise with what is missing."""
        missing = self.individual_advance_blockers()
        if missing:
            raise refusal(next_step_label(self.current_phase, "clore le bilan"), missing)
        if self.current_phase is Phase.CONCLUSION:
            self.closed_on = on
        else:
            self.current_phase = Phase(self.current_phase + 1)
            self.phase_dates[self.current_phase] = on
