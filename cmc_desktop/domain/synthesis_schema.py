"""The structure of the document de synthèse: Annexe 2 of guide 001 for a BPP, shorter ones for E2 and E4.

Keys are stable identifiers stored in the database and in fillable PDFs. Numbers, labels and hints of the BPP
document are those of the Annexe 2 model, word for word (seed 001, lines 578-676; tests/annexe2/modele.txt
keeps the text they are checked against): numbers keep their final period (« 2.1.2. »), labels their case
(« besoins et attentes de l'agent », « Savoir faire »). The model prints its last item « 3.1. » under phase 4,
an evident slip: it is numbered 4.1. here, and the document says so in a note.
"""

from dataclasses import dataclass
from enum import StrEnum


class FieldKind(StrEnum):
    LINE = "line"
    DATE = "date"
    DATES = "dates"
    TEXT = "text"


@dataclass(frozen=True)
class FieldSpec:
    """One field. `label` is what the model prints in bold (or the whole line), `hint` what follows it."""

    key: str
    number: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    hint: str = ""
    sensitive: bool = False
    """Left out of a consent unless the agent ticks it (1.2 may say the agent's disability, 2.5 is personal)."""
    group: str = ""
    """The number of the heading above it that holds no field of its own (« 2.1. »)."""
    note: str = ""
    """The application's own remark, printed apart from the model's words."""

    @property
    def heading(self) -> str:
        """Number and label as printed: « 2.1.2. recherche d'expériences marquantes … »."""
        return f"{self.number} {self.label}".strip()


@dataclass(frozen=True)
class SectionSpec:
    number: str
    title: str
    fields: tuple[FieldSpec, ...]

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()


class SynthesisKind(StrEnum):
    BPP = "bpp"
    E2 = "e2"
    E4 = "e4"

    @property
    def label(self) -> str:
        return {"bpp": "Bilan de parcours professionnel", "e2": "Accompagnement projet de mobilité (E2)",
                "e4": "Entretien de carrière (E4)"}[self.value]


#: The title of the Annexe 2 model, for a bilan in its collective form.
COLLECTIVE_TITLE = "Bilan de parcours professionnel collectif"


def document_title(kind: SynthesisKind, *, collective: bool) -> str:
    """The document's title: the model's for a collective BPP, without « collectif » for an individual one."""
    if kind is SynthesisKind.BPP:
        return COLLECTIVE_TITLE if collective else "Bilan de parcours professionnel"
    return kind.label


_L = FieldKind.LINE
_D = FieldKind.DATE
_T = FieldKind.TEXT

PHASE_4_NOTE = ("Le modèle de l'annexe 2 numérote ce point « 3.1. » sous la phase de conclusion ; il est numéroté "
                "ici 4.1., dans la phase 4.")

HEADER = SectionSpec("", "En-tête", (
    FieldSpec("agent", "", "Agent", _L),
    FieldSpec("date_lancement", "", "date de lancement", _D),
    FieldSpec("fonction", "", "Fonction", _L),
    FieldSpec("date_prise_fonction", "", "date de prise de fonction", _D),
    FieldSpec("categorie", "", "Catégorie", _L),
))
#: Keys of the header: taken from the agent's file and the bilan, shown but not typed in mode séance.
HEADER_KEYS = frozenset(spec.key for spec in HEADER.fields)

