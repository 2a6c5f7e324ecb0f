"""Destruction of a document de synthèse at the agent's request (or a provider's duty): record the request,
say plainly what goes and that it cannot be undone, confirm by typing the document's id, destroy — in the store
and in every known copy, with a progress bar — then save the attestation de destruction for the agent, which says
what was erased and what remains. It is produced once, so the dialog insists before closing without it.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.copies import CopiesReport, Outcome, copies_fr
from ...domain.dates import format_fr
from ...services.destruction import (
    DestructionOutcome,
    Requester,
    destruction_steps,
    pending_destructions,
    receipt_filename,
    request_destruction,
)
from ...services.workspace import Workspace
from .. import tasks
from ..theme import set_property
from ..widgets import SUCCESS, WARNING, ErrorBanner, FrenchDateEdit, GuardedDialog, confirm, user_message
from ..widgets.file_dialogs import FileChooser
from .busy import inform, notify
from .destruction_target import Target, document_target, request_target
from .save_file import write_atomically

DESTROYED_ITEMS = (
    "le document et toutes ses rubriques, dont son plan d'action ;",
    "toutes ses versions enregistrées ;",
    "les PDF complétés par l'agent qui ont été importés ;",
    "ses pièces jointes ;",
    "le registre de ses consentements et de ses transmissions, et les demandes de réouverture.",
)


class DestructionDialog(GuardedDialog):
    """Page 1: the request and the confirmation; page 2: the attestation to save."""

    def __init__(self, ws: Workspace, target: Target, parent: QWidget | None = None, *,
                 chooser: FileChooser | None = None) -> None:
        super().__init__(parent)
        self.ws, self.target = ws, target
        self.chooser = chooser or FileChooser()
        self.request_id = target.request.request_id if target.request else None
        self.document_destroyed = self.request_recorded = False
        self.receipt: DestructionOutcome | None = None
        self.receipt_saved: str | None = None
        self._busy = False
        self.setWindowTitle("Destruction du document de synthèse")
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        # Two pages shown in turn (not a QStackedWidget, which hides the wrapped labels' height from the dialog).
        self.confirmation_page, self.receipt_page = self._confirmation_page(), self._receipt_page()
        layout.addWidget(self.confirmation_page)
        layout.addWidget(self.receipt_page)
        self.receipt_page.hide()
        self.destroy_button.setDefault(True)  # a dialog has one default button: the shown page's main one

    # Page 1 ----------------------------------------------------------------------------------------------
    def _confirmation_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        title = QLabel(f"Détruire le document {self.target.pseudo_id}", page)
        title.setProperty("role", "section")
        column.addWidget(title)
        identity = QLabel(self.target.description, page)
        identity.setProperty("role", "subtitle")
        identity.setTextFormat(Qt.TextFormat.PlainText)
        identity.setWordWrap(True)
        column.addWidget(identity)

        self.requested_on = FrenchDateEdit(page, optional=False, maximum=self.ws.clock.today())
        self.by_agent = QRadioButton("L'agent", page)
        self.by_provider = QRadioButton("Le prestataire, après transmission à l'administration", page)
        self.requester = QButtonGroup(self)
        for button in (self.by_agent, self.by_provider):
            self.requester.addButton(button)
        request = self.target.request
        if request is None:
            form = QFormLayout()
            self.requested_on.setDate(self.ws.clock.today())
            self.requested_on.setMaximumWidth(220)
            self.by_agent.setChecked(True)
            who = QHBoxLayout()
            who.addWidget(self.by_agent)
            who.addSpacing(16)
            who.addWidget(self.by_provider)
            who.addStretch(1)
            form.addRow("Demande reçue le :", self.requested_on)
            form.addRow("Demandée par :", who)
            self.requested_on.setAccessibleName("Demande reçue le")
            column.addLayout(form)
        else:
            for widget in (self.requested_on, self.by_agent, self.by_provider):
                widget.hide()
            column.addWidget(QLabel(f"Demande de destruction enregistrée le {format_fr(request.requested_on)}, "
                                    f"par {request.requested_by.label}.", page))

        what = QLabel("Ce qui sera détruit :", page)
        what.setProperty("role", "subtitle")
        column.addWidget(what)
        column.addWidget(QLabel("\n".join(f"•  {item}" for item in DESTROYED_ITEMS), page))
        remains = QLabel(
            f"Ne restent qu'une trace sans contenu (l'identifiant {self.target.pseudo_id} et les dates), le journal "
            "des opérations et l'attestation de destruction, à remettre à l'agent.", page)
        remains.setWordWrap(True)
        remains.setProperty("role", "hint")
        column.addWidget(remains)

        warning = ErrorBanner(page, closable=False)
        warning.show_message(
            "Cette destruction est définitive : le contenu est effacé du dossier chiffré et de toutes les "
            "sauvegardes que l'application connaît, et ne pourra pas être récupéré. Une sauvegarde hors d'atteinte "
            "(disque débranché) est nommée dans l'attestation et nettoyée dès qu'elle redevient accessible.",
            WARNING)
        column.addWidget(warning)

        prompt = QLabel(f"Pour confirmer, saisissez l'identifiant du document : <b>{self.target.pseudo_id}</b>", page)
        self.typed_id = QLineEdit(page)
        self.typed_id.setPlaceholderText(self.target.pseudo_id)
        self.typed_id.setAccessibleName("Identifiant du document, pour confirmer la destruction")
        self.typed_id.textChanged.connect(self._typed)
        prompt.setBuddy(self.typed_id)
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(prompt)
        confirm_row.addWidget(self.typed_id, 1)
        column.addLayout(confirm_row)
        self.banner = ErrorBanner(page)
        column.addWidget(self.banner)
        self.progress = QProgressBar(page)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Destruction en cours, dans le dossier puis dans ses copies")
        self.progress.hide()
        column.addWidget(self.progress)

        # Entrée destroys once the id is typed; while the destruction runs it does nothing: no other button is
        # auto-default, and the destroy button is disabled.
        buttons = QDialogButtonBox(page)
        self.destroy_button = buttons.addButton("Détruire définitivement", QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button = buttons.addButton("Enregistrer la demande seulement",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.destroy_button, "variant", "danger")
        for secondary in (self.record_button, self.cancel_button):
            set_property(secondary, "variant", "secondary")
            secondary.setAutoDefault(False)
        self.destroy_button.setEnabled(False)
        self.destroy_button.clicked.connect(self.carry_out)
        self.record_button.setToolTip("La destruction reste à faire : le tableau de bord la rappelle.")
        self.record_button.clicked.connect(self.record_only)
        self.record_button.setVisible(request is None)
        self.cancel_button.clicked.connect(self.request_close)
        column.addWidget(buttons)
        self.typed_id.setFocus()
        return page

    def _typed(self) -> None:
        self.destroy_button.setEnabled(not self._busy and self.id_confirmed())

    def id_confirmed(self) -> bool:
        return self.typed_id.text().strip().upper() == self.target.pseudo_id.upper()

    def _record(self) -> bool:
        """Record the request once (this dialog's own); False, with the reason shown, when refused."""
        if self.request_id is not None:
            return True
        requested_on = self.requested_on.date()
        if self.requested_on.error_text or requested_on is None:
            self.banner.show_message(self.requested_on.error_text or "Indiquez la date de la demande.")
            return False
        assert self.target.synthesis_id is not None
        requester = Requester.AGENT if self.by_agent.isChecked() else Requester.PRESTATAIRE
        try:
            self.request_id = request_destruction(self.ws, self.target.synthesis_id, requested_on, requester)
        except Exception as error:
            self.banner.show_error(error)
            return False
        self.request_recorded = True
        self.requested_on.setEnabled(False)
        self.by_agent.setEnabled(False)
        self.by_provider.setEnabled(False)
        self.record_button.hide()
        return True

    def record_only(self) -> None:
        self.banner.clear()
        if self._record():
            self.accept()

    def carry_out(self) -> None:
        self.banner.clear()
        if not self.id_confirmed():
            self.banner.show_message(f"Saisissez exactement l'identifiant {self.target.pseudo_id} pour confirmer.")
            return
        if not self._record():
            return
        ws, request_id = self.ws, self.request_id
        assert request_id is not None
        self._set_busy(True)

        def progressed(percent: int, text: str) -> None:
            self.progress.setValue(percent)
            self.progress.setFormat(f"{text} — %p %")

        def done(outcome: DestructionOutcome) -> None:
            self._set_busy(False)
            self.document_destroyed, self.receipt = True, outcome
            self._show_outcome(outcome.copies)
            self.confirmation_page.hide()
            self.receipt_page.show()
            self.save_button.setDefault(True)
            self.adjustSize()
            self.save_button.setFocus()

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self.banner.show_error(error)

        tasks.submit(lambda: destruction_steps(ws, request_id), on_done=done,
                     on_error=failed, on_progress=progressed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        for widget in (self.cancel_button, self.record_button, self.typed_id):
            widget.setEnabled(not busy)
        self._typed()
        # The disabled field loses the keyboard: the dialog keeps it meanwhile (Entrée does nothing), and the
        # field gets it back if the destruction failed.
        if busy:
            self.setFocus()
        elif not self.document_destroyed:
            self.typed_id.setFocus()

    # Page 2 ----------------------------------------------------------------------------------------------
    def _receipt_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        title = QLabel("Document détruit", page)
        title.setProperty("role", "section")
        column.addWidget(title)
        self.outcome_banner = ErrorBanner(page, closable=False)
        column.addWidget(self.outcome_banner)
        self.remaining_label = QLabel(page)
        self.remaining_label.setWordWrap(True)
        self.remaining_label.setTextFormat(Qt.TextFormat.PlainText)
        self.remaining_label.hide()
        column.addWidget(self.remaining_label)
        text = QLabel("Enregistrez maintenant l'attestation de destruction pour la remettre à l'agent : elle n'est "
                      "produite qu'une fois et dit où le document a été effacé et ce qui subsiste. Le nom proposé ne "
                      "contient pas le nom de l'agent. La version accessible (ODT) se lit avec un lecteur d'écran.",
                      page)
        text.setWordWrap(True)
        column.addWidget(text)
        self.receipt_banner = ErrorBanner(page)
        column.addWidget(self.receipt_banner)
        column.addStretch(1)
        buttons = QDialogButtonBox(page)
        self.save_button = buttons.addButton("Enregistrer l'attestation de destruction…",
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.close_button, "variant", "secondary")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.request_close)
        self.save_button.clicked.connect(lambda: self.save_receipt())
        self.save_accessible_button = buttons.addButton("Version accessible (ODT)…",
                                                        QDialogButtonBox.ButtonRole.ActionRole)
        set_property(self.save_accessible_button, "variant", "secondary")
        self.save_accessible_button.setAutoDefault(False)
        self.save_accessible_button.setToolTip("La même attestation en document texte OpenDocument, avec ses titres, "
                                               "pour un agent qui utilise un lecteur d'écran")
        self.save_accessible_button.clicked.connect(lambda: self.save_receipt(accessible=True))
        self.print_button = buttons.addButton("Imprimer…", QDialogButtonBox.ButtonRole.ActionRole)
        set_property(self.print_button, "variant", "secondary")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_receipt)
        column.addWidget(buttons)
        return page

    def print_receipt(self) -> None:
        from ..widgets.printing import print_pdf

        if self.receipt is not None:
            try:
                print_pdf(self, self.receipt.receipt, "Attestation de destruction")
            except Exception as error:  # the printer refused: said, the attestation can still be saved
                self.receipt_banner.show_message(user_message(error))

    def _show_outcome(self, copies: CopiesReport) -> None:
        cleaned = copies.count(Outcome.CLEANED)
        where = "" if not cleaned else " et d'une sauvegarde" if cleaned == 1 else f" et de {cleaned} sauvegardes"
        if copies.complete:
            self.outcome_banner.show_message(
                f"Le document {self.target.pseudo_id} a été détruit le {format_fr(self.ws.clock.today())} : effacé du "
                f"dossier{where}. Aucune copie connue ne le contient plus ; il ne reste qu'une trace sans contenu.",
                SUCCESS)
            return
        remaining = copies.remaining
        self.outcome_banner.show_message(
            f"Le document {self.target.pseudo_id} a été effacé du dossier{where}, mais "
            f"{copies_fr(len(remaining))} n'{'a' if len(remaining) == 1 else 'ont'} pas pu être "
            f"nettoyée{'s' if len(remaining) > 1 else ''} : l'attestation le dit, et le tableau de bord garde la "
            "destruction ouverte jusqu'à ce qu'elles le soient (« Copies restantes »).", WARNING)
        self.remaining_label.setText("\n".join(
            f"•  {c.description} — {c.obstacle.label if c.obstacle else 'non nettoyée'} ; "
            f"{c.obstacle.advice if c.obstacle else 'réessayez'}." for c in remaining))
        self.remaining_label.show()

    def save_receipt(self, *, accessible: bool = False) -> None:
        """Save the attestation where the CMC chooses: the PDF, or (`accessible`) the same as an ODT."""
        if self.receipt is None:
            return
        data = self.receipt.odt if accessible else self.receipt.receipt
        name = receipt_filename(self.target.pseudo_id)
        path = self.chooser.save_path(self, "Enregistrer l'attestation de destruction",
                                      name.removesuffix(".pdf") + ".odt" if accessible else name)
        if path is None:
            return
        try:
            write_atomically(path, lambda: data)
        except Exception as error:
            self.receipt_banner.show_message(user_message(error))
            return
        self.receipt_saved = path.name
        self.receipt_banner.show_message(f"Attestation enregistrée : {path.name}.", SUCCESS)
        self.save_button.setText("Enregistrer une autre copie…")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    # Closing ---------------------------------------------------------------------------------------------
    def may_close(self) -> bool:
        if self._busy:
            return False
        return not self.document_destroyed or self.receipt_saved is not None or confirm(
            self, "Attestation non enregistrée",
            "L'attestation de destruction n'a pas été enregistrée et ne pourra plus être produite. "
            "Fermer quand même ?", confirm_label="Fermer sans l'attestation", cancel_label="Revenir",
            destructive=True)

    def reject(self) -> None:
        self.receipt = None
        super().reject()

    def accept(self) -> None:
        self.receipt = None
        super().accept()


