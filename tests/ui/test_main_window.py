"""The main window: navigation, registry, shortcuts, size, status, settings file free of personal data."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from cmc_desktop.data.store import Store
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS, DASHBOARD, SETTINGS, Navigator, View, ViewRegistry, default_entries
from cmc_desktop.ui.settings import SettingsView
from cmc_desktop.ui.settings_store import UiSettings
from cmc_desktop.ui.widgets import ErrorBanner, PlaceholderView
from tests.conftest import MARKER, PASSPHRASE
from tests.data.helpers import files_containing

from .helpers import assert_accessible

LABELS = ["Tableau de bord", "Agents", "Entretiens", "Promotions BPP", "Agenda", "Synthèses", "Indicateurs",
          "Paramètres"]


class RecordingView(QWidget, View):
    """A feature view with every hook of View, recording the calls."""

    def __init__(self, ws: Workspace, navigator: Navigator) -> None:
        super().__init__()
        self.ws, self.navigator = ws, navigator
        self.calls: list[tuple] = []
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Rechercher")

    def open_item(self, target_id: int | None) -> None:
        self.calls.append(("open_item", target_id))

    def focus_search(self) -> None:
        self.calls.append(("focus_search",))
        self.search.setFocus()

    def create_new(self) -> None:
        self.calls.append(("create_new",))

    def refresh(self) -> None:
        self.calls.append(("refresh",))


def _registry() -> ViewRegistry:
    registry = ViewRegistry(default_entries())
    registry.register(AGENTS, "Agents", "agents", RecordingView)
    registry.register(SETTINGS, "Paramètres", "parametres", SettingsView)
    return registry


def _window(qtbot, ws, no_vault, ui_settings, registry=None) -> MainWindow:
    win = MainWindow(ws, vault=no_vault, ui_settings=ui_settings, registry=registry or _registry())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)  # window shortcuts need the active window
    return win


def test_navigation_lists_the_seven_views_with_placeholders(qtbot, ws, no_vault, ui_settings) -> None:
    window = _window(qtbot, ws, no_vault, ui_settings)  # the test registry: the dashboard is not registered
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == LABELS
    assert all(not window.nav.item(i).icon().isNull() for i in range(window.nav.count()))
    assert window.current_key == DASHBOARD
    placeholder = window.current_view()
    assert isinstance(placeholder, PlaceholderView)
    assert "Bientôt disponible" in [label.text() for label in placeholder.findChildren(QLabel)]
    window.nav.setCurrentRow(LABELS.index("Paramètres"))
    assert isinstance(window.current_view(), SettingsView) and window.current_view().isVisible()


def test_one_line_registers_a_view_and_the_navigator_opens_items(qtbot, ws, no_vault, ui_settings) -> None:
    win = _window(qtbot, ws, no_vault, ui_settings)
    view = win.navigator.open(AGENTS, 42)
    assert isinstance(view, RecordingView) and view.isVisible()
    assert view.calls == [("open_item", 42)]
    assert win.nav.currentRow() == 1
    win.show_view(DASHBOARD)
    win.show_view(AGENTS)
    assert view.calls[-1] == ("refresh",)
    assert win.windowTitle() == "Agents"  # the platform adds « — cmc-desktop », the title does not repeat it


def test_shortcuts_switch_views_and_reach_the_current_view(qtbot, ws, no_vault, ui_settings) -> None:
    win = _window(qtbot, ws, no_vault, ui_settings)
    for index in range(7):
        QTest.keyClick(win, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert win.current_key == win.registry.specs()[index].key
    QTest.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = win.current_view()
    QTest.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert ("focus_search",) in view.calls and ("create_new",) in view.calls
    assert view.search.hasFocus()
    QTest.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # placeholder: nothing to call, no error


def test_window_fits_a_1366x768_laptop(window: MainWindow) -> None:
    for key in (DASHBOARD, SETTINGS):
        window.show_view(key)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 700, (key, hint)


def test_a_failing_view_shows_a_message_and_the_window_stays_usable(qtbot, ws, no_vault, ui_settings) -> None:
    def broken(ws, navigator):
        raise ValueError(MARKER)

    registry = _registry()
    registry.register(AGENTS, "Agents", "agents", broken)
    win = _window(qtbot, ws, no_vault, ui_settings, registry)
    view = win.show_view(AGENTS)
    text = view.findChild(ErrorBanner).text
    assert "n'a pas pu s'ouvrir" in text and MARKER not in text
    win.show_view(AGENTS)
    assert win.view_stack.count() == 2  # the placeholder dashboard and one message page
    win.show_view(SETTINGS)
    assert isinstance(win.current_view(), SettingsView)


def test_status_bar_and_read_only_banner(qtbot, store: Store, data_dir: Path, no_vault, ui_settings, clock) -> None:
    store.close()
    path = data_dir / "store.db"
    with path.open("r+b") as handle:  # one flipped bit in a page near the end: opens read-only
        handle.seek(path.stat().st_size - 4096 * 2 + 200)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0x10]))
    damaged = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    assert damaged.read_only
    win = _window(qtbot, Workspace(damaged, clock), no_vault, ui_settings)
    assert win.read_only_banner.isVisible() and "lecture seule" in win.read_only_banner.text
    assert "lecture seule" in win.store_state.text()


def test_status_bar_shows_the_store_state(window: MainWindow) -> None:
    assert window.store_state.text() == "Dossier chiffré ouvert"
    assert "5 min" in window.lock_hint.text()
    assert not window.read_only_banner.isVisible()


def test_geometry_and_last_view_are_remembered_and_hold_no_personal_data(
        qtbot, ws, no_vault, tmp_path: Path) -> None:
    ini = tmp_path / "interface" / "interface.ini"
    settings = UiSettings(ini)
    win = _window(qtbot, ws, no_vault, settings)
    view = win.navigator.open(AGENTS, 7)
    view.search.setText(MARKER)
    win.show_view(SETTINGS)
    win.current_view().security.auto_lock.setValue(12)
    win.lock()
    win.lock_screen.prompt.field.setText(PASSPHRASE)
    win.lock_screen.prompt.button.click()
    win.navigator.open(AGENTS, 8).search.setText(MARKER)
    win.resize(1200, 700)
    win.close()
    reopened = UiSettings(ini)
    assert reopened.geometry is not None and reopened.last_view == AGENTS and reopened.auto_lock_minutes == 12
    assert ini.is_file() and files_containing(ini.parent, MARKER) == []


def test_hand_edited_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "interface.ini"
    path.write_text("[securite]\nverrouillage_minutes=-3\ncle_dans_trousseau=peut-etre\n"
                    "[fenetre]\ngeometrie=@ByteArray(\\x1)\nderniere_vue=\\x00\\x01\n", encoding="utf-8")
    settings = UiSettings(path)
    assert settings.auto_lock_minutes == 5
    assert settings.keyring_enabled
    assert settings.last_view is None or settings.last_view.isascii()


def test_main_window_and_settings_are_accessible(window: MainWindow) -> None:
    controls = assert_accessible(window.frame)
    assert window.nav in controls and window.frame.lock_button in controls
    window.show_view(SETTINGS)
    names = [c.accessibleName() or "" for c in assert_accessible(window.current_view())]
    assert len(names) > 8


def test_a_view_that_does_not_declare_view_is_refused_with_a_message(qtbot, ws, no_vault, ui_settings) -> None:
    """The window only calls what navigation.View declares: a plain QWidget registered by mistake is not shown
    half-working, it says it could not open."""
    class Undeclared(QWidget):
        def __init__(self, ws, navigator) -> None:
            super().__init__()

    registry = _registry()
    registry.register(AGENTS, "Agents", "agents", Undeclared)
    win = _window(qtbot, ws, no_vault, ui_settings, registry)
    page = win.show_view(AGENTS)
    assert not isinstance(page, Undeclared)
    assert "n'a pas pu s'ouvrir" in page.findChild(ErrorBanner).text
