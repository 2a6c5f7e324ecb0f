"""Start-up: the main window is on screen first, the store opens behind it (keyring, else a dialog over it)."""

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QListWidget

from cmc_desktop.data import errors
from cmc_desktop.data.store import Store
from cmc_desktop.ui import app
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS, DASHBOARD, REGISTRY, ViewRegistry, default_entries
from cmc_desktop.ui.opening import Opening
from cmc_desktop.ui.unlock import FirstRunDialog, UnlockDialog
from cmc_desktop.ui.widgets import ErrorBanner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.data.helpers import read_only_folder
from tests.data.test_open_failures import fill
from tests.services.helpers import tiny_tmpfs

from .helpers import when_modal
from .secret_helpers import keep_the_recovery_code


def _opening_window(qtbot, data_dir: Path, vault, ui_settings) -> MainWindow:
    window = MainWindow(None, vault=vault, ui_settings=ui_settings, data_dir=data_dir)
    qtbot.addWidget(window)
    return window


def _start(qtbot, window: MainWindow, data_dir: Path, vault) -> None:
    """What run_app does: show the window, open the store once it is painted."""
    window.show()
    app.open_when_painted(window, data_dir, vault, kdf=FAST_KDF)


def test_window_shows_its_opening_screen_and_nothing_else_before_the_store(qtbot, data_dir: Path, vault,
                                                                            ui_settings) -> None:
    window = _opening_window(qtbot, data_dir, vault, ui_settings)
    assert window.ws is None and window.locked
    assert window.pages.currentWidget() is window.opening_screen
    assert window.store_state.text() == "Ouverture du dossier chiffré…"
    assert window.pages.count() == 1 and not window.findChildren(QListWidget)  # no navigation, no view yet
    assert window.frame is None and not window.idle.active  # no content, hence no content shortcut
    window.lock()  # Ctrl+L before the store is open: nothing to close, no error
    assert window.pages.currentWidget() is window.opening_screen
    with pytest.raises(ValueError):
        MainWindow(None, vault=vault, ui_settings=ui_settings)


def test_keyring_opens_the_store_behind_the_painted_window(qtbot, data_dir: Path, vault, ui_settings) -> None:
    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    ui_settings.last_view = AGENTS
    window = _opening_window(qtbot, data_dir, vault, ui_settings)
    painted = []
    window.opening_screen.painted.connect(lambda: painted.append(window.ws))
    _start(qtbot, window, data_dir, vault)
    qtbot.waitUntil(lambda: not window.locked)
    assert painted == [None]  # the opening screen was on screen before the store existed in the window
    assert window.pages.currentWidget() is window.frame and window.opening_screen is None
    assert window.current_key == AGENTS and window.current_view() is not None
    assert window.store_state.text() == "Dossier chiffré ouvert"
    assert window.idle.active and all(shortcut.isEnabled() for shortcut in window.frame.shortcuts)
    assert not window.ws.store.integrity_pending  # the full check ran once the window was up
    window.close()


def _loading_registry(loaded: list[str]) -> ViewRegistry:
    """The application's views, each one's code loading reported in `loaded`."""
    registry = ViewRegistry(default_entries())
    for spec in REGISTRY.specs():
        assert spec.factory is not None and spec.load is not None
        registry.register(spec.key, spec.label, spec.icon, spec.factory,
                          lambda load=spec.load, key=spec.key: (loaded.append(key), load()))
    return registry


@pytest.mark.parametrize("last_view", [AGENTS, DASHBOARD])
def test_the_opening_loads_the_code_of_the_view_the_window_opens_on(qtbot, data_dir: Path, vault, ui_settings,
                                                                     last_view: str) -> None:
    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    ui_settings.last_view = last_view
    loaded: list[str] = []
    window = MainWindow(None, vault=vault, ui_settings=ui_settings, data_dir=data_dir,
                        registry=_loading_registry(loaded))
    qtbot.addWidget(window)
    window.opening_screen.painted.connect(lambda: loaded.append("painted"))
    _start(qtbot, window, data_dir, vault)
    qtbot.waitUntil(lambda: not window.locked)
    assert loaded == ["painted", last_view] and window.current_key == last_view
    window.close()


