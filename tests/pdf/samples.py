"""Fictional documents de synthèse for the PDF tests (no real person, no real service)."""

import io
import re
from datetime import UTC, date, datetime

from pypdf import PdfReader

from cmc_desktop.domain.synthesis import Author, PlanAction, Synthesis
from cmc_desktop.domain.synthesis_schema import SynthesisKind, field_specs
from tests.conftest import MARKER

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)

BPP_VALUES = {
    "agent": MARKER, "date_lancement": "02/03/2026", "fonction": "Gestionnaire budgétaire",
    "date_prise_fonction": "01/09/2019", "categorie": "B",
    "phase1_date": "02/03/2026", "entretien_initial_date": "24/02/2026",
    "1.1": "Faire le point après sept ans sur le même poste\u202f; vérifier si un projet vers le contrôle de "
           "gestion est réaliste. Question posée\u202f: « ai-je les compétences attendues\u202f? »",
    "1.2": "Bilan collectif (promotion de huit agents), séances en présentiel à la délégation régionale.",
    "1.3": "Contrat d'engagement et de confidentialité signé le 02/03/2026.",
    "phase2_date": "09/03/2026", "seances_dates": "09/03/2026, 23/03/2026, 06/04/2026, 20/04/2026",
    "2.1.0": "Parcours en trois temps : accueil du public, ressources humaines de proximité, gestion budgétaire.\n"
             "Fil conducteur : la fiabilité des données et le service rendu aux équipes.",
    "2.1.1": "Exécution de la dépense, suivi des crédits, dialogue de gestion avec les services prescripteurs.",
    "2.1.2": "Refonte du tableau de suivi des crédits ; tutorat de deux nouveaux collègues.",
    "2.2.1": "Entretien de carrière en 2024 ; préparation du concours interne d'attaché.",
    "2.2.2": "Contrôle de gestion ; analyse financière ; chargée de mission budgétaire.",
    "2.2.3": "Comprendre les coûts, produire des analyses utiles aux décideurs.",
    "2.3.1": "Règles de la LOLF, chaîne de la dépense, outils de pilotage budgétaire.",
    "2.3.2": "Construire un tableau de bord, animer une réunion de dialogue de gestion.",
    "2.3.3": "Rigueur, pédagogie, calme dans les périodes de clôture.",
    "2.3.4": "Modélisation financière, comptabilité analytique, prise de parole en comité.",
    "2.4.1": "Présentation orale de cinq minutes centrée sur la refonte du suivi des crédits.",
    "2.4.2": "Gestion budgétaire (2019-2026) : autonomie et responsabilité de bout en bout.",
    "2.5": "Disponibilité réduite le mercredi ; souhaite rester dans sa région.",
    "phase3_date": "04/05/2026",
    "3.1.3": "Grille d'analyse des compétences, entretiens réseau, répertoire des métiers, immersion.",
    "phase4_date": "01/06/2026", "entretien_final_date": "08/06/2026",
    "4.1": "Projet confirmé : contrôle de gestion. Formation en comptabilité analytique puis candidatures.",
}
E2_VALUES = {
    "agent": MARKER, "date_lancement": "12/01/2026", "fonction": "Assistant de prévention", "categorie": "C",
    "e2.1": "Rejoindre un service de prévention des risques professionnels.",
    "e2.2": "Trois entretiens ; pistes explorées et réseau activé.",
    "e2.4": "Projet confirmé ; candidature à préparer.",
    "e2.5": "Aucune information à transmettre.",
}
E4_VALUES = {
    "agent": MARKER, "date_lancement": "05/10/2026", "fonction": "Adjointe administrative", "categorie": "C",
    "e4.1": "Retour après une disponibilité de trois ans : faire le point sur le prochain poste.",
    "e4.2": "Compétences acquises hors de l'administration ; envie d'un poste d'accueil.",
    "e4.4": "Orientation vers un bilan de parcours professionnel.",
    "e4.5": "Aucune information à transmettre.",
}
ACTIONS = [
    PlanAction("Formation en comptabilité analytique", "5 jours", "Septembre 2026",
               ["S'inscrire au plan de formation", "Suivre la session", "Appliquer sur un cas réel du service"]),
    PlanAction("Entretiens réseau avec trois contrôleurs de gestion", "2 mois", "Juin–juillet 2026",
               ["Identifier trois interlocuteurs", "Préparer une grille de questions"]),
    PlanAction("Immersion professionnelle d'une semaine", "1 semaine", "Octobre 2026",
               ["Obtenir l'accord de la hiérarchie"]),
    PlanAction("Candidatures ciblées", "3 mois", "Novembre 2026", []),
]


def synthesis(kind: SynthesisKind = SynthesisKind.BPP, *, filled: bool = True) -> Synthesis:
    document = Synthesis(agent_id=1, kind=kind, pseudo_id="DS-7K2M9Q")
    if filled:
        values = {SynthesisKind.BPP: BPP_VALUES, SynthesisKind.E2: E2_VALUES, SynthesisKind.E4: E4_VALUES}[kind]
        for key, text in values.items():
            document.set_text(key, text, Author.AGENT, NOW)
        document.set_actions([PlanAction(a.title, a.duree, a.date_realisation, list(a.steps)) for a in ACTIONS],
                             Author.AGENT, NOW)
    return document


def signed_synthesis() -> Synthesis:
    document = synthesis()
    document.finalise(date(2026, 6, 8))
    document.cosign("Capucine Fictivelle", date(2026, 6, 9), "Alex Conseil", date(2026, 6, 10))
    return document


def spec_labels(kind: SynthesisKind) -> dict[str, str]:
    return {key: spec.label for key, spec in field_specs(kind).items()}


def squash(text: str) -> str:
    """Text with every run of whitespace (spaces, no-break spaces, line breaks) as one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def all_text(data: bytes) -> str:
    return squash(" ".join(page_texts(data)))
