"""Every view of the main window in one place: one `register_view` line plugs a view into the navigation.

Entries of navigation.py without a line here show "Bientôt disponible".
"""

from .agents import AgentsView
from .dashboard import DashboardView
from .indicators import IndicatorsView
from .interviews import InterviewsView
from .navigation import AGENTS, DASHBOARD, INDICATORS, INTERVIEWS, PROMOTIONS, SETTINGS, SYNTHESES, register_view
from .promotions import PromotionsView
from .settings import SettingsView
from .synthesis.view import SynthesesView


def register_application_views() -> None:
    register_view(DASHBOARD, "Tableau de bord", "tableau-de-bord", DashboardView)
    register_view(AGENTS, "Agents", "agents", AgentsView)
    register_view(INTERVIEWS, "Entretiens", "entretiens", InterviewsView)
    register_view(PROMOTIONS, "Promotions BPP", "promotions", PromotionsView)
    register_view(SYNTHESES, "Synthèses", "syntheses", SynthesesView)
    register_view(INDICATORS, "Indicateurs", "indicateurs", IndicatorsView)
    register_view(SETTINGS, "Paramètres", "parametres", SettingsView)
