"""Paramètres › Sauvegardes: create one now, list them, restore one (passphrase and confirmation)."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...data.errors import StoreError, WrongPassphrase
from ...domain.errors import DomainError
from ...services.backup import MAX_KEEP, BackupInfo, backup_keep, list_backups, make_backup, set_backup_keep
from ...services.workspace import Workspace
from .. import tasks
from ..navigation import Navigator
from ..widgets import SUCCESS, ErrorBanner, PassphraseEdit, user_message
from ..widgets.file_dialogs import ALL_FILES, BACKUP_FILTER, FileChooser
from .section import Section


def size_fr(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} ko"
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


def taken_fr(info: BackupInfo) -> str:
    return info.taken_at.astimezone().strftime("%d/%m/%Y à %H:%M")


class BackupSection(Section):
    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Sauvegardes", ws, navigator, parent)
        self.directory = ws.store.paths.backups
        self.column.addWidget(self.hint(
            "Copie chiffrée, compactée et vérifiée de tout le dossier. Elle s'ouvre avec votre fichier de clé "
            f"et votre phrase de récupération. Dossier : {self.directory}"))
        self.create_button = QPushButton("Créer une sauvegarde maintenant", self)
        self.create_button.clicked.connect(self.create_backup)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName("Sauvegardes disponibles")
        self.table.setHorizontalHeaderLabels(["Date", "Taille"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(96)
        self.table.setMaximumHeight(180)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.column.addWidget(self.table)
        self.restore_button = QPushButton("Restaurer la sauvegarde choisie…", self)
        self.restore_button.setProperty("variant", "secondary")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_selected)
        self.restore_file_button = QPushButton("Restaurer depuis un fichier…", self)
        self.restore_file_button.setProperty("variant", "tertiary")
        self.restore_file_button.clicked.connect(self._restore_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.restore_file_button)
        buttons.addStretch(1)
        self.column.addLayout(buttons)
        form = QFormLayout()
        self.keep = QSpinBox(self)
        self.keep.setRange(1, MAX_KEEP)
        self.keep.setMaximumWidth(140)
        self.keep.setValue(backup_keep(ws))
        self.keep.editingFinished.connect(self._keep_changed)
        form.addRow("Nombre de sauvegardes conservées", self.keep)
        self.column.addLayout(form)
        self.backups: list[BackupInfo] = []
        self.refresh()

    def refresh(self) -> None:
        self.backups = list_backups(self.directory)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            when = QTableWidgetItem(taken_fr(info))
            when.setToolTip(info.path.name)
            size = QTableWidgetItem(size_fr(info.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, when)
            self.table.setItem(row, 1, size)
        if not self.backups:
            self.table.setRowCount(1)
            empty = QTableWidgetItem("Aucune sauvegarde pour l'instant.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.table.setItem(0, 0, empty)
        self._selection_changed()

    def create_backup(self) -> None:
        ws = self.ws
        self.run(lambda: make_backup(ws), self._created, disable=[self.create_button, self.restore_button])

    def _created(self, info: BackupInfo) -> None:
        self.refresh()
        self.banner.show_message(f"Sauvegarde du {taken_fr(info)} créée et vérifiée ({size_fr(info.size)}).",
                                 SUCCESS)

    def _keep_changed(self) -> None:
        try:
            set_backup_keep(self.ws, self.keep.value())
        except (StoreError, DomainError) as error:
            self.banner.show_error(error)

    def _selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.backups:
            return None
        return self.backups[rows[0].row()]

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self._selected() is not None)

    def _restore_selected(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.restore(chosen.path)

    def _restore_file(self) -> None:
        path = FileChooser(directory=self.directory).open_path(self, "Choisir une sauvegarde",
                                                               name_filters=(BACKUP_FILTER, ALL_FILES))
        if path is not None:
            self.restore(path)

    def restore(self, backup: Path) -> None:
        """Ask for the passphrase and a confirmation, then hand over to the window (which closes the store)."""
        dialog = RestoreDialog(self.ws, backup, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.navigator.shell.restore_backup(backup, dialog.passphrase)
        dialog.deleteLater()


class RestoreDialog(QDialog):
    """Confirms a restore and checks the passphrase (off the GUI thread) before anything is closed."""

    def __init__(self, ws: Workspace, backup: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restaurer une sauvegarde")
        self.setMinimumWidth(520)
        self.ws = ws
        self.passphrase = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        text = QLabel(
            f"Le dossier actuel sera remplacé par la sauvegarde <b>{backup.name}</b>. Il est d'abord vérifié ; "
            "le dossier actuel est conservé à côté sous un autre nom, et les destructions enregistrées depuis "
            "cette sauvegarde seront appliquées de nouveau. Les modifications faites depuis seront perdues.", self)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.banner = ErrorBanner(self, closable=False)
        layout.addWidget(self.banner)
        form = QFormLayout()
        self.field = PassphraseEdit("Phrase de récupération", self)
        form.addRow("Phrase de récupération", self.field)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton("Annuler", self)
        cancel.setProperty("variant", "secondary")
        cancel.clicked.connect(self.reject)
        self.confirm_button = QPushButton("Restaurer", self)
        self.confirm_button.setProperty("variant", "danger")
        self.confirm_button.clicked.connect(self._check)
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        self.field.setFocus()

    def _check(self) -> None:
        passphrase, store = self.field.text(), self.ws.store
        if not passphrase:
            self.banner.show_message("Saisissez votre phrase de récupération.")
            return
        self.confirm_button.setEnabled(False)

        def checked(ok: bool) -> None:
            self.confirm_button.setEnabled(True)
            if not ok:
                self.banner.show_error(WrongPassphrase())
                return
            self.passphrase = passphrase
            self.accept()

        def failed(error: BaseException) -> None:
            self.confirm_button.setEnabled(True)
            self.banner.show_message(user_message(error))

        tasks.submit(lambda: store.verify_passphrase(passphrase), on_done=checked, on_error=failed, owner=self)
