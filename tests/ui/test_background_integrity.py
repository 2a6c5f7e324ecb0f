"""Opened with the keyring, the store's full integrity check runs once the window is up; damage is then shown."""

from pathlib import Path

from cmc_desktop.data.errors import StoreReadOnly
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import AgentState, Statut
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.app import verify_in_background
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.opening import open_by_keyring
from tests.conftest import FAST_KDF, PASSPHRASE


def _store_with_pages(data_dir: Path, vault) -> None:
    store = Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF)
    with store.session() as s:
        s.add_all(AgentRow(pseudo_id=f"AG-{i:08d}", last_name="Nom" * 20, first_name="P", statut=Statut.TITULAIRE,
                           state=AgentState.ACTIF, private_notes="x" * 500) for i in range(200))
    store.close()


def _window(qtbot, store: Store, vault, ui_settings) -> MainWindow:
    window = MainWindow(Workspace(store), vault=vault, ui_settings=ui_settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_damage_found_after_the_window_shows_turns_it_read_only(qtbot, data_dir: Path, vault, ui_settings) -> None:
    _store_with_pages(data_dir, vault)
    path = data_dir / "store.db"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))
    store = open_by_keyring(data_dir, vault).store
    assert store is not None and store.integrity_pending and not store.read_only
    window = _window(qtbot, store, vault, ui_settings)
    assert window.read_only_banner.isHidden()
    verify_in_background(window, store)  # tasks run at once in these tests
    assert store.read_only and store.problems
    assert not window.read_only_banner.isHidden()
    assert str(StoreReadOnly(True)) in window.read_only_banner.text
    window.close()
    store.close()


def test_sound_store_stays_writable(qtbot, data_dir: Path, vault, ui_settings) -> None:
    _store_with_pages(data_dir, vault)
    store = open_by_keyring(data_dir, vault).store
    assert store is not None
    window = _window(qtbot, store, vault, ui_settings)
    verify_in_background(window, store)
    assert not store.read_only and not store.integrity_pending and window.read_only_banner.isHidden()
    assert verify_in_background(window, store) is None  # checked once
    window.close()
    store.close()
