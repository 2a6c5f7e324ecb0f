"""The document de synthèse leaving and coming back: PDF export (the agent's copy, or a recipient's with the
agent's consent, optionally password-protected), the fillable PDF for the agent at a distance, and its import.

Each entry point is a function the SynthesisEditor calls with (parent, ws, synthesis_id). The place of every
file is chosen by the CMC (FileChooser; tests pass one that answers directly); files are written with
QSaveFile (save_file.write_atomically), nothing goes through a temp folder.
"""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.consent import RecipientKind
from ...domain.dates import format_fr
from ...services import synthesis as synthesis_service
from ...services.consents import ConsentView, consents_for
from ...services.destruction import is_provider_mode
from ...services.synthesis_exchange import export_fillable, export_pdf, review_import, suggested_filename
from ...services.workspace import Workspace
from .. import tasks
from ..theme import set_property
from ..widgets import INFO, WARNING, ErrorBanner, GuardedDialog, user_message
from ..widgets.file_dialogs import FileChooser
from ..widgets.folding_bar import FoldingBar
from ..widgets.vertical_scroll import vertical_scroll
from .busy import Interrupted, inform, notify, run_busy
from .consents import withheld_mention
from .save_file import write_atomically


def consent_reason(consent: ConsentView, today: date) -> str:
    """Why this consent does or does not allow a transmission today, in a few words."""
    if consent.live:
        return f"consentement du {format_fr(consent.given_on)}"
    if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
        return f"consentement retiré le {format_fr(consent.withdrawn_on)} : transmission impossible"
    return f"consentement valable à partir du {format_fr(consent.given_on)} : transmission impossible aujourd'hui"