BPP_SECTIONS: tuple[SectionSpec, ...] = (
    HEADER,
    SectionSpec("1.", "Phase de lancement", (
        FieldSpec("phase1_date", "", "date de la phase 1", _D),
        FieldSpec("entretien_initial_date", "", "date de l'entretien initial", _D),
        FieldSpec("1.1", "1.1.", "besoins et attentes de l'agent",
                  hint="(un bilan de parcours professionnel collectif mais pour quel objectif, quel projet ?)"),
        FieldSpec("1.2", "1.2.", "forme du bilan",
                  hint="(individuel ou collectif) et le cas échéant les modalités matérielles pour les personnes "
                       "mentionnées à l'article L5212-13 du code du travail.", sensitive=True),
        FieldSpec("1.3", "1.3.", "confirmation de l'engagement dans la démarche",
                  hint="(contrat d'engagement et de confidentialité à signer)"),
    )),
    SectionSpec("2.", "Phase d'appui à l'analyse du parcours professionnel", (
        FieldSpec("phase2_date", "", "date de la phase 2", _D),
        FieldSpec("seances_dates", "", "dates des séances", FieldKind.DATES),
        FieldSpec("2.1.0", "2.1.0.", "analyse de l'ensemble du parcours professionnel", group="2.1."),
        FieldSpec("2.1.1", "2.1.1.", "domaine fonctionnel / missions / activités", group="2.1."),
        FieldSpec("2.1.2", "2.1.2.", "recherche d'expériences marquantes / réalisations significatives "
                                     "(travaux réalisés)", group="2.1."),
        FieldSpec("2.2.1", "2.2.1.", "les démarches d'évolution professionnelle réalisées", group="2.2."),
        FieldSpec("2.2.2", "2.2.2.", "exploration des pistes d'évolution possibles", group="2.2."),
        FieldSpec("2.2.3", "2.2.3.", "les motivations", group="2.2."),
        FieldSpec("2.3.1", "2.3.1.", "connaissances acquises",
                  hint="(par exemple : les principes du management, les règles en finance publique)", group="2.3."),
        FieldSpec("2.3.2", "2.3.2.", "Savoir faire",
                  hint="(par exemple : réaliser une présentation, piloter un projet)", group="2.3."),
        FieldSpec("2.3.3", "2.3.3.", "Savoir être", hint="(par exemple : adaptation, autonomie)", group="2.3."),
        FieldSpec("2.3.4", "2.3.4.", "identification des compétences à acquérir et à mettre en pratique",
                  group="2.3."),
        FieldSpec("2.4.1", "2.4.1.", "synthèse du parcours présenté à l'oral par l'agent", group="2.4."),
        FieldSpec("2.4.2", "2.4.2.", "métiers occupés qui ont permis une montée en compétences significative",
                  group="2.4."),
        FieldSpec("2.5", "2.5.", "prise en compte de la situation personnelle",
                  hint="éléments d'ordre personnel (état de santé / familial / pécunier...)", sensitive=True),
    )),
    SectionSpec("3.", "Phase d'appui à la réalisation d'un plan d'action", (
        FieldSpec("phase3_date", "", "date de la phase 3", _D),
        FieldSpec("3.1.3", "3.1.3.", "Les outils méthodologiques et les dispositifs utilisés", group="3.1."),
    )),
    SectionSpec("4.", "Phase de conclusion", (
        FieldSpec("phase4_date", "", "date de la phase 4", _D),
        FieldSpec("entretien_final_date", "", "date de l'entretien final", _D),
        FieldSpec("4.1", "4.1.", "points de conclusion de l'entretien individuel", note=PHASE_4_NOTE),
    )),
)

E2_SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("", "En-tête", (
        FieldSpec("agent", "", "Agent", _L),
        FieldSpec("date_lancement", "", "Date du premier entretien", _D),
        FieldSpec("fonction", "", "Fonction", _L),
        FieldSpec("date_prise_fonction", "", "Date de prise de fonction", _D),
        FieldSpec("categorie", "", "Catégorie", _L),
    )),
    SectionSpec("1.", "Projet professionnel", (
        FieldSpec("e2.1", "", "Projet énoncé par l'agent"),
    )),
    SectionSpec("2.", "Appui apporté", (
        FieldSpec("e2.2", "", "Avancement partagé au fil des entretiens"),
    )),
    SectionSpec("3.", "Plan d'action", ()),
    SectionSpec("4.", "Conclusion", (
        FieldSpec("e2.4", "", "Points de conclusion et suites convenues"),
        FieldSpec("e2.5", "", "Informations à transmettre à d'autres acteurs (avec l'accord de l'agent)"),
    )),
)

# The strategy gives the entretien de carrière a document de synthèse (figure H) but no model: this one follows
# the figure's words — a time of exchange and reflection at a key moment chosen by the employer, which can lead
# to a bilan de parcours professionnel.
E4_SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("", "En-tête", (
        FieldSpec("agent", "", "Agent", _L),
        FieldSpec("date_lancement", "", "Date de l'entretien", _D),
        FieldSpec("fonction", "", "Fonction", _L),
        FieldSpec("date_prise_fonction", "", "Date de prise de fonction", _D),
        FieldSpec("categorie", "", "Catégorie", _L),
    )),
    SectionSpec("1.", "Moment clé du parcours professionnel", (
        FieldSpec("e4.1", "", "Le moment clé défini par l'employeur et ce qu'il représente pour l'agent"),
    )),
    SectionSpec("2.", "Échange et réflexion", (
        FieldSpec("e4.2", "", "Points échangés sur le parcours et les perspectives professionnelles"),
    )),
    SectionSpec("3.", "Plan d'action", ()),
    SectionSpec("4.", "Conclusion", (
        FieldSpec("e4.4", "", "Suites convenues (dont, le cas échéant, un bilan de parcours professionnel)"),
        FieldSpec("e4.5", "", "Informations à transmettre à d'autres acteurs (avec l'accord de l'agent)"),
    )),
)

