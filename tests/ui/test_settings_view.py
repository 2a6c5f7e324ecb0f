"""Paramètres: passphrase change, backups and restore, journal, retention purge, provider mode, lock delay."""

from datetime import date
from pathlib import Path

import pytest

from cmc_desktop.data.errors import WrongPassphrase
from cmc_desktop.data.repositories import audit
from cmc_desktop.data.store import Store
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.services.retention import due_for_purge, retention_months
from cmc_desktop.services.store_settings import PROVIDER_MODE, get_bool
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import SETTINGS
from cmc_desktop.ui.settings import SettingsView
from tests.conftest import MARKER, PASSPHRASE
from tests.services.helpers import seed_agent

from .helpers import answer_message_box, when_modal

NEW_PASSPHRASE = "une toute nouvelle phrase à retenir"


@pytest.fixture
def settings_view(window: MainWindow) -> SettingsView:
    view = window.show_view(SETTINGS)
    assert isinstance(view, SettingsView)
    return view


def _unlock(window: MainWindow, passphrase: str) -> None:
    window.lock_screen.prompt.field.setText(passphrase)
    window.lock_screen.prompt.button.click()


def test_passphrase_change_then_unlock_with_the_new_one(window: MainWindow, settings_view: SettingsView, ws,
                                                        data_dir: Path) -> None:
    security = settings_view.security
    security.current.setText(PASSPHRASE)
    security.new.setText(NEW_PASSPHRASE)
    security.confirmation.setText(NEW_PASSPHRASE)
    security.change_button.click()
    assert "Phrase secrète changée" in security.banner.text
    assert security.current.text() == security.new.text() == ""
    with ws.store.session() as s:
        assert [e.code for e in audit.entries(s)][-1] == AuditCode.PASSPHRASE_CHANGED
    window.lock()
    _unlock(window, PASSPHRASE)
    assert window.locked and window.lock_screen.prompt.banner.text == str(WrongPassphrase())
    _unlock(window, NEW_PASSPHRASE)
    assert not window.locked


@pytest.mark.parametrize(("current", "new", "confirmation", "message"), [
    ("", NEW_PASSPHRASE, NEW_PASSPHRASE, "phrase secrète actuelle"),
    (PASSPHRASE, "court", "court", "au moins 12"),
    (PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE + "!", "diffèrent"),
    (PASSPHRASE, PASSPHRASE, PASSPHRASE, "identique"),
    ("phrase inexacte mais longue", NEW_PASSPHRASE, NEW_PASSPHRASE, "incorrecte"),
])
def test_bad_passphrase_changes_are_refused(settings_view: SettingsView, data_dir: Path, current, new,
                                            confirmation, message) -> None:
    key_file = (data_dir / "store.key").read_bytes()
    security = settings_view.security
    security.current.setText(current)
    security.new.setText(new)
    security.confirmation.setText(confirmation)
    security.change_button.click()
    assert message in security.banner.text and security.banner.kind == "error"
    assert (data_dir / "store.key").read_bytes() == key_file


def test_backup_now_lists_it(settings_view: SettingsView, data_dir: Path) -> None:
    backups = settings_view.backups
    assert not backups.restore_button.isEnabled()
    backups.create_button.click()
    files = list((data_dir / "backups").glob("sauvegarde-*.db"))
    assert len(files) == 1 and backups.backups[0].path == files[0]
    assert "créée et vérifiée" in backups.banner.text
    assert backups.table.rowCount() == 1 and "/" in backups.table.item(0, 0).text()
    backups.table.selectRow(0)
    assert backups.restore_button.isEnabled()


