"""The Synthèses view: every document de synthèse in a filterable list, and the editor of the one opened.

`open_item(synthesis_id)` opens a document (from the agent's file, the dashboard…); `create_new()` (Ctrl+N)
asks for the agent, the type of document and, for a BPP, the bilan it belongs to.
"""

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.bpp import Phase
from ...domain.dates import format_fr
from ...domain.synthesis import SynthesisStatus
from ...domain.synthesis_schema import SynthesisKind
from ...domain.text import normalise_for_search
from ...services import bpp as bpp_service
from ...services import synthesis as service
from ...services.agent_search import search_agents
from ...services.synthesis import SynthesisSummary
from ...services.workspace import Workspace
from .. import tasks
from ..navigation import Navigator, View
from ..resources import icon
from ..theme import ERROR
from ..widgets import ErrorBanner, flush_all
from ..widgets.list_table import ColumnFitter
from .editor import SynthesisEditor

COLUMNS = ("Document", "Agent", "Type", "Statut", "Dernière modification", "Destruction")
BATCH = 100
DESTRUCTION_BADGE = "Destruction demandée"
_KIND_SHORT = {SynthesisKind.BPP: "BPP", SynthesisKind.E2: "Projet de mobilité (E2)",
               SynthesisKind.E4: "Carrière (E4)"}
# Filters of the status box: (label, predicate on a summary).
STATUS_FILTERS = (
    ("Tous les documents", lambda s: True),
    ("En cours de rédaction", lambda s: s.status is SynthesisStatus.EN_COURS),
    ("Finalisés par l'agent", lambda s: s.status is SynthesisStatus.FINALISE),
    ("Destruction demandée", lambda s: s.destruction_pending),
)


def _when(moment: datetime) -> str:
    return f"{moment.astimezone():%d/%m/%Y à %H:%M}"


