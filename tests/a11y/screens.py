"""Every view and dialog the accessibility walk visits, one line each, in the order they are opened.

A new view or dialog is walked by adding its line: `screen(name, *steps)` with the steps of steps.py that
reach it from the sidebar (`go`), then rows (`open_row`, `select_row`), tabs (`tab`), buttons (`press`), menus
(`menu`) and keys (`key`). Each screen starts from the main window alone: the walk cancels the dialogs a screen
opened (and locks then unlocks to leave a window that will not close, the mode séance). The demonstration
store (services/demo.py) has what each line needs.
"""

from pathlib import Path
from tempfile import mkdtemp

from cmc_desktop.data.vault import KeyVault
from cmc_desktop.ui.navigation import AGENTS, DASHBOARD, INDICATORS, INTERVIEWS, PROMOTIONS, SETTINGS, SYNTHESES
from cmc_desktop.ui.unlock import FirstRunDialog

from .steps import Screen, go, key, menu, open_row, press, screen, select_row, show, tab, type_text


def first_run(window: object) -> FirstRunDialog:
    return FirstRunDialog(Path(mkdtemp()) / "nouveau", KeyVault())


SCREENS: list[Screen] = [
    screen("Tableau de bord", go(DASHBOARD)),
    screen("Agents", go(AGENTS)),
    screen("Nouvel agent", go(AGENTS), press("Nouvel agent")),
    screen("Dossier d'un agent : identité", go(AGENTS), open_row("Arbousier")),
    screen("Dossier d'un agent : demandes", go(AGENTS), open_row("Olivier-Fictif"), tab("Demandes")),
    screen("Nouvelle demande de BPP", go(AGENTS), open_row("Bruyère"), tab("Demandes"), press("Nouvelle demande")),
    screen("Décision sur une demande", go(AGENTS), open_row("Olivier-Fictif"), tab("Demandes"),
           select_row(), press("Enregistrer la décision")),
    screen("Dossier d'un agent : entretiens", go(AGENTS), open_row("Romarin"), tab("Entretiens")),
    screen("Dossier d'un agent : BPP", go(AGENTS), open_row("Ulmaire"), tab("BPP")),
    screen("Dossier d'un agent : synthèses", go(AGENTS), open_row("Arbousier"), tab("Synthèses")),
    screen("Dossier d'un agent : consentements", go(AGENTS), open_row("Tilleul"), tab("Consentements")),
    screen("Accompagnement repris (message passager)", go(AGENTS), open_row("Tilleul"),
           press("Reprendre l'accompagnement"), announces="Accompagnement repris."),
    screen("Confirmation (clore l'accompagnement)", go(AGENTS), open_row("Saule"), press("Clore l'accompagnement")),
    screen("Questionnaire de satisfaction", go(AGENTS), open_row("Romarin"), press("Questionnaire de satisfaction…")),
    screen("Entretiens", go(INTERVIEWS)),
    screen("Nouvel entretien", go(INTERVIEWS), press("Nouvel entretien")),
    screen("Entretien E2", go(INTERVIEWS), open_row("Saule")),
    screen("Entretien E2 : appui", go(INTERVIEWS), open_row("Saule"), tab("2")),
    screen("Entretien E2 : conclusion", go(INTERVIEWS), open_row("Saule"), tab("3")),
    screen("Orienter vers un BPP", go(INTERVIEWS), open_row("Saule"), tab("3"), press("Orienter vers un BPP…")),
    screen("Entretien E3", go(INTERVIEWS), open_row("Ulmaire")),
    screen("Promotions BPP", go(PROMOTIONS)),
    screen("Nouvelle promotion", go(PROMOTIONS), press("Nouvelle promotion")),
    screen("Erreur sous un champ", go(PROMOTIONS), press("Nouvelle promotion"),
           type_text("Date de début", "31/02/2027"), announces="n'existe pas dans le calendrier"),
    screen("Calendrier d'un champ de date", go(PROMOTIONS), press("Nouvelle promotion"),
           press("Date de début : choisir dans le calendrier")),
    screen("Tableau d'une promotion", go(PROMOTIONS), open_row("Cap Printemps")),
    screen("Modifier la promotion", go(PROMOTIONS), open_row("Cap Printemps"), press("Modifier la promotion")),
    screen("Inscrire des agents", go(PROMOTIONS), open_row("Horizons"), press("Inscrire des agents")),
    screen("Points confidentiels", go(PROMOTIONS), open_row("Cap Printemps"), tab("Points confidentiels")),
    screen("Suivi d'un participant", go(PROMOTIONS), open_row("Cap Printemps"), open_row("Arbousier")),
    screen("Nouvel exercice", go(PROMOTIONS), open_row("Cap Printemps"), open_row("Arbousier"),
           press("Nouvel exercice…")),
    screen("Planifier une séance", go(PROMOTIONS), open_row("Cap Printemps"), press("+ Planifier une séance")),
    screen("Promotion bloquée", go(PROMOTIONS), open_row("Horizons")),
    screen("Synthèses", go(SYNTHESES)),
    screen("Nouveau document de synthèse", go(SYNTHESES), press("Nouveau document")),
    screen("Document de synthèse", go(SYNTHESES), open_row("Arbousier")),
    screen("Consentements d'un document", go(SYNTHESES), open_row("Tilleul"), tab("Consentements")),
    screen("Ajouter un consentement", go(SYNTHESES), open_row("Tilleul"), tab("Consentements"),
           press("Ajouter un consentement…")),
    screen("Retirer un consentement", go(SYNTHESES), open_row("Tilleul"), tab("Consentements"),
           select_row("Service RH"), press("Retirer le consentement…")),
    screen("Comparer des versions", go(SYNTHESES), open_row("Arbousier"), press("Conserver une version"),
           press("Comparer avec le texte actuel…")),
    screen("Exporter en PDF", go(SYNTHESES), open_row("Arbousier"), menu("Exporter / importer", "Exporter en PDF…")),
    screen("Exporter le PDF à compléter", go(SYNTHESES), open_row("Arbousier"),
           menu("Exporter / importer", "Exporter le PDF à compléter par l'agent…")),
    screen("Message (PDF à compléter d'un document finalisé)", go(SYNTHESES), open_row("Tilleul"),
           menu("Exporter / importer", "Exporter le PDF à compléter par l'agent…")),
    screen("Finaliser", go(SYNTHESES), open_row("Arbousier"), press("Finaliser (par l'agent)…")),
    screen("Rouvrir", go(SYNTHESES), open_row("Tilleul"), press("Rouvrir à la demande de l'agent…")),
    screen("Destruction", go(SYNTHESES), open_row("Bruyère"), press("Destruction…")),
    screen("Mode séance", go(SYNTHESES), open_row("Arbousier"), press("Mode séance")),
    screen("Quitter le mode séance", go(SYNTHESES), open_row("Arbousier"), press("Mode séance"),
           press("Quitter le mode séance")),
    screen("Indicateurs", go(INDICATORS)),
    screen("Paramètres", go(SETTINGS)),
    screen("Sauvegarde créée", go(SETTINGS), press("Créer une sauvegarde maintenant"), announces="créée et vérifiée"),
    screen("Restaurer une sauvegarde", go(SETTINGS), select_row(), press("Restaurer la sauvegarde choisie…")),
    screen("Écran de verrouillage", go(DASHBOARD), key("Ctrl+L")),
    screen("Premier lancement", show(first_run)),
]
