"""The views of the main window: what a view offers the window (`View`), the registry, and how a view asks to
go elsewhere (`Navigator`).

A feature view is added with one line in `views.py`:

    _lazy(AGENTS, "Agents", "agents", ".agents", "AgentsView")

where `AgentsView(ws: Workspace, navigator: Navigator)` is a QWidget that is also a `View`
(`class AgentsView(QWidget, View)`): the window calls `open_item`, `focus_search`, `create_new`, `refresh` and
`can_leave` on it, and mypy checks each view's versions of them against `View`'s. The entries of the left navigation are
listed here in order (their order gives Ctrl+1…Ctrl+9); registering a key not listed appends an entry; an
entry with no registered view shows "Bientôt disponible".

Views are built when first shown, only while a store is open (ui/store_frame.py), and destroyed on lock:
they must not keep personal data elsewhere.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ..data.vault import KeyVault
    from ..services.workspace import Workspace
    from .settings_store import UiSettings

DASHBOARD, AGENTS, INTERVIEWS, PROMOTIONS, SYNTHESES, INDICATORS, SETTINGS = (
    "tableau-de-bord", "agents", "entretiens", "promotions", "syntheses", "indicateurs", "parametres")
AGENDA = "agenda"


class View:
    """What a view offers the main window. A view class declares it (`class AgentsView(QWidget, View)`) and
    overrides what applies; the rest does nothing. (A mixin, not a typing.Protocol: Qt's metaclass and
    Protocol's cannot be combined, and Python has no "QWidget and View" type — hence ViewFactory's check.)"""

    def open_item(self, target_id: int | None) -> object:
        """Show one item (an agent's file…) — `Navigator.open(key, target_id)`; None: the view's start."""
        return None

    def focus_search(self) -> object:
        """Ctrl+F."""
        return None

    def create_new(self) -> object:
        """Ctrl+N."""
        return None

    def refresh(self) -> object:
        """The view becomes current again: data may have changed elsewhere."""
        return None

    def can_leave(self) -> bool:
        """Asked before the window shows another view or is closed: False keeps this view, which has told the
        CMC why (an edit that cannot be saved, to correct or abandon)."""
        return True


ViewFactory = Callable[["Workspace", "Navigator"], QWidget]
"""Builds a view: a QWidget that is a `View` (ui/store_frame.py refuses anything else)."""


@dataclass(frozen=True)
class ViewSpec:
    key: str
    label: str
    icon: str
    factory: ViewFactory | None = None  # None: not written yet, a placeholder is shown
    load: Callable[[], object] | None = None
    """Imports the view's code and builds nothing: safe off the GUI thread, where the opening runs it for the
    view the window opens on (ui/app.py)."""


class ViewRegistry:
    """The navigation entries in order; registering a known key fills its slot, a new key is appended."""

    def __init__(self, entries: list[ViewSpec]) -> None:
        self._specs = {spec.key: spec for spec in entries}

    def register(self, key: str, label: str, icon: str, factory: ViewFactory,
                 load: Callable[[], object] | None = None) -> None:
        self._specs[key] = ViewSpec(key, label, icon, factory, load)

    def specs(self) -> list[ViewSpec]:
        return list(self._specs.values())

    def keys(self) -> list[str]:
        return list(self._specs)

    def __contains__(self, key: object) -> bool:
        return key in self._specs

    def get(self, key: str) -> ViewSpec:
        try:
            return self._specs[key]
        except KeyError:
            raise KeyError(f"vue inconnue : {key}") from None


def default_entries() -> list[ViewSpec]:
    return [
        ViewSpec(DASHBOARD, "Tableau de bord", "tableau-de-bord"),
        ViewSpec(AGENTS, "Agents", "agents"),
        ViewSpec(INTERVIEWS, "Entretiens", "entretiens"),
        ViewSpec(PROMOTIONS, "Promotions BPP", "promotions"),
        ViewSpec(AGENDA, "Agenda", "calendrier"),
        ViewSpec(SYNTHESES, "Synthèses", "syntheses"),
        ViewSpec(INDICATORS, "Indicateurs", "indicateurs"),
        ViewSpec(SETTINGS, "Paramètres", "parametres"),
    ]


REGISTRY = ViewRegistry(default_entries())


def register_view(key: str, label: str, icon: str, factory: ViewFactory,
                  load: Callable[[], object] | None = None) -> None:
    """Add or fill a navigation entry of the application's registry (see module docstring)."""
    REGISTRY.register(key, label, icon, factory, load)


class Shell(Protocol):
    """What the main window offers to views, through the Navigator."""

    ui_settings: "UiSettings"
    vault: "KeyVault"

    @property
    def current_key(self) -> str: ...

    def show_view(self, key: str) -> QWidget: ...

    def notify(self, message: str, kind: str) -> None: ...

    def lock(self) -> None: ...

    def set_auto_lock_minutes(self, minutes: int) -> None: ...

    def set_keyring_enabled(self, enabled: bool) -> None: ...

    def restore_backup(self, backup: Path, passphrase: str) -> None: ...


class Navigator:
    """Handed to every view: go to another view (and item), show a short message, lock."""

    def __init__(self, shell: Shell) -> None:
        self.shell = shell

    def open(self, view_key: str, target_id: int | None = None) -> QWidget:
        """Switch to `view_key` and show `target_id` in it (View.open_item). Returns the view — the current one
        when it could not be left (View.can_leave)."""
        view = self.shell.show_view(view_key)
        if isinstance(view, View) and self.shell.current_key == view_key:
            view.open_item(target_id)
        return view

    def notify(self, message: str, kind: str = "success") -> None:
        self.shell.notify(message, kind)

    def lock(self) -> None:
        self.shell.lock()
