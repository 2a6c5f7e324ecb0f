"""The agent's rights over their data, from their file: recording a request and the export of everything held
(access, portability). The erasure of the file is in erasure_dialog.py."""

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.data_rights import RightsRequestKind
from ...services.agent_export import (
    NOTES_EXCLUDED,
    NOTES_INCLUDED,
    ExportedFiles,
    printable_export,
    write_export,
)
from ...services.agents import get_agent
from ...services.rights import record_rights_request
from ...services.workspace import Workspace
from .. import tasks
from ..theme import set_property
from ..widgets import ErrorBanner, FrenchDateEdit, GuardedDialog, parse_french_date
from ..widgets.dates import DateInputError
from ..widgets.file_dialogs import FileChooser
from ..widgets.vertical_scroll import vertical_scroll
from .choices import enum_combo, enum_data

EXPORT_PRINT_TITLE = "Données personnelles de l'agent"

DirectoryChooser = Callable[[QWidget, str], Path | None]


def choose_directory(parent: QWidget, title: str) -> Path | None:
    """The one place this module asks for a folder: the application's file-dialog helper, no history kept."""
    return FileChooser().folder_path(parent, title)


def dialog_buttons(dialog: GuardedDialog, main: str, *, danger: bool = False) -> tuple[QDialogButtonBox, QPushButton,
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
        box, self.save_button, self.cancel_button = dialog_buttons(self, "Enregistrer la demande")
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
        page = QWidget()
        self.banner = ErrorBanner(page)
        who = QLabel(f"Agent : <b>{escape(get_agent(ws, agent_id).display_name)}</b>", page)
        intro = QLabel("Tout ce que ce poste contient sur l'agent, et rien sur une autre personne : un PDF lisible et "
                       "un fichier JSON (portabilité), écrits dans le dossier choisi, lisibles par vous seul·e. Un "
                       "fichier existant n'est jamais remplacé.", page)
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.folder = QLineEdit(page)
        self.folder.setAccessibleName("Dossier de destination")
        self.folder.setPlaceholderText("Dossier où écrire les deux fichiers")
        self.browse_button = QPushButton("Choisir…", page)
        self.browse_button.setProperty("variant", "secondary")
        self.browse_button.setAutoDefault(False)
        self.browse_button.setAccessibleName("Choisir le dossier de destination")
        self.browse_button.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)
        self.notes = QCheckBox("Joindre mes notes privées (sur le dossier et sur chaque entretien)", page)
        self.notes_hint = QLabel(page)
        self.notes_hint.setWordWrap(True)
        self.notes_hint.setProperty("role", "hint")
        self.notes.toggled.connect(self._show_notes_hint)
        self.accessible = QCheckBox("Joindre une version accessible (ODT, pour un lecteur d'écran)", page)
        self.protect = QCheckBox("Protéger le PDF par un mot de passe", page)
        self.password = QLineEdit(page)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Mot de passe du PDF")
        self.confirmation = QLineEdit(page)
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
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        for widget in (self.banner, who, intro):
            column.addWidget(widget)
        column.addLayout(self.form)
        column.addStretch(1)
        # The fields scroll when the texts are enlarged (RGAA 10.4); the buttons stay in view under them (made
        # after the page joined the window: Tab reaches them last).
        scrolling = vertical_scroll(page, self, page_width=True)
        box, self.export_button, self.cancel_button = dialog_buttons(self, "Exporter")
        self.export_button.clicked.connect(self.export)
        self.print_button = box.addButton("Imprimer…", QDialogButtonBox.ButtonRole.ActionRole)
        set_property(self.print_button, "variant", "secondary")
        self.print_button.setAutoDefault(False)
        self.print_button.setToolTip("Le même PDF, vers une imprimante, sans fichier écrit")
        self.print_button.clicked.connect(self.print_export)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(12)
        outer.addWidget(scrolling, 1)
        outer.addWidget(box)
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
            self.banner.show_until_fixed("Choisissez le dossier de destination.",
                                         lambda: bool(self.folder.text().strip()), self.folder)
            self.folder.setFocus()
            return
        from ...pdf.protect import MIN_PASSWORD_LENGTH  # pypdf: loaded for an export only

        password = None
        if self.protect.isChecked():
            password = self.password.text()
            if len(password.strip()) < MIN_PASSWORD_LENGTH or password != self.confirmation.text():
                self.banner.show_until_fixed(
                    f"Le mot de passe du PDF doit compter au moins {MIN_PASSWORD_LENGTH} caractères, et ses deux "
                    "saisies être identiques.",
                    lambda: not self.protect.isChecked() or (len(self.password.text().strip()) >= MIN_PASSWORD_LENGTH
                                                             and self.password.text() == self.confirmation.text()),
                    self.protect, self.password, self.confirmation)
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
