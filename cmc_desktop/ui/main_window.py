"""The main window: header, left navigation, the current view, status bar — and the lock.

Locking (Ctrl+L, the header button, or idle time) commits pending edits, closes every dialog, destroys every
view (nothing of the content stays in widgets or models), closes the store (the key is dropped) and shows the
lock screen. Unlocking opens the store again with the passphrase and rebuilds the current view.

At start-up the window is shown before the store is open (`MainWindow(None, data_dir=…)`): it paints its
opening screen at once and `open_with(store)` brings the views in once the data layer has loaded (ui/app.py).
Hence no import of the store, the services or SQLAlchemy at module level here.
"""

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..data.errors import StoreError, StoreReadOnly
from ..data.vault import KeyVault, effective_vault
from . import tasks
from .lock import CHECK_INTERVAL_MS, IdleWatcher, LockScreen
from .navigation import DASHBOARD, REGISTRY, SETTINGS, Navigator, ViewRegistry
from .opening import OpeningScreen
from .resources import icon
from .settings_store import UiSettings
from .views import register_application_views
from .widgets import ERROR, ErrorBanner, PlaceholderView, Toast, flush_all, user_message

if TYPE_CHECKING:
    from ..data.store import Store
    from ..services.workspace import Workspace

log = logging.getLogger(__name__)

NAVIGATION_WIDTH = 212


