"""First run: the store is created with a passphrase typed twice; bad input says why and creates nothing."""

from pathlib import Path

from cmc_desktop.data.store import Store
from cmc_desktop.ui.unlock import FirstRunDialog
from tests.conftest import FAST_KDF, PASSPHRASE

from .helpers import assert_accessible, type_text


def _dialog(qtbot, data_dir: Path, vault) -> FirstRunDialog:
    dialog = FirstRunDialog(data_dir, vault, kdf=FAST_KDF)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_first_run_creates_a_store_that_unlocks(qtbot, data_dir: Path, no_vault) -> None:
    dialog = _dialog(qtbot, data_dir, no_vault)
    type_text(dialog.first, PASSPHRASE)
    type_text(dialog.second, PASSPHRASE)
    dialog.create_button.click()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.store is not None and not dialog.store.read_only
    dialog.store.close()
    assert dialog.first.text() == "" and dialog.second.text() == ""
    Store.unlock(data_dir, PASSPHRASE, vault=no_vault).close()


def test_short_passphrase_is_refused_and_nothing_is_created(qtbot, data_dir: Path, no_vault) -> None:
    dialog = _dialog(qtbot, data_dir, no_vault)
    dialog.first.setText("trop court")
    dialog.second.setText("trop court")
    assert "encore 2" in dialog.counter.text()
    dialog.create_button.click()
    assert "au moins 12 caractères" in dialog.banner.text
    assert dialog.isVisible() and dialog.store is None
    assert not data_dir.exists()


def test_different_confirmation_is_refused(qtbot, data_dir: Path, no_vault) -> None:
    dialog = _dialog(qtbot, data_dir, no_vault)
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE + "x")
    dialog.create_button.click()
    assert "diffèrent" in dialog.banner.text
    assert not data_dir.exists()


def test_existing_folder_is_never_replaced(qtbot, store: Store, data_dir: Path, no_vault) -> None:
    before = (data_dir / "store.key").read_bytes()
    dialog = _dialog(qtbot, data_dir, no_vault)
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE)
    dialog.create_button.click()
    assert "existe déjà" in dialog.banner.text
    assert (data_dir / "store.key").read_bytes() == before


def test_first_run_explains_keyring_and_is_accessible(qtbot, data_dir: Path, no_vault, vault) -> None:
    without = _dialog(qtbot, data_dir, no_vault)
    assert "Aucun trousseau sécurisé" in "".join(label.text() for label in without.findChildren(type(without.counter)))
    with_keyring = _dialog(qtbot, data_dir, vault)
    assert "trousseau sécurisé du système" in "".join(
        label.text() for label in with_keyring.findChildren(type(with_keyring.counter)))
    names = [w.accessibleName() for w in assert_accessible(without)]
    assert "Phrase de récupération" in names and "Confirmez la phrase" in names
