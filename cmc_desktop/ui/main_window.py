"""The main window and the store's lifecycle in it: opening, open, locked, restoring.

    opening ──open_with(store)──▶ open ──lock()──────────────▶ locked ──passphrase──▶ open
                                  └──restore_backup()──▶ restoring ──reopened──▶ open (or locked, on failure)

While no store is open the window shows a closed page only — the opening screen at start-up, the lock screen
afterwards — with no shortcut and no idle timer. While one is open it shows a StoreFrame (ui/store_frame.py),
which holds the Workspace and builds the views: a view only exists inside a frame, never without a store.
Leaving the open state (`_close`) commits pending edits, closes every dialog, destroys the frame and its views,
takes our copy off the clipboard, asks background work to stop, and closes the store (dropping its key) once
that work allows it.

At start-up the window is shown before the store is open (`MainWindow(None, data_dir=…)`): it paints its
opening screen at once and `open_with(store)` brings the views in once the data layer has loaded (ui/app.py).
Hence no import of the store, the services or SQLAlchemy at module level here.
"""

import logging
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QStackedWidget, QWidget

from ..data.errors import StoreError
from ..data.vault import KeyVault, effective_vault
from ..domain.clock import Clock
from . import tasks, text_zoom
from .enter_keys import EnterPressesButtons
from .lock import CHECK_INTERVAL_MS, IdleWatcher, LockScreen
from .navigation import DASHBOARD, REGISTRY, SETTINGS, Navigator, ViewRegistry
from .opening import OpeningScreen
from .resources import icon
from .settings_store import UiSettings
from .views import register_application_views
from .widgets import ERROR, Toast, user_message

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget, QPushButton

    from ..data.store import Store
    from ..services.workspace import Workspace
    from .store_frame import StoreFrame
    from .widgets import ErrorBanner

log = logging.getLogger(__name__)

# How long a lock waits for background work before saying it goes on: it must not freeze the window.
LOCK_WAIT_MS = 1500
WAITING_TEXT = ("Une opération en cours se termine avant la fermeture du dossier : elle ne peut pas être "
                "interrompue. Le dossier se fermera dès qu'elle aura fini.")


class State(Enum):
    OPENING = "opening"
    OPEN = "open"
    LOCKED = "locked"
    RESTORING = "restoring"