def test_view_code_that_fails_to_load_leaves_the_store_open_and_the_view_says_it(qtbot, data_dir: Path, vault,
                                                                                   ui_settings) -> None:
    def broken_load() -> None:
        raise ImportError("module cassé")

    def broken_view(ws, navigator):
        broken_load()

    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    ui_settings.last_view = AGENTS
    registry = ViewRegistry(default_entries())
    registry.register(AGENTS, "Agents", "agents", broken_view, broken_load)
    window = MainWindow(None, vault=vault, ui_settings=ui_settings, data_dir=data_dir, registry=registry)
    qtbot.addWidget(window)
    _start(qtbot, window, data_dir, vault)
    qtbot.waitUntil(lambda: not window.locked)
    assert window.ws is not None and QApplication.activeModalWidget() is None  # no unlock dialog: it is open
    assert "n'a pas pu s'ouvrir" in window.view_stack.currentWidget().findChild(ErrorBanner).text
    window.close()


def test_no_view_code_is_loaded_while_the_cmc_types_her_passphrase(qtbot, data_dir: Path, no_vault,
                                                                   ui_settings) -> None:
    """The unlock dialog is shown as soon as the opening finds no key: nothing is imported before it."""
    Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF).close()
    loaded: list[str] = []
    window = MainWindow(None, vault=no_vault, ui_settings=ui_settings, data_dir=data_dir,
                        registry=_loading_registry(loaded))
    qtbot.addWidget(window)
    asked: list[list[str]] = []

    def unlock(dialog) -> None:
        asked.append(list(loaded))
        dialog.prompt.field.setText(PASSPHRASE)
        dialog.prompt.button.click()

    when_modal(unlock)
    _start(qtbot, window, data_dir, no_vault)
    qtbot.waitUntil(lambda: not window.locked)
    assert asked == [[]] and window.current_view() is not None
    window.close()


def test_without_key_the_unlock_dialog_asks_over_the_window(qtbot, data_dir: Path, no_vault, ui_settings) -> None:
    Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF).close()
    window = _opening_window(qtbot, data_dir, no_vault, ui_settings)
    seen: list[tuple[type, object, bool]] = []

    def unlock(dialog) -> None:
        seen.append((type(dialog), dialog.parent(), window.isVisible()))
        assert window.opening_screen.progress.isHidden()  # behind the dialog, nothing pretends to load
        assert window.opening_screen.text.text() == "Saisissez votre phrase secrète dans la fenêtre ouverte."
        dialog.prompt.field.setText(PASSPHRASE)
        dialog.prompt.button.click()

    when_modal(unlock)
    _start(qtbot, window, data_dir, no_vault)
    qtbot.waitUntil(lambda: not window.locked)
    assert seen == [(UnlockDialog, window, True)]
    assert window.ws.store.paths.root == data_dir and not window.ws.store.read_only
    window.close()


def test_first_run_creates_the_store_over_the_window(qtbot, data_dir: Path, no_vault, ui_settings) -> None:
    window = _opening_window(qtbot, data_dir, no_vault, ui_settings)

    def create(dialog) -> None:
        assert isinstance(dialog, FirstRunDialog)
        assert window.opening_screen.text.text() == "Créez votre dossier chiffré dans la fenêtre ouverte."
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        keep_the_recovery_code()
        dialog.create_button.click()

    when_modal(create)
    _start(qtbot, window, data_dir, no_vault)
    qtbot.waitUntil(lambda: not window.locked)
    assert (data_dir / "store.key").exists() and window.ws is not None
    window.close()


def test_quitting_the_dialog_closes_the_window(qtbot, data_dir: Path, no_vault, ui_settings) -> None:
    Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF).close()
    window = _opening_window(qtbot, data_dir, no_vault, ui_settings)
    when_modal(lambda dialog: dialog.reject())
    _start(qtbot, window, data_dir, no_vault)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.ws is None and QApplication.activeModalWidget() is None


def _message_then_quit(qtbot, data_dir: Path, vault, ui_settings) -> list[str]:
    """Start, read the unlock dialog's message, quit it: the window closes."""
    window = _opening_window(qtbot, data_dir, vault, ui_settings)
    seen: list[str] = []

    def read_and_quit(dialog) -> None:
        seen.append(dialog.prompt.banner.text)
        dialog.reject()

    when_modal(read_and_quit)
    _start(qtbot, window, data_dir, vault)
    qtbot.waitUntil(lambda: not window.isVisible())
    return seen


