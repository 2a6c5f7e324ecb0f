"""Paramètres › Sauvegardes: create one now (here or in a folder the CMC chooses), list them, restore one (phrase
secrète and confirmation); the other folders the application follows, and the copies a destruction has not
reached yet."""

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
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
from ...services.copy_registry import chosen_folders, copies_status
from ...services.workspace import Workspace
from .. import tasks
from ..navigation import Navigator
from ..theme import set_property
from ..widgets import SUCCESS, ErrorBanner, PassphraseEdit, user_message
from ..widgets.file_dialogs import ALL_FILES, BACKUP_FILTER, FileChooser
from .section import Section


def size_fr(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} ko"
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


def breakable(path: Path | str) -> str:
    """A folder path that a wrapped label may break after each separator (a path has no spaces to break at)."""
    return str(path).replace(os.sep, os.sep + "\u200b")


def taken_fr(info: BackupInfo) -> str:
    return taken_fr_at(info.taken_at)


def taken_fr_at(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y à %H:%M")


class BackupSection(Section):
    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Sauvegardes", ws, navigator, parent)
        self.directory = ws.store.paths.backups
        self.column.addWidget(self.hint(
            "Copie chiffrée, compactée et vérifiée de tout le dossier. Elle s'ouvre avec votre fichier de clé "
            f"et votre phrase secrète. Dossier : {breakable(self.directory)}"))
        self.create_button = QPushButton("Créer une sauvegarde maintenant", self)
        self.create_button.clicked.connect(self.create_backup)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.folders = self.hint("")
        self.folders.setTextFormat(Qt.TextFormat.PlainText)
        self.column.addWidget(self.folders)
        self.elsewhere_button = QPushButton("Sauvegarder dans un autre dossier…", self)
        self.elsewhere_button.setProperty("variant", "secondary")
        self.elsewhere_button.clicked.connect(self._create_elsewhere)
        elsewhere = QHBoxLayout()
        elsewhere.addWidget(self.elsewhere_button)
        elsewhere.addStretch(1)
        self.column.addLayout(elsewhere)
        self.copies_hint = self.hint("")
        self.copies_button = QPushButton("Copies restantes…", self)
        self.copies_button.setProperty("variant", "secondary")
        self.copies_button.clicked.connect(self._open_copies)
        copies_row = QHBoxLayout()
        copies_row.addWidget(self.copies_hint, 1)
        copies_row.addWidget(self.copies_button)
        self.column.addLayout(copies_row)
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
        folders = chosen_folders(self.ws)
        self.folders.setText(
            "Autres dossiers de sauvegarde suivis (les destructions y sont appliquées aussi) : "
            + " ; ".join(f"{breakable(path)} (dernière sauvegarde le {taken_fr_at(at)})" for path, at in folders)
            if folders else "Aucun autre dossier de sauvegarde : les destructions sont appliquées aux sauvegardes "
            "ci-dessous et à celles que vous créerez ailleurs depuis l'application.")
        status = copies_status(self.ws)
        self.copies_hint.setText(
            "Des destructions ne sont pas encore appliquées à toutes les copies : " + ", ".join(
                o.pseudo_id for o in status.open_destructions[:3]) + "." if not status.complete else "")
        self.copies_hint.setVisible(not status.complete)
        self.copies_button.setVisible(not status.complete)
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
        self.run(lambda: make_backup(ws), self._created,
                 disable=[self.create_button, self.elsewhere_button, self.restore_button])

    def _created(self, info: BackupInfo) -> None:
        self.refresh()
        where = "" if info.path.parent == self.directory else f" dans {info.path.parent}"
        self.banner.show_message(f"Sauvegarde du {taken_fr(info)} créée et vérifiée{where} ({size_fr(info.size)}).",
                                 SUCCESS)

    def _create_elsewhere(self) -> None:
        folder = self._choose_folder()
        if folder is None:
            return
        ws = self.ws
        self.run(lambda: make_backup(ws, folder), self._created,
                 disable=[self.create_button, self.elsewhere_button, self.restore_button])

    def _choose_folder(self) -> Path | None:
        """The one place this section asks for a folder: the application's file-dialog helper, no history kept."""
        return FileChooser().folder_path(self, "Choisir le dossier de la sauvegarde")

    def _open_copies(self) -> None:
        from .copies import copies_dialog

        copies_dialog(self, self.ws)
        self.refresh()

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
        self.field = PassphraseEdit("Phrase secrète", self)
        form.addRow("Phrase secrète :", self.field)
        layout.addLayout(form)
        # Entrée restores once the phrase is typed; while it is checked, Entrée does nothing.
        buttons = QDialogButtonBox(self)
        self.confirm_button = buttons.addButton("Restaurer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.confirm_button, "variant", "danger")
        set_property(self.cancel_button, "variant", "secondary")
        self.cancel_button.setAutoDefault(False)
        self.confirm_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self._check)
        layout.addWidget(buttons)
        self.field.setFocus()

    def _check(self) -> None:
        passphrase, store = self.field.text(), self.ws.store
        if not passphrase:
            self.banner.show_until_fixed("Saisissez votre phrase secrète.", lambda: bool(self.field.text()), self.field)
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