class MainWindow(QMainWindow):
    """The application's window (see the module docstring for its states); views plug in through navigation.py.

    `ws` opens it at once on that workspace (tests); None shows the opening screen until `open_with(store)`."""

    locked_changed = Signal(bool)

    def __init__(self, ws: "Workspace | None", *, vault: KeyVault, ui_settings: UiSettings,
                 data_dir: Path | None = None, registry: ViewRegistry = REGISTRY,
                 idle_check_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__()
        register_application_views()
        self.vault, self.ui_settings, self.registry = vault, ui_settings, registry
        self.navigator = Navigator(self)
        root = ws.store.paths.root if ws is not None else data_dir
        if root is None:
            raise ValueError("MainWindow needs a workspace or the data directory it will open")
        self._root: Path = root
        self._clock: Clock = ws.clock if ws is not None else Clock()
        self._workspace = ws  # kept across locks (the same object, its store replaced at each opening)
        self.frame: StoreFrame | None = None
        self.lock_screen: LockScreen | None = None
        self.toast: Toast | None = None
        self.state = State.OPENING
        last = ui_settings.last_view
        self._current_key: str = last if last is not None and last in registry else DASHBOARD
        # Titles never name the app: the platform adds « — cmc-desktop » itself (applicationDisplayName).
        self.setWindowTitle("Conseiller mobilité-carrière")
        self.setWindowIcon(icon("cmc-desktop"))
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)
        self._build_status_bar()
        text_zoom.apply_zoom(ui_settings.text_zoom)
        self.zoom_keys = text_zoom.ZoomKeys(self, self._text_zoom_changed)
        self.enter_keys = EnterPressesButtons(self)
        self.idle = IdleWatcher(ui_settings.auto_lock_minutes * 60, check_interval_ms=idle_check_ms, parent=self)
        self.idle.idle.connect(self.lock)
        self._restore_geometry()
        self.opening_screen: OpeningScreen | None = None
        if ws is None:  # only the opening screen: the rest is built once the store is open (less to paint first)
            self.opening_screen = OpeningScreen(self.pages)
            self.pages.addWidget(self.opening_screen)
            self._show_closed(self.opening_screen, "Ouverture du dossier chiffré…")
        else:
            self.open_with(ws.store)

    def _build_status_bar(self) -> None:
        self.store_state = QLabel(self)
        self.lock_hint = QLabel(self)
        for label in (self.store_state, self.lock_hint):  # enlarged texts wrap instead of widening the window
            label.setWordWrap(True)
        self.statusBar().addWidget(self.store_state, 1)
        # Both share the bar: a wrapping label given only its size hint would wrap even at 100 %.
        self.lock_hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.statusBar().addPermanentWidget(self.lock_hint, 1)
        self.statusBar().setSizeGripEnabled(False)

    def _restore_geometry(self) -> None:
        geometry = self.ui_settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen().availableGeometry()
            self.resize(min(1280, int(screen.width() * 0.95)), min(760, int(screen.height() * 0.92)))

    # ----- what the open state shows (None when no store is open) -----------------------------------------
    @property
    def locked(self) -> bool:
        """No store open: opening, locked or restoring."""
        return self.state is not State.OPEN

    @property
    def ws(self) -> "Workspace | None":
        """The open store's workspace; None while no store is open."""
        return self.frame.ws if self.frame is not None else None

    # The frame's parts most often looked at from outside (tests, the bench); None while no store is open.
    @property
    def content(self) -> "StoreFrame | None":
        """The window's content while a store is open (its name before the frame had a class of its own)."""
        return self.frame

    @property
    def nav(self) -> "QListWidget | None":
        return self.frame.nav if self.frame is not None else None

    @property
    def view_stack(self) -> QStackedWidget | None:
        return self.frame.view_stack if self.frame is not None else None

    @property
    def lock_button(self) -> "QPushButton | None":
        return self.frame.lock_button if self.frame is not None else None

    @property
    def read_only_banner(self) -> "ErrorBanner | None":
        return self.frame.read_only_banner if self.frame is not None else None

    @property
    def message_banner(self) -> "ErrorBanner | None":
        return self.frame.message_banner if self.frame is not None else None

    @property
    def current_key(self) -> str:
        return self._current_key

    def current_view(self) -> QWidget | None:
        return self.frame.current_view() if self.frame is not None else None

    def show_view(self, key: str) -> QWidget:
        """Make `key` the current view; Navigator.open goes through here. A view that cannot be left (an edit to
        correct, View.can_leave) stays, and is returned. While no store is open (a task finishing after a lock),
        the key is remembered for the next opening and the closed page returned."""
        self.registry.get(key)  # an unknown key is a bug, open or not
        if self.frame is not None and key != self.frame.current_key and not self.frame.may_leave():
            return self.frame.stay()
        self._current_key = key
        if self.frame is None:
            closed = self.pages.currentWidget()
            assert closed is not None  # the opening or the lock screen
            return closed
        self.ui_settings.last_view = key
        return self.frame.show_view(key)

    def notify(self, message: str, kind: str = "success") -> None:
        """Errors stay in a banner above the view until closed; other messages pass as a toast."""
        if self.frame is None:
            return  # nothing of the content is on screen: the message would have nowhere to go
        if kind == ERROR:
            self.frame.show_error(message)
        elif self.toast is not None:
            self.toast.show_message(message, kind)

    def _text_zoom_changed(self, percent: int) -> None:
        self.ui_settings.text_zoom = percent
        self.notify(f"Taille du texte : {percent} %", "info")

    def show_store_state(self) -> None:
        if self.frame is None:
            return
        self.frame.show_store_state()
        self.store_state.setText("Dossier chiffré ouvert en lecture seule (contrôle d'intégrité en échec)"
                                 if self.frame.ws.store.read_only else "Dossier chiffré ouvert")
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
        if self.frame is None:
            raise StoreError("Le dossier est verrouillé.")
        store = self.frame.ws.store
        if enabled and not self.vault.put(store.store_id, store.raw_key):
            raise StoreError("Le trousseau du système n'a pas accepté la clé : la phrase restera demandée à "
                             "chaque ouverture.")
        if not enabled:
            self.vault.forget(store.store_id)
        self.ui_settings.keyring_enabled = enabled

    # ----- the lifecycle ----------------------------------------------------------------------------------
    def open_with(self, store: "Store") -> None:
        """opening / locked / restoring → open: build the frame around `store` and show the last view."""
        from ..services.workspace import Workspace
        from .store_frame import StoreFrame

        if self._workspace is None:
            self._workspace = Workspace(store, self._clock)
        else:
            self._workspace.store = store
        if self.opening_screen is not None:
            self.pages.removeWidget(self.opening_screen)
            self.opening_screen.deleteLater()
            self.opening_screen = None
        if self.toast is None:
            self.toast = Toast(self)
            # From now on confidential text can be on screen: every copy is marked secret and taken back (the
            # clipboard and OpenSSL's hashlib load here, after the first paint).
            from .clipboard import confidential

            confidential().watch()
        if self.lock_screen is not None:
            self.lock_screen.prompt.wipe()
            self.lock_screen.prompt.text.setText(LockScreen.TEXT)
        self.frame = StoreFrame(self._workspace, self.navigator, self.registry, lock=self.lock, parent=self.pages)
        self.pages.addWidget(self.frame)
        self.pages.setCurrentWidget(self.frame)
        self.state = State.OPEN
        self.show_store_state()
        self.show_view(self._current_key)
        self.frame.nav.setFocus()
        self.idle.start()
        self.locked_changed.emit(False)
        log.info("ui.unlocked")

    def lock(self) -> None:
        """open → locked: commit edits, drop every view and the key, show the lock screen."""
        if self.state is not State.OPEN:
            return
        self._close("Dossier verrouillé")
        log.info("ui.locked")

    def _close(self, state_text: str) -> None:
        """Leave the open state (lock, restore, quit). Background work is asked to stop; what cannot stop is
        waited for LOCK_WAIT_MS at most, then the store is closed when it ends and the lock screen says so."""
        assert self.frame is not None and self._workspace is not None
        frame, store = self.frame, self._workspace.store
        if self.lock_screen is None:  # built at the first lock: the opening does not wait for it
            self.lock_screen = LockScreen(self.pages)
            self.lock_screen.prompt.submitted.connect(self._unlock)
            self.pages.addWidget(self.lock_screen)
        frame.close_views()
        for window in QApplication.topLevelWidgets():
            if window is not self and window.isVisible():
                if isinstance(window, QDialog):
                    window.reject()
                window.close()
        from .clipboard import confidential

        confidential().clear_if_ours()
        for shortcut in frame.shortcuts:
            shortcut.setEnabled(False)
        self.pages.removeWidget(frame)
        frame.deleteLater()
        self.frame = None
        if self.toast is not None:
            self.toast.hide()
        self.state = State.LOCKED
        self.lock_screen.prompt.wipe()
        self._show_closed(self.lock_screen, state_text)
        tasks.cancel_all()  # a cancelled task calls nobody back: what it read belongs to the closed content
        waited = not tasks.wait_for_all(LOCK_WAIT_MS)
        if waited:
            log.info("ui.lock_waits_for_tasks count=%d", tasks.running())
            self.lock_screen.prompt.text.setText(WAITING_TEXT)

        def close_store() -> None:
            store.close()
            if waited and self.lock_screen is not None and self.lock_screen.prompt.text.text() == WAITING_TEXT:
                self.lock_screen.prompt.text.setText(LockScreen.TEXT)

        tasks.when_idle(close_store)
        self.lock_screen.prompt.field.setFocus()
        self.locked_changed.emit(True)

    def _show_closed(self, page: QWidget, state: str) -> None:
        """No store open: only `page`, no idle timer."""
        self.idle.stop()
        self.pages.setCurrentWidget(page)
        self.store_state.setText(state)
        self.lock_hint.hide()

    def _unlock(self, passphrase: str) -> None:
        """locked → open, with the passphrase typed on the lock screen (checked off the GUI thread)."""
        from ..data.store import Store

        root, vault = self._root, effective_vault(self.vault, self.ui_settings.keyring_enabled)
        assert self.lock_screen is not None
        prompt = self.lock_screen.prompt
        tasks.submit(lambda: Store.unlock(root, passphrase, vault=vault), on_done=self.open_with,
                     on_error=lambda error: prompt.failed(user_message(error)), owner=self)

    def restore_backup(self, backup: Path, passphrase: str) -> None:
        """open → restoring → open: close the store, restore `backup` (checked before anything is replaced),
        reopen; the passphrase has been verified by the caller. A refused backup leaves the store as it was and
        says why."""
        from ..data.store import Store
        from ..services.restore import restore_backup

        self._close("Restauration de la sauvegarde en cours…")
        self.state = State.RESTORING
        assert self.lock_screen is not None
        prompt = self.lock_screen.prompt
        prompt.set_busy(True)
        prompt.text.setText("Restauration de la sauvegarde en cours…")
        root, clock = self._root, self._clock
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
            self.open_with(store)
            self.show_view(SETTINGS)
            if failure is None:
                self.notify(f"Sauvegarde « {backup.name} » restaurée. Les destructions enregistrées depuis ont été "
                            "appliquées de nouveau.", "success")
            else:
                self.notify(user_message(failure), ERROR)

        def failed(error: BaseException) -> None:
            self.state = State.LOCKED
            prompt.text.setText(LockScreen.TEXT)
            prompt.failed(user_message(error))

        # After the store is closed: the restore replaces its file.
        tasks.when_idle(lambda: tasks.submit(work, on_done=reopened, on_error=failed, owner=self))

    # ----- closing ----------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # The window's close button asks the current view first (an edit to correct); closing from the code (the
        # application quitting) does not wait for an answer.
        if event.spontaneous() and self.frame is not None and not self.frame.may_leave():
            event.ignore()
            return
        self.ui_settings.geometry = QByteArray(self.saveGeometry())
        self.ui_settings.sync()
        if self.state is State.OPEN:
            self._close("Dossier fermé")
        event.accept()
