"""« Copies restantes »: the destructions not yet carried into every known copy, the copies that hold them and why.

« Réessayer » cleans the copies again (a removable disk plugged back, a folder made writable again), with a
progress bar, off the GUI thread. A copy that can never be cleaned (made under an earlier key, damaged) can be
deleted; a backup folder that no longer exists (a lost disk) can be forgotten. Once every copy is clean, the
complementary attestation promised to the agent can be saved for each document.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.copies import CopiesReport, CopyKind, CopyState, copies_fr
from ...domain.dates import format_fr
from ...services.copies import scrub_steps
from ...services.copy_registry import CopiesStatus, copies_status, delete_copy, forget_folder
from ...services.destruction import copies_attestation, receipt_filename
from ...services.tombstones import TombstoneKind
from ...services.workspace import Workspace
from .. import tasks
from ..synthesis.save_file import write_atomically
from ..theme import set_property
from ..widgets import SUCCESS, WARNING, ErrorBanner, GuardedDialog, confirm, user_message
from ..widgets.file_dialogs import FileChooser

ATTESTATION_PRINT_TITLE = "Attestation complémentaire de destruction"


class CopiesDialog(GuardedDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None, *, chooser: FileChooser | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.chooser = chooser or FileChooser()
        self.status: CopiesStatus = copies_status(ws)
        self.report: CopiesReport | None = None
        self._busy = False
        self.setWindowTitle("Copies restantes")
        self.setMinimumWidth(760)
        title = QLabel("Destructions à terminer dans les copies", self)
        title.setProperty("role", "section")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName("Copies qui peuvent encore contenir ce qui a été détruit")
        self.table.setHorizontalHeaderLabels(["Copie", "Pourquoi elle subsiste — que faire"])
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.table.setMaximumHeight(260)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        # Wrapped rows take the height their text needs at the columns' actual width, known once shown.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.delete_button = QPushButton("Supprimer cette copie…", self)
        self.forget_button = QPushButton("Ne plus suivre ce dossier…", self)
        for button in (self.delete_button, self.forget_button):
            button.setAutoDefault(False)
            set_property(button, "variant", "secondary")
        self.delete_button.clicked.connect(self._delete)
        self.forget_button.clicked.connect(self._forget)
        row_actions = QHBoxLayout()
        row_actions.addWidget(self.delete_button)
        row_actions.addWidget(self.forget_button)
        row_actions.addStretch(1)
        self.banner = ErrorBanner(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Nettoyage des copies en cours")
        self.progress.hide()
        self.attestations = QVBoxLayout()
        self.attestation_buttons: list[QPushButton] = []
        self.print_buttons: list[QPushButton] = []
        buttons = QDialogButtonBox(self)
        self.retry_button = buttons.addButton("Réessayer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.close_button, "variant", "secondary")
        self.close_button.setAutoDefault(False)
        self.retry_button.setDefault(True)
        self.retry_button.clicked.connect(self.retry)
        self.close_button.clicked.connect(self.request_close)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        for widget in (title, self.summary, self.table):
            column.addWidget(widget)
        column.addLayout(row_actions)
        column.addWidget(self.banner)
        column.addWidget(self.progress)
        column.addLayout(self.attestations)
        column.addWidget(buttons)
        self._show_status()
        self.retry_button.setFocus()

    # What the dialog shows ------------------------------------------------------------------------------------
    def _show_status(self) -> None:
        status = self.status
        if status.complete:
            self.summary.setText("Toutes les copies connues de l'application sont nettoyées : aucune destruction ne "
                                 "reste à terminer.")
        else:
            names = ", ".join(_destroyed(o.kind, o.pseudo_id, o.destroyed_at.date()) for o in
                              status.open_destructions[:4])
            more = len(status.open_destructions) - 4
            names += f" et {more} autre{'s' if more > 1 else ''}" if more > 0 else ""
            self.summary.setText(f"Pas encore effacé de toutes les copies : {names}. "
                                 + ("Ces copies n'ont pas pu être nettoyées :" if status.remaining else
                                    "Le nettoyage des copies n'a pas eu lieu ou a été interrompu : réessayez."))
        self.table.setRowCount(len(status.remaining))
        for row, copy in enumerate(status.remaining):
            what = QTableWidgetItem(_capitalised(copy.description))
            why = QTableWidgetItem(_capitalised(f"{copy.obstacle.label} — {copy.obstacle.advice}.")
                                   if copy.obstacle else "")
            self.table.setItem(row, 0, what)
            self.table.setItem(row, 1, why)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(status.remaining))
        self._selection_changed()

    def _selected(self) -> CopyState | None:
        rows = self.table.selectionModel().selectedRows()
        return self.status.remaining[rows[0].row()] if rows and rows[0].row() < len(self.status.remaining) else None

    def _selection_changed(self) -> None:
        chosen = self._selected()
        self.delete_button.setEnabled(not self._busy and chosen is not None and chosen.kind is not CopyKind.FOLDER
                                      and chosen.kind is not CopyKind.WAL)
        self.forget_button.setEnabled(not self._busy and chosen is not None and chosen.kind is CopyKind.FOLDER)
        self.delete_button.setVisible(bool(self.status.remaining))
        self.forget_button.setVisible(bool(self.status.remaining))

    # Cleaning again ---------------------------------------------------------------------------------------------
    def retry(self) -> None:
        if self._busy:
            return
        self.banner.clear()
        self._set_busy(True)
        ws = self.ws

        def progressed(percent: int, text: str) -> None:
            self.progress.setValue(percent)
            self.progress.setFormat(f"{text} — %p %")

        def done(report: CopiesReport) -> None:
            self._set_busy(False)
            self.report = report
            self.status = copies_status(ws)
            self._show_status()
            if report.complete:
                self.banner.show_message("Toutes les copies connues sont nettoyées.", SUCCESS)
            else:
                self.banner.show_message(f"{copies_fr(len(report.remaining))} n'ont toujours pas pu être nettoyées."
                                         if len(report.remaining) > 1 else
                                         "Une copie n'a toujours pas pu être nettoyée.", WARNING)
            self._offer_attestations(report)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self.banner.show_error(error)

        tasks.submit(lambda: scrub_steps(ws), on_done=done, on_error=failed,
                     on_progress=progressed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.retry_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self._selection_changed()

    # Copies that will never be cleaned ----------------------------------------------------------------------------
    def _delete(self) -> None:
        chosen = self._selected()
        if chosen is None or not confirm(
                self, "Supprimer cette copie", f"Supprimer définitivement {chosen.description} ? Elle ne pourra plus "
                "être restaurée ; c'est ainsi que la destruction l'atteint.", confirm_label="Supprimer la copie",
                destructive=True):
            return
        self._act(lambda: delete_copy(self.ws, chosen.folder, chosen.name))

    def _forget(self) -> None:
        chosen = self._selected()
        if chosen is None or not confirm(
                self, "Ne plus suivre ce dossier", f"Le dossier {chosen.folder} n'existe plus ou a été effacé (disque "
                "perdu, détruit ou formaté) ? L'application cessera de le chercher, et les destructions qu'il tenait "
                "ouvertes seront considérées comme terminées. Ce choix est inscrit au journal d'audit.",
                confirm_label="Ne plus suivre ce dossier", destructive=True):
            return
        self._act(lambda: forget_folder(self.ws, chosen.folder))

    def _act(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as error:
            self.banner.show_message(user_message(error))
            return
        self.retry()
        self.table.setFocus()  # on the list, never left on « Supprimer cette copie… »

    # The complementary attestations -------------------------------------------------------------------------------
    def _offer_attestations(self, report: CopiesReport) -> None:
        documents = [pseudo_id for pseudo_id in report.settled if pseudo_id.startswith("DS-")]
        for pseudo_id in documents:
            button = QPushButton(f"Enregistrer l'attestation complémentaire du document {pseudo_id}…", self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, p=pseudo_id, b=button: self._save_attestation(p, report, b))
            printing = QPushButton("Imprimer…", self)
            printing.setProperty("variant", "secondary")
            printing.setAutoDefault(False)
            printing.setAccessibleName(f"Imprimer l'attestation complémentaire du document {pseudo_id}")
            printing.clicked.connect(lambda _checked=False, p=pseudo_id: self._print_attestation(p, report))
            row = QHBoxLayout()
            row.addWidget(button, 1)
            row.addWidget(printing)
            self.attestations.addLayout(row)
            self.attestation_buttons.append(button)
            self.print_buttons.append(printing)

    def _print_attestation(self, pseudo_id: str, report: CopiesReport) -> None:
        from ..widgets.printing import print_pdf  # Qt's print support loads on the first print

        try:
            print_pdf(self, copies_attestation(self.ws, pseudo_id, report), ATTESTATION_PRINT_TITLE)
        except Exception as error:
            self.banner.show_message(user_message(error))

    def _save_attestation(self, pseudo_id: str, report: CopiesReport, button: QPushButton) -> None:
        path = self.chooser.save_path(self, "Enregistrer l'attestation complémentaire",
                                      receipt_filename(pseudo_id).replace(".pdf", "-complement.pdf"))
        if path is None:
            return
        try:
            data = copies_attestation(self.ws, pseudo_id, report)
            write_atomically(path, lambda: data)
        except Exception as error:
            self.banner.show_message(user_message(error))
            return
        button.setText(f"Attestation complémentaire du document {pseudo_id} enregistrée : {path.name}")
        button.setEnabled(False)

    def may_close(self) -> bool:
        return not self._busy

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _destroyed(kind: str, pseudo_id: str, day: date) -> str:
    what = "le dossier" if kind == TombstoneKind.AGENT else "le document"
    return f"{what} {pseudo_id} (effacé le {format_fr(day)})"


def copies_dialog(parent: QWidget | None, ws: Workspace, *, chooser: FileChooser | None = None) -> None:
    dialog = CopiesDialog(ws, parent, chooser=chooser)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
