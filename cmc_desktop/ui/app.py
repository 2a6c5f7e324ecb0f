"""Starting the application: Qt set-up in French, then open (or create) the store, then the main window."""

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ..data.errors import PassphraseRequired, StoreError
from ..data.keyfile import KdfParams
from ..data.store import DEFAULT_KDF, Store, StorePaths
from ..data.vault import KeyVault
from ..paths import APP_NAME, resource_path
from ..services.workspace import Workspace
from . import tasks
from .clipboard import confidential
from .main_window import MainWindow
from .resources import icon
from .settings_store import UiSettings
from .theme import apply_theme
from .unlock import FirstRunDialog, UnlockDialog, effective_vault

log = logging.getLogger(__name__)


def create_application(argv: list[str]) -> QApplication:
    """The QApplication (or the existing one, in tests), in French, themed."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # Fractional scale factors (125 %, 150 %) are drawn as such, not rounded: crisp on high-DPI laptops.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("cmc-desktop")
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(icon("cmc-desktop"))
    install_french(app)
    apply_theme(app)
    confidential().watch()
    return app


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


def open_store(data_dir: Path, vault: KeyVault, *, kdf: KdfParams = DEFAULT_KDF,
               parent: QWidget | None = None) -> Store | None:
    """Create the store on first run, else open it with the keyring silently, else ask the passphrase.
    None when the CMC quits instead. The keyring's store comes with its integrity check still to run
    (see `verify_in_background`)."""
    if not StorePaths(data_dir).exists():
        dialog: FirstRunDialog | UnlockDialog = FirstRunDialog(data_dir, vault, kdf=kdf, parent=parent)
    else:
        problem: StoreError | None = None
        try:
            return Store.unlock(data_dir, None, vault=vault, defer_integrity=True)
        except PassphraseRequired:
            pass
        except StoreError as error:  # missing or damaged files: say so in the dialog, which can retry
            problem = error
        dialog = UnlockDialog(data_dir, vault, error=problem, parent=parent)
    try:
        return dialog.store if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def run_app(data_dir: Path, argv: list[str]) -> int:
    app = create_application(argv)
    ui_settings = UiSettings()
    vault = KeyVault()
    store = open_store(data_dir, effective_vault(vault, ui_settings.keyring_enabled))
    if store is None:
        return 0
    window = MainWindow(Workspace(store), vault=vault, ui_settings=ui_settings)
    window.show()
    verify_in_background(window, store)
    try:
        return app.exec()
    finally:
        confidential().clear_if_ours()
        window.ws.store.close()
        ui_settings.sync()


def verify_in_background(window: MainWindow, store: Store) -> tasks.Task | None:
    """The integrity check reading every page (~1 s per 100 MB) runs once the window is up, off the GUI thread;
    damage turns the store read-only and the window's banner says so. (A lock waits for it, like any task.)"""
    if not store.integrity_pending:
        return None

    def checked(problems: list[str]) -> None:
        if problems and window.ws.store is store:
            window.show_store_state()  # the main window owns the read-only banner and its wording

    def failed(error: BaseException) -> None:  # the store was locked before the check could start
        log.info("store.integrity_check_skipped %s", type(error).__name__)

    return tasks.submit(store.verify_integrity, on_done=checked, on_error=failed, owner=window)