def test_a_damaged_store_is_said_in_the_dialog(qtbot, data_dir: Path, vault, ui_settings) -> None:
    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    (data_dir / "store.key").rename(data_dir / "ailleurs.key")
    assert _message_then_quit(qtbot, data_dir, vault, ui_settings) == [str(errors.KeyFileMissing())]


def test_an_unexpected_failure_is_said_in_the_dialog_too(qtbot, data_dir: Path, vault, ui_settings,
                                                          monkeypatch) -> None:
    def broken(*_args) -> Opening:
        raise OSError(13, "Permission non accordée")

    monkeypatch.setattr(app, "open_by_keyring", broken)
    seen = _message_then_quit(qtbot, data_dir, vault, ui_settings)
    assert len(seen) == 1 and seen[0] and "Traceback" not in seen[0]


def test_an_unpainted_window_opens_the_store_after_a_delay_and_a_closed_one_closes_it(
        qtbot, data_dir: Path, vault, ui_settings, monkeypatch) -> None:
    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    opened: list[Store] = []
    real = app.open_by_keyring

    def opening(*args) -> Opening:
        result = real(*args)
        opened.append(result.store)
        return result

    monkeypatch.setattr(app, "open_by_keyring", opening)
    window = _opening_window(qtbot, data_dir, vault, ui_settings)  # never shown: never painted
    app.open_when_painted(window, data_dir, vault)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=app.OPEN_AT_THE_LATEST_MS + 2000)
    assert window.ws is None  # nobody to show it to: the store was closed again
    with pytest.raises(errors.StoreError):
        _ = opened[0].raw_key


def test_the_log_says_how_the_store_opened_without_a_path(tmp_path: Path) -> None:
    problem = errors.KeyFileMissing()
    assert [Opening(first_run=True).outcome, Opening().outcome, Opening(problem=problem).outcome] == [
        "first_run", "passphrase", "problem KeyFileMissing"]
    assert str(tmp_path) not in Opening(problem=OSError(2, "absent", str(tmp_path))).outcome


def _message_and_offers(qtbot, data_dir: Path, vault, ui_settings) -> tuple[str, bool]:
    """Start; what the unlock dialog says, and whether it offers a restore; then quit."""
    window = _opening_window(qtbot, data_dir, vault, ui_settings)
    seen: list[tuple[str, bool]] = []

    def read_and_quit(dialog) -> None:
        seen.append((dialog.prompt.banner.text, dialog.restore_button.isVisible()))
        dialog.reject()

    when_modal(read_and_quit)
    _start(qtbot, window, data_dir, vault)
    qtbot.waitUntil(lambda: not window.isVisible())
    [found] = seen
    return found


@pytest.mark.skipif(sys.platform == "win32", reason="montages et modes POSIX")
def test_a_read_only_folder_is_said_and_nothing_destructive_is_offered(qtbot, data_dir: Path, vault,
                                                                       ui_settings) -> None:
    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    with read_only_folder(data_dir):
        message, restore_offered = _message_and_offers(qtbot, data_dir, vault, ui_settings)
    assert message == str(errors.DataDirReadOnly()) and not restore_offered


def test_a_full_disk_is_said_and_nothing_destructive_is_offered(qtbot, tmp_path: Path, vault, ui_settings) -> None:
    with tiny_tmpfs(tmp_path / "disque", 1024) as disk:
        data_dir = disk / "donnees"
        Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
        fill(disk / "remplissage")
        message, restore_offered = _message_and_offers(qtbot, data_dir, vault, ui_settings)
    assert message == str(errors.DiskFull()) and not restore_offered


def test_a_data_dir_that_is_a_file_is_said_not_a_first_run(qtbot, tmp_path: Path, vault, ui_settings) -> None:
    a_file = tmp_path / "fichier"
    a_file.write_text("rien")
    message, restore_offered = _message_and_offers(qtbot, a_file, vault, ui_settings)
    assert message == str(errors.DataDirNotADirectory()) and not restore_offered
    assert a_file.read_text() == "rien"
