"""Importing a caseload spreadsheet: choose the file, check which column holds what, look at every row — to
import, duplicate, refused and why — then confirm. Nothing is written before « Importer »; the file itself is
read where it is and the CMC is reminded to delete it.

Reading the file, the preview and the import run off the GUI thread (ui/tasks.py) with a progress bar: a new
mapping stops the preview under way and starts another; while the files are created, Entrée and Échap do
nothing."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.caseload import Column, guess_mapping
from ...domain.dates import format_fr
from ...services.caseload_files import Table, read_table
from ...services.caseload_import import REMINDER, ImportPreview, commit_steps, preview_steps
from ...services.workspace import Workspace
from .. import tasks
from ..theme import ERROR, WARNING
from ..widgets.button_dialog import ButtonDialog
from ..widgets.compact_table import CompactTable
from ..widgets.file_choice import choose_file
from ..widgets.flow_layout import FlowLayout
from ..widgets.list_table import ColumnFitter
from ..widgets.vertical_scroll import vertical_scroll

FILTERS = ["Fichiers de suivi (*.csv *.xlsx)", "CSV (*.csv)", "Classeurs Excel (*.xlsx)"]
COLUMNS = ("Ligne", "Nom", "Prénom", "Catégorie", "Service", "Prise de fonction", "État")


class CaseloadImportDialog(ButtonDialog):
    """`imported` holds how many files were created once the CMC confirmed."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Importer un fichier de suivi",
                         "Un fichier CSV (séparateur point-virgule, comme l'enregistre Excel) ou un classeur .xlsx, "
                         "une ligne par agent, les en-têtes en première ligne. Rien n'est enregistré avant votre "
                         "confirmation ; le fichier n'est pas copié dans votre dossier chiffré.",
                         "Importer", parent)
        self.ws = ws
        self.setMinimumSize(1000, 640)
        self.table: Table | None = None
        self.preview_result: ImportPreview | None = None
        self.imported = 0
        self._preview_task: tasks.Task | None = None
        self.choose_button = self.add_button("Choisir un fichier…", QDialogButtonBox.ButtonRole.ActionRole)
        self.choose_button.clicked.connect(self.choose)
        self.source = QLabel("Aucun fichier choisi.", self)
        self.source.setProperty("role", "hint")
        # One « header : column » choice after the other, on as many lines as the width needs: long headers, or
        # the texts at 200 %, cut their labels in a grid of three.
        self.mapping_grid = FlowLayout(spacing=12)
        self.combos: list[QComboBox] = []
        self.summary = QLabel(self)
        self.summary.setProperty("role", "subtitle")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Import : lecture du fichier en cours")
        self.progress.hide()
        self.rows = CompactTable(0, len(COLUMNS), self)  # the page fits at 100 % without scrolling
        self.rows.setHorizontalHeaderLabels(COLUMNS)
        self.rows.setAccessibleName("Aperçu des lignes du fichier")
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setTabKeyNavigation(False)
        self.rows.verticalHeader().hide()
        # The columns share the table's width at any text size (titles on two lines if need be; the last, the
        # state, takes what is left): at 200 % their contents' widths went past its right edge.
        ColumnFitter(self.rows, stretch=len(COLUMNS) - 1, titles=COLUMNS)
        self.rows.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows.setWordWrap(True)
        self.include_duplicates = QCheckBox("Importer aussi les lignes signalées comme doublons", self)
        self.include_duplicates.toggled.connect(lambda _on: self._show_summary())
        self.refused = QPlainTextEdit(self)
        self.refused.setReadOnly(True)
        self.refused.setAccessibleName("Lignes refusées et leur motif")
        self.refused.setFixedHeight(80)
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.source)
        column.addLayout(self.mapping_grid)
        column.addWidget(self.summary)
        column.addWidget(self.progress)
        column.addWidget(self.rows, 1)
        column.addWidget(self.include_duplicates)
        column.addWidget(QLabel("Lignes refusées (corrigez-les dans le fichier puis importez-le de nouveau) :", page))
        column.addWidget(self.refused)
        # Once a file is read, its columns' choices and the preview scroll under the fixed buttons when the texts
        # are enlarged (RGAA 10.4).
        self.body.addWidget(vertical_scroll(page, self, page_width=True), 1)
        self._show_summary()

    # ----- reading --------------------------------------------------------------------------------------------
    def choose(self) -> None:
        path = choose_file(self, "Choisir le fichier de suivi", save=False, filters=FILTERS)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        self.banner.clear()
        self._stop_preview()
        self._show_progress(0, "Lecture du fichier")
        tasks.submit(lambda: read_table(path), on_done=lambda table: self._loaded(path, table),
                     on_error=self._load_failed, owner=self, writes=False)

    def _load_failed(self, error: BaseException) -> None:
        """Refused with its reason; the previous preview is dropped."""
        self.progress.hide()
        self.table, self.preview_result = None, None
        self._show_rows()
        self.banner.show_error(error)

    def _loaded(self, path: Path, table: Table) -> None:
        self.table = table
        encoding = f" · encodage {table.encoding}" if table.encoding else ""
        self.source.setText(f"{path.name} : {len(table.rows)} {'ligne' if len(table.rows) < 2 else 'lignes'} "
                            f"de données{encoding}")
        self._build_mapping(table.headers)
        self.refresh_preview()

    def _build_mapping(self, headers: list[str]) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        for index, (header, guessed) in enumerate(zip(headers, guess_mapping(headers), strict=True)):
            pair = QWidget(self)
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            label = QLabel(f"« {header or f'colonne {index + 1}'} » :", pair)
            combo = QComboBox(pair)
            for column in Column:
                combo.addItem(column.label, column)
            combo.setCurrentIndex(combo.findData(guessed))
            combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())
            label.setBuddy(combo)
            self.combos.append(combo)
            row.addWidget(label)
            row.addWidget(combo)
            self.mapping_grid.addWidget(pair)

    def mapping(self) -> list[Column]:
        return [Column(combo.currentData()) for combo in self.combos]

    def refresh_preview(self) -> None:
        if self.table is None:
            return
        self.banner.clear()
        self._stop_preview()
        self.preview_result = None
        self._show_summary()
        ws, table, mapping = self.ws, self.table, self.mapping()
        self._show_progress(0, "Lecture des lignes")
        self._preview_task = tasks.submit(lambda: preview_steps(ws, table, mapping), on_done=self._previewed,
                                          on_error=self._preview_failed, on_progress=self._show_progress,
                                          owner=self, writes=False)

    def _stop_preview(self) -> None:
        """A preview under way is for a mapping that is no longer the one shown: it stops and calls nobody back."""
        if self._preview_task is not None:
            self._preview_task.cancel()
            self._preview_task = None

    def _previewed(self, result: ImportPreview) -> None:
        self._preview_task = None
        self.progress.hide()
        self.preview_result = result
        self._show_rows()

    def _preview_failed(self, error: BaseException) -> None:  # e.g. no column chosen for the names
        self._preview_task = None
        self.progress.hide()
        self.preview_result = None
        self._show_rows()
        self.banner.show_error(error)

    def _show_progress(self, percent: int, text: str) -> None:
        self.progress.setValue(max(percent, 0))
        self.progress.setFormat(f"{text} — %p %")
        self.progress.show()

    # ----- showing --------------------------------------------------------------------------------------------
    def _show_rows(self) -> None:
        rows = self.preview_result.rows if self.preview_result else []
        self.rows.setRowCount(len(rows))
        for index, row in enumerate(rows):
            agent = row.agent
            if agent is None:
                state, colour = f"Refusée : {row.reason}", ERROR
            elif row.duplicates:
                state, colour = "Doublon possible — " + " ; ".join(row.duplicates), WARNING
            else:
                state, colour = "À importer", ""
            cells = [str(row.line), agent.last_name.upper() if agent else "", agent.first_name if agent else "",
                     agent.category.value if agent and agent.category else "", agent.service if agent else "",
                     format_fr(agent.date_prise_fonction) if agent else "", state]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if colour:
                    item.setForeground(QBrush(QColor(colour)))
                self.rows.setItem(index, column, item)
        self.refused.setPlainText(self.preview_result.report() if self.preview_result else "")
        self._show_summary()

    def _show_summary(self) -> None:
        result = self.preview_result
        if result is None:
            self.summary.setText("")
            self.main_button.setEnabled(False)
            self.main_button.setText("Importer")
            return
        count = len(result.to_create(self.include_duplicates.isChecked()))
        doubles, refused = len(result.duplicates), len(result.refused)
        self.summary.setText(f"{len(result.accepted) - doubles} à importer · "
                             f"{doubles} {'doublon possible' if doubles < 2 else 'doublons possibles'} · "
                             f"{refused} {'ligne refusée' if refused < 2 else 'lignes refusées'}")
        self.include_duplicates.setEnabled(bool(result.duplicates))
        self.main_button.setEnabled(count > 0)
        self.main_button.setText(f"Importer {count} {'agent' if count < 2 else 'agents'}")

    # ----- confirming -----------------------------------------------------------------------------------------
    def accept_main(self) -> bool:
        if self.preview_result is None:
            return False
        include = self.include_duplicates.isChecked()
        count = len(self.preview_result.to_create(include))
        refused = len(self.preview_result.refused)
        question = (f"Créer {count} {'dossier' if count < 2 else 'dossiers'} d'agent ? Les lignes refusées ne sont "
                    "pas importées." if refused else f"Créer {count} {'dossier' if count < 2 else 'dossiers'} "
                    "d'agent ?")
        box = QMessageBox(QMessageBox.Icon.Question, "Confirmer l'import", question,
                          QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton("Importer", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.exec()
        if box.clickedButton() is not yes:
            return False
        self._set_importing(True)
        ws, result = self.ws, self.preview_result
        tasks.submit(lambda: commit_steps(ws, result, include_duplicates=include), on_done=self._imported,
                     on_error=self._import_failed, on_progress=self._show_progress, owner=self)
        return False  # open until the files are created (`_imported`)

    def _set_importing(self, busy: bool) -> None:
        self.set_busy(busy)
        for widget in (self.include_duplicates, *self.combos):
            widget.setEnabled(not busy)
        if busy:
            self._show_progress(0, "Création des dossiers")
        else:
            self.progress.hide()
            self._show_summary()

    def _imported(self, count: int) -> None:
        self._set_importing(False)
        self.imported = count
        QMessageBox.information(self, "Import terminé",
                                f"{self.imported} {'dossier créé' if self.imported < 2 else 'dossiers créés'}.\n\n"
                                + REMINDER)
        self.accept()

    def _import_failed(self, error: BaseException) -> None:
        self._set_importing(False)
        self.banner.show_error(error)

    def reject(self) -> None:
        if self.busy:  # the files are being created: the transaction finishes (or fails) as a whole first
            return
        self._stop_preview()
        super().reject()
