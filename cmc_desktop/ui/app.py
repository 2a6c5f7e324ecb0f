"""Starting the application: Qt set-up in French, the main window on screen, then the store opened behind it.

The window is painted before the data layer is even imported (SQLAlchemy alone is ~0.3 s and ~30 MiB): the
CMC sees it at once, and it answers while the store opens in the background (see opening.py).
"""

import gc
import logging
import sys
from collections.abc import Callable
from importlib import import_module
from importlib.util import resolve_name
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ..data.vault import KeyVault, effective_vault
from ..paths import APP_NAME, resource_path
from . import tasks
from .collector import MainThreadCollector
from .main_window import MainWindow
from .opening import Opening, ask_for_store, open_by_keyring
from .resources import icon
from .settings_store import UiSettings
from .theme import STYLE, apply_theme

if TYPE_CHECKING:
    from ..data.keyfile import KdfParams
    from ..data.store import Store

# A window started minimised is not painted: the store opens after this delay all the same.
OPEN_AT_THE_LATEST_MS = 300
FILE_CODE = resolve_name(".agents.agent_file", __package__)  # an agent's file (load_file_code_in_background)

log = logging.getLogger(__name__)


def create_application(argv: list[str]) -> QApplication:
    """The QApplication (or the existing one, in tests), in French, themed."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # Fractional scale factors (125 %, 150 %) are drawn as such, not rounded: crisp on high-DPI laptops.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        # The style named on Qt's command line: setStyle() would hand the style object back to Python, and PySide
        # would build its types then (~10 ms before the first paint).
        app = QApplication([*argv, "-style", STYLE])
    else:
        app.setStyle(STYLE)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("cmc-desktop")
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(icon("cmc-desktop"))
    install_french(app)
    apply_theme(app)
    return app


def install_uncaught_dialog() -> None:
    """After the log's own hook (hardening.configure_safe_logging): an exception raised in a slot or an event
    handler, which Qt's loop would otherwise only print, is logged and shown with its report to copy (the
    dialog's module loads with the first such error, not before the first paint: ~7 ms)."""
    logged = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        logged(kind, error, tb)
        if issubclass(kind, Exception) and QApplication.instance() is not None:
            from .widgets.error_report import report_for, show_uncaught

            report = report_for(error)
            QTimer.singleShot(0, lambda: show_uncaught(kind.__name__, report))

    sys.excepthook = hook


