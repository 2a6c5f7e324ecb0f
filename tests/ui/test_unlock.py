"""Unlocking at start-up: keyring silently, else the passphrase; failures say why and change no file."""

from pathlib import Path

import pytest

from cmc_desktop.data import errors
from cmc_desktop.data.store import Store
from cmc_desktop.ui.opening import Opening, ask_for_store, open_by_keyring
from cmc_desktop.ui.unlock import UnlockDialog
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.data.helpers import digest_tree

from .helpers import assert_accessible, type_text, when_modal
from .secret_helpers import keep_the_recovery_code


@pytest.fixture
def closed(store: Store, data_dir: Path) -> Path:
    store.close()
    return data_dir


def open_store(data_dir: Path, vault, **options):
    """What the start-up does once the window is painted: the keyring, else the dialog."""
    opening = open_by_keyring(data_dir, vault)
    return opening.store or ask_for_store(data_dir, vault, opening, **options)


def _dialog(qtbot, data_dir: Path, vault, error=None) -> UnlockDialog:
    dialog = UnlockDialog(data_dir, vault, error=error)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_wrong_passphrase_says_so_and_changes_nothing(qtbot, closed: Path, no_vault) -> None:
    before = digest_tree(closed)
    dialog = _dialog(qtbot, closed, no_vault)
    type_text(dialog.prompt.field, "ce n'est pas la bonne phrase")
    dialog.prompt.button.click()
    assert dialog.prompt.banner.text == str(errors.WrongPassphrase())
    assert dialog.isVisible() and dialog.store is None
    assert dialog.prompt.field.isEnabled() and dialog.prompt.field.hasSelectedText()
    assert digest_tree(closed) == before
    dialog.prompt.field.setText(PASSPHRASE)  # a retry works
    dialog.prompt.button.click()
    assert dialog.store is not None
    dialog.store.close()


def test_empty_passphrase_is_not_tried(qtbot, closed: Path, no_vault) -> None:
    dialog = _dialog(qtbot, closed, no_vault)
    dialog.prompt.button.click()
    assert "Saisissez votre phrase" in dialog.prompt.banner.text


def test_right_passphrase_opens_and_wipes_the_field(qtbot, closed: Path, no_vault) -> None:
    dialog = _dialog(qtbot, closed, no_vault)
    type_text(dialog.prompt.field, PASSPHRASE)
    dialog.prompt.button.click()
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.prompt.field.text() == ""
    dialog.store.close()


@pytest.mark.parametrize("error", [
    errors.KeyFileMissing(), errors.DatabaseMissing(), errors.KeyFileInvalid("contenu malformé"),
    errors.NotAStore("le fichier est vide ou tronqué."), errors.KeyMismatch(), errors.StoreCorrupted(),
    errors.StoreTooNew("0099"), errors.StoreReadOnly(False), errors.DiskWriteFailed("disque plein"),
    errors.WeakPassphrase(12), errors.PassphraseRequired(),
])
def test_every_store_error_shows_its_french_message(qtbot, closed: Path, no_vault, error) -> None:
    dialog = _dialog(qtbot, closed, no_vault, error=error)
    assert dialog.prompt.banner.text == str(error)
    assert dialog.prompt.banner.isVisible()
    assert dialog.restore_button.isVisible() == isinstance(
        error, errors.StoreCorrupted | errors.KeyMismatch | errors.NotAStore | errors.DatabaseMissing)


def test_missing_key_file_is_reported_by_open_store(qtbot, closed: Path, no_vault) -> None:
    (closed / "store.key").rename(closed / "ailleurs.key")
    before = digest_tree(closed)
    opening = open_by_keyring(closed, no_vault)
    assert opening.store is None and isinstance(opening.problem, errors.KeyFileMissing)
    seen: list[str] = []

    def read_and_quit(dialog) -> None:
        seen.append(dialog.prompt.banner.text)
        dialog.reject()

    when_modal(read_and_quit)
    assert open_store(closed, no_vault) is None
    assert seen == [str(errors.KeyFileMissing())]
    assert digest_tree(closed) == before


def test_keyring_opens_silently(qtbot, data_dir: Path, vault) -> None:
    Store.create(data_dir, PASSPHRASE, vault=vault, kdf=FAST_KDF).close()
    opening = open_by_keyring(data_dir, vault)  # no dialog needed
    assert opening.store is not None and opening.store.integrity_pending
    opening.store.close()


def test_open_store_asks_the_passphrase_without_keyring(qtbot, closed: Path, no_vault) -> None:
    def unlock(dialog) -> None:
        dialog.prompt.field.setText(PASSPHRASE)
        dialog.prompt.button.click()

    when_modal(unlock)
    assert open_by_keyring(closed, no_vault) == Opening()
    store = open_store(closed, no_vault)
    assert store is not None and not store.read_only
    store.close()


def test_first_run_through_open_store(qtbot, data_dir: Path, no_vault) -> None:
    def create(dialog) -> None:
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        keep_the_recovery_code()
        dialog.create_button.click()

    when_modal(create)
    assert open_by_keyring(data_dir, no_vault) == Opening(first_run=True)
    store = open_store(data_dir, no_vault, kdf=FAST_KDF)
    assert store is not None
    store.close()
    assert (data_dir / "store.key").exists()


def test_damaged_store_can_be_restored_from_the_unlock_dialog(qtbot, store: Store, data_dir: Path, no_vault,
                                                               ws) -> None:
    from cmc_desktop.services.backup import make_backup

    backup = make_backup(ws).path
    store.close()
    (data_dir / "store.db").write_bytes((data_dir / "store.db").read_bytes()[:4096 * 2])
    with pytest.raises(errors.StoreError) as caught:
        Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    dialog = _dialog(qtbot, data_dir, no_vault, error=caught.value)
    assert dialog.restore_button.isVisible()
    dialog.prompt.field.setText(PASSPHRASE)
    from .helpers import answer_message_box

    answer_message_box("Restaurer")
    dialog.restore_from(backup)
    assert dialog.store is not None and not dialog.store.read_only
    dialog.store.close()


def test_unlock_dialog_is_accessible(qtbot, closed: Path, no_vault) -> None:
    dialog = _dialog(qtbot, closed, no_vault)
    controls = assert_accessible(dialog)
    assert dialog.prompt.field in controls