#: Section number under which the action plan table (3.1.1 calendar, 3.1.2 steps) is shown.
ACTION_PLAN_SECTION = "3."
DEFAULT_ACTION_COUNT = 4
#: The key under which a consent names the action plan (it is not a field of its own).
ACTION_PLAN_KEY = "plan"

#: Annexe 2 headings that hold no field of their own (the printed document and the editor show them).
GROUP_TITLES = {
    "2.1.": "Lancement de sa rétrospective professionnelle",
    "2.2.": "Réfléchir à son évolution professionnelle",
    "2.3.": "analyse des compétences",
    "2.4.": "valorisation de son parcours professionnel",
}


@dataclass(frozen=True)
class PlanHeadings:
    """Headings of the action plan: the plan itself, its calendar (3.1.1.) and its steps (3.1.2.)."""

    plan: str
    calendar: str
    steps: str


PLAN_HEADINGS: dict[SynthesisKind, PlanHeadings] = {
    SynthesisKind.BPP: PlanHeadings("3.1. Plan d'action", "3.1.1. Le calendrier des actions",
                                    "3.1.2. Mise en œuvre opérationnelle des actions (établir des étapes)"),
    SynthesisKind.E2: PlanHeadings("", "Le calendrier des actions",
                                   "Mise en œuvre opérationnelle des actions (étapes)"),
    SynthesisKind.E4: PlanHeadings("", "Le calendrier des actions",
                                   "Mise en œuvre opérationnelle des actions (étapes)"),
}
#: The rows of the model's calendar, under « Action 1 », « Action 2 »…
CALENDAR_ROWS = ("Durée", "Date de réalisation")
#: The application's addition to each action of the plan (guide 001: « des éléments de suivi ou d'évaluation
#: qui permettront de savoir si l'objectif est atteint »).
CRITERIA_LABEL = "Éléments de suivi ou d'évaluation"
COSIGNATURE = "Co-signature"


def action_label(index: int) -> str:
    """« Action 1 » (index counts from 1), as the model's calendar heads its columns."""
    return f"Action {index}"


def step_label(step: int, action: int) -> str:
    """« étape 2 action 1 », as the model lists the operational steps."""
    return f"étape {step} action {action}"


_SECTIONS = {SynthesisKind.BPP: BPP_SECTIONS, SynthesisKind.E2: E2_SECTIONS, SynthesisKind.E4: E4_SECTIONS}


def sections_for(kind: SynthesisKind) -> tuple[SectionSpec, ...]:
    return _SECTIONS[kind]


def sensitive_fields(kind: SynthesisKind) -> list[FieldSpec]:
    """The fields a consent leaves out unless the agent ticks them (1.2 and 2.5 of a BPP)."""
    return [f for s in sections_for(kind) for f in s.fields if f.sensitive]


def field_specs(kind: SynthesisKind) -> dict[str, FieldSpec]:
    return {f.key: f for s in sections_for(kind) for f in s.fields}


@dataclass(frozen=True)
class Rubric:
    """What a consent can name: a written field, or the whole action plan."""

    key: str
    heading: str
    sensitive: bool


def rubrics(kind: SynthesisKind) -> list[Rubric]:
    """The rubrics of a document in its order: every text field, the action plan at its place. The header and
    the dates always go with a copy (they say whose document it is and when the bilan took place)."""
    out: list[Rubric] = []
    for section in sections_for(kind):
        if section.number == ACTION_PLAN_SECTION:
            plan = PLAN_HEADINGS[kind].plan or f"{section.number} {section.title}"
            out.append(Rubric(ACTION_PLAN_KEY, plan, False))
        out += [Rubric(f.key, f.heading, f.sensitive) for f in section.fields if f.kind is FieldKind.TEXT]
    return out