def install_french(app: QApplication) -> QTranslator | None:
    """French locale for dates and numbers, and Qt's own French texts ("Annuler", "Enregistrer"…)."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)
    bundled = resource_path("i18n", "qtbase_fr.qm")
    if translator.load(str(bundled)) or translator.load(
            "qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        return translator
    log.warning("ui.qt_translation_missing")
    return None


def run_app(data_dir: Path, argv: list[str]) -> int:
    # The start-up makes ~120k objects that live as long as the window (the data layer, the ORM's mapping, the
    # views): the cyclic collector scanning them again and again while they are made cost ~35 ms (measured). It
    # is off until the window has its content (`_started`), and then runs on the GUI thread only.
    gc.disable()
    app = create_application(argv)
    install_uncaught_dialog()
    ui_settings = UiSettings()
    vault = KeyVault()
    window = MainWindow(None, vault=vault, ui_settings=ui_settings, data_dir=data_dir)
    window.show()
    open_when_painted(window, data_dir, effective_vault(vault, ui_settings.keyring_enabled))
    try:
        return app.exec()
    finally:
        tasks.wait_for_all()
        gc.enable()  # no thread left to run it but this one: the automatic collector again, for the way out
        # Deliver what the last tasks returned: the store whose closing waited for them closes (main_window), a
        # store opened while the window was closing is closed, not left open.
        QApplication.sendPostedEvents()
        if window.ws is not None:  # unlocked while the window was closing: our copy off the clipboard, closed
            from .clipboard import confidential

            confidential().clear_if_ours()
            window.ws.store.close()
        ui_settings.sync()


def open_when_painted(window: MainWindow, data_dir: Path, vault: KeyVault, *, kdf: "KdfParams | None" = None) -> None:
    """Once the window's opening screen is painted, open the store off the GUI thread by the keyring, else ask
    the passphrase (or create the store) in a dialog over the window; the CMC quitting the dialog closes it."""
    screen = window.opening_screen
    assert screen is not None, "the window is already open"
    started = False

    def start() -> None:
        nonlocal started
        if not started:
            started = True
            load_view = window.registry.get(window.current_key).load
            tasks.submit(lambda: _open_and_load(data_dir, vault, load_view), on_done=opened,
                         on_error=lambda error: opened(Opening(problem=error)), owner=window)

    def opened(opening: Opening) -> None:
        log.info("ui.store_opening %s", opening.outcome)
        store = opening.store
        if store is None and window.isVisible():
            screen.wait_for_the_cmc(first_run=opening.first_run)
            store = ask_for_store(data_dir, vault, opening, kdf=kdf, parent=window)
        if store is None:
            window.close()
        elif not window.isVisible():  # closed while the store was opening
            store.close()
        else:
            window.open_with(store)
            # Once the first view has its content: until then the check (reading every page) would compete with it.
            tasks.when_idle(lambda: verify_in_background(window, store))
            tasks.when_idle(lambda: load_file_code_in_background(window))
            tasks.when_idle(_started)
            if opening.first_run and window.ws is not None:  # a new store: her profile, once, skippable
                from .profile.first_run import ask_profile_after_first_run

                ask_profile_after_first_run(window.ws, window)

    screen.painted.connect(start)
    QTimer.singleShot(OPEN_AT_THE_LATEST_MS, window, start)


_collector: MainThreadCollector | None = None


def _started() -> None:
    """The window has its content: what start-up made stays for the application's life, so it is moved out of
    the collector's reach (frozen: never scanned again; ~600 objects of it are garbage, measured), and the
    collector runs again for what comes next — on the GUI thread only (ui/collector.py says why)."""
    global _collector
    if _collector is None and not gc.isenabled():
        gc.freeze()
        _collector = MainThreadCollector(QApplication.instance())
        _collector.start()


def _open_and_load(data_dir: Path, vault: KeyVault, load_view: Callable[[], object] | None) -> Opening:
    """The opening off the GUI thread, then the code of the view the window opens on (navigation.ViewSpec.load),
    which the GUI thread would otherwise import while building the view: most views import the ORM's mapping of
    the tables with it (~60 ms); the agents list reads without it (load_file_code_in_background imports it)."""
    opening = open_by_keyring(data_dir, vault)
    if opening.store is not None and load_view is not None:
        try:
            load_view()
        except Exception as error:  # the store is open all the same: building the view says it (its message page)
            log.warning("ui.view_code_failed %s", type(error).__name__)
    return opening


def load_file_code_in_background(window: MainWindow) -> tasks.Task | None:
    """The code of an agent's file — its views, its services and the ORM's mapping of the tables —, imported off
    the GUI thread once the window has its content: every view leads to files, and the first one opened then
    takes ~100 ms on the GUI thread instead of ~190 (measured on the 10,000-agent store; ~80 ms more when the
    first view, the agents list, had not needed the mapping). After the integrity check: that one is SQLCipher's
    C code, which lets the GUI thread run, whereas an import holds the interpreter's lock — run beside the first
    view's filling, it delayed the list by ~90 ms (measured)."""
    if FILE_CODE in sys.modules:
        return None
    return tasks.submit(lambda: import_module(FILE_CODE), owner=window, writes=False)


def verify_in_background(window: MainWindow, store: "Store") -> tasks.Task | None:
    """The integrity check reading every page (~1 s per 100 MB) runs once the window is up, off the GUI thread;
    damage turns the store read-only and the window's banner says so. A lock stops it between its two steps
    (it is then still pending: the next opening checks again)."""
    if not store.integrity_pending:
        return None

    def checked(problems: list[str]) -> None:
        if problems and window.ws is not None and window.ws.store is store:
            window.show_store_state()  # the main window owns the read-only banner and its wording

    def failed(error: BaseException) -> None:  # the store was locked before the check could start
        log.info("store.integrity_check_skipped %s", type(error).__name__)

    return tasks.submit(store.integrity_steps, on_done=checked, on_error=failed, owner=window, writes=False)
