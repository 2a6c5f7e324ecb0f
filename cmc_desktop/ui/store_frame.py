"""The main window's content while a store is open: header, navigation, banners and the views.

A StoreFrame is built around an open Workspace and lives exactly as long as the store stays open: locking,
restoring or quitting closes it (pending edits committed, every view destroyed) and the window builds a new
one at the next opening. Views are only ever built here, so a view never exists without a store.
"""

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..data.errors import StoreReadOnly
from ..services.workspace import Workspace
from .navigation import Navigator, View, ViewRegistry
from .resources import icon
from .widgets import ERROR, ErrorBanner, PlaceholderView, flush_all, user_message

log = logging.getLogger(__name__)

NAVIGATION_WIDTH = 212


class StoreFrame(QWidget):
    """Header (with the lock button), left navigation, the banners and the stack of views, around `ws`.

    `show_view` builds a view on first use and refreshes it when it comes back; `close_views` commits what is
    being typed and destroys every view. The window's shortcuts that need content (Ctrl+F, Ctrl+N, Ctrl+1…9)
    live here and die with it."""

    def __init__(self, ws: Workspace, navigator: Navigator, registry: ViewRegistry, *, lock: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator, self.registry = ws, navigator, registry
        self.views: dict[str, QWidget] = {}
        self.current_key: str | None = None
        self._failed: QWidget | None = None
        self._build(lock)
        self.show_store_state()
        self.shortcuts = self._build_shortcuts(lock)

    def _build(self, lock: Callable[[], None]) -> None:
        header = QFrame(self)
        header.setObjectName("HeaderBar")
        bar = QHBoxLayout(header)
        bar.setContentsMargins(16, 8, 16, 8)
        logo = QLabel(header)
        logo.setPixmap(icon("cmc-desktop").pixmap(32, 32))
        logo.setAccessibleName("Logo de cmc-desktop")
        title = QLabel("cmc-desktop", header)
        title.setObjectName("AppTitle")
        subtitle = QLabel("Conseiller mobilité-carrière · données chiffrées sur ce poste", header)
        subtitle.setObjectName("AppSubtitle")
        subtitle.setWordWrap(True)  # enlarged texts (Ctrl++) wrap instead of widening the window
        self.lock_button = QPushButton(icon("verrou"), "Verrouiller", header)
        self.lock_button.setProperty("variant", "secondary")
        self.lock_button.setToolTip("Verrouiller maintenant (Ctrl+L)")
        self.lock_button.clicked.connect(lock)
        bar.addWidget(logo)
        bar.addSpacing(6)
        bar.addWidget(title)
        bar.addSpacing(12)
        bar.addWidget(subtitle, 1)  # the room is its own: it wraps only when the texts are enlarged
        bar.addWidget(self.lock_button)

        panel = QFrame(self)
        panel.setObjectName("NavigationPanel")
        self.nav = QListWidget(panel)
        self.nav.setObjectName("NavigationList")
        self.nav.setAccessibleName("Navigation principale")
        self.nav.setIconSize(QSize(22, 22))
        for index, spec in enumerate(self.registry.specs()):
            item = QListWidgetItem(icon(spec.icon), spec.label, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.label} (Ctrl+{index + 1})" if index < 9 else spec.label)
        self.nav.currentRowChanged.connect(self._nav_row_changed)
        self.nav.itemClicked.connect(self._nav_chosen)
        self.nav.itemActivated.connect(self._nav_chosen)
        nav_layout = QVBoxLayout(panel)
        nav_layout.setContentsMargins(0, 12, 0, 12)
        nav_layout.addWidget(self.nav)
        self.nav_panel = panel
        self._fit_navigation()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.fontChanged.connect(self._font_changed)  # the text zoom (Ctrl++) widens the entries

        self.read_only_banner = ErrorBanner(self, closable=False)
        self.message_banner = ErrorBanner(self)
        self.view_stack = QStackedWidget(self)
        self.view_stack.setObjectName("ViewStack")
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.read_only_banner)
        right.addWidget(self.message_banner)
        right.addWidget(self.view_stack, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(panel)
        body.addLayout(right, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(header)
        column.addLayout(body, 1)

    def _font_changed(self, _font: object) -> None:
        QTimer.singleShot(0, self, self._fit_navigation)  # once the list has its new font and style

    def _fit_navigation(self) -> None:
        """The navigation is as wide as its longest entry (at least NAVIGATION_WIDTH): never cut, never
        scrolling sideways, whatever the size of the texts."""
        self.nav.ensurePolished()
        needed = self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8
        self.nav_panel.setFixedWidth(max(NAVIGATION_WIDTH, needed))

    def _build_shortcuts(self, lock: Callable[[], None]) -> list[QShortcut]:
        bindings: list[tuple[str, Callable[[], object]]] = [
            ("Ctrl+L", lock), ("Ctrl+F", lambda: self._current(lambda view: view.focus_search())),
            ("Ctrl+N", lambda: self._current(lambda view: view.create_new()))]
        for index, key in enumerate(self.registry.keys()[:9]):
            bindings.append((f"Ctrl+{index + 1}", partial(self.navigator.shell.show_view, key)))
        shortcuts = []
        for sequence, slot in bindings:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            shortcuts.append(shortcut)
        return shortcuts

    # ----- views ------------------------------------------------------------------------------------------
    def current_view(self) -> QWidget | None:
        return None if self.current_key is None else self.views.get(self.current_key)

    def _current(self, action: Callable[[View], object]) -> None:
        view = self.current_view()
        if isinstance(view, View):
            action(view)

    def show_view(self, key: str) -> QWidget:
        """Make `key` the current view, built on first use, refreshed when it comes back."""
        spec = self.registry.get(key)
        existing = self.views.get(key)
        view = existing or self._build_view(key)
        self.view_stack.setCurrentWidget(view)
        self.current_key = key
        self._select_entry(key)
        self.window().setWindowTitle(spec.label)  # the platform adds « — cmc-desktop » (applicationDisplayName)
        if isinstance(existing, View):
            existing.refresh()
        return view

    def may_leave(self) -> bool:
        """Whether the current view can be left (View.can_leave: it asks the CMC about an edit to correct)."""
        view = self.current_view()
        return not isinstance(view, View) or view.can_leave()

    def stay(self) -> QWidget:
        """The current view kept: the sidebar shows it again (a click on another entry had moved it)."""
        view = self.current_view()
        assert view is not None and self.current_key is not None
        self._select_entry(self.current_key)
        return view

    def _select_entry(self, key: str) -> None:
        row = self.registry.keys().index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)

    def _build_view(self, key: str) -> QWidget:
        spec = self.registry.get(key)
        view: QWidget
        if spec.factory is None:
            view = PlaceholderView(spec.label)
        else:
            try:
                view = spec.factory(self.ws, self.navigator)
                if not isinstance(view, View):
                    raise TypeError(f"{type(view).__name__} ne déclare pas navigation.View")
            except Exception as error:  # the window stays usable; the view is rebuilt on the next visit
                log.exception("ui.view_failed %s", key)
                return self._failed_view(f"La vue « {spec.label} » n'a pas pu s'ouvrir. {user_message(error)}")
        self.views[key] = view
        self.view_stack.addWidget(view)
        return view

    def _failed_view(self, message: str) -> QWidget:
        """A page holding the message; it replaces the previous one, so failed visits do not pile up."""
        if self._failed is not None:
            self.view_stack.removeWidget(self._failed)
            self._failed.deleteLater()
        page = QWidget()
        banner = ErrorBanner(page, closable=False)
        banner.show_message(message)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.addWidget(banner)
        layout.addStretch(1)
        self._failed = page
        self.view_stack.addWidget(page)
        return page

    def _nav_row_changed(self, row: int) -> None:
        keys = self.registry.keys()
        if 0 <= row < len(keys):
            self.navigator.shell.show_view(keys[row])

    def _nav_chosen(self, item: QListWidgetItem) -> None:
        """A click (or Entrée) on the entry of the view already shown takes it back to its list: « Agents »
        while an agent's file is open shows the agents."""
        view = self.views.get(item.data(Qt.ItemDataRole.UserRole))
        if isinstance(view, View) and view is self.view_stack.currentWidget():
            view.open_item(None)

    def close_views(self) -> None:
        """Commit what is being typed, then destroy every view: nothing of the content stays in a widget."""
        flush_all(self.view_stack)
        while (view := self.view_stack.widget(0)) is not None:
            self.view_stack.removeWidget(view)
            view.deleteLater()
        self.views.clear()
        self._failed = None
        self.message_banner.clear()

    # ----- messages ---------------------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.message_banner.show_message(message, ERROR)

    def show_store_state(self) -> None:
        if self.ws.store.read_only:
            self.read_only_banner.show_message(str(StoreReadOnly(True)), ERROR)
        else:
            self.read_only_banner.clear()
