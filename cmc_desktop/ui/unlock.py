"""Opening the store at start-up: the first-run dialog (create it) and the unlock dialog (passphrase).

Key derivation takes about half a second, so creating and unlocking run off the GUI thread; a failure
leaves every file as it was and the dialog open, with the store's own French message.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..data.errors import DatabaseMissing, KeyMismatch, NotAStore, StoreCorrupted, StoreError, WeakPassphrase
from ..data.keyfile import KdfParams
from ..data.store import DEFAULT_KDF, MIN_PASSPHRASE, Store, StorePaths
from ..data.vault import KeyVault
from ..services.backup import restore_backup
from . import tasks
from .resources import icon
from .widgets import ErrorBanner, PassphraseEdit, PassphrasePrompt, confirm, user_message

DAMAGED = (StoreCorrupted, KeyMismatch, NotAStore, DatabaseMissing)


def keyring_sentence(vault: KeyVault) -> str:
    if vault.available:
        return ("La clé de chiffrement est aussi rangée dans le trousseau sécurisé du système : à l'ouverture "
                "suivante, la phrase ne vous sera pas redemandée (elle le sera pour déverrouiller après une pause).")
    return ("Aucun trousseau sécurisé n'est disponible sur ce poste (ou vous l'avez désactivé) : la phrase vous "
            "sera demandée à chaque ouverture.")


class UnlockDialog(QDialog):
    """Asks for the passphrase when the keyring did not open the store; `store` is set on success."""

    def __init__(self, data_dir: Path, vault: KeyVault, *, error: BaseException | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("cmc-desktop — Ouvrir votre dossier")
        self.setWindowIcon(icon("cmc-desktop"))
        self.setMinimumWidth(560)
        self.data_dir, self.vault = data_dir, vault
        self.store: Store | None = None
        self.prompt = PassphrasePrompt(
            "Ouvrir votre dossier",
            "Vos données sont chiffrées sur cet ordinateur. Saisissez votre phrase de récupération pour les "
            "ouvrir.", "Déverrouiller", self, framed=False)
        quit_button = QPushButton("Quitter", self)
        quit_button.setProperty("variant", "secondary")
        quit_button.clicked.connect(self.reject)
        self.restore_button = QPushButton("Restaurer une sauvegarde…", self)
        self.restore_button.setProperty("variant", "tertiary")
        self.restore_button.clicked.connect(self._choose_backup)
        self.restore_button.hide()
        self.prompt.buttons.insertWidget(0, self.restore_button)
        self.prompt.buttons.insertWidget(2, quit_button)
        note = QLabel(keyring_sentence(vault), self)
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        prompt_layout = self.prompt.layout()
        assert isinstance(prompt_layout, QVBoxLayout)
        prompt_layout.insertWidget(2, note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prompt)
        self.prompt.submitted.connect(self._unlock)
        if error is not None:
            self._failed(error)
        self.prompt.field.setFocus()

    def _unlock(self, passphrase: str) -> None:
        root, vault = self.data_dir, self.vault
        tasks.submit(lambda: Store.unlock(root, passphrase, vault=vault, defer_integrity=True), on_done=self._opened,
                     on_error=self._failed, owner=self)

    def _opened(self, store: Store) -> None:
        self.store = store
        self.prompt.wipe()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.prompt.failed(user_message(error))
        if isinstance(error, DAMAGED):
            self.restore_button.show()

    def _choose_backup(self) -> None:
        if not self.prompt.field.text():
            self.prompt.failed("Saisissez d'abord votre phrase de récupération : elle sert à vérifier la "
                               "sauvegarde.")
            return
        chosen, _ = QFileDialog.getOpenFileName(self, "Choisir une sauvegarde", str(StorePaths(self.data_dir).backups),
                                                "Sauvegardes cmc-desktop (*.db);;Tous les fichiers (*)")
        if chosen:
            self.restore_from(Path(chosen))

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
        tasks.submit(work, on_done=self._opened, on_error=self._failed, owner=self)


class FirstRunDialog(QDialog):
    """Creates the encrypted store: the recovery passphrase typed twice, at least 12 characters."""

    def __init__(self, data_dir: Path, vault: KeyVault, *, kdf: KdfParams = DEFAULT_KDF,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("cmc-desktop — Premier lancement")
        self.setWindowIcon(icon("cmc-desktop"))
        self.setMinimumWidth(620)
        self.data_dir, self.vault, self.kdf = data_dir, vault, kdf
        self.store: Store | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(12)
        title = QLabel("Bienvenue dans cmc-desktop", self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        intro = QLabel(
            "Vos dossiers d'agents, entretiens et documents de synthèse seront conservés sur cet ordinateur, "
            "dans un dossier <b>chiffré</b>. Choisissez une <b>phrase de récupération</b> : elle seule permet de "
            "l'ouvrir.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        warning = ErrorBanner(self, closable=False)
        warning.show_message("Notez cette phrase et gardez-la en lieu sûr : sans elle, personne — ni vous, ni "
                             "l'assistance — ne pourra rouvrir vos données.", "warning")
        layout.addWidget(warning)
        form = QFormLayout()
        form.setSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.first = PassphraseEdit("Phrase de récupération", self)
        self.second = PassphraseEdit("Confirmez la phrase", self)
        form.addRow("Phrase de récupération", self.first)
        form.addRow("Confirmez la phrase", self.second)
        layout.addLayout(form)
        self.counter = QLabel(self)
        self.counter.setProperty("role", "hint")
        layout.addWidget(self.counter)
        self.banner = ErrorBanner(self, closable=False)
        layout.addWidget(self.banner)
        keyring = QLabel(keyring_sentence(vault), self)
        keyring.setWordWrap(True)
        keyring.setProperty("role", "hint")
        layout.addWidget(keyring)
        place = QLabel(f"Emplacement : {data_dir}", self)
        place.setProperty("role", "hint")
        place.setWordWrap(True)
        place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(place)
        self.busy = QLabel("Création du dossier chiffré…", self)
        self.busy.hide()
        layout.addWidget(self.busy)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        quit_button = QPushButton("Quitter", self)
        quit_button.setProperty("variant", "secondary")
        quit_button.clicked.connect(self.reject)
        self.create_button = QPushButton("Créer mon dossier chiffré", self)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        self.first.textChanged.connect(self._count)
        self._count()
        self.first.setFocus()

    def _count(self) -> None:
        n = len(self.first.text())
        missing = max(0, MIN_PASSPHRASE - n)
        self.counter.setText(f"{MIN_PASSPHRASE} caractères au minimum ; une courte phrase facile à retenir est "
                             f"idéale. {n} saisi(s)" + (f", encore {missing}." if missing else "."))

    def _create(self) -> None:
        first, second = self.first.text(), self.second.text()
        if len(first) < MIN_PASSPHRASE:
            self._failed(WeakPassphrase(MIN_PASSPHRASE))
            return
        if first != second:
            self._failed(StoreError("Les deux saisies de la phrase de récupération diffèrent. Retapez-les."))
            return
        self.banner.clear()
        self._set_busy(True)
        root, vault, kdf = self.data_dir, self.vault, self.kdf
        tasks.submit(lambda: Store.create(root, first, vault=vault, kdf=kdf), on_done=self._created,
                     on_error=self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.first, self.second, self.create_button):
            widget.setEnabled(not busy)

    def _created(self, store: Store) -> None:
        self.store = store
        self.first.wipe()
        self.second.wipe()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_message(user_message(error))
        self.first.setFocus()
