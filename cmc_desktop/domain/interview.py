"""Interviews E1–E4 (strategy, fiche action 3) and the three phases of an E2 interview (figure K)."""

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

from .agenda import Slot, check_slot
from .dates import check_order, check_plausible, format_fr
from .demande import Initiative
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


class E1Response(StrEnum):
    """Strategy, figure I: the answer an entretien info-mobilité gives the agent."""

    DIRECTE = "directe"
    AIGUILLAGE = "aiguillage"

    @property
    def label(self) -> str:
        return {"directe": "Prise en charge directe (informations, conseils)",
                "aiguillage": "Aiguillage vers un professionnel ou un outil"}[self.value]


class Orientation(StrEnum):
    """Strategy, figure I, « Hypothèse 1 – aiguillage »: where the agent is directed."""

    CMC = "cmc"
    OUTIL = "outil"
    PROFESSIONNEL = "professionnel"

    @property
    def label(self) -> str:
        return {
            "cmc": "Un conseiller mobilité-carrière (accompagnement personnalisé d'un projet)",
            "outil": "Des outils utilisables en toute autonomie (par exemple : Place de l'emploi public)",
            "professionnel": "Un professionnel adapté (demande ne relevant pas de l'accompagnement des mobilités)",
        }[self.value]


class TargetPublic(StrEnum):
    """Strategy, figure M: the publics cibles of the entretien de carrière."""

    PROJECTION = "projection"
    ANTICIPATION = "anticipation"
    INTEGRATION_DEPART = "integration_depart"

    @property
    def label(self) -> str:
        return {"projection": "Public 1 — Projection professionnelle",
                "anticipation": "Public 2 — Anticipation du prochain poste",
                "integration_depart": "Public 3 — Intégration et départ professionnels"}[self.value]


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
    e1_response: E1Response | None = None
    orientation: Orientation | None = None
    orientation_actor: str = ""
    """E1: the professional or service the agent is directed to."""
    orientation_tool: str = ""
    """E1: the tool the agent is directed to."""
    documents_sent: str = ""
    """E1: the documents and links sent to the agent."""
    initiative: Initiative | None = None
    """E4: who took the initiative — the employer, for an entretien de carrière."""
    target_public: TargetPublic | None = None

    def validated(self, today: date) -> "Interview":
        check_plausible(self.held_on, "Date de l'entretien", today=today, future_years=1)
        if self.duration_minutes is not None and not 0 < self.duration_minutes <= 8 * 60:
            raise ValidationError("La durée d'un entretien doit être comprise entre 1 minute et 8 heures.")
        self.subject = clean_short(self.subject, "Objet")
        self.place = clean_short(self.place, "Lieu")
        self.link = check_slot(self.starts_at, None, self.link, "de l'entretien")
        # Named as the interview's form labels them (ui/interviews/phases.py).
        for name, label in (("proposition_notes", "Notes sur la proposition d'accompagnement"),
                            ("support_notes", "Notes sur l'appui"),
                            ("progress_shared", "Avancement partagé avec l'agent"),
                            ("next_actions", "Prochaines actions"), ("private_notes", "Notes privées du conseiller"),
                            ("documents_sent", "Documents et liens transmis")):
            setattr(self, name, clean_long(getattr(self, name), label))
        self.orientation_actor = clean_short(self.orientation_actor, "Professionnel ou service")
        self.orientation_tool = clean_short(self.orientation_tool, "Outil")
        if self.type not in (InterviewType.E2, InterviewType.E4) and self.referred_to_bpp:
            raise ValidationError("Seul un entretien projet de mobilité (E2) ou de carrière (E4) peut conduire à "
                                  "un BPP.")
        self._check_e1()
        if self.type is not InterviewType.E4 and (self.initiative is not None or self.target_public is not None):
            raise ValidationError("L'initiative et le public cible se rapportent à un entretien de carrière (E4).")
        if self.bpp_phase is not None and self.bpp_phase not in (1, 2, 3, 4):
            raise ValidationError("La phase du bilan doit être comprise entre 1 et 4.")
        if self.e3_role is not None and self.type is not InterviewType.E3:
            raise ValidationError("Les entretiens initial et final appartiennent à un BPP (E3).")
        if self.type is InterviewType.E3:
            self._check_e3_placement()
        elif self.bpp_id is not None or self.bpp_phase is not None:
            raise ValidationError("Seul un entretien de BPP (E3) se rattache à un bilan et à l'une de ses phases.")
        return self

    def _check_e1(self) -> None:
        if self.type is not InterviewType.E1:
            if (self.e1_response or self.orientation or self.orientation_actor or self.orientation_tool
                    or self.documents_sent):
                raise ValidationError("L'aiguillage et les documents transmis se rapportent à un entretien "
                                      "info-mobilité (E1).")
            return
        if self.orientation is not None and self.e1_response is not E1Response.AIGUILLAGE:
            raise ValidationError("Une orientation suppose que la réponse à l'agent soit un aiguillage.")

    def _check_e3_placement(self) -> None:
        if self.bpp_id is None or self.bpp_phase is None or self.e3_role is None:
            raise ValidationError("Un entretien de BPP (E3) se rattache à un bilan, à l'une de ses quatre phases "
                                  "et précise s'il est l'entretien initial, une séance individuelle ou "
                                  "l'entretien final.")
        if self.e3_role.phase is not None and self.bpp_phase != self.e3_role.phase:
            raise ValidationError(f"L'{self.e3_role.label.lower()} appartient à la phase {self.e3_role.phase} "
                                  "du bilan.")

    def refer_to_bpp(self, request_date: date) -> None:
        """The E2→E3 bridge, and E4→E3 (« Ils peuvent conduire à mobiliser le bilan de parcours professionnel »):
        this interview orients the agent towards a BPP, by a demande made from it."""
        if self.type not in (InterviewType.E2, InterviewType.E4):
            raise ValidationError("Seul un entretien projet de mobilité (E2) ou de carrière (E4) peut conduire à "
                                  "un BPP.")
        if self.referred_to_bpp:
            raise DomainError("Cet entretien a déjà orienté l'agent vers un BPP : sa demande figure dans le "
                              "dossier de l'agent.")
        check_order(self.held_on, request_date, f"La demande ne peut pas précéder l'entretien qui l'a "
                                                f"suscitée ({format_fr(self.held_on)}).")
        self.referred_to_bpp = True
