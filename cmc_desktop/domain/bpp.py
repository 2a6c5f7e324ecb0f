"""The bilan de parcours professionnel (décret 2022-1043): its form, four phases and exercises."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

from .dates import check_order, check_plausible, format_fr
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


#: The phases a promotion goes through in group séances; the conclusion is the individual entretiens finaux.
COLLECTIVE_PHASES = (Phase.LANCEMENT, Phase.ANALYSE, Phase.PLAN_ACTION)


def collective_phase_dates(starts: dict[Phase, date], final_interview_on: date | None,
                           today: date) -> dict[Phase, date]:
    """A participant's phase dates in a promotion: those its séances began (phase_starts), and for the
    conclusion the date of the agent's own entretien final once it has taken place."""
    dates = {phase: day for phase, day in starts.items() if phase in COLLECTIVE_PHASES}
    if final_interview_on is not None and final_interview_on <= today:
        dates[Phase.CONCLUSION] = final_interview_on
    return dates


def individual_phase_dates(interviews: Iterable[tuple[Phase, date]], today: date) -> dict[Phase, date]:
    """An individual BPP's phase dates, as a promotion's come from its séances: each phase begins with its first
    individual interview (E3: entretien initial, séance individuelle, entretien final) that has taken place.
    `interviews`: the phase and date of each E3 interview of the bilan."""
    dates: dict[Phase, date] = {}
    for phase, day in sorted(interviews, key=lambda item: item[1]):
        if day <= today:
            dates.setdefault(Phase(phase), day)
    return dates


def check_interviews_in_time(current_phase: Phase, interviews: list[tuple[Phase, date]], today: date) -> None:
    """The E3 interviews as they would be: none held in a phase the bilan has not entered yet, no phase begun
    before the one before it, and no interview (even planned) dated before the beginning of the phase before its
    own — the phases follow each other in time."""
    check_phase_order(tuple(Phase), current_phase, interviews, individual_phase_dates(interviews, today),
                      not_entered="Le bilan n'est pas encore entré dans la {phase} : passez d'abord à cette phase, "
                      "puis enregistrez ses entretiens qui ont eu lieu.", meeting="L'entretien")


def check_phase_order(phases: tuple[Phase, ...], current_phase: Phase, meetings: list[tuple[Phase, date]],
                      starts: dict[Phase, date], *, not_entered: str, meeting: str) -> None:
    """The rule of time shared by a bilan's interviews and a promotion's séances (`meetings`, each with its
    phase; `starts`: when each phase began): no meeting held in a phase not entered yet (`not_entered`, with
    « {phase} »), no phase begun before the one before it, no `meeting` dated before that one began."""
    for phase in phases:
        start = starts.get(phase)
        if start is not None and phase > current_phase:
            raise DomainError(not_entered.format(phase=phase.label.lower()))
        if phase is Phase.LANCEMENT:
            continue
        previous = Phase(phase - 1)
        if start is not None and previous not in starts:
            raise DomainError(f"La {phase.label.lower()} ne peut pas commencer avant la {previous.label.lower()}.")
        begun = starts.get(previous)
        early = sorted(day for held_in, day in meetings if held_in is phase and begun is not None and day < begun)
        if early:
            raise DomainError(f"{meeting} du {format_fr(early[0])} ({phase.label.lower()}) précède le début de la "
                              f"{previous.label.lower()}, le {format_fr(begun)} : les phases se suivent dans le "
                              "temps.")


def next_step_label(phase: Phase, closing: str) -> str:
    """'passer à la phase …' from `phase`, or `closing` (e.g. 'clore le bilan') from the conclusion."""
    if phase is Phase.CONCLUSION:
        return closing
    return f"passer à la {Phase(phase + 1).label.lower()}"


def refusal(step: str, missing: list[str]) -> DomainError:
    """One message saying what cannot be done and, one per line, everything that is missing."""
    return DomainError(f"Impossible de {step} :\n• " + "\n• ".join(missing))