class ExportDialog(GuardedDialog):
    """Chooses the copy (the agent's, or a recipient's with a live consent) and an optional password, then the
    place, then exports and writes the PDF off the GUI thread."""

    def __init__(self, ws: Workspace, synthesis_id: int, parent: QWidget | None = None, *,
                 chooser: FileChooser | None = None) -> None:
        from ...pdf.protect import MIN_PASSWORD_LENGTH  # pypdf is imported on use, not at start-up

        super().__init__(parent)
        self.ws, self.synthesis_id = ws, synthesis_id
        self.chooser = chooser or FileChooser()
        self.min_length = MIN_PASSWORD_LENGTH
        self.saved_path: Path | None = None
        self.recipient: ConsentView | None = None
        self._busy = False
        self._focus_before: QWidget | None = None
        doc = synthesis_service.load_synthesis(ws, synthesis_id)
        self.consents = consents_for(ws, synthesis_id)
        self.provider_mode = is_provider_mode(ws)
        self.setWindowTitle("Exporter le document de synthèse")
        self.setMinimumWidth(860)
        # The choices scroll when the texts are enlarged (RGAA 10.4); the buttons stay in view under them.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 20)
        body = QWidget()
        outer.addWidget(vertical_scroll(body, self), 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 0)
        layout.setSpacing(12)
        title = QLabel("Exporter le document de synthèse", self)
        title.setProperty("role", "section")
        layout.addWidget(title)
        intro = QLabel(f"Document {doc.pseudo_id}. Le fichier est enregistré à l'endroit que vous choisissez ; "
                       "le nom proposé ne contient pas le nom de l'agent.", self)
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        layout.addWidget(intro)

        copy_box = QGroupBox("Exemplaire", self)
        copy_layout = QVBoxLayout(copy_box)
        self.agent_copy = QRadioButton("Exemplaire de l'agent", copy_box)
        self.agent_copy.setChecked(True)
        self.for_recipient = QRadioButton("Pour un destinataire", copy_box)
        self.copy_group = QButtonGroup(self)
        self.copy_group.addButton(self.agent_copy)
        self.copy_group.addButton(self.for_recipient)
        copy_layout.addWidget(self.agent_copy)
        copy_layout.addWidget(self._hint("L'agent est propriétaire du document : il en reçoit un exemplaire.",
                                         copy_box))
        copy_layout.addWidget(self.for_recipient)
        self.recipients = QListWidget(copy_box)
        self.recipients.setAccessibleName("Destinataires ayant le consentement de l'agent")
        self.recipients.setMinimumHeight(100)
        self.recipients.setMaximumHeight(120)
        self.recipients.setWordWrap(True)
        self.recipients.setSpacing(3)
        self._fill_recipients()
        copy_layout.addWidget(self.recipients)
        live = [c for c in self.consents if c.live]
        self.for_recipient.setEnabled(bool(live))
        copy_layout.addWidget(self._hint(
            "Seuls les destinataires pour lesquels l'agent a donné son consentement peuvent être choisis ; "
            "la transmission est inscrite au registre." if live else
            "Aucun consentement en vigueur : l'agent doit d'abord consentir à la transmission (registre des "
            "consentements du document).", copy_box))
        layout.addWidget(copy_box)
        # The format and the protection next to each other (it fits 1280×720), one under the other when the
        # texts are enlarged.
        side_by_side = FoldingBar(body)
        side_by_side.box.setContentsMargins(0, 0, 0, 0)
        side_by_side.box.addWidget(self._format_box(), 1)

        protect_box = QGroupBox("Protection", self)
        protect_layout = QVBoxLayout(protect_box)
        self.protect_box = protect_box
        self.protect = QCheckBox("Protéger le PDF par un mot de passe", protect_box)
        protect_layout.addWidget(self.protect)
        form = QFormLayout()
        self.password = QLineEdit(protect_box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(protect_box)
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Mot de passe :", self.password)
        form.addRow("Confirmation :", self.password_again)
        protect_layout.addLayout(form)
        protect_layout.addWidget(self._hint(
            f"Au moins {MIN_PASSWORD_LENGTH} caractères (chiffrement AES-256). Communiquez-le autrement qu'avec le "
            "fichier : de vive voix ou par téléphone.", protect_box))
        side_by_side.box.addWidget(protect_box, 1)
        layout.addWidget(side_by_side)

        self.provider_note = ErrorBanner(self, closable=False)
        layout.addWidget(self.provider_note)
        self.banner = ErrorBanner(self)
        layout.addWidget(self.banner)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Export en cours")
        self.progress.hide()
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton("Choisir l'emplacement et exporter…",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        # Printing gives the same copy as the export (journaled the same way); a password protects a file only.
        self.print_button = buttons.addButton("Imprimer…", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        for secondary in (self.print_button, self.cancel_button):
            set_property(secondary, "variant", "secondary")  # button-box buttons are polished on creation
            secondary.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_copy)
        self.cancel_button.clicked.connect(self.request_close)
        bottom = QVBoxLayout()
        bottom.setContentsMargins(24, 12, 24, 0)
        bottom.addWidget(self.progress)
        bottom.addWidget(buttons)
        outer.addLayout(bottom)

        self.copy_group.buttonToggled.connect(self._update)
        self.format_group.buttonToggled.connect(self._update)
        self.recipients.currentItemChanged.connect(self._update)
        self.protect.toggled.connect(self._update)
        self._update()

    def _format_box(self) -> QGroupBox:
        box = QGroupBox("Format", self)
        column = QVBoxLayout(box)
        self.as_pdf = QRadioButton("PDF, à imprimer ou à transmettre", box)
        self.as_pdf.setChecked(True)
        self.as_odt = QRadioButton("Document accessible (ODT), pour un lecteur d'écran", box)
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.as_pdf)
        self.format_group.addButton(self.as_odt)
        column.addWidget(self.as_pdf)
        column.addWidget(self.as_odt)
        column.addWidget(self._hint(
            "Pour un agent aveugle ou malvoyant : le même contenu, avec ses titres et ses tableaux, qui s'ouvre "
            "dans LibreOffice ou Word. Sans mot de passe possible.", box))
        return box

    @property
    def accessible(self) -> bool:
        return self.as_odt.isChecked()

    @staticmethod
    def _hint(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setProperty("role", "hint")
        return label

    def _fill_recipients(self) -> None:
        today = self.ws.clock.today()
        for consent in self.consents:
            text = f"{consent.recipient_label} — {consent_reason(consent, today)}"
            if consent.live:  # what goes with this copy
                text += f" — {withheld_mention(consent.withheld)}"
            item = QListWidgetItem(text)
            item.setToolTip(f"Objet du consentement : {consent.scope}")
            item.setData(Qt.ItemDataRole.UserRole, consent.id)
            if not consent.live:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown with its reason, not selectable
            self.recipients.addItem(item)
        if not self.consents:
            empty = QListWidgetItem("Aucun consentement enregistré pour ce document.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recipients.addItem(empty)

    def selected_consent(self) -> ConsentView | None:
        item = self.recipients.currentItem()
        if item is None or not self.for_recipient.isChecked() or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return next((c for c in self.consents if c.id == item.data(Qt.ItemDataRole.UserRole)), None)

    def _update(self) -> None:
        self.recipients.setEnabled(self.for_recipient.isChecked() and not self._busy)
        if self.accessible:  # only the PDF can carry a password
            self.protect.setChecked(False)
        self.protect_box.setEnabled(not self.accessible and not self._busy)
        self.print_button.setEnabled(not self.accessible and not self._busy)  # the ODT is for reading on screen
        protected = self.protect.isChecked()
        self.password.setEnabled(protected)
        self.password_again.setEnabled(protected)
        chosen = self.selected_consent()
        if self.provider_mode and chosen is not None and chosen.recipient_kind is RecipientKind.AUTRE_CMC:
            self.provider_note.show_message(
                "Mode prestataire : après cette transmission au conseiller de l'administration, la destruction du "
                "document sera demandée et le tableau de bord la rappellera jusqu'à ce qu'elle soit faite.", WARNING)
        else:
            self.provider_note.clear()

    def _problem(self) -> tuple[str, QWidget] | None:
        """What stops the export before a place is chosen (message, field to correct)."""
        if self.for_recipient.isChecked() and self.selected_consent() is None:
            return "Choisissez le destinataire dans la liste.", self.recipients
        if self.protect.isChecked():
            if len(self.password.text().strip()) < self.min_length:
                return f"Le mot de passe du PDF doit compter au moins {self.min_length} caractères.", self.password
            if self.password.text() != self.password_again.text():
                return ("Les deux saisies du mot de passe ne sont pas identiques : saisissez-le de nouveau.",
                        self.password_again)
        return None

    def print_copy(self) -> None:
        from ..widgets.printing import print_pdf

        self.banner.clear()
        if self.for_recipient.isChecked() and self.selected_consent() is None:
            self.banner.show_until_fixed(
                "Choisissez le destinataire dans la liste.",
                lambda: not self.for_recipient.isChecked() or self.selected_consent() is not None,
                self.recipients, self.for_recipient)
            return
        consent = self.selected_consent() if self.for_recipient.isChecked() else None
        try:
            data = export_pdf(self.ws, self.synthesis_id, for_recipient=None if consent is None else consent.id)
            print_pdf(self, data, "Document de synthèse")
        except Exception as error:  # said in the dialog, which stays open
            self.banner.show_error(error)

    def export(self) -> None:
        self.banner.clear()
        problem = self._problem()
        if problem is not None:
            message, field = problem
            self.banner.show_until_fixed(message, lambda: (self._problem() or ("",))[0] != message, self.for_recipient,
                                         self.recipients, self.protect, self.password, self.password_again)
            field.setFocus()
            return
        accessible = self.accessible
        path = self.chooser.save_path(self, "Enregistrer le document de synthèse",
                                      suggested_filename(self.ws, self.synthesis_id, accessible=accessible))
        if path is None:
            return
        ws, synthesis_id, consent = self.ws, self.synthesis_id, self.selected_consent()
        recipient = None if consent is None else consent.id
        password = self.password.text() if self.protect.isChecked() else None
        self._set_busy(True)

        def work() -> None:
            write_atomically(path, lambda: export_pdf(ws, synthesis_id, for_recipient=recipient, password=password,
                                                      accessible=accessible))

        def done(_: object) -> None:
            self._set_busy(False)
            self.saved_path, self.recipient = path, consent
            self.accept()

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self.banner.show_error(error)

        tasks.submit(work, on_done=done, on_error=failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        if busy:
            self._focus_before = self.focusWidget()
        for widget in (self.export_button, self.print_button, self.cancel_button, self.agent_copy, self.protect,
                       self.as_pdf, self.as_odt):
            widget.setEnabled(not busy)
        self.for_recipient.setEnabled(not busy and any(c.live for c in self.consents))
        self._update()
        # A disabled widget loses the keyboard: the dialog keeps it meanwhile (Entrée then does nothing, Échap
        # is refused), and gives it back where it was once the export failed.
        if busy:
            self.setFocus()
        elif self._focus_before is not None and self._focus_before.isEnabled():
            self._focus_before.setFocus()

    def may_close(self) -> bool:
        return not self._busy

    def reject(self) -> None:
        self.password.clear()
        self.password_again.clear()
        super().reject()

    def accept(self) -> None:
        self.password.clear()
        self.password_again.clear()
        super().accept()


def export_pdf_dialog(parent: QWidget | None, ws: Workspace, synthesis_id: int, *,
                      chooser: FileChooser | None = None) -> None:
    """Export the document where the CMC chooses, as a PDF or an accessible ODT: the agent's copy or, with
    consent, a recipient's."""
    try:
        dialog = ExportDialog(ws, synthesis_id, parent, chooser=chooser)
    except Exception as error:  # the document vanished (destroyed meanwhile) or the store failed
        inform(parent, "Export impossible", user_message(error))
        return
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved_path is None:
            return
        name = dialog.saved_path.name
        if dialog.recipient is None:
            notify(parent, f"Exemplaire de l'agent enregistré : {name}.")
        else:
            due = (" Mode prestataire : la destruction du document est maintenant à effectuer."
                   if dialog.provider_mode and dialog.recipient.recipient_kind is RecipientKind.AUTRE_CMC else "")
            notify(parent, f"PDF pour « {dialog.recipient.recipient_label} » enregistré : {name}. "
                           f"La transmission est inscrite au registre.{due}")
    finally:
        dialog.deleteLater()


def export_fillable_dialog(parent: QWidget | None, ws: Workspace, synthesis_id: int, *,
                           chooser: FileChooser | None = None) -> None:
    """Save a fillable PDF of the document for the agent to complete at a distance."""
    chooser = chooser or FileChooser()
    try:
        if synthesis_service.load_synthesis(ws, synthesis_id).locked:
            inform(parent, "PDF à compléter", "Le document a été finalisé par l'agent : il ne peut plus être "
                   "complété. Il faut d'abord une demande de réouverture de l'agent.")
            return
        path = chooser.save_path(parent, "Enregistrer le PDF à compléter par l'agent",
                                 suggested_filename(ws, synthesis_id, fillable=True))
        if path is None:
            return
        run_busy(parent, "Préparation du PDF à compléter…",
                 lambda: write_atomically(path, lambda: export_fillable(ws, synthesis_id)))
    except Interrupted:
        return
    except Exception as error:
        inform(parent, "PDF à compléter non enregistré", user_message(error))
        return
    notify(parent, f"PDF à compléter enregistré : {path.name}. Envoyez-le à l'agent ; à son retour, importez-le "
                   "avec « Importer le PDF complété ».")


def import_fillable_dialog(parent: QWidget | None, ws: Workspace, synthesis_id: int, *,
                           chooser: FileChooser | None = None) -> bool:
    """Import the fillable PDF the agent completed: review its changes field by field and apply the accepted
    ones, attributed to the agent. True when something was accepted. The reading can be cancelled (the child
    process that parses the file is killed) and Ctrl+L locks meanwhile."""
    from ...pdf.fillable import MAX_FILLABLE_BYTES
    from ...pdf.form_sandbox import Cancellation
    from .import_review import review_changes

    chooser = chooser or FileChooser()
    path = chooser.open_path(parent, "Importer le PDF complété par l'agent")
    if path is None:
        return False
    cancellation = Cancellation()
    try:
        if path.stat().st_size > MAX_FILLABLE_BYTES:
            inform(parent, "Import impossible", f"Ce fichier est trop volumineux (plus de "
                   f"{MAX_FILLABLE_BYTES // (1024 * 1024)} Mo) pour être un document de synthèse complété. "
                   "Rien n'a été importé.")
            return False
        review = run_busy(parent, "Lecture du PDF complété…",
                          lambda: review_import(ws, synthesis_id, path.read_bytes(), cancellation=cancellation),
                          on_cancel=cancellation.cancel)
    except Interrupted:
        window = parent.window() if parent is not None else None
        if cancellation.cancelled and not getattr(window, "locked", False):
            notify(parent, "Lecture du PDF annulée : rien n'a été importé.", INFO)
        return False
    except Exception as error:  # not ours, another document's, tampered, unreadable: nothing was changed
        inform(parent, "Import impossible", user_message(error))
        return False
    return review_changes(parent, ws, review)
