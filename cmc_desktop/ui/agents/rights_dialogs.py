"""The agent's rights over their data, from their file: recording a request, the export of everything held
(access, portability), and the erasure of the file."""

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.data_rights import RightsRequestKind
from ...domain.erasure import ErasureReason, confirmation_matches
from ...services.agent_export import (
    NOTES_EXCLUDED,
    NOTES_INCLUDED,
    ExportedFiles,
    printable_export,
    write_export,
)
from ...services.agents import get_agent
from ...services.erasure import Erased, attestation_filename, erase_steps, plan_erasure
from ...services.rights import record_rights_request
from ...services.workspace import Workspace
from .. import tasks
from ..synthesis.save_file import write_atomically
from ..theme import set_property
from ..widgets import ERROR, SUCCESS, WARNING, ErrorBanner, FrenchDateEdit, GuardedDialog, confirm, parse_french_date
from ..widgets.dates import DateInputError
from ..widgets.file_dialogs import FileChooser
from ..widgets.passphrase import grow_to_fit
from .choices import enum_combo, enum_data

EXPORT_PRINT_TITLE = "Données personnelles de l'agent"
ERASURE_PRINT_TITLE = "Attestation d'effacement"

DirectoryChooser = Callable[[QWidget, str], Path | None]


def choose_directory(parent: QWidget, title: str) -> Path | None:
    """The one place this module asks for a folder: the application's file-dialog helper, no history kept."""
    return FileChooser().folder_path(parent, title)


