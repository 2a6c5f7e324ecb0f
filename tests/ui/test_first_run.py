"""First run: the store is created with a phrase secrète typed twice, then its recovery code is shown once;
bad input says why and creates nothing."""

from pathlib import Path

from PySide6.QtCore import Qt

from cmc_desktop.data import recovery_code
from cmc_desktop.data.store import Store
from cmc_desktop.ui.unlock import FirstRunDialog
from tests.conftest import FAST_KDF, PASSPHRASE

from .helpers import assert_accessible, type_text
from .secret_helpers import keep_the_recovery_code, press, show_active, type_in_focus

NEW = "une autre phrase secrète"


def _dialog(qtbot, data_dir: Path, vault) -> FirstRunDialog:
    dialog = FirstRunDialog(data_dir, vault, kdf=FAST_KDF)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    return dialog


def test_typed_twice_then_entree_creates_the_store_and_shows_its_code(qtbot, data_dir: Path, no_vault) -> None:
    dialog = _dialog(qtbot, data_dir, no_vault)
    type_in_focus(PASSPHRASE)
    press(Qt.Key.Key_Tab)
    type_in_focus(PASSPHRASE)
    codes: list[str] = []
    keep_the_recovery_code(codes)
    press(Qt.Key.Key_Return)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.store is not None and not dialog.store.read_only
    assert dialog.store.recovery_code_created is not None
    dialog.store.close()
    assert dialog.first.text() == "" and dialog.second.text() == ""
    [code] = codes
    assert len(recovery_code.canonical(code)) == 26
    Store.unlock(data_dir, PASSPHRASE, vault=no_vault).close()
    Store.recover(data_dir, code, NEW, vault=no_vault).close()  # the code shown is the store's


def test_short_passphrase_is_refused_and_nothing_is_created(qtbot, data_dir: Path, no_vault) -> None:
    dialog = _dialog(qtbot, data_dir, no_vault)
    type_text(dialog.first, "trop court")
    dialog.second.setText("trop court")
    assert dialog.counter.text().endswith("10 caractères saisis, encore 2.")
    dialog.second.setFocus()
    press(Qt.Key.Key_Enter)  # the keypad's Entrée
    assert dialog.banner.text == "La phrase secrète doit compter au moins 12 caractères."
    assert dialog.isVisible() and dialog.store is None
    assert not data_dir.exists()


def test_different_confirmation_is_refused(qtbot, data_dir: Path, no_vault) -> None:
    dialog = _dialog(qtbot, data_dir, no_vault)
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE + "x")
    dialog.create_button.click()
    assert dialog.banner.text == "Les deux saisies de la nouvelle phrase secrète diffèrent. Retapez-les."
    assert not data_dir.exists()


def test_existing_folder_is_never_replaced(qtbot, store: Store, data_dir: Path, no_vault) -> None:
    before = (data_dir / "store.key").read_bytes()
    dialog = _dialog(qtbot, data_dir, no_vault)
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE)
    dialog.create_button.click()
    assert "existe déjà" in dialog.banner.text
    assert (data_dir / "store.key").read_bytes() == before


def test_the_counter_counts_without_plural_slips(qtbot, data_dir: Path, no_vault) -> None:
    dialog = _dialog(qtbot, data_dir, no_vault)
    assert dialog.counter.text().endswith("0 caractère saisi, encore 12.")
    dialog.first.setText("a")
    assert dialog.counter.text().endswith("1 caractère saisi, encore 11.")
    dialog.first.setText("a" * 11)
    assert dialog.counter.text().endswith("11 caractères saisis, encore 1.")
    dialog.first.setText("a" * 12)
    assert dialog.counter.text().endswith("12 caractères saisis.")


def test_first_run_explains_keyring_and_is_accessible(qtbot, data_dir: Path, no_vault, vault) -> None:
    without = _dialog(qtbot, data_dir, no_vault)
    assert "Aucun trousseau sécurisé" in "".join(label.text() for label in without.findChildren(type(without.counter)))
    with_keyring = _dialog(qtbot, data_dir, vault)
    assert "trousseau sécurisé du système" in "".join(
        label.text() for label in with_keyring.findChildren(type(with_keyring.counter)))
    names = [w.accessibleName() for w in assert_accessible(without)]
    assert "Phrase secrète" in names and "Confirmez la phrase secrète" in names
