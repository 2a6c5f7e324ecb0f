"""Opening the store at start-up: the first-run dialog (create it, then show its recovery code) and the unlock
dialog (phrase secrète, or « Phrase secrète oubliée ? » and the recovery code).

Key derivation takes about half a second, so creating and unlocking run off the GUI thread; a failure
leaves every file as it was and the dialog open, with the store's own French message. Entrée does the main
action and nothing else (see widgets/passphrase.py); Échap quits — while an unlock runs too, and the store it
opens is then closed at once.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..data.errors import DatabaseMissing, KeyMismatch, NotAStore, StoreCorrupted, StoreError
from ..data.keyfile import KdfParams
from ..data.passphrase_rule import check_new_passphrase, length_hint
from ..data.store import DEFAULT_KDF, Store, StorePaths
from ..data.vault import KeyVault
from ..services.recovery import RecoveryKit, create_recovery_code
from ..services.restore import restore_backup
from ..services.workspace import Workspace
from . import tasks
from .recovery import Attempt, RecoverDialog, RecoveryCodeDialog
from .resources import icon
from .widgets import ErrorBanner, PassphraseEdit, PassphrasePrompt, confirm, user_message
from .widgets.file_dialogs import ALL_FILES, BACKUP_FILTER, FileChooser
from .widgets.guarded_dialog import FittingDialog, grow_to_content
from .widgets.passphrase import EnterSubmits, secondary_button
from .widgets.vertical_scroll import vertical_scroll

# Damage a restore can mend. A read-only folder or a full disk is not in it: nothing destructive is offered then.
DAMAGED = (StoreCorrupted, KeyMismatch, NotAStore, DatabaseMissing)


def keyring_sentence(vault: KeyVault) -> str:
    if vault.available:
        return ("La clé de chiffrement est aussi rangée dans le trousseau sécurisé du système : à l'ouverture "
                "suivante, la phrase ne vous sera pas redemandée (elle le sera pour déverrouiller après une pause).")
    return ("Aucun trousseau sécurisé n'est disponible sur ce poste (ou vous l'avez désactivé) : la phrase vous "
            "sera demandée à chaque ouverture.")


class UnlockDialog(FittingDialog):
    """Asks for the phrase secrète when the keyring did not open the store; `store` is set on success."""

    def __init__(self, data_dir: Path, vault: KeyVault, *, error: BaseException | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ouvrir votre dossier")  # the platform adds « — cmc-desktop » (applicationDisplayName)
        self.setWindowIcon(icon("cmc-desktop"))
        self.setMinimumWidth(560)
        self.data_dir, self.vault = data_dir, vault
        self.store: Store | None = None
        self._attempt: Attempt | None = None
        self.prompt = PassphrasePrompt(
            "Ouvrir votre dossier",
            "Vos données sont chiffrées sur cet ordinateur. Saisissez votre phrase secrète pour les ouvrir.",
            "Déverrouiller", self, framed=False)
        role = QDialogButtonBox.ButtonRole
        self.forgot_button = self.prompt.add_link("Phrase secrète oubliée ?", self._forgotten)
        self.restore_button = self.prompt.add_button("Restaurer une sauvegarde…", role.ActionRole,
                                                     self._choose_backup, variant="tertiary")
        self.restore_button.hide()
        self.quit_button = self.prompt.add_button("Quitter", role.RejectRole, self.reject)
        note = QLabel(keyring_sentence(vault), self)
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.prompt.column.insertWidget(2, note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prompt)
        self.prompt.submitted.connect(self._unlock)
        if error is not None:
            self._failed(error)
        self.prompt.field.setFocus()

    def _unlock(self, passphrase: str) -> None:
        root, vault = self.data_dir, self.vault
        self._run(lambda: Store.unlock(root, passphrase, vault=vault, defer_integrity=True))

    def _run(self, work: Callable[[], Store]) -> None:
        """Run `work` (it opens the store) in the background; its store is closed if the CMC quit meanwhile."""
        attempt = self._attempt = Attempt()

        def arrived(store: Store) -> None:
            if attempt.cancelled:
                store.close()
            else:
                self._opened(store)

        def refused(error: BaseException) -> None:
            if not attempt.cancelled:
                self._failed(error)

        tasks.submit(work, on_done=arrived, on_error=refused)

    def _opened(self, store: Store) -> None:
        self._attempt = None
        self.store = store
        self.prompt.wipe()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._attempt = None
        self.prompt.failed(user_message(error))
        self.restore_button.setVisible(isinstance(error, DAMAGED))

    def reject(self) -> None:
        if self._attempt is not None:
            self._attempt.cancelled = True
        super().reject()

    def _forgotten(self) -> None:
        if self.prompt.busy:
            return
        dialog = RecoverDialog(self.data_dir, self.vault, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.store is not None:
                self._opened(dialog.store)
        finally:
            dialog.deleteLater()

    def _choose_backup(self) -> None:
        if not self.prompt.field.text():
            self.prompt.failed("Saisissez d'abord votre phrase secrète : elle sert à vérifier la sauvegarde.")
            return
        chosen = FileChooser(directory=StorePaths(self.data_dir).backups).open_path(
            self, "Choisir une sauvegarde", name_filters=(BACKUP_FILTER, ALL_FILES))
        if chosen is not None:
            self.restore_from(chosen)

    def restore_from(self, backup: Path) -> None:
        """Replace the damaged store by `backup` (checked first; nothing changes if it is not good), then open."""
        if not confirm(self, "Restaurer une sauvegarde",
                       f"Remplacer le dossier actuel par la sauvegarde « {backup.name} » ? Le dossier actuel est "
                       "conservé à côté, sous un autre nom.", confirm_label="Restaurer", destructive=True):
            return
        passphrase, root, vault = self.prompt.field.text(), self.data_dir, self.vault

        def work() -> Store:
            restore_backup(root, backup, passphrase, vault)
            return Store.unlock(root, passphrase, vault=vault)

        self.prompt.set_busy(True)
        self._run(work)


class FirstRunDialog(FittingDialog):
    """Creates the encrypted store: the phrase secrète typed twice (passphrase_rule), then its recovery code,
    shown once. Entrée creates; Échap quits, except while the store is being made (about a second)."""

    def __init__(self, data_dir: Path, vault: KeyVault, *, kdf: KdfParams = DEFAULT_KDF,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Premier lancement")  # the platform adds « — cmc-desktop » (applicationDisplayName)
        self.setWindowIcon(icon("cmc-desktop"))
        self.setMinimumWidth(620)
        self.data_dir, self.vault, self.kdf = data_dir, vault, kdf
        self.store: Store | None = None
        self._busy = False
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        title = QLabel("Bienvenue dans cmc-desktop", page)
        title.setProperty("role", "title")
        layout.addWidget(title)
        intro = QLabel(
            "Vos dossiers d'agents, entretiens et documents de synthèse seront conservés sur cet ordinateur, "
            "dans un dossier <b>chiffré</b>. Choisissez une <b>phrase secrète</b> : c'est elle qui l'ouvrira "
            "chaque jour. Un code de récupération vous sera ensuite donné, pour le cas où vous l'oublieriez.", page)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        warning = ErrorBanner(page, closable=False)
        warning.show_message("Choisissez une phrase que vous retiendrez : sans elle ni le code de récupération, "
                             "personne — ni vous, ni l'assistance — ne pourra rouvrir vos données.", "warning")
        layout.addWidget(warning)
        form = QFormLayout()
        form.setSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.first = PassphraseEdit("Phrase secrète", page)
        self.second = PassphraseEdit("Confirmez la phrase secrète", page)
        form.addRow("Phrase secrète", self.first)
        form.addRow("Confirmez la phrase secrète", self.second)
        layout.addLayout(form)
        self.counter = QLabel(page)
        self.counter.setWordWrap(True)
        self.counter.setProperty("role", "hint")
        layout.addWidget(self.counter)
        self.banner = ErrorBanner(page, closable=False)
        layout.addWidget(self.banner)
        keyring = QLabel(keyring_sentence(vault), page)
        keyring.setWordWrap(True)
        keyring.setProperty("role", "hint")
        layout.addWidget(keyring)
        place = QLabel(f"Emplacement : {data_dir}", page)
        place.setProperty("role", "hint")
        place.setWordWrap(True)
        place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(place)
        self.busy = QLabel("Création du dossier chiffré…", page)
        self.busy.hide()
        layout.addWidget(self.busy)
        # The texts scroll when they are enlarged (RGAA 10.4); the buttons stay in view under them (made after the
        # page joined the window: Tab reaches them last).
        scrolling = vertical_scroll(page, self, page_width=True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 28, 32, 24)
        outer.setSpacing(12)
        outer.addWidget(scrolling, 1)
        self.buttons = QDialogButtonBox(self)
        self.quit_button = secondary_button(self.buttons, "Quitter", QDialogButtonBox.ButtonRole.RejectRole,
                                            self.reject)
        self.create_button = self.buttons.addButton("Créer mon dossier chiffré",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        assert self.create_button is not None
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        outer.addWidget(self.buttons)
        EnterSubmits(self._create, self.first, self.second)
        self.first.textChanged.connect(self._count)
        self._count()
        self.first.setFocus()

    def _new_phrase_refusal(self) -> str:
        try:
            check_new_passphrase(self.first.text(), confirmation=self.second.text())
        except StoreError as error:
            return str(error)
        return ""

    def _count(self) -> None:
        self.counter.setText(length_hint(self.first.text()))

    def _create(self) -> None:
        if self._busy:
            return
        first, second = self.first.text(), self.second.text()
        try:
            check_new_passphrase(first, confirmation=second)
        except StoreError as error:
            self._failed(error)
            refusal = str(error)  # the message goes once the phrases typed no longer deserve it
            self.banner.show_until_fixed(refusal, lambda: self._new_phrase_refusal() != refusal, self.first,
                                         self.second)
            return
        self.banner.clear()
        self._set_busy(True)
        root, vault, kdf = self.data_dir, self.vault, self.kdf

        def work() -> tuple[Store, RecoveryKit | None]:
            store = Store.create(root, first, vault=vault, kdf=kdf)
            try:
                return store, create_recovery_code(Workspace(store), first)
            except StoreError:  # the store is made and usable: the code can be made later in Paramètres
                return store, None

        tasks.submit(work, on_done=self._created, on_error=self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for field in (self.first, self.second):
            field.setReadOnly(busy)  # not disabled: the focus stays in the field, Entrée goes nowhere else
        self.create_button.setEnabled(not busy)
        self.quit_button.setEnabled(not busy)

    def reject(self) -> None:
        if not self._busy:  # a store half made would be left behind: creation (about a second) runs to its end
            super().reject()

    def _created(self, result: tuple[Store, RecoveryKit | None]) -> None:
        store, kit = result
        self._set_busy(False)
        self.store = store
        self.first.wipe()
        self.second.wipe()
        if kit is not None:
            shown = RecoveryCodeDialog(kit, self)
            try:
                shown.exec()
            finally:
                shown.deleteLater()
        else:
            QMessageBox.warning(self, "Code de récupération", "Votre dossier est créé, mais son code de "
                                "récupération n'a pas pu l'être. Créez-le dès que possible dans Paramètres › "
                                "Sécurité.")
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_message(user_message(error))
        grow_to_content(self)
        self.first.setFocus()
