"""Entrée and Échap in every dialog that asks a secret, pressed on the focused widget as a person does —
including while the dialog is busy (its background work held): Entrée does the main action, never another
button; while busy it does nothing; Échap cancels."""

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from cmc_desktop.data import recovery_code
from cmc_desktop.data.errors import WrongPassphrase, WrongRecoveryCode
from cmc_desktop.data.store import Store
from cmc_desktop.services.recovery import create_recovery_code
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.lock import PassphraseCheckDialog
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.recovery import RecoverDialog, RecoveryCodeDialog
from cmc_desktop.ui.unlock import FirstRunDialog, UnlockDialog
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.data.helpers import names
from tests.pdf.samples import all_text
from tests.pdf.test_recovery_kit import printed_code

from .secret_helpers import (
    HeldTasks,
    focused,
    hold_tasks,
    keep_the_recovery_code,
    press,
    show_active,
    type_in_focus,
    when_focused_modal,
)

NEW = "une nouvelle phrase secrète"
ENTER_KEYS = [Qt.Key.Key_Return, Qt.Key.Key_Enter]


@pytest.fixture
def held_tasks() -> Iterator[HeldTasks]:
    yield from hold_tasks()


def _finished(dialog: QDialog) -> list[int]:
    """The results the dialog finished with, as they come."""
    results: list[int] = []
    dialog.finished.connect(results.append)
    return results


@pytest.fixture
def closed(store: Store, data_dir: Path) -> Path:
    store.close()
    return data_dir


def _unlock_dialog(qtbot, data_dir: Path, vault) -> UnlockDialog:
    dialog = UnlockDialog(data_dir, vault)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert focused() is dialog.prompt.field
    return dialog


# ----- the unlock dialog --------------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ENTER_KEYS)
def test_entree_unlocks_and_never_quits_while_busy(qtbot, closed: Path, no_vault, held_tasks: HeldTasks,
                                                   key: Qt.Key) -> None:
    """The bug: once the field and « Déverrouiller » were disabled, Entrée went to « Quitter »."""
    dialog = _unlock_dialog(qtbot, closed, no_vault)
    finished = _finished(dialog)
    type_in_focus(PASSPHRASE)
    press(key)
    assert dialog.isVisible() and finished == []
    assert len(held_tasks.pending) == 1 and dialog.prompt.busy
    assert focused() is dialog.prompt.field  # the focus did not move on to a button
    press(key)
    press(key)
    assert len(held_tasks.pending) == 1 and dialog.isVisible() and finished == []  # nothing else happened
    held_tasks.release()
    assert finished == [QDialog.DialogCode.Accepted] and dialog.store is not None
    dialog.store.close()


def test_entree_with_a_wrong_passphrase_says_so_and_keeps_the_dialog(qtbot, closed: Path, no_vault,
                                                                    held_tasks: HeldTasks) -> None:
    dialog = _unlock_dialog(qtbot, closed, no_vault)
    type_in_focus("pas la bonne phrase")
    press(Qt.Key.Key_Return)
    held_tasks.release()
    assert dialog.isVisible() and dialog.prompt.banner.text == str(WrongPassphrase())
    assert focused() is dialog.prompt.field and dialog.prompt.field.hasSelectedText()
    type_in_focus(PASSPHRASE)  # replaces the selection
    press(Qt.Key.Key_Return)
    held_tasks.release()
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.store.close()


def test_echap_quits_and_a_store_opening_meanwhile_is_closed(qtbot, closed: Path, no_vault,
                                                             held_tasks: HeldTasks) -> None:
    dialog = _unlock_dialog(qtbot, closed, no_vault)
    type_in_focus(PASSPHRASE)
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    held_tasks.release()  # the unlock finishes after the CMC quit
    assert dialog.store is None
    assert names(closed) == ["store.db", "store.key"]  # closed: no -wal/-shm of an open store remain