def _buttons(dialog: GuardedDialog, main: str, *, danger: bool = False) -> tuple[QDialogButtonBox, QPushButton,
                                                                                 QPushButton]:
    box = QDialogButtonBox(dialog)
    action = box.addButton(main, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
    set_property(cancel, "variant", "secondary")
    if danger:
        set_property(action, "variant", "danger")
    cancel.setAutoDefault(False)
    action.setDefault(True)
    cancel.clicked.connect(dialog.request_close)
    return box, action, cancel


class RightsRequestDialog(GuardedDialog):
    """The agent asked for a copy of their data or for the erasure of their file: the date it was received."""

    def __init__(self, ws: Workspace, agent_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id = ws, agent_id
        self.setWindowTitle("Demande de l'agent sur ses données")
        self.setMinimumWidth(560)
        self.banner = ErrorBanner(self)
        who = QLabel(f"Agent : <b>{escape(get_agent(ws, agent_id).display_name)}</b>", self)
        self.kind: QComboBox = enum_combo(self, "Objet de la demande", [(k.label, k) for k in RightsRequestKind])
        self.received_on = FrenchDateEdit(self, accessible_name="Demande reçue le", optional=False,
                                          maximum=ws.clock.today())
        self.received_on.setDate(ws.clock.today())
        hint = QLabel("La réponse est due dans le mois qui suit la réception : le tableau de bord le rappelle.", self)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        form = QFormLayout()
        form.addRow("Objet de la demande :", self.kind)
        form.addRow("Demande reçue le :", self.received_on)
        box, self.save_button, self.cancel_button = _buttons(self, "Enregistrer la demande")
        self.save_button.clicked.connect(self._save)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        for widget in (self.banner, who):
            column.addWidget(widget)
        column.addLayout(form)
        column.addWidget(hint)
        column.addWidget(box)
        self.kind.setFocus()

    def _save(self) -> None:
        try:
            received = parse_french_date(self.received_on.edit.text())
            if received is None:
                raise DateInputError("la date de réception est obligatoire.")
            record_rights_request(self.ws, self.agent_id, enum_data(self.kind, RightsRequestKind)
                                  or RightsRequestKind.ACCES, received)
        except DateInputError as problem:
            self.banner.show_message(f"Date : {problem}")
            return
        except Exception as error:
            self.banner.show_error(error)
            return
        self.accept()


class ExportDialog(GuardedDialog):
    """Everything held about the agent, as a PDF and a JSON file in the folder the CMC chooses; `files` once
    written. The export runs off the GUI thread; while it runs, Entrée does nothing."""

    def __init__(self, ws: Workspace, agent_id: int, parent: QWidget | None = None, *,
                 choose: DirectoryChooser = choose_directory) -> None:
        super().__init__(parent)
        self.ws, self.agent_id, self._choose = ws, agent_id, choose
        self.files: ExportedFiles | None = None
        self.busy = False
        self.setWindowTitle("Exporter les données de l'agent")
        self.setMinimumWidth(640)
        self.banner = ErrorBanner(self)
        who = QLabel(f"Agent : <b>{escape(get_agent(ws, agent_id).display_name)}</b>", self)
        intro = QLabel("Tout ce que ce poste contient sur l'agent, et rien sur une autre personne : un PDF lisible et "
                       "un fichier JSON (portabilité), écrits dans le dossier choisi, lisibles par vous seul·e. Un "
                       "fichier existant n'est jamais remplacé.", self)
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.folder = QLineEdit(self)
        self.folder.setAccessibleName("Dossier de destination")
        self.folder.setPlaceholderText("Dossier où écrire les deux fichiers")
        self.browse_button = QPushButton("Choisir…", self)
        self.browse_button.setProperty("variant", "secondary")
        self.browse_button.setAutoDefault(False)
        self.browse_button.setAccessibleName("Choisir le dossier de destination")
        self.browse_button.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)
        self.notes = QCheckBox("Joindre mes notes privées (sur le dossier et sur chaque entretien)", self)
        self.notes_hint = QLabel(self)
        self.notes_hint.setWordWrap(True)
        self.notes_hint.setProperty("role", "hint")
        self.notes.toggled.connect(self._show_notes_hint)
        self.accessible = QCheckBox("Joindre une version accessible (ODT, pour un lecteur d'écran)", self)
        self.protect = QCheckBox("Protéger le PDF par un mot de passe", self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Mot de passe du PDF")
        self.confirmation = QLineEdit(self)
        self.confirmation.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirmation.setAccessibleName("Mot de passe du PDF, confirmation")
        self.protect.toggled.connect(self._show_password)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow("Dossier de destination :", folder_row)
        self.form.addRow("", self.notes)
        self.form.addRow("", self.notes_hint)
        self.form.addRow("", self.accessible)
        self.form.addRow("", self.protect)
        self.form.addRow("Mot de passe :", self.password)
        self.form.addRow("Confirmation :", self.confirmation)
        box, self.export_button, self.cancel_button = _buttons(self, "Exporter")
        self.export_button.clicked.connect(self.export)
        self.print_button = box.addButton("Imprimer…", QDialogButtonBox.ButtonRole.ActionRole)
        set_property(self.print_button, "variant", "secondary")
        self.print_button.setAutoDefault(False)
        self.print_button.setToolTip("Le même PDF, vers une imprimante, sans fichier écrit")
        self.print_button.clicked.connect(self.print_export)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        for widget in (self.banner, who, intro):
            column.addWidget(widget)
        column.addLayout(self.form)
        column.addStretch(1)
        column.addWidget(box)
        self._show_notes_hint(False)
        self._show_password(False)
        self.folder.setFocus()

    def has_pending_input(self) -> bool:
        return self.busy

    def _show_notes_hint(self, included: bool) -> None:
        said = NOTES_INCLUDED if included else NOTES_EXCLUDED
        self.notes_hint.setText(f"Le PDF et le fichier JSON le disent à l'agent : « {said} »")

    def _show_password(self, shown: bool) -> None:
        for field in (self.password, self.confirmation):
            self.form.setRowVisible(field, shown)

    def _browse(self) -> None:
        chosen = self._choose(self, "Dossier où écrire les données de l'agent")
        if chosen is not None:
            self.folder.setText(str(chosen))

    def export(self) -> None:
        if self.busy:
            return
        self.banner.clear()
        if not self.folder.text().strip():
            self.banner.show_message("Choisissez le dossier de destination.")
            self.folder.setFocus()
            return
        from ...pdf.protect import MIN_PASSWORD_LENGTH  # pypdf: loaded for an export only

        password = None
        if self.protect.isChecked():
            password = self.password.text()
            if len(password.strip()) < MIN_PASSWORD_LENGTH or password != self.confirmation.text():
                self.banner.show_message(f"Le mot de passe du PDF doit compter au moins {MIN_PASSWORD_LENGTH} "
                                         "caractères, et ses deux saisies être identiques.")
                self.password.setFocus()
                return
        out, notes, ws, agent_id = Path(self.folder.text().strip()), self.notes.isChecked(), self.ws, self.agent_id
        accessible = self.accessible.isChecked()
        self._set_busy(True)
        tasks.submit(lambda: write_export(ws, agent_id, out, include_private_notes=notes, pdf_password=password,
                                          accessible=accessible),
                     owner=self, on_done=self._done, on_error=self._failed)

    def print_export(self) -> None:
        """The same PDF through the system print dialog; nothing is written (no folder needed)."""
        if self.busy:
            return
        self.banner.clear()
        notes, ws, agent_id = self.notes.isChecked(), self.ws, self.agent_id
        self._set_busy(True)
        tasks.submit(lambda: printable_export(ws, agent_id, include_private_notes=notes), owner=self,
                     on_done=self._print, on_error=self._failed)

    def _print(self, data: bytes) -> None:
        from ..widgets.printing import print_pdf  # Qt's print support loads on the first print

        self._set_busy(False)
        try:
            print_pdf(self, data, EXPORT_PRINT_TITLE)
        except Exception as error:  # the printer refused: said, the export can still be written
            self.banner.show_error(error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.export_button, self.print_button, self.folder, self.browse_button, self.notes,
                       self.accessible, self.protect):
            widget.setEnabled(not busy)
        self.export_button.setText("Export en cours…" if busy else "Exporter")

    def _done(self, files: ExportedFiles) -> None:
        self._set_busy(False)
        self.files = files
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_error(error)


class ErasureDialog(GuardedDialog):
    """Erase the agent's whole file: why, what goes, what holds it back; the CMC types the agent's last name to
    confirm. Once erased, the attestation is offered for saving (the application keeps no copy); `erased`."""

    def __init__(self, ws: Workspace, agent_id: int, parent: QWidget | None = None, *,
                 chooser: FileChooser | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id = ws, agent_id
        self.chooser = chooser or FileChooser()
        self.erased: Erased | None = None
        self.attestation_saved: Path | None = None
        self._busy = False
        self.plan = plan_erasure(ws, agent_id)
        self.setWindowTitle("Effacer le dossier de l'agent")
        self.setMinimumWidth(700)
        self.banner = ErrorBanner(self, closable=False)
        title = QLabel(f"Effacer le dossier de <b>{escape(self.plan.display_name)}</b> "
                       f"({escape(self.plan.pseudo_id)})", self)
        title.setWordWrap(True)
        reasons = QGroupBox("Motif", self)
        reason_column = QVBoxLayout(reasons)
        self.reason_group = QButtonGroup(self)
        self.reasons: dict[ErasureReason, QRadioButton] = {}
        for reason in self.plan.reasons:
            button = QRadioButton(reason.label, reasons)
            self.reason_group.addButton(button)
            self.reasons[reason] = button
            reason_column.addWidget(button)
        self.reasons[self.plan.reasons[0]].setChecked(True)
        what = QLabel("Sera effacé, sans retour possible :<ul>"
                      + "".join(f"<li>{escape(item)}</li>" for item in self.plan.inventory) + "</ul>"
                      "Une trace sans nom ni contenu reste (la référence pseudonyme et les dates) ; l'attestation "
                      "remise à l'agent dit exactement ce qui subsiste.", self)
        what.setWordWrap(True)
        self.confirmation = QLineEdit(self)
        self.confirmation.setAccessibleName(f"Pour confirmer, saisissez le nom de l'agent : {self.plan.last_name}")
        self.confirmation.setPlaceholderText(self.plan.last_name)
        self.confirmation.textChanged.connect(self._enable)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(f"Pour confirmer, saisissez le nom de l'agent ({self.plan.last_name}) :", self.confirmation)
        box, self.erase_button, self.cancel_button = _buttons(self, "Effacer définitivement", danger=True)
        self.erase_button.clicked.connect(self.erase)
        self.save_button = QPushButton("Enregistrer l'attestation…", self)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda: self.save_attestation())
        self.save_accessible_button = QPushButton("Version accessible (ODT)…", self)
        set_property(self.save_accessible_button, "variant", "secondary")
        self.save_accessible_button.setAutoDefault(False)
        self.save_accessible_button.setToolTip("La même attestation en document texte OpenDocument, avec ses titres, "
                                               "pour un agent qui utilise un lecteur d'écran")
        self.save_accessible_button.clicked.connect(lambda: self.save_attestation(accessible=True))
        self.print_button = QPushButton("Imprimer…", self)
        set_property(self.print_button, "variant", "secondary")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_attestation)
        attestation_row = QHBoxLayout()
        attestation_row.addStretch(1)
        for shown_later in (self.print_button, self.save_accessible_button, self.save_button):
            attestation_row.addWidget(shown_later)
            shown_later.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Effacement en cours, dans le dossier puis dans ses copies")
        self.progress.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        for widget in (self.banner, title, reasons, what):
            column.addWidget(widget)
        column.addLayout(form)
        column.addWidget(self.progress)
        column.addStretch(1)
        column.addLayout(attestation_row)
        column.addWidget(box)
        if self.plan.holds:
            self.banner.show_message(" ".join(self.plan.holds), ERROR)
            self.confirmation.setEnabled(False)
        self._enable()
        self.confirmation.setFocus()

    def reason(self) -> ErasureReason:
        return next(reason for reason, button in self.reasons.items() if button.isChecked())

    def has_pending_input(self) -> bool:
        return self.erased is not None and self.attestation_saved is None

    def may_close(self) -> bool:
        if not self.has_pending_input():
            return True
        return confirm(self, "Attestation non enregistrée", "L'attestation d'effacement n'a pas été enregistrée et "
                       "l'application n'en garde aucune copie. Fermer quand même ?", confirm_label="Fermer",
                       cancel_label="Revenir", destructive=True)

    def _enable(self) -> None:
        ready = (self.erased is None and not self.plan.holds and not self._busy
                 and confirmation_matches(self.confirmation.text(), self.plan.last_name))
        self.erase_button.setEnabled(ready)

    def erase(self) -> None:
        if not self.erase_button.isEnabled() or self._busy:
            return
        ws, agent_id, reason, typed = self.ws, self.agent_id, self.reason(), self.confirmation.text()
        self._set_busy(True)

        def progressed(percent: int, text: str) -> None:
            self.progress.setValue(percent)
            self.progress.setFormat(f"{text} — %p %")

        tasks.submit(lambda: erase_steps(ws, agent_id, reason, typed), owner=self,
                     on_done=self._erased_done, on_error=self._erase_failed, on_progress=progressed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        for widget in (self.cancel_button, self.confirmation, *self.reasons.values()):
            widget.setEnabled(not busy)
        self._enable()

    def _erase_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_error(error)

    def _erased_done(self, erased: Erased) -> None:
        self._set_busy(False)
        self.erased = erased
        if erased.copies.complete:
            self.banner.show_message(f"Dossier {erased.pseudo_id} effacé, sauvegardes comprises. Enregistrez "
                                     "l'attestation à remettre.", SUCCESS)
        else:
            self.banner.show_message(f"Dossier {erased.pseudo_id} effacé du poste, mais des copies n'ont pas pu "
                                     "être atteintes : l'attestation les nomme et le tableau de bord les garde en "
                                     "vue. Enregistrez l'attestation à remettre.", ERROR)
        for widget in (self.erase_button, self.confirmation, *self.reasons.values()):
            widget.setEnabled(False)
        self.cancel_button.setText("Fermer")
        for shown_later in (self.print_button, self.save_accessible_button, self.save_button):
            shown_later.show()
        grow_to_fit(self)  # the message and the attestation's buttons need their height
        self.save_button.setDefault(True)
        self.save_button.setFocus()
        self.save_attestation()

    def print_attestation(self) -> None:
        from ..widgets.printing import print_pdf  # Qt's print support loads on the first print

        if self.erased is None:
            return
        try:
            print_pdf(self, self.erased.attestation, ERASURE_PRINT_TITLE)
        except Exception as error:  # the printer refused: said, the attestation can still be saved
            self.banner.show_error(error)

    def save_attestation(self, *, accessible: bool = False) -> None:
        """Save the attestation where the CMC chooses: the PDF, or (`accessible`) the same as an ODT."""
        if self.erased is None:
            return
        erased = self.erased
        name = attestation_filename(erased.pseudo_id)
        data = erased.odt if accessible else erased.attestation
        path = self.chooser.save_path(self, "Enregistrer l'attestation d'effacement",
                                      name.removesuffix(".pdf") + ".odt" if accessible else name)
        if path is None:
            self.banner.show_message("L'attestation n'est pas encore enregistrée : l'application n'en garde aucune "
                                     "copie.", WARNING)
            return
        try:
            write_atomically(path, lambda: data)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.attestation_saved = path
        self.banner.show_message(f"Attestation enregistrée : {path.name}", SUCCESS)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()