def _run(parent: QWidget | None, ws: Workspace, target: Target, chooser: FileChooser | None) -> bool:
    dialog = DestructionDialog(ws, target, parent, chooser=chooser)
    try:
        dialog.exec()
        destroyed, recorded = dialog.document_destroyed, dialog.request_recorded
    finally:
        dialog.deleteLater()
    if destroyed:
        notify(parent, f"Document {target.pseudo_id} détruit.")
    elif recorded:
        notify(parent, f"Demande de destruction du document {target.pseudo_id} enregistrée : le tableau de bord "
                       "la rappelle jusqu'à ce qu'elle soit effectuée.")
    return destroyed


def destruction_dialog(parent: QWidget | None, ws: Workspace, synthesis_id: int, *,
                       chooser: FileChooser | None = None) -> bool:
    """Record the destruction request of the document (or take the one already recorded), confirm, destroy,
    and save the attestation. True when the document was destroyed."""
    try:
        target = document_target(ws, synthesis_id)
    except Exception as error:
        inform(parent, "Destruction impossible", user_message(error))
        return False
    return _run(parent, ws, target, chooser)


def pending_destruction_dialog(parent: QWidget | None, ws: Workspace, request_id: int, *,
                               chooser: FileChooser | None = None) -> bool:
    """Carry out a destruction already asked for (from the dashboard). True when it was carried out."""
    try:
        request = next((p for p in pending_destructions(ws) if p.request_id == request_id), None)
    except Exception as error:
        inform(parent, "Destruction impossible", user_message(error))
        return False
    if request is None:
        inform(parent, "Destruction", "Cette demande de destruction n'existe pas ou a déjà été effectuée.")
        return False
    return _run(parent, ws, request_target(request), chooser)
