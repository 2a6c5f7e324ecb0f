"""Paramètres › Sécurité: change the passphrase, auto-lock delay, key in the OS keyring."""

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ...data.errors import StoreError, WeakPassphrase
from ...data.store import MIN_PASSPHRASE
from ...services.passphrase import change_passphrase
from ...services.workspace import Workspace
from ..navigation import Navigator
from ..settings_store import MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES
from ..widgets import SUCCESS, PassphraseEdit
from .section import Section


class SecuritySection(Section):
    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Sécurité", ws, navigator, parent)
        shell = navigator.shell
        passphrase_title = QLabel("Changer la phrase de récupération", self)
        passphrase_title.setProperty("role", "subtitle")
        self.column.addWidget(passphrase_title)
        self.column.addWidget(self.hint(
            "La base n'est pas réécrite : seule la clé est protégée par la nouvelle phrase. Les sauvegardes "
            "existantes restent utilisables."))
        form = QFormLayout()
        self.current = PassphraseEdit("Phrase actuelle", self)
        self.new = PassphraseEdit("Nouvelle phrase", self)
        self.confirmation = PassphraseEdit("Confirmez la nouvelle phrase", self)
        for edit in (self.current, self.new, self.confirmation):
            edit.setMinimumWidth(240)
        form.addRow("Phrase actuelle", self.current)
        form.addRow("Nouvelle phrase", self.new)
        form.addRow("Confirmez la nouvelle phrase", self.confirmation)
        self.column.addLayout(form)
        self.change_button = QPushButton("Changer la phrase", self)
        self.change_button.clicked.connect(self._change)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.change_button)
        self.column.addLayout(row)

        lock_title = QLabel("Verrouillage et trousseau", self)
        lock_title.setProperty("role", "subtitle")
        self.column.addWidget(lock_title)
        lock_form = QFormLayout()
        self.auto_lock = QSpinBox(self)
        self.auto_lock.setRange(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setSuffix(" min")
        self.auto_lock.setMaximumWidth(140)
        self.auto_lock.setValue(shell.ui_settings.auto_lock_minutes)
        self.auto_lock.valueChanged.connect(shell.set_auto_lock_minutes)
        lock_form.addRow("Verrouiller après une inactivité de", self.auto_lock)
        self.column.addLayout(lock_form)
        self.keyring = QCheckBox("Garder la clé dans le trousseau du système (ouverture sans phrase au démarrage)",
                                 self)
        self.keyring.setAccessibleName("Garder la clé dans le trousseau du système")
        available = shell.vault.available
        # What is true, not only what was asked: the key may be missing (store created without a keyring).
        self.keyring.setChecked(available and shell.ui_settings.keyring_enabled
                                and shell.vault.get(ws.store.store_id) is not None)
        self.keyring.setEnabled(available)
        self.keyring.toggled.connect(self._toggle_keyring)
        self.column.addWidget(self.keyring)
        if not available:
            self.column.addWidget(self.hint("Aucun trousseau sécurisé n'est disponible sur ce poste : la phrase "
                                            "est demandée à chaque ouverture."))

    def _change(self) -> None:
        old, new = self.current.text(), self.new.text()
        if not old:
            self.banner.show_message("Saisissez votre phrase actuelle.")
            return
        if len(new) < MIN_PASSPHRASE:
            self.banner.show_error(WeakPassphrase(MIN_PASSPHRASE))
            return
        if new != self.confirmation.text():
            self.banner.show_message("Les deux saisies de la nouvelle phrase diffèrent. Retapez-les.")
            return
        if new == old:
            self.banner.show_message("La nouvelle phrase est identique à l'actuelle : rien n'a été changé.")
            return
        ws = self.ws
        self.run(lambda: change_passphrase(ws, old, new), self._changed,
                 disable=[self.current, self.new, self.confirmation, self.change_button])

    def _changed(self, _result: object) -> None:
        for edit in (self.current, self.new, self.confirmation):
            edit.wipe()
        self.banner.show_message("Phrase de récupération changée : utilisez la nouvelle dès le prochain "
                                 "déverrouillage.", SUCCESS)

    def _toggle_keyring(self, enabled: bool) -> None:
        try:
            self.navigator.shell.set_keyring_enabled(enabled)
        except StoreError as error:
            self.banner.show_error(error)
            self.keyring.blockSignals(True)
            self.keyring.setChecked(not enabled)
            self.keyring.blockSignals(False)
            return
        self.banner.show_message("La clé est rangée dans le trousseau du système." if enabled else
                                 "La clé a été retirée du trousseau : la phrase sera demandée à chaque ouverture.",
                                 SUCCESS)