class MainWindow(QMainWindow):
    """Hosts the registered views around an open Workspace; see navigation.py for how views plug in.

    Without a Workspace (`ws=None`, start-up), it shows its opening screen until `open_with(store)`."""

    locked_changed = Signal(bool)

    def __init__(self, ws: "Workspace | None", *, vault: KeyVault, ui_settings: UiSettings,
                 data_dir: Path | None = None, registry: ViewRegistry = REGISTRY,
                 idle_check_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__()
        register_application_views()
        self.ws, self.vault, self.ui_settings, self.registry = ws, vault, ui_settings, registry
        self.navigator = Navigator(self)
        self.locked = False
        root = ws.store.paths.root if ws is not None else data_dir
        if root is None:
            raise ValueError("MainWindow needs a workspace or the data directory it will open")
        self._root: Path = root
        self._views: dict[str, QWidget] = {}
        self._failed: QWidget | None = None
        self.setWindowTitle("cmc-desktop — Conseiller mobilité-carrière")
        self.setWindowIcon(icon("cmc-desktop"))

        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)
        self._build_status_bar()
        self.idle = IdleWatcher(ui_settings.auto_lock_minutes * 60, check_interval_ms=idle_check_ms, parent=self)
        self.idle.idle.connect(self.lock)
        self._shortcuts: list[QShortcut] = []
        self._restore_geometry()
        self._current_key = ui_settings.last_view if ui_settings.last_view in self._keys() else DASHBOARD
        if ws is None:  # only the opening screen: the rest is built once the store is open (less to paint first)
            self.opening_screen: OpeningScreen | None = OpeningScreen(self.pages)
            self.pages.addWidget(self.opening_screen)
            self._show_closed(self.opening_screen, "Ouverture du dossier chiffré…")
        else:
            self.opening_screen = None
            self._build_frame()
            self.show_store_state()
            self.show_view(self._current_key)
            self.nav.setFocus()
            self.idle.start()

    # ----- construction -----------------------------------------------------------------------------------
    def _build_frame(self) -> None:
        """Everything around the views: header, navigation, banners, the lock screen, shortcuts."""
        self.content = QWidget(self.pages)
        self.lock_screen = LockScreen(self.pages)
        self.pages.addWidget(self.content)
        self.pages.addWidget(self.lock_screen)
        self._build_content()
        self.toast = Toast(self)
        self.lock_screen.prompt.submitted.connect(self._unlock)
        self._shortcuts = self._build_shortcuts()
        # From now on confidential text can be on screen: every copy is marked secret and taken back (the
        # clipboard and OpenSSL's hashlib load here, after the first paint).
        from .clipboard import confidential

        confidential().watch()

    def _build_content(self) -> None:
        header = QFrame(self.content)
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
        self.lock_button = QPushButton(icon("verrou"), "Verrouiller", header)
        self.lock_button.setProperty("variant", "secondary")
        self.lock_button.setToolTip("Verrouiller maintenant (Ctrl+L)")
        self.lock_button.clicked.connect(self.lock)
        bar.addWidget(logo)
        bar.addSpacing(6)
        bar.addWidget(title)
        bar.addSpacing(12)
        bar.addWidget(subtitle)
        bar.addStretch(1)
        bar.addWidget(self.lock_button)

        panel = QFrame(self.content)
        panel.setObjectName("NavigationPanel")
        panel.setFixedWidth(NAVIGATION_WIDTH)
        self.nav = QListWidget(panel)
        self.nav.setObjectName("NavigationList")
        self.nav.setAccessibleName("Navigation principale")
        self.nav.setIconSize(QSize(22, 22))
        for index, spec in enumerate(self.registry.specs()):
            item = QListWidgetItem(icon(spec.icon), spec.label, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.label} (Ctrl+{index + 1})" if index < 9 else spec.label)
        self.nav.currentRowChanged.connect(self._nav_row_changed)
        nav_layout = QVBoxLayout(panel)
        nav_layout.setContentsMargins(0, 12, 0, 12)
        nav_layout.addWidget(self.nav)

        self.read_only_banner = ErrorBanner(self.content, closable=False)
        self.message_banner = ErrorBanner(self.content)
        self.view_stack = QStackedWidget(self.content)
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
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(header)
        column.addLayout(body, 1)

    def _build_status_bar(self) -> None:
        self.store_state = QLabel(self)
        self.lock_hint = QLabel(self)
        self.statusBar().addWidget(self.store_state, 1)
        self.statusBar().addPermanentWidget(self.lock_hint)
        self.statusBar().setSizeGripEnabled(False)

    def _build_shortcuts(self) -> list[QShortcut]:
        bindings = [("Ctrl+L", self.lock), ("Ctrl+F", lambda: self._call_view("focus_search")),
                    ("Ctrl+N", lambda: self._call_view("create_new"))]
        for index, key in enumerate(self._keys()[:9]):
            bindings.append((f"Ctrl+{index + 1}", lambda key=key: self.show_view(key)))
        shortcuts = []
        for sequence, slot in bindings:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            shortcuts.append(shortcut)
        return shortcuts

    def _restore_geometry(self) -> None:
        geometry = self.ui_settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen().availableGeometry()
            self.resize(min(1280, int(screen.width() * 0.95)), min(760, int(screen.height() * 0.92)))

    # ----- views ------------------------------------------------------------------------------------------
    def _keys(self) -> list[str]:
        return [spec.key for spec in self.registry.specs()]

    def current_view(self) -> QWidget | None:
        return self._views.get(self._current_key)

    @property
    def current_key(self) -> str:
        return self._current_key

    def show_view(self, key: str) -> QWidget:
        """Make `key` the current view (built on first use); Navigator.open goes through here."""
        spec = self.registry.get(key)
        if self.locked:  # a late request (a task finishing after the lock): remembered for the unlock
            self._current_key = key
            return self.pages.currentWidget()
        existing = self._views.get(key)
        view = existing or self._build_view(key)
        self.view_stack.setCurrentWidget(view)
        self._current_key = key
        self.ui_settings.last_view = key
        row = self._keys().index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self.setWindowTitle(f"{spec.label} — cmc-desktop")
        if existing is not None:
            self._call_view("refresh")
        return view

    def _build_view(self, key: str) -> QWidget:
        spec = self.registry.get(key)
        if spec.factory is None:
            view: QWidget = PlaceholderView(spec.label)
        else:
            try:
                view = spec.factory(self.ws, self.navigator)
            except Exception as error:  # the window stays usable; the view is rebuilt on the next visit
                log.exception("ui.view_failed %s", key)
                return self._failed_view(f"La vue « {spec.label} » n'a pas pu s'ouvrir. {user_message(error)}")
        self._views[key] = view
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
        if 0 <= row < len(self._keys()) and not self.locked:
            self.show_view(self._keys()[row])

    def _call_view(self, method: str) -> None:
        target = getattr(self.current_view(), method, None)
        if callable(target):
            target()

    def notify(self, message: str, kind: str = "success") -> None:
        """Errors stay in a banner above the view until closed; other messages pass as a toast."""
        if kind == ERROR:
            self.message_banner.show_message(message, ERROR)
        else:
            self.toast.show_message(message, kind)

    # ----- store state ------------------------------------------------------------------------------------
    def show_store_state(self) -> None:
        store = self.ws.store
        if store.read_only:
            self.read_only_banner.show_message(str(StoreReadOnly(True)), ERROR)
            self.store_state.setText("Dossier chiffré ouvert en lecture seule (contrôle d'intégrité en échec)")
        else:
            self.read_only_banner.clear()
            self.store_state.setText("Dossier chiffré ouvert")
        self._show_lock_hint()

    def _show_lock_hint(self) -> None:
        self.lock_hint.show()
        self.lock_hint.setText(f"Verrouillage automatique après {self.ui_settings.auto_lock_minutes} min "
                               "d'inactivité · Ctrl+L pour verrouiller")

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self.ui_settings.auto_lock_minutes = minutes
        self.idle.timeout_s = minutes * 60
        self._show_lock_hint()

    def set_keyring_enabled(self, enabled: bool) -> None:
        """Put the key in the keyring (or take it out); raises StoreError when the keyring refuses it."""
        if enabled and not self.vault.put(self.ws.store.store_id, self.ws.store.raw_key):
            raise StoreError("Le trousseau du système n'a pas accepté la clé : la phrase restera demandée à "
                             "chaque ouverture.")
        if not enabled:
            self.vault.forget(self.ws.store.store_id)
        self.ui_settings.keyring_enabled = enabled

    # ----- lock -------------------------------------------------------------------------------------------
    def lock(self) -> None:
        """Commit edits, drop every view and the key, show the lock screen."""
        if self.locked:
            return
        self._close_store_and_views()
        self.lock_screen.prompt.wipe()
        self.lock_screen.prompt.field.setFocus()
        log.info("ui.locked")

    def _close_store_and_views(self) -> None:
        flush_all(self.view_stack)
        for window in QApplication.topLevelWidgets():
            if window is not self and window.isVisible():
                if isinstance(window, QDialog):
                    window.reject()
                window.close()
        tasks.wait_for_all()
        from .clipboard import confidential

        confidential().clear_if_ours()
        for view in [self.view_stack.widget(i) for i in range(self.view_stack.count())]:
            self.view_stack.removeWidget(view)
            view.deleteLater()
        self._views.clear()
        self._failed = None
        self.message_banner.clear()
        self.toast.hide()
        self.ws.store.close()
        self._show_closed(self.lock_screen, "Dossier verrouillé")
        self.locked_changed.emit(True)

    def _show_closed(self, page: QWidget, state: str) -> None:
        """No store open (locked, or not yet opened): only `page`, no shortcut, no idle timer."""
        self.idle.stop()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
        self.pages.setCurrentWidget(page)
        self.store_state.setText(state)
        self.lock_hint.hide()
        self.locked = True

    def _unlock(self, passphrase: str) -> None:
        from ..data.store import Store

        root, vault = self._root, effective_vault(self.vault, self.ui_settings.keyring_enabled)
        tasks.submit(lambda: Store.unlock(root, passphrase, vault=vault), on_done=self.open_with,
                     on_error=lambda error: self.lock_screen.prompt.failed(user_message(error)), owner=self)

    def open_with(self, store: "Store") -> None:
        """Show the views around `store`: at start-up, after an unlock or a restore."""
        if self.ws is None:
            from ..services.workspace import Workspace

            self.ws = Workspace(store)
        else:
            self.ws.store = store
        if self.opening_screen is not None:
            self._build_frame()
            self.pages.removeWidget(self.opening_screen)
            self.opening_screen.deleteLater()
            self.opening_screen = None
        self.lock_screen.prompt.wipe()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(True)
        self.pages.setCurrentWidget(self.content)
        self.locked = False
        self.show_store_state()
        self.show_view(self._current_key)
        self.nav.setFocus()
        self.idle.start()
        self.locked_changed.emit(False)
        log.info("ui.unlocked")

    def restore_backup(self, backup: Path, passphrase: str) -> None:
        """Close the store, restore `backup` (checked before anything is replaced), reopen; the passphrase
        has been verified by the caller. A refused backup leaves the store as it was and says why."""
        from ..data.store import Store
        from ..services.backup import restore_backup

        self._close_store_and_views()
        self.lock_screen.prompt.wipe()
        self.lock_screen.prompt.set_busy(True)
        self.lock_screen.prompt.text.setText("Restauration de la sauvegarde en cours…")
        root, clock = self._root, self.ws.clock
        vault = effective_vault(self.vault, self.ui_settings.keyring_enabled)

        def work() -> tuple[Store, BaseException | None]:
            failure: BaseException | None = None
            try:
                restore_backup(root, backup, passphrase, vault, clock=clock)
            except StoreError as error:
                failure = error
            return Store.unlock(root, passphrase, vault=vault), failure

        def reopened(result: tuple[Store, BaseException | None]) -> None:
            store, failure = result
            self._reset_lock_text()
            self.open_with(store)
            self.show_view(SETTINGS)
            if failure is None:
                self.notify(f"Sauvegarde « {backup.name} » restaurée. Les destructions enregistrées depuis ont été "
                            "appliquées de nouveau.", "success")
            else:
                self.notify(user_message(failure), ERROR)

        def failed(error: BaseException) -> None:
            self._reset_lock_text()
            self.lock_screen.prompt.failed(user_message(error))

        tasks.submit(work, on_done=reopened, on_error=failed, owner=self)

    def _reset_lock_text(self) -> None:
        self.lock_screen.prompt.text.setText(LockScreen.TEXT)

    # ----- closing ----------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.ui_settings.geometry = QByteArray(self.saveGeometry())
        self.ui_settings.sync()
        if not self.locked:
            self._close_store_and_views()
        event.accept()