def test_restore_brings_back_the_backup_and_reopens(qtbot, window: MainWindow, settings_view: SettingsView,
                                                    ws) -> None:
    settings_view.provider.toggle.setChecked(True)
    settings_view.backups.create_button.click()
    settings_view.provider.toggle.setChecked(False)
    assert not get_bool(ws, PROVIDER_MODE, True)

    def restore(dialog) -> None:
        dialog.field.setText("pas la phrase du tout")
        dialog.confirm_button.click()
        assert dialog.isVisible() and "incorrecte" in dialog.banner.text
        dialog.field.setText(PASSPHRASE)
        dialog.confirm_button.click()

    when_modal(restore)
    settings_view.backups.restore(settings_view.backups.backups[0].path)
    assert not window.locked and window.current_key == SETTINGS
    assert get_bool(ws, PROVIDER_MODE, False) is True  # the backup's value
    assert window.current_view() is not settings_view  # rebuilt on the reopened store
    assert window.current_view().provider.toggle.isChecked()
    assert "restaurée" in window.toast.text


def test_refused_restore_leaves_the_store_and_says_why(qtbot, window: MainWindow, settings_view: SettingsView,
                                                       ws, tmp_path: Path) -> None:
    bogus = tmp_path / "sauvegarde-20260101T000000Z.db"
    bogus.write_bytes(b"\0" * 8192)
    settings_view.provider.toggle.setChecked(True)

    def confirm(dialog) -> None:
        dialog.field.setText(PASSPHRASE)
        dialog.confirm_button.click()

    when_modal(confirm)
    settings_view.backups.restore(bogus)
    assert not window.locked
    assert window.message_banner.isVisible() and "n'a pas été modifié" in window.message_banner.text
    assert get_bool(ws, PROVIDER_MODE, False) is True


def test_journal_verification(settings_view: SettingsView) -> None:
    settings_view.journal.verify_button.click()
    assert settings_view.journal.banner.text.startswith("Journal d'audit intact")


def test_retention_preview_and_purge(qtbot, settings_view: SettingsView, ws) -> None:
    seed_agent(ws.store, "AG-00000001", MARKER, ended_on=date(2020, 1, 15))
    seed_agent(ws.store, "AG-00000002", "Encore suivi")
    retention = settings_view.retention
    retention.months.setValue(36)
    retention.months.editingFinished.emit()
    assert retention_months(ws) == 36
    retention.preview_button.click()
    assert retention.table.rowCount() == 1 and retention.table.item(0, 0).text() == "AG-00000001"
    assert retention.table.item(0, 1).text() == "15/01/2020" and retention.purge_button.isEnabled()
    answer_message_box("Annuler")
    retention.purge_button.click()
    assert len(due_for_purge(ws)) == 1
    answer_message_box("Purger définitivement")
    retention.purge_button.click()
    assert due_for_purge(ws) == [] and "1 dossier purgé." in retention.banner.text
    assert not retention.purge_button.isEnabled()


def test_provider_mode_is_kept_in_the_store(settings_view: SettingsView, ws) -> None:
    assert get_bool(ws, PROVIDER_MODE, False) is False
    settings_view.provider.toggle.setChecked(True)
    assert get_bool(ws, PROVIDER_MODE, False) is True


def test_auto_lock_delay_applies_at_once(window: MainWindow, settings_view: SettingsView, ui_settings) -> None:
    settings_view.security.auto_lock.setValue(15)
    assert ui_settings.auto_lock_minutes == 15 and window.idle.timeout_s == 15 * 60
    assert "15 min" in window.lock_hint.text()


def test_keyring_toggle(qtbot, ws, vault, ui_settings, store: Store) -> None:
    win = MainWindow(ws, vault=vault, ui_settings=ui_settings)
    qtbot.addWidget(win)
    view = win.show_view(SETTINGS)
    toggle = view.security.keyring
    assert toggle.isEnabled() and not toggle.isChecked()  # the store was made without a keyring
    toggle.setChecked(True)
    assert vault.get(store.store_id) == store.raw_key and ui_settings.keyring_enabled
    toggle.setChecked(False)
    assert vault.get(store.store_id) is None and not ui_settings.keyring_enabled
    win.lock()
    _unlock(win, PASSPHRASE)
    assert vault.get(store.store_id) is None  # a turned-off keyring is not refilled by unlocking


def test_keyring_toggle_is_off_without_a_secure_keyring(settings_view: SettingsView) -> None:
    assert not settings_view.security.keyring.isEnabled()
