"""Every view of the main window in one place: one `register_view` line plugs a view into the navigation.

Each view's module is imported the first time the view is shown, which keeps them out of the start-up. A view
class declares `navigation.View` (mypy checks its methods against it); the window refuses a factory's result
that does not (ui/store_frame.py).
"""

from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from .navigation import (
    AGENDA,
    AGENTS,
    DASHBOARD,
    INDICATORS,
    INTERVIEWS,
    PROMOTIONS,
    SETTINGS,
    SYNTHESES,
    Navigator,
    ViewFactory,
    register_view,
)

if TYPE_CHECKING:
    from ..services.workspace import Workspace


def _lazy(module: str, name: str) -> ViewFactory:
    def build(ws: "Workspace", navigator: Navigator) -> QWidget:
        view: QWidget = getattr(import_module(module, __package__), name)(ws, navigator)
        return view

    return build


def register_application_views() -> None:
    register_view(DASHBOARD, "Tableau de bord", "tableau-de-bord", _lazy(".dashboard", "DashboardView"))
    register_view(AGENTS, "Agents", "agents", _lazy(".agents", "AgentsView"))
    register_view(INTERVIEWS, "Entretiens", "entretiens", _lazy(".interviews", "InterviewsView"))
    register_view(PROMOTIONS, "Promotions BPP", "promotions", _lazy(".promotions", "PromotionsView"))
    register_view(SYNTHESES, "Synthèses", "syntheses", _lazy(".synthesis.view", "SynthesesView"))
    register_view(INDICATORS, "Indicateurs", "indicateurs", _lazy(".indicators", "IndicatorsView"))
    register_view(SETTINGS, "Paramètres", "parametres", _lazy(".settings", "SettingsView"))
    register_view(AGENDA, "Agenda", "calendrier", _lazy(".agenda", "AgendaView"))
