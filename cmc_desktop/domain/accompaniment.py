"""The accompaniment from the agent's request to its outcome (strategy 2022-2024, fiches 2 and 6).

« Prendre en charge » starts every accompaniment, not only a BPP: the request is dated, its channel, the need
expressed, the first shared diagnosis and the level of interaction are recorded, and so is the lead time for
taking charge communicated to the agent (commitment 2 of « Mon accompagnement en + »). The access rate and the
delay indicators are computed from this request to the first interview (or collective séance attended). When
the CMC closes the accompaniment, its outcome is recorded and the satisfaction questionnaire is proposed.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, StrEnum

from .dates import check_order, check_plausible, format_fr
from .errors import DomainError, ValidationError
from .text import clean_long

# Commitment 2, word for word (outil D of the strategy).
COMMITMENT_2 = "Nous vous communiquons un délai de prise en charge de votre demande d’accompagnement."
# The stage of access the request opens (fiche repère « Accès à l'accompagnement »), word for word.
TAKING_CHARGE = ("Accueillir l’agent bénéficiaire, favoriser l’expression de sa demande et élaborer un premier "
                 "diagnostic partagé de sa situation et de son besoin.")
# How many days before the promised date the CMC is warned that no first interview has taken place yet.
PROMISE_WARNING_DAYS = 7
MAX_PROMISED_DAYS = 365


class Channel(StrEnum):
    """How the request reached the CMC."""

    AGENT = "agent"
    HIERARCHIE = "hierarchie"
    SERVICE_RH = "service_rh"
    REFERENT = "referent"
    APRES_E1 = "apres_e1"
    APRES_E4 = "apres_e4"
    AUTRE = "autre"

    @property
    def label(self) -> str:
        return {
            "agent": "L'agent, de sa propre initiative",
            "hierarchie": "Son supérieur hiérarchique",
            "service_rh": "Le service RH",
            "referent": "Un référent (information-mobilité, handicap…)",
            "apres_e1": "À la suite d'un entretien info-mobilité (E1)",
            "apres_e4": "À la suite d'un entretien carrière (E4)",
            "autre": "Autre",
        }[self.value]

    @property
    def short_label(self) -> str:
        return {"agent": "Agent", "hierarchie": "Hiérarchie", "service_rh": "Service RH", "referent": "Référent",
                "apres_e1": "Après un E1", "apres_e4": "Après un E4", "autre": "Autre"}[self.value]


class Level(IntEnum):
    """The four levels of interaction with the beneficiaries (fiche repère 2), named word for word."""

    INFORMATION = 1
    PERSONNALISE = 2
    PARCOURS = 3
    TRANSFORMATION = 4

    @property
    def name_fr(self) -> str:
        return {1: "Information – Inspiration – Aiguillage", 2: "Accompagnement personnalisé du projet",
                3: "Développement du parcours professionnel",
                4: "Accompagnement en contexte de transformation de service"}[self.value]

    @property
    def label(self) -> str:
        return f"Niveau {self.value} « {self.name_fr} »"


class ProjectKind(StrEnum):
    """The kind of project the accompaniment ended on."""

    MOBILITE_INTERNE = "mobilite_interne"
    AUTRE_MINISTERE = "autre_ministere"
    AUTRE_FONCTION_PUBLIQUE = "autre_fonction_publique"
    SECTEUR_PRIVE = "secteur_prive"
    RECONVERSION = "reconversion"
    MAINTIEN = "maintien"

    @property
    def label(self) -> str:
        return {
            "mobilite_interne": "Mobilité interne",
            "autre_ministere": "Mobilité vers un autre ministère",
            "autre_fonction_publique": "Mobilité vers une autre fonction publique",
            "secteur_prive": "Départ vers le secteur privé",
            "reconversion": "Reconversion professionnelle",
            "maintien": "Maintien dans le poste",
        }[self.value]


class Result(StrEnum):
    """Where the project stood when the accompaniment ended; the last four redirect to another scheme."""

    MOBILITE_REALISEE = "mobilite_realisee"
    PROJET_EN_COURS = "projet_en_cours"
    ABANDON = "abandon"
    BILAN_COMPETENCES = "bilan_competences"
    CEP = "cep"
    IMMERSION = "immersion"
    FORMATION = "formation"

    @property
    def label(self) -> str:
        return {
            "mobilite_realisee": "Mobilité réalisée",
            "projet_en_cours": "Projet en cours de réalisation",
            "abandon": "Projet abandonné",
            "bilan_competences": "Orienté vers un bilan de compétences",
            "cep": "Orienté vers un conseil en évolution professionnelle (CEP)",
            "immersion": "Orienté vers une immersion professionnelle",
            "formation": "Orienté vers une formation",
        }[self.value]


class Questionnaire(StrEnum):
    """What became of the satisfaction questionnaire proposed when the accompaniment closed."""

    ECRAN = "ecran"
    PAPIER = "papier"
    DECLINE = "decline"

    @property
    def label(self) -> str:
        return {"ecran": "Rempli par l'agent à l'écran", "papier": "Remis sur papier : l'agent y répondra",
                "decline": "L'agent ne souhaite pas répondre"}[self.value]


class TakeCharge(StrEnum):
    """Where the request stands against the lead time promised to the agent."""

    TAKEN = "pris_en_charge"
    PLANNED = "premier_entretien_prevu"
    WAITING = "en_attente"
    DUE_SOON = "echeance_proche"
    OVERDUE = "delai_depasse"


@dataclass(frozen=True)
class TakeChargeState:
    status: TakeCharge
    taken_on: date | None = None
    """Date of the first interview or séance attended on or after the request (TAKEN)."""
    planned_on: date | None = None
    """Date of the first interview planned after today (PLANNED)."""
    within_promise: bool | None = None
    """TAKEN: whether it happened by the promised date (None without a promise)."""

    @property
    def text(self) -> str:
        if self.status is TakeCharge.TAKEN:
            late = " — après le délai communiqué" if self.within_promise is False else ""
            return f"Pris en charge le {format_fr(self.taken_on)}{late}"
        if self.status is TakeCharge.PLANNED:
            return f"Premier entretien prévu le {format_fr(self.planned_on)}"
        if self.status is TakeCharge.OVERDUE:
            return "Délai communiqué dépassé, sans premier entretien"
        if self.status is TakeCharge.DUE_SOON:
            return "Délai communiqué bientôt atteint, sans premier entretien"
        return "En attente du premier entretien"


def first_on_or_after(start: date, days: list[date]) -> date | None:
    """The earliest of `days` that is not before `start`."""
    return min((day for day in days if day >= start), default=None)


@dataclass
class Accompaniment:
    """An accompaniment: the request that opens it, and the outcome that closes it."""

    agent_id: int
    requested_on: date
    channel: Channel = Channel.AGENT
    level: Level = Level.PERSONNALISE
    need: str = ""
    diagnosis: str = ""
    promised_days: int | None = None
    closed_on: date | None = None
    project_kind: ProjectKind | None = None
    result: Result | None = None
    questionnaire: Questionnaire | None = None
    id: int | None = None

    @property
    def promised_on(self) -> date | None:
        """The date by which the agent was told a first interview would take place."""
        return None if self.promised_days is None else self.requested_on + timedelta(days=self.promised_days)

    @property
    def closed(self) -> bool:
        return self.closed_on is not None

    def promise_pending(self, met_on: list[date]) -> date | None:
        """The promised date while it is still a deadline to keep: the accompaniment is open and no meeting
        (`met_on`, held or planned, as for `take_charge`) falls between the request and that date. Missed, it
        stays one: the agent was told that day."""
        promised = self.promised_on
        if promised is None or self.closed_on is not None:
            return None
        first = first_on_or_after(self.requested_on, met_on)
        return None if first is not None and first <= promised else promised

    def validated(self, today: date) -> "Accompaniment":
        check_plausible(self.requested_on, "Date de la demande", today=today, future_years=0)
        try:
            self.channel, self.level = Channel(self.channel), Level(self.level)
        except ValueError:
            raise ValidationError("Choisissez l'origine de la demande et le niveau d'interaction.") from None
        if self.promised_days is not None and not 0 <= self.promised_days <= MAX_PROMISED_DAYS:
            raise ValidationError(f"Le délai de prise en charge communiqué à l'agent doit être compris entre 0 et "
                                  f"{MAX_PROMISED_DAYS} jours.")
        self.need = clean_long(self.need, "Besoin exprimé")
        self.diagnosis = clean_long(self.diagnosis, "Premier diagnostic partagé")
        if self.closed_on is not None:
            check_order(self.requested_on, self.closed_on, "La fin de l'accompagnement ne peut pas précéder la "
                                                           f"demande ({format_fr(self.requested_on)}).")
        return self

    def take_charge(self, today: date, *, met_on: list[date]) -> TakeChargeState:
        """Where the request stands today. `met_on`: the dates of the agent's interviews and of the collective
        séances they attended (planned ones included); only those from the request day on count."""
        held = first_on_or_after(self.requested_on, [day for day in met_on if day <= today])
        promised = self.promised_on
        if held is not None:
            return TakeChargeState(TakeCharge.TAKEN, taken_on=held,
                                   within_promise=None if promised is None else held <= promised)
        planned = first_on_or_after(max(self.requested_on, today + timedelta(days=1)), met_on)
        if planned is not None and (promised is None or planned <= promised):
            return TakeChargeState(TakeCharge.PLANNED, planned_on=planned)
        if promised is not None and today > promised:
            return TakeChargeState(TakeCharge.OVERDUE, planned_on=planned)
        if promised is not None and (promised - today).days <= PROMISE_WARNING_DAYS:
            return TakeChargeState(TakeCharge.DUE_SOON, planned_on=planned)
        return TakeChargeState(TakeCharge.WAITING, planned_on=planned)

    def close(self, on: date, project_kind: ProjectKind, result: Result, *, today: date,
              last_met_on: date | None) -> None:
        """End the accompaniment on `on` with its outcome."""
        if self.closed_on is not None:
            raise DomainError(f"Cet accompagnement est déjà clos (le {format_fr(self.closed_on)}).")
        if project_kind is None or result is None:
            raise ValidationError("Indiquez le type de projet et le résultat de l'accompagnement.")
        check_plausible(on, "Fin de l'accompagnement", today=today, future_years=0)
        check_order(self.requested_on, on, "La fin de l'accompagnement ne peut pas précéder la demande "
                                           f"({format_fr(self.requested_on)}).")
        check_order(last_met_on, on, "La fin de l'accompagnement ne peut pas précéder son dernier entretien "
                                     f"({format_fr(last_met_on)}).")
        self.closed_on, self.project_kind, self.result = on, ProjectKind(project_kind), Result(result)

    def record_questionnaire(self, questionnaire: Questionnaire) -> None:
        if self.closed_on is None:
            raise DomainError("Le questionnaire de satisfaction se propose à la fin de l'accompagnement.")
        self.questionnaire = Questionnaire(questionnaire)


def check_new_request(existing: list[Accompaniment]) -> None:
    """One accompaniment at a time: a new request waits until the open one is closed with its outcome."""
    for accompaniment in existing:
        if accompaniment.closed_on is None:
            raise DomainError(f"Un accompagnement de cet agent est déjà en cours (demande du "
                              f"{format_fr(accompaniment.requested_on)}) : clôturez-le avec son issue avant "
                              "d'enregistrer une nouvelle demande.")
