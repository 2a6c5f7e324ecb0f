"""The erasure of an agent's whole file (the right to erasure), from the file: why, what goes, what holds it
back, the last name typed to confirm, copy-by-copy progress, and the attestation offered for saving."""

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
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

from ...domain.erasure import ErasureReason, confirmation_matches
from ...services.erasure import Erased, attestation_filename, erase_steps, plan_erasure
from ...services.workspace import Workspace
from .. import tasks
from ..synthesis.save_file import write_atomically
from ..theme import set_property
from ..widgets import ERROR, SUCCESS, WARNING, ErrorBanner, GuardedDialog, confirm
from ..widgets.file_dialogs import FileChooser
from ..widgets.guarded_dialog import grow_to_content
from ..widgets.vertical_scroll import vertical_scroll
from .rights_dialogs import dialog_buttons

ERASURE_PRINT_TITLE = "Attestation d'effacement"


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
        page = QWidget()
        self.banner = ErrorBanner(page, closable=False)
        title = QLabel(f"Effacer le dossier de <b>{escape(self.plan.display_name)}</b> "
                       f"({escape(self.plan.pseudo_id)})", page)
        title.setWordWrap(True)
        reasons = QGroupBox("Motif", page)
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
                      "remise à l'agent dit exactement ce qui subsiste.", page)
        what.setWordWrap(True)
        self.confirmation = QLineEdit(page)
        self.confirmation.setAccessibleName(f"Pour confirmer, saisissez le nom de l'agent : {self.plan.last_name}")
        self.confirmation.setPlaceholderText(self.plan.last_name)
        self.confirmation.textChanged.connect(self._enable)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(f"Pour confirmer, saisissez le nom de l'agent ({self.plan.last_name}) :", self.confirmation)
        self.progress = QProgressBar(page)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Effacement en cours, dans le dossier puis dans ses copies")
        self.progress.hide()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        for widget in (self.banner, title, reasons, what):
            column.addWidget(widget)
        column.addLayout(form)
        column.addWidget(self.progress)
        column.addStretch(1)
        # What goes scrolls when the texts are enlarged (RGAA 10.4); the buttons stay in view under it (made after
        # the page joined the window: Tab reaches them last).
        scrolling = vertical_scroll(page, self, page_width=True)
        box, self.erase_button, self.cancel_button = dialog_buttons(self, "Effacer définitivement", danger=True)
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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(12)
        outer.addWidget(scrolling, 1)
        outer.addLayout(attestation_row)
        outer.addWidget(box)
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
        grow_to_content(self)  # the message and the attestation's buttons need their height
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
