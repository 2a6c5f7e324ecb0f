"""The recovery code on screen: shown once when it is made (with its kit to print), and asked for when the
phrase secrète is forgotten (« Phrase secrète oubliée ? » in the unlock dialog)."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..data import recovery_code
from ..data.atomic import write_atomically
from ..data.errors import StoreError
from ..data.passphrase_rule import check_new_passphrase, length_hint
from ..data.store import Store
from ..data.vault import KeyVault
from ..domain.dates import format_fr
from ..services.recovery import RecoveryKit, recover
from . import tasks
from .resources import icon
from .widgets import ERROR, SUCCESS, ErrorBanner, PassphraseEdit, user_message
from .widgets.file_dialogs import FileChooser
from .widgets.guarded_dialog import FittingDialog
from .widgets.passphrase import EnterSubmits, grow_to_fit, secondary_button

KIT_FILE_NAME = "kit-de-recuperation-cmc-desktop.pdf"
KIT_PRINT_TITLE = "Kit de récupération"


class Attempt:
    """One piece of background work a dialog waits for; cancelled when the dialog is closed meanwhile, so a
    store that opens afterwards is closed at once instead of being left open with its key."""

    def __init__(self) -> None:
        self.cancelled = False


def choose_kit_file(parent: QWidget) -> Path | None:
    """Where to save the kit (a name that says what it is, nothing about anyone)."""
    return FileChooser().save_path(parent, "Enregistrer le kit de récupération", KIT_FILE_NAME)


class RecoveryCodeDialog(FittingDialog):
    """The new recovery code, shown this once; « Continuer » only once the CMC says she has kept it."""

    def __init__(self, kit: RecoveryKit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kit = kit
        self.setWindowTitle("Votre code de récupération")
        self.setWindowIcon(icon("cmc-desktop"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(12)
        title = QLabel("Votre code de récupération", self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        intro = QLabel("Si vous oubliez votre phrase secrète, ce code est le seul moyen de rouvrir vos données. Il "
                       "n'est affiché qu'une fois : notez-le sur papier ou imprimez le kit de récupération, et "
                       "rangez-le en lieu sûr, à part de l'ordinateur.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code = QLabel(kit.code, self)
        self.code.setAccessibleName("Code de récupération")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setObjectName("RecoveryCode")
        layout.addWidget(self.code)
        when = QLabel(f"Code créé le {format_fr(kit.created)} pour le dossier {kit.store_id}. Créer un nouveau "
                      "code, dans Paramètres › Sécurité, rendra celui-ci inutilisable.", self)
        when.setWordWrap(True)
        when.setProperty("role", "hint")
        layout.addWidget(when)
        self.banner = ErrorBanner(self, closable=False)
        layout.addWidget(self.banner)
        self.kept = QCheckBox("J'ai noté ce code (ou imprimé le kit) et je le range en lieu sûr", self)
        layout.addWidget(self.kept)
        self.buttons = QDialogButtonBox(self)
        self.save_button = secondary_button(self.buttons, "Enregistrer le kit à imprimer (PDF)…",
                                            QDialogButtonBox.ButtonRole.ActionRole, self._save_kit)
        self.print_button = secondary_button(self.buttons, "Imprimer le kit…", QDialogButtonBox.ButtonRole.ActionRole,
                                             self.print_kit)
        self.continue_button = self.buttons.addButton("Continuer", QDialogButtonBox.ButtonRole.AcceptRole)
        assert self.continue_button is not None
        self.continue_button.setDefault(True)
        self.continue_button.setEnabled(False)
        self.continue_button.clicked.connect(self.accept)
        layout.addWidget(self.buttons)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.kept.setFocus()

    def print_kit(self) -> None:
        """Straight to the printer: no file holding the code is left behind to delete."""
        from ..pdf.recovery_kit import render_recovery_kit
        from .widgets.printing import print_pdf

        try:
            printed = print_pdf(self, render_recovery_kit(self.kit.code, self.kit.store_id, self.kit.created),
                                KIT_PRINT_TITLE)
        except Exception as error:  # the printer refused: the code is still on screen, to note by hand
            self.banner.show_message(user_message(error), ERROR)
        else:
            if printed:
                self.banner.show_message("Kit envoyé à l'imprimante. Rangez-le en lieu sûr, à part de l'ordinateur.",
                                         SUCCESS)
        grow_to_fit(self)

    def save_kit_to(self, path: Path) -> None:
        from ..pdf.recovery_kit import render_recovery_kit

        try:
            write_atomically(path, render_recovery_kit(self.kit.code, self.kit.store_id, self.kit.created))
        except StoreError as error:
            self.banner.show_message(user_message(error), ERROR)
        else:
            self.banner.show_message("Kit enregistré. Imprimez-le, puis supprimez le fichier : il contient le code.",
                                     SUCCESS)
        grow_to_fit(self)

    def _save_kit(self) -> None:
        path = choose_kit_file(self)
        if path is not None:
            self.save_kit_to(path)

    def reject(self) -> None:
        """Échap closes only once the code is kept: it cannot be shown again."""
        if self.kept.isChecked():
            self.accept()
            return
        self.banner.show_message("Ce code ne sera plus affiché : notez-le ou enregistrez le kit, puis cochez la case "
                                 "avant de continuer.", ERROR)
        grow_to_fit(self)
        self.kept.setFocus()


class RecoverDialog(QDialog):
    """« Phrase secrète oubliée ? »: the recovery code, then a new phrase secrète typed twice; `store` is set
    (open) on success. Entrée changes the phrase, Échap cancels — while it runs too."""

    def __init__(self, data_dir: Path, vault: KeyVault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.vault = data_dir, vault
        self.store: Store | None = None
        self._attempt: Attempt | None = None
        self.setWindowTitle("Phrase secrète oubliée")
        self.setWindowIcon(icon("cmc-desktop"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(12)
        title = QLabel("Phrase secrète oubliée", self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        intro = QLabel("Saisissez le code de récupération imprimé sur votre kit, puis choisissez une nouvelle phrase "
                       "secrète. L'ancienne ne servira plus ; le code reste valable.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.first = PassphraseEdit("Nouvelle phrase secrète", self)
        self.second = PassphraseEdit("Confirmez la nouvelle phrase secrète", self)
        form.addRow("Code de récupération :", self.code)
        form.addRow("Nouvelle phrase secrète :", self.first)
        form.addRow("Confirmation :", self.second)
        layout.addLayout(form)
        self.counter = QLabel(length_hint(""), self)
        self.counter.setWordWrap(True)
        self.counter.setProperty("role", "hint")
        layout.addWidget(self.counter)
        self.banner = ErrorBanner(self, closable=False)
        layout.addWidget(self.banner)
        self.busy = QLabel("Vérification du code et ouverture du dossier…", self)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox(self)
        self.cancel_button = secondary_button(self.buttons, "Annuler", QDialogButtonBox.ButtonRole.RejectRole,
                                              self.reject)
        self.ok_button = self.buttons.addButton("Changer la phrase et ouvrir", QDialogButtonBox.ButtonRole.AcceptRole)
        assert self.ok_button is not None
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._recover)
        layout.addWidget(self.buttons)
        EnterSubmits(self._recover, self.code, self.first, self.second)
        self.first.textChanged.connect(lambda text: self.counter.setText(length_hint(text)))
        self.code.setFocus()

    @property
    def is_busy(self) -> bool:
        return self._attempt is not None

    def _recover(self) -> None:
        if self.is_busy:
            return
        problem = self._problem()
        if problem is not None:
            message, field = problem
            self._failed(StoreError(message), field)
            # The message goes once the fields no longer say it (the code completed, the phrases matching…).
            self.banner.show_until_fixed(message, lambda: (self._problem() or ("",))[0] != message,
                                         self.code, self.first, self.second)
            return
        self.banner.clear()
        attempt = self._attempt = Attempt()
        self._set_busy(True)
        root, vault, code, first = self.data_dir, self.vault, self.code.text(), self.first.text()

        def arrived(store: Store) -> None:
            if attempt.cancelled:
                store.close()
            else:
                self._opened(store)

        def refused(error: BaseException) -> None:
            if not attempt.cancelled:
                self._failed(error, self.code)

        tasks.submit(lambda: recover(root, code, first, vault=vault, defer_integrity=True), on_done=arrived,
                     on_error=refused)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for field in (self.code, self.first, self.second):
            field.setReadOnly(busy)  # not disabled: the focus stays in the field
        self.ok_button.setEnabled(not busy)

    def _opened(self, store: Store) -> None:
        self._attempt = None
        self.store = store
        for field in (self.first, self.second):
            field.wipe()
        self.code.clear()
        self.accept()

    def _problem(self) -> tuple[str, QLineEdit] | None:
        """What is wrong in the fields before anything is tried, in their order: a slip in the code is said before
        anything about the new phrase."""
        code = self.code.text()
        if not code.strip():
            return "Saisissez le code de récupération imprimé sur votre kit.", self.code
        try:
            recovery_code.canonical(code)
        except StoreError as error:
            return str(error), self.code
        try:
            check_new_passphrase(self.first.text(), confirmation=self.second.text())
        except StoreError as error:
            return str(error), self.first
        return None

    def _failed(self, error: BaseException, field: QLineEdit) -> None:
        self._attempt = None
        self._set_busy(False)
        self.banner.show_message(user_message(error))
        grow_to_fit(self)
        field.setFocus()
        field.selectAll()

    def reject(self) -> None:
        if self._attempt is not None:
            self._attempt.cancelled = True
        super().reject()
