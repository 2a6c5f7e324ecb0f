"""Every view of the main window in one place: one `_lazy` line plugs a view into the navigation.

Each view's module is imported the first time the view is needed, which keeps them out of the start-up: the
opening imports the first view's off the GUI thread (ui/app.py), the others are imported when first shown. A view
class declares `navigation.View` (mypy checks its methods against it); the window refuses a factory's result
that does not (ui/store_frame.py).
"""

from importlib import import_module
from types import ModuleType
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
    register_view,
)

if TYPE_CHECKING:
    from ..services.workspace import Workspace


def _lazy(key: str, label: str, icon: str, module: str, name: str) -> None:
    """Registers the view `name` of `module` (relative to ui/), imported when first needed."""

    def load() -> ModuleType:
        return import_module(module, __package__)

    def build(ws: "Workspace", navigator: Navigator) -> QWidget:
        view: QWidget = getattr(load(), name)(ws, navigator)
        return view

    register_view(key, label, icon, build, load)


def register_application_views() -> None:
    _lazy(DASHBOARD, "Tableau de bord", "tableau-de-bord", ".dashboard", "DashboardView")
    _lazy(AGENTS, "Agents", "agents", ".agents", "AgentsView")
    _lazy(INTERVIEWS, "Entretiens", "entretiens", ".interviews", "InterviewsView")
    _lazy(PROMOTIONS, "Promotions BPP", "promotions", ".promotions", "PromotionsView")
    _lazy(SYNTHESES, "Synthèses", "syntheses", ".synthesis.view", "SynthesesView")
    _lazy(INDICATORS, "Indicateurs", "indicateurs", ".indicators", "IndicatorsView")
    _lazy(SETTINGS, "Paramètres", "parametres", ".settings", "SettingsView")
    _lazy(AGENDA, "Agenda", "calendrier", ".agenda", "AgendaView")