class SynthesesModel(QAbstractTableModel):
    """The filtered documents, handed to the view a batch at a time (canFetchMore/fetchMore)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[SynthesisSummary] = []
        self._matching: list[SynthesisSummary] = []
        self._shown = 0
        self._query, self._status = "", 0

    def set_rows(self, rows: list[SynthesisSummary]) -> None:
        self._all = rows
        self._apply()

    def set_filter(self, query: str, status: int) -> None:
        self._query, self._status = normalise_for_search(query).strip(), status
        self._apply()

    def _apply(self) -> None:
        keep = STATUS_FILTERS[self._status][1]
        words = self._query.split()
        self.beginResetModel()
        self._matching = [s for s in self._all if keep(s) and all(
            w in normalise_for_search(f"{s.agent_display_name} {s.pseudo_id}") for w in words)]
        self._shown = min(BATCH, len(self._matching))
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._matching)

    def summary(self, row: int) -> SynthesisSummary:
        return self._matching[row]

    def row_of(self, synthesis_id: int) -> int:
        return next((i for i, s in enumerate(self._matching[: self._shown]) if s.id == synthesis_id), -1)

    def reveal(self, synthesis_id: int) -> int:
        """The row of `synthesis_id`, the batches down to it fetched; -1 when the filters hide it."""
        row = next((i for i, s in enumerate(self._matching) if s.id == synthesis_id), -1)
        if row >= self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, row)
            self._shown = row + 1
            self.endInsertRows()
        return row

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._shown < len(self._matching)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        more = min(BATCH, len(self._matching) - self._shown)
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s, col = self._matching[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (s.pseudo_id, s.agent_display_name, _KIND_SHORT[s.kind], s.status.label, _when(s.updated_at),
                    DESTRUCTION_BADGE if s.destruction_pending else "")[col]
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        if col == 5 and s.destruction_pending:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(ERROR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("attention")
        return None


class NewSynthesisDialog(QDialog):
    """Pick the agent (search), the type of document and, for a BPP, the bilan; creates the document."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.created_id: int | None = None
        self.setWindowTitle("Nouveau document de synthèse")
        self.setModal(True)
        self.resize(620, 560)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(10)
        title = QLabel("Nouveau document de synthèse", self)
        title.setProperty("role", "section")
        intro = QLabel("Le document est pré-rempli avec le dossier de l'agent et les dates du bilan ; les notes "
                       "privées n'y sont jamais reprises.", self)
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.banner = ErrorBanner(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Nom, fonction ou service (sans se soucier des accents)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.agents = QListWidget(self)
        self.agents.setAccessibleName("Agents trouvés")
        self.agents.currentItemChanged.connect(lambda *_: self._agent_chosen())
        self.kind = QComboBox(self)
        for kind in SynthesisKind:
            self.kind.addItem(kind.label, kind)
        self.kind.currentIndexChanged.connect(lambda _i: self._agent_chosen())
        self.bpp = QComboBox(self)
        form = QFormLayout()
        form.setSpacing(10)
        form.addRow("Rechercher l'agent :", self.search)
        form.addRow("Agent :", self.agents)
        form.addRow("Type de document :", self.kind)
        form.addRow("Bilan (BPP) :", self.bpp)
        for widget in (title, intro, self.banner):
            column.addWidget(widget)
        column.addLayout(form, 1)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton("Créer le document", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setProperty("variant", "secondary")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_document)
        column.addWidget(buttons)
        self._search("")
        self.search.setFocus()

    def _search(self, query: str) -> None:
        try:
            found = search_agents(self.ws, query, limit=50)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.agents.clear()
        for agent in found:
            item = QListWidgetItem(agent.display_name + (f" — {agent.service}" if agent.service else ""), self.agents)
            item.setData(Qt.ItemDataRole.UserRole, agent.id)
        if found:
            self.agents.setCurrentRow(0)
        self._agent_chosen()

    def select_agent(self, agent_id: int) -> None:
        for row in range(self.agents.count()):
            if self.agents.item(row).data(Qt.ItemDataRole.UserRole) == agent_id:
                self.agents.setCurrentRow(row)
                return

    def agent_id(self) -> int | None:
        item = self.agents.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def chosen_kind(self) -> SynthesisKind:
        return SynthesisKind(self.kind.currentData())  # Qt hands the StrEnum back as its str value

    def _agent_chosen(self) -> None:
        self.bpp.clear()
        agent_id, is_bpp = self.agent_id(), self.chosen_kind() is SynthesisKind.BPP
        self.bpp.setEnabled(is_bpp and agent_id is not None)
        self.create_button.setEnabled(agent_id is not None)
        if not is_bpp:
            self.bpp.addItem(f"Sans objet pour un document « {self.chosen_kind().label} »", None)
            return
        if agent_id is None:
            return
        try:
            bilans = bpp_service.bpps_for_agent(self.ws, agent_id)
        except Exception as error:
            self.banner.show_error(error)
            return
        for bilan in bilans:
            started = bilan.phase_dates.get(Phase.LANCEMENT)
            text = f"BPP {bilan.form.label.lower()} — {bilan.current_phase.short_label.lower()}"
            self.bpp.addItem(text + (f" (lancé le {format_fr(started)})" if started else ""), bilan.id)
        if not bilans:
            self.bpp.addItem("Aucun bilan : le document ne sera rattaché à aucun BPP", None)

    def create_document(self) -> None:  # not `create`: QWidget.create makes the native window
        agent_id = self.agent_id()
        if agent_id is None:
            self.banner.show_until_fixed("Choisissez d'abord l'agent dans la liste.",
                                         lambda: self.agent_id() is not None, self.agents)
            return
        try:
            self.created_id = service.create_synthesis(self.ws, agent_id, self.chosen_kind(),
                                                       self.bpp.currentData())
        except Exception as error:
            self.banner.show_error(error)
            return
        self.accept()


class SynthesesList(QWidget):
    """Title, filters, « Nouveau document » and the table of documents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 20, 28, 20)
        column.setSpacing(10)
        head = QHBoxLayout()
        title = QLabel("Documents de synthèse", self)
        title.setProperty("role", "title")
        self.new_button = QPushButton("Nouveau document", self)
        self.new_button.setToolTip("Créer un document de synthèse (Ctrl+N)")
        head.addWidget(title, 1)
        head.addWidget(self.new_button)
        hint = QLabel("Chaque document appartient à l'agent : il n'est transmis à un tiers qu'avec son accord, et "
                      "détruit à sa demande.", self)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Rechercher un document")
        self.search.setPlaceholderText("Rechercher par agent ou référence (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.setAccessibleName("Filtrer par statut")
        for label, _keep in STATUS_FILTERS:
            self.status.addItem(label)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status, 1)
        self.banner = ErrorBanner(self)
        self.model = SynthesesModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Documents de synthèse")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        ColumnFitter(self.table, stretch=1)  # contents' widths, within the table's: no sideways scrolling
        self.count = QLabel(self)
        self.count.setProperty("role", "hint")
        self.empty = QLabel("Aucun document de synthèse pour l'instant. « Nouveau document » en crée un pour un "
                            "agent ; il est pré-rempli avec son dossier et les dates de son bilan.", self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        column.addLayout(head)
        column.addWidget(hint)
        column.addLayout(filters)
        column.addWidget(self.banner)
        column.addWidget(self.empty)
        column.addWidget(self.table, 1)
        column.addWidget(self.count)
        self.search.textChanged.connect(lambda _t: self._filter())
        self.status.currentIndexChanged.connect(lambda _i: self._filter())

    def _filter(self) -> None:
        self.model.set_filter(self.search.text(), self.status.currentIndex())
        self._show_count()

    def set_rows(self, rows: list[SynthesisSummary]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self._show_count()

    def _show_count(self) -> None:
        total = self.model.total
        self.count.setText(f"{total} document{'s' if total > 1 else ''}")

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.summary(index.row()).id if index.isValid() else None


class SynthesesView(QStackedWidget, View):
    """The list of documents, or the editor of one (the navigation stays on « Synthèses »)."""

    def __init__(self, ws: Workspace, navigator: Navigator | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator = ws, navigator
        self.editor: SynthesisEditor | None = None
        self.list = SynthesesList(self)
        self.list.new_button.clicked.connect(lambda: self.create_new())
        self.list.table.activated.connect(lambda index: self.open_item(self.list.model.summary(index.row()).id))
        self.addWidget(self.list)
        self.reload_list()

    def reload_list(self, *, current: int | None = None) -> None:
        """Read the documents again; `current` (the document just left) becomes the current row, focused."""
        self.list.banner.clear()

        def loaded(rows: list[SynthesisSummary]) -> None:
            self.list.set_rows(rows)
            row = -1 if current is None else self.list.model.reveal(current)
            if row >= 0:
                self.list.table.setCurrentIndex(self.list.model.index(row, 0))
                self.list.table.setFocus()

        tasks.submit(lambda: service.list_syntheses(self.ws), on_done=loaded,
                     on_error=self.list.banner.show_error, owner=self, writes=False)

    # ----- the navigation's calls -------------------------------------------------------------------------
    def open_item(self, target_id: int | None) -> None:
        """Open the document `target_id` in the editor (None: back to the list)."""
        if target_id is None:
            self.show_list()
            return
        self._drop_editor()
        try:
            editor = SynthesisEditor(self.ws, self.navigator, target_id, self)
        except Exception as error:  # destroyed meanwhile, for instance
            self.show_list()
            self.list.banner.show_error(error)
            return
        editor.closed.connect(self.show_list)
        self.editor = editor
        self.addWidget(editor)
        self.setCurrentWidget(editor)

    def create_new(self, agent_id: int | None = None) -> int | None:
        """Ask for the agent, type and bilan, create the document and open it; returns its id."""
        dialog = NewSynthesisDialog(self.ws, self)
        if agent_id is not None:
            dialog.select_agent(agent_id)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created_id is None:
                return None
            created = dialog.created_id
        finally:
            dialog.deleteLater()
        self.open_item(created)
        return created

    def focus_search(self) -> None:
        self.show_list()
        self.list.search.setFocus()
        self.list.search.selectAll()

    def refresh(self) -> None:
        if self.editor is not None and self.currentWidget() is self.editor:
            self.editor.reload()
        else:
            self.reload_list()

    # ----- pages ------------------------------------------------------------------------------------------
    def show_list(self) -> None:
        left = self.editor.synthesis_id if self.editor is not None else None
        self._drop_editor()
        self.setCurrentWidget(self.list)
        self.list.table.setFocus()
        self.reload_list(current=left)  # back on the document just left, as the agents' list does

    def _drop_editor(self) -> None:
        if self.editor is None:
            return
        flush_all(self.editor)
        self.removeWidget(self.editor)
        self.editor.deleteLater()
        self.editor = None
