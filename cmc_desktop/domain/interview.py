"""Interviews E1–E4 (strategy, fiche action 3) and the three phases of an E2 interview (figure K)."""

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

from .agenda import Slot, check_slot
from .dates import check_order, check_plausible, format_fr
from .errors import DomainError, ValidationError
from .text import clean_long, clean_short


class InterviewType(StrEnum):
    E1 = "E1"
    E2 = "E2"
    E3 = "E3"
    E4 = "E4"

    @property
    def label(self) -> str:
        return {"E1": "E1 — Info-mobilité", "E2": "E2 — Entretien projet de mobilité",
                "E3": "E3 — Bilan de parcours professionnel", "E4": "E4 — Entretien carrière"}[self.value]


class Mode(StrEnum):
    PRESENTIEL = "presentiel"
    DISTANCE = "distance"

    @property
    def label(self) -> str:
        return {"presentiel": "En présentiel", "distance": "À distance"}[self.value]


class PropositionItem(StrEnum):
    """What the CMC shares in the proposition d'accompagnement (phase 1 of an E2 interview)."""

    CONTEXTE = "contexte"
    OBJECTIFS = "objectifs"
    DUREE = "duree"
    ENGAGEMENTS = "engagements"
    CONFIDENTIALITE = "confidentialite"
    ETAPES = "etapes"

    @property
    def label(self) -> str:
        return {
            "contexte": "Contexte de la demande partagé",
            "objectifs": "Objectifs de l'accompagnement",
            "duree": "Durée prévisionnelle",
            "engagements": "Engagements réciproques",
            "confidentialite": "Régime de confidentialité rappelé",
            "etapes": "Étapes et livrables",
        }[self.value]


class SupportKind(StrEnum):
    """The kind of appui given in phase 2 of an E2 interview."""

    REFLEXION = "reflexion"
    CONSTRUCTION = "construction"
    MISE_EN_OEUVRE = "mise_en_oeuvre"

    @property
    def label(self) -> str:
        return {
            "reflexion": "Réflexion sur l'opportunité d'un nouveau projet",
            "construction": "Construction et validation du projet",
            "mise_en_oeuvre": "Mise en œuvre (candidatures, entretiens de recrutement…)",
        }[self.value]


class E3Role(StrEnum):
    """Where an individual BPP interview stands: the entretien initial (phase 1), the entretien final
    (phase 4), or one of the individual séances of any phase."""

    INITIAL = "initial"
    FINAL = "final"
    SEANCE = "seance"

    @property
    def label(self) -> str:
        return {"initial": "Entretien initial", "final": "Entretien final",
                "seance": "Séance individuelle"}[self.value]

    @property
    def phase(self) -> int | None:
        """The only phase this role belongs to, or None when any phase fits."""
        return {"initial": 1, "final": 4}.get(self.value)


@dataclass
class Interview:
    """One interview with an agent. E2 fields hold its three phases; E3 fields place it in a BPP."""

    agent_id: int
    type: InterviewType
    held_on: date
    mode: Mode = Mode.PRESENTIEL
    duration_minutes: int | None = None
    subject: str = ""
    proposition_items: frozenset[PropositionItem] = frozenset()
    proposition_notes: str = ""
    support_kind: SupportKind | None = None
    support_notes: str = ""
    progress_shared: str = ""
    next_actions: str = ""
    private_notes: str = ""
    referred_to_bpp: bool = False
    bpp_id: int | None = None
    bpp_phase: int | None = None
    e3_role: E3Role | None = None
    id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    starts_at: time | None = None
    place: str = ""
    link: str = ""
    calendar_sequence: int = 0

    @property
    def slot(self) -> Slot:
        return Slot(self.held_on, self.starts_at, self.duration_minutes, self.place, self.link)

    def validated(self, today: date) -> "Interview":
        check_plausible(self.held_on, "Date de l'entretien", today=today, future_years=1)
        if self.duration_minutes is not None and not 0 < self.duration_minutes <= 8 * 60:
            raise ValidationError("La durée d'un entretien doit être comprise entre 1 minute et 8 heures.")
        self.subject = clean_short(self.subject, "Objet")
        self.place = clean_short(self.place, "Lieu")
        self.link = check_slot(self.starts_at, None, self.link, "de l'entretien")
        for name, label in (("proposition_notes", "Proposition d'accompagnement"),
                            ("support_notes", "Appui"), ("progress_shared", "Avancement partagé"),
                            ("next_actions", "Prochaines actions"), ("private_notes", "Notes du conseiller")):
            setattr(self, name, clean_long(getattr(self, name), label))
        if self.type is not InterviewType.E2 and self.referred_to_bpp:
            raise ValidationError("Seul un entretien projet de mobilité (E2) peut orienter vers un BPP.")
        if self.bpp_phase is not None and self.bpp_phase not in (1, 2, 3, 4):
            raise ValidationError("La phase du bilan doit être comprise entre 1 et 4.")
        if self.e3_role is not None and self.type is not InterviewType.E3:
            raise ValidationError("Les entretiens initial et final appartiennent à un BPP (E3).")
        if self.type is InterviewType.E3:
            self._check_e3_placement()
        elif self.bpp_id is not None or self.bpp_phase is not None:
            raise ValidationError("Seul un entretien de BPP (E3) se rattache à un bilan et à l'une de ses phases.")
        return self

    def _check_e3_placement(self) -> None:
        if self.bpp_id is None or self.bpp_phase is None or self.e3_role is None:
            raise ValidationError("Un entretien de BPP (E3) se rattache à un bilan, à l'une de ses quatre phases "
                                  "et précise s'il est l'entretien initial, une séance individuelle ou "
                                  "l'entretien final.")
        if self.e3_role.phase is not None and self.bpp_phase != self.e3_role.phase:
            raise ValidationError(f"L'{self.e3_role.label.lower()} appartient à la phase {self.e3_role.phase} "
                                  "du bilan.")

    def refer_to_bpp(self, request_date: date) -> None:
        """The E2→E3 bridge: this interview orients the agent towards a BPP, by a demande made from it."""
        if self.type is not InterviewType.E2:
            raise ValidationError("Seul un entretien projet de mobilité (E2) peut orienter vers un BPP.")
        if self.referred_to_bpp:
            raise DomainError("Cet entretien a déjà orienté l'agent vers un BPP : sa demande figure dans le "
                              "dossier de l'agent.")
        check_order(self.held_on, request_date, f"La demande ne peut pas précéder l'entretien qui l'a "
                                                f"suscitée ({format_fr(self.held_on)}).")
        self.referred_to_bpp = True
