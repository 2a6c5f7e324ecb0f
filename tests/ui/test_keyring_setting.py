"""Paramètres › Verrouillage et trousseau says what is true: without a secure keyring on the machine the box is
off, disabled and says why; with one, the line under the box follows the box. Real clicks and keys."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import SETTINGS
from cmc_desktop.ui.settings.security import KEYRING_OFF, KEYRING_ON, NO_KEYRING, SecuritySection
from cmc_desktop.ui.settings_store import UiSettings

from .secret_helpers import show_active


def _security(window: MainWindow) -> SecuritySection:
    section = window.show_view(SETTINGS).security
    window.show_view(SETTINGS).ensureWidgetVisible(section.keyring)
    return section


def test_without_a_secure_keyring_the_box_is_off_disabled_and_says_why(qtbot, window: MainWindow) -> None:
    assert not window.vault.available
    section = _security(window)
    box = section.keyring
    assert not box.isEnabled() and not box.isChecked()
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not box.isChecked()
    shown = section.keyring_state.text()
    assert shown == NO_KEYRING and "aucun trousseau sécurisé" in shown and "demandée à chaque ouverture" in shown
    assert "sans phrase" not in shown  # it used to promise an opening without the phrase under an unticked box
    assert box.accessibleDescription() == NO_KEYRING and box.toolTip() == NO_KEYRING
    assert box.grab().toImage() != _enabled_look(box)  # it looks disabled too


def _enabled_look(box) -> object:  # noqa: ANN001 - QCheckBox
    box.setEnabled(True)
    try:
        return box.grab().toImage()
    finally:
        box.setEnabled(False)


def test_with_a_secure_keyring_the_line_under_the_box_follows_it(qtbot, ws: Workspace, vault: KeyVault,
                                                                  ui_settings: UiSettings, store: Store) -> None:
    window = MainWindow(ws, vault=vault, ui_settings=ui_settings)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    section = _security(window)
    box = section.keyring
    assert box.isEnabled() and not box.isChecked() and section.keyring_state.text() == KEYRING_OFF
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    QTest.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() and vault.get(store.store_id) == store.raw_key
    assert section.keyring_state.text() == KEYRING_ON and box.accessibleDescription() == KEYRING_ON
    QTest.keyClick(box, Qt.Key.Key_Space)
    assert not box.isChecked() and vault.get(store.store_id) is None
    assert section.keyring_state.text() == KEYRING_OFF
    window.close()
