"""Paramètres › Sécurité: change the phrase secrète, make or replace the recovery code, auto-lock delay, key in
the OS keyring. Entrée in a field does its form's action; while it runs, the fields keep the focus (read-only)."""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from ...data.errors import StoreError
from ...data.passphrase_rule import check_new_passphrase, length_hint
from ...domain.dates import format_fr
from ...services.passphrase import change_passphrase
from ...services.recovery import RecoveryKit, create_recovery_code
from ...services.workspace import Workspace
from .. import tasks
from ..navigation import Navigator
from ..recovery import RecoveryCodeDialog
from ..settings_store import MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES
from ..widgets import SUCCESS, PassphraseEdit, confirm
from ..widgets.passphrase import EnterSubmits
from .section import Section

NO_KEYRING = ("Indisponible : aucun trousseau sécurisé n'est disponible sur ce poste. La phrase secrète est "
              "demandée à chaque ouverture.")
KEYRING_ON = "La clé est dans le trousseau : le dossier s'ouvre sans phrase secrète au démarrage."
KEYRING_OFF = ("La phrase secrète est demandée à chaque ouverture. Cochez la case pour ouvrir le dossier sans "
               "phrase au démarrage.")


class SecuritySection(Section):
    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Sécurité", ws, navigator, parent)
        shell = navigator.shell
        self._busy = False
        self._subtitle("Changer la phrase secrète")
        self.column.addWidget(self.hint(
            "La base n'est pas réécrite : seule la clé est protégée par la nouvelle phrase. Les sauvegardes "
            "existantes restent utilisables."))
        form = QFormLayout()
        self.current = PassphraseEdit("Phrase secrète actuelle", self)
        self.new = PassphraseEdit("Nouvelle phrase secrète", self)
        self.confirmation = PassphraseEdit("Confirmez la nouvelle phrase secrète", self)
        for edit in (self.current, self.new, self.confirmation):
            edit.setMinimumWidth(240)
        form.addRow("Phrase actuelle", self.current)
        form.addRow("Nouvelle phrase", self.new)
        form.addRow("Confirmez la nouvelle phrase", self.confirmation)
        self.column.addLayout(form)
        self.counter = self.hint(length_hint(""))
        self.column.addWidget(self.counter)
        self.new.textChanged.connect(lambda text: self.counter.setText(length_hint(text)))
        self.change_button = self._action_button("Changer la phrase secrète", self._change)
        EnterSubmits(self._change, self.current, self.new, self.confirmation)

        self._subtitle("Code de récupération")
        self.code_state = self.hint("")
        self.column.addWidget(self.code_state)
        code_form = QFormLayout()
        self.code_passphrase = PassphraseEdit("Phrase secrète, pour créer le code", self)
        self.code_passphrase.setMinimumWidth(240)
        code_form.addRow("Phrase secrète", self.code_passphrase)
        self.column.addLayout(code_form)
        self.code_button = self._action_button("", self._make_code)
        EnterSubmits(self._make_code, self.code_passphrase)
        self._show_code_state()

        self._subtitle("Verrouillage et trousseau")
        lock_form = QFormLayout()
        self.auto_lock = QSpinBox(self)
        self.auto_lock.setRange(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setSuffix(" min")
        self.auto_lock.setMaximumWidth(140)
        self.auto_lock.setValue(shell.ui_settings.auto_lock_minutes)
        self.auto_lock.valueChanged.connect(shell.set_auto_lock_minutes)
        lock_form.addRow("Verrouiller après une inactivité de", self.auto_lock)
        self.column.addLayout(lock_form)
        # A check box does not wrap: its short text, then what is true now in a hint that wraps at 1280 px.
        self.keyring = QCheckBox("Garder la clé dans le trousseau du système", self)
        self.keyring_available = shell.vault.available
        # What is true, not only what was asked: the key may be missing (store created without a keyring).
        self.keyring.setChecked(self.keyring_available and shell.ui_settings.keyring_enabled
                                and shell.vault.get(ws.store.store_id) is not None)
        self.keyring.setEnabled(self.keyring_available)
        if not self.keyring_available:
            self.keyring.setToolTip(NO_KEYRING)
        self.keyring.toggled.connect(self._toggle_keyring)
        self.column.addWidget(self.keyring)
        self.keyring_state = self.hint("")
        self.column.addWidget(self.keyring_state)
        self._show_keyring_state()

    def _subtitle(self, text: str) -> None:
        title = QLabel(text, self)
        title.setProperty("role", "subtitle")
        self.column.addWidget(title)

    def _action_button(self, label: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(label, self)
        button.clicked.connect(slot)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        self.column.addLayout(row)
        return button

    # ----- background work: the fields keep the focus (read-only), Entrée does nothing meanwhile ----------------
    def _work(self, work: Callable[[], Any], on_done: Callable[[Any], None], fields: list[QLineEdit],
              button: QPushButton) -> None:
        self.banner.clear()
        self._form_busy(True, fields, button)

        def done(result: Any) -> None:
            self._form_busy(False, fields, button)
            on_done(result)

        def failed(error: BaseException) -> None:
            self._form_busy(False, fields, button)
            self.banner.show_error(error)
            fields[0].setFocus()
            fields[0].selectAll()

        tasks.submit(work, on_done=done, on_error=failed, owner=self)

    def _form_busy(self, busy: bool, fields: list[QLineEdit], button: QPushButton) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for field in fields:
            field.setReadOnly(busy)
        button.setEnabled(not busy)

    # ----- the phrase secrète --------------------------------------------------------------------------------
    def _change(self) -> None:
        if self._busy:
            return
        old, new = self.current.text(), self.new.text()
        if not old:
            self.banner.show_until_fixed("Saisissez votre phrase secrète actuelle.", lambda: bool(self.current.text()),
                                         self.current)
            self.current.setFocus()
            return
        try:
            check_new_passphrase(new, confirmation=self.confirmation.text(), current=old)
        except StoreError as error:
            self.banner.show_error(error)
            self.new.setFocus()
            return
        ws = self.ws
        self._work(lambda: change_passphrase(ws, old, new), self._changed,
                   [self.current, self.new, self.confirmation], self.change_button)

    def _changed(self, _result: object) -> None:
        for edit in (self.current, self.new, self.confirmation):
            edit.wipe()
        self.banner.show_message("Phrase secrète changée : utilisez la nouvelle dès le prochain déverrouillage.",
                                 SUCCESS)

    # ----- the recovery code ---------------------------------------------------------------------------------
    def _show_code_state(self) -> None:
        created = self.ws.store.recovery_code_created
        if created is None:
            self.code_state.setText("Aucun code de récupération : si vous oubliez votre phrase secrète, vos données "
                                    "seront perdues. Créez-en un, puis imprimez son kit.")
            self.code_button.setText("Créer un code de récupération")
        else:
            self.code_state.setText(f"Code de récupération créé le {format_fr(created)}. En créer un nouveau rend "
                                    "celui-ci inutilisable.")
            self.code_button.setText("Remplacer le code de récupération")

    def _make_code(self) -> None:
        if self._busy:
            return
        passphrase = self.code_passphrase.text()
        if not passphrase:
            self.banner.show_until_fixed("Saisissez votre phrase secrète : elle protège la création du code.",
                                         lambda: bool(self.code_passphrase.text()), self.code_passphrase)
            self.code_passphrase.setFocus()
            return
        if self.ws.store.recovery_code_created is not None and not confirm(
                self, "Remplacer le code de récupération",
                "Le code actuel ne fonctionnera plus : détruisez son kit une fois le nouveau noté ou imprimé.",
                confirm_label="Remplacer"):
            return
        ws = self.ws
        self._work(lambda: create_recovery_code(ws, passphrase), self._code_made, [self.code_passphrase],
                   self.code_button)

    def _code_made(self, kit: RecoveryKit) -> None:
        self.code_passphrase.wipe()
        self._show_code_state()
        dialog = RecoveryCodeDialog(kit, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self.banner.show_message(f"Code de récupération du {format_fr(kit.created)} créé ; tout code précédent est "
                                 "révoqué.", SUCCESS)

    def _show_keyring_state(self) -> None:
        """The hint under the box says what happens at the next opening, as things are now."""
        text = (NO_KEYRING if not self.keyring_available else KEYRING_ON if self.keyring.isChecked()
                else KEYRING_OFF)
        self.keyring_state.setText(text)
        self.keyring.setAccessibleDescription(text)

    def _toggle_keyring(self, enabled: bool) -> None:
        try:
            self.navigator.shell.set_keyring_enabled(enabled)
        except StoreError as error:
            self.banner.show_error(error)
            self.keyring.blockSignals(True)
            self.keyring.setChecked(not enabled)
            self.keyring.blockSignals(False)
            return
        finally:
            self._show_keyring_state()
        self.banner.show_message("La clé est rangée dans le trousseau du système." if enabled else
                                 "La clé a été retirée du trousseau : la phrase sera demandée à chaque ouverture.",
                                 SUCCESS)