def check_can_start(demande_status: DemandeStatus, demande_has_bpp: bool, agent_has_open_bpp: bool) -> None:
    """A BPP opens only on an accepted demande (or one de droit, or whose report has ended), once per demande,
    and one at a time per agent."""
    if not demande_status.opens_bpp:
        raise DomainError(
            f"Un BPP ne peut commencer que sur une demande acceptée (statut actuel : {demande_status.label.lower()})."
        )
    if demande_has_bpp:
        raise DomainError("Un BPP a déjà été ouvert pour cette demande.")
    if agent_has_open_bpp:
        raise DomainError("Cet agent a déjà un BPP en cours : clôturez-le avant d'en ouvrir un autre.")


@dataclass
class Exercise:
    """Work handed to an agent between séances, and what the animator said of it; both get into the document de
    synthèse only if the agent chooses to bring them there."""

    bpp_id: int
    title: str
    given_on: date
    due_on: date | None = None
    done_on: date | None = None
    instructions: str = ""
    id: int | None = None
    animator_comment: str = ""

    def validated(self, today: date) -> "Exercise":
        self.title = clean_short(self.title, "Intitulé de l'exercice", required=True)
        self.instructions = clean_long(self.instructions, "Consignes")
        self.animator_comment = clean_long(self.animator_comment, "Commentaire de l'animateur")
        check_plausible(self.given_on, "Remis le", today=today, future_years=1)
        check_plausible(self.due_on, "Échéance", today=today, future_years=1)
        check_plausible(self.done_on, "Fait le", today=today, future_years=0)
        check_order(self.given_on, self.due_on, "L'échéance ne peut pas précéder la date de remise.")
        check_order(self.given_on, self.done_on, "Un exercice ne peut pas être fait avant d'avoir été remis.")
        return self


class ReferentPoint(StrEnum):
    """Guide 001: « Si l'agent le souhaite le référent pourra être ensuite associé à la réalisation du bilan
    notamment sur des points comme » — its three points, as the guide words them."""

    ACCES_BILAN = "acces_bilan"
    ACCES_LIEU = "acces_lieu"
    INFORMATION_GROUPE = "information_groupe"

    @property
    def label(self) -> str:
        return {
            "acces_bilan": "L'accessibilité de l'agent au bilan",
            "acces_lieu": "L'accessibilité au lieu du bilan",
            "information_groupe": "Informé et communiquer sur la situation personnelle de l'agent aux autres "
                                  "participants au bilan",
        }[self.value]


@dataclass(frozen=True)
class ReferentAgreement:
    """What was agreed with the référent handicap on one of the three points, and when."""

    point: ReferentPoint
    agreed_on: date
    text: str


