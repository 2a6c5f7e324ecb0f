"""The questionnaire de satisfaction given at the end of an accompaniment (strategy, outil D and critère 6).

Its items follow the commitments of the programme « Mon accompagnement en + » that an accompanied agent can
judge from experience (commitments 1 to 7); commitments 8 and 9 — sending this questionnaire and publishing
its results — are met by the questionnaire itself and the indicators, so they are not scored.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .dates import check_plausible
from .errors import ValidationError
from .text import clean_long

SCORE_MIN, SCORE_MAX = 0, 10
SATISFIED_FROM = 9  # outil F, indicateur 7: expressed satisfaction between 9 and 10
COMMENT_MAX = 4000


class Commitment(StrEnum):
    """A scored item of the questionnaire, named after the commitment it evaluates."""

    INFORMATION = "information"
    DELAI = "delai"
    ADAPTATION = "adaptation"
    OUTILS = "outils"
    COMPETENCES = "competences"
    CONFIDENTIALITE = "confidentialite"
    SYNTHESE = "synthese"

    @property
    def number(self) -> int:
        """Its number among the nine commitments of « Mon accompagnement en + »."""
        return list(Commitment).index(self) + 1

    @property
    def short_label(self) -> str:
        return {
            "information": "Information sur l'offre",
            "delai": "Délai de prise en charge",
            "adaptation": "Accompagnement adapté",
            "outils": "Accès aux outils",
            "competences": "Compétences de l'accompagnant",
            "confidentialite": "Confidentialité et neutralité",
            "synthese": "Aide à la synthèse",
        }[self.value]

    @property
    def question(self) -> str:
        """The item as put to the agent."""
        return {
            "information": "Avez-vous été bien informé(e) de l'offre de services proposée pour accompagner votre "
                           "évolution professionnelle ?",
            "delai": "Un délai de prise en charge de votre demande vous a-t-il été communiqué, et a-t-il été "
                     "respecté ?",
            "adaptation": "L'accompagnement proposé était-il adapté à votre besoin et à votre projet ?",
            "outils": "Avez-vous eu accès à des outils, notamment numériques, utiles à votre projet ?",
            "competences": "La personne qui vous a accompagné(e) avait-elle les compétences attendues ?",
            "confidentialite": "Les échanges se sont-ils déroulés dans un cadre confidentiel et neutre ?",
            "synthese": "Avez-vous été aidé(e) à formaliser une synthèse de votre projet professionnel ?",
        }[self.value]


class AccompanimentKind(StrEnum):
    E2 = "e2"
    BPP = "bpp"

    @property
    def label(self) -> str:
        return {"e2": "Entretiens projet de mobilité (E2)", "bpp": "Bilan de parcours professionnel"}[self.value]


class AnswerVia(StrEnum):
    SEANCE = "seance"
    PAPIER = "papier"

    @property
    def label(self) -> str:
        return {"seance": "Rempli par l'agent en mode séance", "papier": "Saisi d'après le questionnaire papier"}[
            self.value]


@dataclass
class Satisfaction:
    """One agent's answer to the questionnaire, or the record that they declined to answer.

    Items the agent left blank (or judged without object) are absent from `scores`.
    """

    agent_id: int | None
    accompaniment: AccompanimentKind
    recorded_on: date
    via: AnswerVia
    declined: bool = False
    scores: dict[Commitment, int] = field(default_factory=dict)
    overall: int | None = None
    comment: str = ""
    id: int | None = None
    accompaniment_id: int | None = None
    """The accompaniment whose end the questionnaire evaluates (None: recorded before they were dated)."""

    @property
    def satisfied(self) -> bool:
        return self.overall is not None and self.overall >= SATISFIED_FROM

    def validated(self, today: date) -> "Satisfaction":
        check_plausible(self.recorded_on, "Date des réponses", today=today, future_years=0)
        self.comment = clean_long(self.comment, "Commentaire libre").strip()
        if len(self.comment) > COMMENT_MAX:
            raise ValidationError(f"Le commentaire dépasse {COMMENT_MAX:,} caractères.".replace(",", "\u00a0"))
        if self.declined:
            if self.scores or self.overall is not None or self.comment:
                raise ValidationError("L'agent a décliné le questionnaire : aucune note ni aucun commentaire ne "
                                      "peut être enregistré.")
            return self
        for item, score in self.scores.items():
            _check_score(score, f"« {item.short_label} »")
        if self.overall is None:
            raise ValidationError("Indiquez la note globale de l'accompagnement, de 0 à 10.")
        _check_score(self.overall, "globale")
        return self


def _check_score(score: object, what: str) -> None:
    # bool is an int in Python: a checkbox value slipping in must not count as a score of 0 or 1.
    if isinstance(score, bool) or not isinstance(score, int) or not SCORE_MIN <= score <= SCORE_MAX:
        raise ValidationError(f"La note {what} doit être un nombre entier de {SCORE_MIN} à {SCORE_MAX}.")