def test_space_on_quitter_quits(qtbot, closed: Path, no_vault) -> None:
    dialog = _unlock_dialog(qtbot, closed, no_vault)
    for _ in range(10):
        if focused() is dialog.quit_button:
            break
        press(Qt.Key.Key_Tab)
    assert focused() is dialog.quit_button and not dialog.quit_button.autoDefault()
    press(Qt.Key.Key_Space)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_only_the_main_button_is_default(qtbot, closed: Path, no_vault) -> None:
    dialog = _unlock_dialog(qtbot, closed, no_vault)
    buttons = dialog.prompt.buttons.buttons()
    assert [b.text() for b in buttons if b.isDefault()] == ["Déverrouiller"]
    assert [b.text() for b in buttons if b.autoDefault() and b is not dialog.prompt.button] == []


# ----- « Phrase secrète oubliée ? » -------------------------------------------------------------------------

@pytest.fixture
def with_code(store: Store, data_dir: Path) -> tuple[Path, str]:
    code = create_recovery_code(Workspace(store), PASSPHRASE).code
    store.close()
    return data_dir, code


def test_forgotten_passphrase_code_then_new_phrase_twice_then_entree(qtbot, with_code: tuple[Path, str],
                                                                     no_vault) -> None:
    data_dir, code = with_code
    dialog = _unlock_dialog(qtbot, data_dir, no_vault)

    def recover(recovery: QDialog) -> None:
        assert isinstance(recovery, RecoverDialog) and focused() is recovery.code
        type_in_focus("ABCD")  # a slip first: said, nothing changed
        press(Qt.Key.Key_Return)
        assert "il en a été saisi 4" in recovery.banner.text and recovery.isVisible()
        recovery.code.clear()
        type_in_focus(code.lower())
        press(Qt.Key.Key_Tab)
        type_in_focus(NEW)
        press(Qt.Key.Key_Tab)
        type_in_focus(NEW)
        press(Qt.Key.Key_Enter)

    when_focused_modal(recover)
    dialog.forgot_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.store is not None
    dialog.store.close()
    Store.unlock(data_dir, NEW, vault=no_vault).close()
    with pytest.raises(WrongPassphrase):
        Store.unlock(data_dir, PASSPHRASE, vault=no_vault)


def test_forgotten_passphrase_echap_goes_back_and_a_wrong_code_changes_nothing(
        qtbot, with_code: tuple[Path, str], no_vault, held_tasks: HeldTasks) -> None:
    data_dir, code = with_code
    key_file = (data_dir / "store.key").read_bytes()
    dialog = _unlock_dialog(qtbot, data_dir, no_vault)
    def wrong_then_cancel(recovery: QDialog) -> None:
        type_in_focus(recovery_code.generate())  # well formed, not this store's
        press(Qt.Key.Key_Tab)
        type_in_focus(NEW)
        press(Qt.Key.Key_Tab)
        type_in_focus(NEW)
        press(Qt.Key.Key_Return)
        press(Qt.Key.Key_Return)  # busy: nothing more
        assert len(held_tasks.pending) == 1
        held_tasks.release()
        assert recovery.banner.text == str(WrongRecoveryCode()) and focused() is recovery.code
        press(Qt.Key.Key_Escape)

    when_focused_modal(wrong_then_cancel)
    dialog.forgot_button.click()
    assert dialog.isVisible() and dialog.store is None
    assert (data_dir / "store.key").read_bytes() == key_file


# ----- the first run ------------------------------------------------------------------------------------------

def test_first_run_entree_while_creating_does_nothing_and_echap_waits(qtbot, data_dir: Path, no_vault,
                                                                     held_tasks: HeldTasks) -> None:
    dialog = FirstRunDialog(data_dir, no_vault, kdf=FAST_KDF)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    type_in_focus(PASSPHRASE)
    press(Qt.Key.Key_Tab)
    type_in_focus(PASSPHRASE)
    press(Qt.Key.Key_Return)
    assert len(held_tasks.pending) == 1
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Escape)  # creation cannot stop half-way: the dialog waits for it
    assert len(held_tasks.pending) == 1 and dialog.isVisible()
    keep_the_recovery_code()
    held_tasks.release()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.store is not None
    dialog.store.close()