def exercise_text(exercise: Exercise, *, with_comment: bool, with_exercise: bool = True) -> str:
    """The paragraph an exercise brings into the document de synthèse when the agent chooses it."""
    done = f" (fait le {format_fr(exercise.done_on)})" if exercise.done_on else ""
    lines = [f"Exercice « {exercise.title} »{done}"] if with_exercise else []
    if with_comment and exercise.animator_comment.strip():
        lines.append(f"Commentaire de l'animateur sur « {exercise.title} » : {exercise.animator_comment.strip()}")
    return "\n".join(lines)


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
    referent_wish: bool | None = None
    """For an agent covered by art. L. 5212-13: whether the agent wishes the référent handicap associated."""
    referent_wish_on: date | None = None
    referent_agreements: dict[ReferentPoint, ReferentAgreement] = field(default_factory=dict)
    restitution_on: date | None = None
    """The agent's restitution to the group, which concludes the plan d'action (phase 3)."""
    restitution_notes: str = ""

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
            # The phases follow each other in time: none begins before, or without, the one before it.
            if phase is not Phase.LANCEMENT and (previous is None or previous[0] != phase - 1):
                before = Phase(phase - 1).label.lower()
                raise ValidationError(f"La {phase.label.lower()} ne peut pas commencer avant la {before}.")
            if previous is not None:
                check_order(previous[1], day, f"La {phase.label.lower()} ne peut pas commencer avant la "
                                              f"{previous[0].label.lower()} (le {format_fr(previous[1])}).")
            previous = (phase, day)
        self._check_referent(today)
        self._check_restitution(today)
        return self

    def _check_referent(self, today: date) -> None:
        check_plausible(self.referent_wish_on, "Souhait exprimé le", today=today, future_years=0)
        if self.referent_wish is None and self.referent_wish_on is not None:
            raise ValidationError("Indiquez si l'agent souhaite que le référent handicap soit associé au bilan.")
        if self.referent_agreements and not self.referent_wish:
            raise ValidationError("Les points convenus avec le référent handicap supposent que l'agent ait souhaité "
                                  "l'associer au bilan.")
        for point, agreement in self.referent_agreements.items():
            if not agreement.text.strip():
                raise ValidationError(f"« {point.label} » : indiquez ce qui a été convenu.")
            clean_long(agreement.text, point.label)
            check_plausible(agreement.agreed_on, f"{point.label} — convenu le", today=today, future_years=0)
            check_order(self.referent_wish_on, agreement.agreed_on,
                        f"« {point.label} » ne peut pas avoir été convenu avant que l'agent souhaite associer le "
                        f"référent ({format_fr(self.referent_wish_on)}).")

    def _check_restitution(self, today: date) -> None:
        self.restitution_notes = clean_long(self.restitution_notes, "Restitution au groupe").strip()
        if self.restitution_on is None:
            if self.restitution_notes.strip():
                raise ValidationError("Indiquez la date de la restitution au groupe.")
            return
        check_plausible(self.restitution_on, "Restitution au groupe le", today=today, future_years=0)
        plan = self.phase_dates.get(Phase.PLAN_ACTION)
        if plan is None or self.restitution_on < plan:
            raise ValidationError("La restitution au groupe conclut le plan d'action : elle a lieu pendant ou après "
                                  "la phase d'appui à la réalisation d'un plan d'action"
                                  + (f" (commencée le {format_fr(plan)})." if plan else ", qui n'a pas commencé."))

    def record_contract(self, signed_on: date | None) -> None:
        """Record (or clear) the signed contrat d'engagement et de confidentialité.

        The contract is what opens phase 2: once past the lancement it can be corrected but not withdrawn.
        """
        if signed_on is None and self.current_phase > Phase.LANCEMENT:
            raise DomainError("Le contrat ne peut plus être retiré : le bilan a dépassé la phase de lancement.")
        self.contract_signed_on = signed_on

    def individual_advance_blockers(self, today: date) -> list[str]:
        """What prevents an individual BPP from entering its next phase, in plain French. Its phase dates are
        those of its E3 interviews (individual_phase_dates): a phase is left once it has begun."""
        if self.form is not BppForm.INDIVIDUEL:
            raise DomainError("Un BPP collectif avance avec sa promotion.")
        if self.closed_on:
            return ["Le bilan est clos."]
        phase = self.current_phase
        if phase is Phase.CONCLUSION:
            if self.final_interview_on is None or self.final_interview_on > today:
                planned = f" (prévu le {format_fr(self.final_interview_on)})" if self.final_interview_on else ""
                return [f"L'entretien final n'a pas eu lieu{planned}."]
            return []
        missing = []
        if phase not in self.phase_dates:
            missing.append(f"La {phase.label.lower()} n'a pas commencé : aucun de ses entretiens n'a encore eu lieu "
                           "(enregistrez-le dans le bilan de l'agent).")
        if phase is Phase.LANCEMENT and not self.contract_signed_on:
            missing.append("Le contrat d'engagement et de confidentialité n'est pas signé.")
        return missing

    def advance_individually(self, on: date) -> None:
        """Enter the next phase on `on` (or close after the conclusion); raise with what is missing. The next
        phase's date will be that of its first interview held."""
        missing = self.individual_advance_blockers(on)
        if missing:
            raise refusal(next_step_label(self.current_phase, "clore le bilan"), missing)
        if self.current_phase is Phase.CONCLUSION:
            self.closed_on = on
        else:
            self.current_phase = Phase(self.current_phase + 1)
