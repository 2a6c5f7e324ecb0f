"""The structure of the document de synthèse: Annexe 2 of guide 001 for a BPP, and a shorter one for E2.

Keys are stable identifiers stored in the database and in fillable PDFs; numbers and labels are those
of the Annexe 2 template (its « 3.1 » under phase 4 is a typo of the template, numbered 4.1 here).
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
    key: str
    number: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    hint: str = ""
    sensitive: bool = False


@dataclass(frozen=True)
class SectionSpec:
    number: str
    title: str
    fields: tuple[FieldSpec, ...]


class SynthesisKind(StrEnum):
    BPP = "bpp"
    E2 = "e2"

    @property
    def label(self) -> str:
        return {"bpp": "Bilan de parcours professionnel", "e2": "Accompagnement projet de mobilité (E2)"}[
            self.value]


_L = FieldKind.LINE
_D = FieldKind.DATE

HEADER = SectionSpec("", "En-tête", (
    FieldSpec("agent", "", "Agent", _L),
    FieldSpec("date_lancement", "", "Date de lancement", _D),
    FieldSpec("fonction", "", "Fonction", _L),
    FieldSpec("date_prise_fonction", "", "Date de prise de fonction", _D),
    FieldSpec("categorie", "", "Catégorie", _L),
))

BPP_SECTIONS: tuple[SectionSpec, ...] = (
    HEADER,
    SectionSpec("1", "Phase de lancement", (
        FieldSpec("phase1_date", "", "Date de la phase 1", _D),
        FieldSpec("entretien_initial_date", "", "Date de l'entretien initial", _D),
        FieldSpec("1.1", "1.1", "Besoins et attentes de l'agent",
                  hint="Un bilan de parcours professionnel, mais pour quel objectif, quel projet ?"),
        FieldSpec("1.2", "1.2", "Forme du bilan (individuel ou collectif)",
                  hint="Le cas échéant, les modalités matérielles pour les personnes mentionnées à "
                       "l'article L. 5212-13 du code du travail."),
        FieldSpec("1.3", "1.3", "Confirmation de l'engagement dans la démarche",
                  hint="Contrat d'engagement et de confidentialité à signer."),
    )),
    SectionSpec("2", "Phase d'appui à l'analyse du parcours professionnel", (
        FieldSpec("phase2_date", "", "Date de la phase 2", _D),
        FieldSpec("seances_dates", "", "Dates des séances", FieldKind.DATES),
        FieldSpec("2.1.0", "2.1.0", "Analyse de l'ensemble du parcours professionnel"),
        FieldSpec("2.1.1", "2.1.1", "Domaine fonctionnel / missions / activités"),
        FieldSpec("2.1.2", "2.1.2", "Expériences marquantes / réalisations significatives (travaux réalisés)"),
        FieldSpec("2.2.1", "2.2.1", "Les démarches d'évolution professionnelle réalisées"),
        FieldSpec("2.2.2", "2.2.2", "Exploration des pistes d'évolution possibles"),
        FieldSpec("2.2.3", "2.2.3", "Les motivations"),
        FieldSpec("2.3.1", "2.3.1", "Connaissances acquises",
                  hint="Par exemple : les principes du management, les règles de finances publiques."),
        FieldSpec("2.3.2", "2.3.2", "Savoir-faire",
                  hint="Par exemple : réaliser une présentation, piloter un projet."),
        FieldSpec("2.3.3", "2.3.3", "Savoir-être", hint="Par exemple : adaptation, autonomie."),
        FieldSpec("2.3.4", "2.3.4", "Identification des compétences à acquérir et à mettre en pratique"),
        FieldSpec("2.4.1", "2.4.1", "Synthèse du parcours présenté à l'oral par l'agent"),
        FieldSpec("2.4.2", "2.4.2", "Métiers occupés qui ont permis une montée en compétences significative"),
        FieldSpec("2.5", "2.5", "Prise en compte de la situation personnelle",
                  hint="Éléments d'ordre personnel (état de santé, situation familiale, financière…).",
                  sensitive=True),
    )),
    SectionSpec("3", "Phase d'appui à la réalisation d'un plan d'action", (
        FieldSpec("phase3_date", "", "Date de la phase 3", _D),
        FieldSpec("3.1.3", "3.1.3", "Les outils méthodologiques et les dispositifs utilisés"),
    )),
    SectionSpec("4", "Phase de conclusion", (
        FieldSpec("phase4_date", "", "Date de la phase 4", _D),
        FieldSpec("entretien_final_date", "", "Date de l'entretien final", _D),
        FieldSpec("4.1", "4.1", "Points de conclusion de l'entretien individuel"),
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
    SectionSpec("1", "Projet professionnel", (
        FieldSpec("e2.1", "1", "Projet énoncé par l'agent"),
    )),
    SectionSpec("2", "Appui apporté", (
        FieldSpec("e2.2", "2", "Avancement partagé au fil des entretiens"),
    )),
    SectionSpec("3", "Plan d'action", ()),
    SectionSpec("4", "Conclusion", (
        FieldSpec("e2.4", "4", "Points de conclusion et suites convenues"),
        FieldSpec("e2.5", "5", "Informations à transmettre à d'autres acteurs (avec l'accord de l'agent)"),
    )),
)

#: Section number under which the action plan table (3.1.1 calendar, 3.1.2 steps) is shown.
ACTION_PLAN_SECTION = "3"
DEFAULT_ACTION_COUNT = 4

#: Annexe 2 headings that hold no field of their own (the printed document and the editor show them).
GROUP_TITLES = {
    "2.1": "Lancement de sa rétrospective professionnelle",
    "2.2": "Réfléchir à son évolution professionnelle",
    "2.3": "Analyse des compétences",
    "2.4": "Valorisation de son parcours professionnel",
}
#: Headings of the action plan: the plan itself, its calendar (3.1.1) and its steps (3.1.2).
PLAN_HEADINGS: dict[SynthesisKind, tuple[str, str, str]] = {
    SynthesisKind.BPP: ("3.1 Plan d'action", "3.1.1 Le calendrier des actions",
                        "3.1.2 Mise en œuvre opérationnelle des actions (établir des étapes)"),
    SynthesisKind.E2: ("", "Le calendrier des actions", "Mise en œuvre opérationnelle des actions (étapes)"),
}


def sections_for(kind: SynthesisKind) -> tuple[SectionSpec, ...]:
    return BPP_SECTIONS if kind is SynthesisKind.BPP else E2_SECTIONS


def sensitive_fields(kind: SynthesisKind) -> list[FieldSpec]:
    """The fields a third party receives only if the agent's consent names them (2.5 of a BPP)."""
    return [f for s in sections_for(kind) for f in s.fields if f.sensitive]


def field_specs(kind: SynthesisKind) -> dict[str, FieldSpec]:
    return {f.key: f for s in sections_for(kind) for f in s.fields}
