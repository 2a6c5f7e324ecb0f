"""Every view of the main window in one place: one `register_view` line plugs a view into the navigation.

Entries of navigation.py without a line here show "Bientôt disponible".
"""

from .navigation import SETTINGS, register_view
from .settings import SettingsView


def register_application_views() -> None:
    register_view(SETTINGS, "Paramètres", "parametres", SettingsView)