def test_the_recovery_code_cannot_be_dismissed_unseen(qtbot, data_dir: Path, no_vault) -> None:
    dialog = FirstRunDialog(data_dir, no_vault, kdf=FAST_KDF)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    seen: list[str] = []

    def dismiss_then_keep(shown: QDialog) -> None:
        seen.append(shown.code.text())
        press(Qt.Key.Key_Escape)
        press(Qt.Key.Key_Return)  # « Continuer » is greyed until the box is ticked
        assert shown.isVisible() and "notez-le" in shown.banner.text
        press(Qt.Key.Key_Space)
        press(Qt.Key.Key_Escape)  # ticked: Échap closes too

    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE)
    when_focused_modal(dismiss_then_keep)
    dialog.create_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and len(seen) == 1
    dialog.store.close()


# ----- re-authentication (and leaving the mode séance, which uses it) ----------------------------------------

@pytest.mark.parametrize("key", ENTER_KEYS)
def test_reauthentication_entree_checks_and_never_cancels(qtbot, store: Store, held_tasks: HeldTasks,
                                                          key: Qt.Key) -> None:
    """The bug: Entrée there pressed « Annuler »."""
    dialog = PassphraseCheckDialog(store)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    type_in_focus("pas la bonne phrase")
    press(key)
    held_tasks.release()
    assert dialog.isVisible() and dialog.prompt.banner.text == str(WrongPassphrase())
    type_in_focus(PASSPHRASE)
    press(key)
    press(key)
    assert len(held_tasks.pending) == 1 and dialog.isVisible()
    held_tasks.release()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_reauthentication_echap_cancels_even_while_checking(qtbot, store: Store, held_tasks: HeldTasks) -> None:
    dialog = PassphraseCheckDialog(store)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    type_in_focus(PASSPHRASE)
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Escape)
    held_tasks.release()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


# ----- the lock screen ----------------------------------------------------------------------------------------

def test_lock_screen_entree_unlocks_and_does_nothing_while_busy(qtbot, window: MainWindow,
                                                                held_tasks: HeldTasks) -> None:
    window.lock()
    prompt = window.lock_screen.prompt
    qtbot.waitUntil(lambda: focused() is prompt.field)
    type_in_focus(PASSPHRASE)
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Return)
    assert len(held_tasks.pending) == 1 and window.locked
    held_tasks.release()
    assert not window.locked and window.content.isVisible()
    assert prompt.field.text() == ""


# ----- Paramètres ---------------------------------------------------------------------------------------------

def test_settings_entree_changes_the_phrase_then_makes_a_recovery_code(qtbot, window: MainWindow, data_dir: Path,
                                                                      no_vault) -> None:
    from cmc_desktop.ui.navigation import SETTINGS

    security = window.show_view(SETTINGS).security
    security.current.setFocus()
    type_in_focus(PASSPHRASE)
    press(Qt.Key.Key_Tab)
    type_in_focus(NEW)
    press(Qt.Key.Key_Tab)
    type_in_focus(NEW)
    press(Qt.Key.Key_Return)
    assert security.banner.text.startswith("Phrase secrète changée") and security.current.text() == ""
    assert security.code_button.text() == "Créer un code de récupération"
    security.code_passphrase.setFocus()
    type_in_focus(NEW)
    codes: list[str] = []
    keep_the_recovery_code(codes)
    press(Qt.Key.Key_Enter)
    assert len(codes) == 1 and security.code_button.text() == "Remplacer le code de récupération"
    assert security.code_state.text().startswith("Code de récupération créé le ")
    window.close()
    Store.recover(data_dir, codes[0], "encore une autre phrase", vault=no_vault).close()


# ----- the recovery kit -------------------------------------------------------------------------------------

def test_the_kit_saved_from_the_dialog_is_private_and_opens_the_store(qtbot, store: Store, data_dir: Path,
                                                                      tmp_path: Path, clock, no_vault) -> None:
    kit = create_recovery_code(Workspace(store, clock), PASSPHRASE)
    store.close()
    dialog = RecoveryCodeDialog(kit)
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "kit.pdf"
    dialog.save_kit_to(target)
    QApplication.processEvents()
    assert "Kit enregistré" in dialog.banner.text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    printed = printed_code(all_text(target.read_bytes()))  # copied by hand from the paper
    Store.recover(data_dir, printed, "une phrase lue sur le kit", vault=no_vault).close()
    assert recovery_code.canonical(printed) == recovery_code.canonical(kit.code)
