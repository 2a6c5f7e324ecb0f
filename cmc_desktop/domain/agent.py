"""The accompanied agent (bénéficiaire) and the grounds of priority access to a BPP."""

import secrets
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .dates import check_order, check_plausible, format_fr
from .errors import DomainError, ValidationError
from .text import clean_long, clean_short

# An agent in activity: born after 1930, at least 16 years old (the year tells duplicates apart, nothing more).
BIRTH_YEAR_MIN, WORKING_AGE = 1930, 16


def person_name(first_name: str, last_name: str) -> str:
    """« Prénom NOM », the one way an agent is named (lists are read at every keystroke: no Agent built)."""
    return f"{first_name} {last_name.upper()}".strip()


class Category(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class Statut(StrEnum):
    TITULAIRE = "titulaire"
    STAGIAIRE = "stagiaire"
    CONTRACTUEL = "contractuel"

    @property
    def label(self) -> str:
        return {"titulaire": "Fonctionnaire titulaire", "stagiaire": "Fonctionnaire stagiaire",
                "contractuel": "Contractuel"}[self.value]


class PriorityGround(StrEnum):
    """Art. L. 422-3 CGFP (ordonnance 2021-658): three publics with priority access; and restructuration, which
    is not a priority but a right (décret n° 2019-1441: the BPP is de droit), kept apart (PRIORITY_PUBLICS)."""

    CAT_C_SANS_DIPLOME = "cat_c_sans_diplome"
    L5212_13 = "l5212_13"
    USURE_PROFESSIONNELLE = "usure"
    RESTRUCTURATION = "restructuration"

    @property
    def label(self) -> str:
        return {
            "cat_c_sans_diplome": "Catégorie C sans diplôme de niveau 4",
            "l5212_13": "Bénéficiaire de l'obligation d'emploi (art. L. 5212-13 C. trav.)",
            "usure": "Exposition à l'usure professionnelle",
            "restructuration": "Suppression de poste (restructuration) — BPP de droit",
        }[self.value]


#: The three priority publics of art. L. 422-3 CGFP; restructuration is a right, not one of them.
PRIORITY_PUBLICS = frozenset({PriorityGround.CAT_C_SANS_DIPLOME, PriorityGround.L5212_13,
                              PriorityGround.USURE_PROFESSIONNELLE})


class AgentState(StrEnum):
    ACTIF = "actif"
    TERMINE = "termine"

    @property
    def label(self) -> str:
        return {"actif": "Accompagnement en cours", "termine": "Accompagnement terminé"}[self.value]


def new_pseudo_id(prefix: str = "AG") -> str:
    """A random pseudonymous identifier: the only way logs, audit and tombstones refer to a person."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return prefix + "-" + "".join(secrets.choice(alphabet) for _ in range(8))


@dataclass
class Agent:
    """A civil servant accompanied by the CMC."""

    last_name: str
    first_name: str
    category: Category | None = None
    statut: Statut = Statut.TITULAIRE
    fonction: str = ""
    service: str = ""
    email: str = ""
    phone: str = ""
    date_prise_fonction: date | None = None
    priority_grounds: frozenset[PriorityGround] = frozenset()
    referent_handicap_informed_on: date | None = None
    referent_handicap_associated: bool = False
    state: AgentState = AgentState.ACTIF
    accompaniment_ended_on: date | None = None
    private_notes: str = ""
    birth_year: int | None = None
    id: int | None = None
    pseudo_id: str = field(default_factory=new_pseudo_id)

    @property
    def display_name(self) -> str:
        return person_name(self.first_name, self.last_name)

    @property
    def has_priority_access(self) -> bool:
        return bool(self.priority_grounds & PRIORITY_PUBLICS)

    @property
    def bpp_of_right(self) -> bool:
        return PriorityGround.RESTRUCTURATION in self.priority_grounds

    def check_active(self) -> None:
        """New interviews and demandes belong to an accompaniment in progress (an ended one awaits purge)."""
        if self.state is AgentState.TERMINE:
            raise DomainError("L'accompagnement de cet agent est terminé : reprenez-le avant d'enregistrer un "
                              "entretien ou une demande.")

    def end_accompaniment(self, on: date, *, today: date, last_interview_on: date | None,
                          has_open_bpp: bool) -> None:
        """Close the accompaniment on `on`: the retention period runs from that date."""
        if self.state is AgentState.TERMINE:
            raise DomainError(f"L'accompagnement de cet agent est déjà terminé (le "
                              f"{format_fr(self.accompaniment_ended_on)}).")
        check_plausible(on, "Fin de l'accompagnement", today=today, future_years=0)
        check_order(last_interview_on, on, f"La fin de l'accompagnement ne peut pas précéder son dernier "
                                           f"entretien ({format_fr(last_interview_on)}).")
        if has_open_bpp:
            raise DomainError("Le BPP de cet agent est en cours : clôturez-le avant de terminer l'accompagnement.")
        self.state, self.accompaniment_ended_on = AgentState.TERMINE, on

    def reopen_accompaniment(self) -> None:
        """The agent comes back: the accompaniment resumes and is no longer counted for retention."""
        if self.state is AgentState.ACTIF:
            raise DomainError("L'accompagnement de cet agent est déjà en cours.")
        self.state, self.accompaniment_ended_on = AgentState.ACTIF, None

    def validated(self, today: date) -> "Agent":
        """Return the agent with cleaned fields, or raise a French ValidationError."""
        self.last_name = clean_short(self.last_name, "Nom", required=True)
        self.first_name = clean_short(self.first_name, "Prénom", required=True)
        self.fonction = clean_short(self.fonction, "Fonction")
        self.service = clean_short(self.service, "Service d'affectation")
        self.email = clean_short(self.email, "Courriel")
        if self.email and ("@" not in self.email or " " in self.email):
            raise ValidationError("Le courriel saisi n'est pas une adresse valide.")
        self.phone = clean_short(self.phone, "Téléphone")
        self.private_notes = clean_long(self.private_notes, "Notes privées du conseiller")
        check_plausible(self.date_prise_fonction, "Date de prise de fonction", today=today, future_years=1)
        if self.birth_year is not None and not BIRTH_YEAR_MIN <= self.birth_year <= today.year - WORKING_AGE:
            raise ValidationError(f"L'année de naissance doit être comprise entre {BIRTH_YEAR_MIN} et "
                                  f"{today.year - WORKING_AGE}.")
        check_plausible(self.referent_handicap_informed_on, "Référent handicap informé le", today=today,
                        future_years=0)
        if PriorityGround.CAT_C_SANS_DIPLOME in self.priority_grounds and self.category not in (
            None, Category.C
        ):
            raise ValidationError(
                "Le motif « catégorie C sans diplôme de niveau 4 » ne vaut que pour un agent de catégorie C."
            )
        return self


def referent_handicap_pending(agent: Agent, bpp_started: bool) -> bool:
    """An L. 5212-13 agent who has started a BPP must have had the référent handicap informed."""
    return (
        bpp_started
        and PriorityGround.L5212_13 in agent.priority_grounds
        and agent.referent_handicap_informed_on is None
    )
