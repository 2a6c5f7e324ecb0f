"""The Agents view: the searchable list of agents, and the file of the agent opened from it.

The file (its tabs, dialogs and their services) is imported when a first file is opened: the list is the view
the window often opens on, and it shows sooner without them.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.agent_search import AgentFilters
from ...services.workspace import Workspace
from ..navigation import Navigator, View
from ..widgets import ErrorBanner, flush_all
from ..widgets.list_table import list_table
from ..widgets.tab_order import follow_layout
from .filters import AgentFilterBar
from .list_model import CATEGORY, NAME, PRIORITY, SERVICE, STATE, STATUT, AgentListModel

if TYPE_CHECKING:
    from .agent_file import AgentFileView
    from .new_agent_dialog import NewAgentDialog

SEARCH_DELAY_MS = 150


def count_text(total: int, narrowed: bool) -> str:
    if total == 0:
        return "Aucun agent ne correspond" if narrowed else "Aucun agent"
    return f"{total:,} agent{'s' if total > 1 else ''}".replace(",", "\u00a0")


class AgentsView(QWidget, View):
    """List page and file page in a stack; Ctrl+F searches, Ctrl+N creates, Enter opens the selected agent."""

    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator = ws, navigator
        self.file: AgentFileView | None = None
        self.new_agent_dialog: NewAgentDialog | None = None
        self._reselect: int | None = None
        self._enter_pending = False
        self.pages = QStackedWidget(self)
        self.list_page = self._build_list_page()
        self.pages.addWidget(self.list_page)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pages)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.filters.changed.connect(lambda _filters: self.search_now())
        self.search_now()

    # ----- the list -----------------------------------------------------------------------------------------
    def _build_list_page(self) -> QWidget:
        page = QWidget(self)
        title = QLabel("Agents", page)
        title.setProperty("role", "title")
        self.count = QLabel(page)
        self.count.setProperty("role", "subtitle")
        self.count.setAccessibleName("Nombre d'agents trouvés")
        self.new_button = QPushButton("Nouvel agent", page)
        self.new_button.setToolTip("Créer le dossier d'un agent (Ctrl+N)")
        self.new_button.clicked.connect(self.create_new)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(16)
        heading.addWidget(self.count)
        heading.addStretch(1)
        self.import_button = QPushButton("Importer un fichier de suivi…", page)
        self.import_button.setProperty("variant", "secondary")
        self.import_button.setToolTip("Créer les dossiers des agents que vous suiviez dans un tableur (CSV, XLSX)")
        self.import_button.clicked.connect(self.import_caseload)
        heading.addWidget(self.import_button)
        heading.addWidget(self.new_button)

        self.search = QLineEdit(page)
        self.search.setPlaceholderText("Rechercher par nom, prénom, fonction ou service — les accents sont "
                                       "facultatifs (Ctrl+F)")
        self.search.setAccessibleName("Rechercher un agent")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._search_entered)
        self.search.installEventFilter(self)
        self.filters = AgentFilterBar(page)
        self.banner = ErrorBanner(page)

        self.model = AgentListModel(self.ws, self)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self.banner.show_error)
        self.table = list_table(page, self.model, "Liste des agents", stretch=SERVICE,
                                widths=((NAME, 260), (CATEGORY, 100), (STATUT, 200), (PRIORITY, 110), (STATE, 110)))
        self.table.activated.connect(self._open_index)
        self.empty = QLabel(page)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "hint")
        self.empty.hide()

        column = QVBoxLayout(page)
        column.setContentsMargins(28, 20, 28, 20)
        column.setSpacing(12)
        column.addLayout(heading)
        column.addWidget(self.search)
        column.addWidget(self.filters)
        column.addWidget(self.banner)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty)
        follow_layout(page)  # as drawn: the buttons left to right, the search, the filters, the list
        return page

    def search_now(self) -> None:
        """Run the search for what is typed and filtered (also what the debounce timer calls)."""
        self._search_timer.stop()
        self.banner.clear()
        self.model.search(self.search.text(), self.filters.filters())

    def _counted(self, total: int) -> None:
        narrowed = bool(self.search.text().strip()) or self.filters.filters() != AgentFilters()
        self.count.setText(count_text(total, narrowed))
        self.empty.setVisible(total == 0)
        self.empty.setText("Aucun agent ne correspond à cette recherche ou à ces filtres." if narrowed else
                           "Aucun agent pour l'instant : créez le premier dossier avec « Nouvel agent » (Ctrl+N).")
        row = None if self._reselect is None else self.model.row_of(self._reselect)
        self._reselect = None
        if row is not None:  # back from a file: on the agent just left
            self._focus_row(row)
        if self._enter_pending:
            self._search_entered()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # ↓ from the search field goes down into the results.
        if (watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Down and self.model.rowCount() > 0):
            self._focus_row(0)
            return True
        return super().eventFilter(watched, event)

    def _search_entered(self) -> None:
        if self._search_timer.isActive():
            self.search_now()
        if self.model.searching:  # answer Enter once the results of what was typed are in
            self._enter_pending = True
            return
        self._enter_pending = False
        if self.model.rowCount() == 1:
            self._open_index(self.model.index(0, 0))
        elif self.model.rowCount() > 1:
            self._focus_row(0)

    def _focus_row(self, row: int) -> None:
        self.table.setFocus()
        self.table.selectRow(row)

    def _open_index(self, index: QModelIndex) -> None:
        agent_id = self.model.agent_id(index.row())
        if agent_id is not None:
            self.open_item(agent_id)

    # ----- the hooks of the main window ---------------------------------------------------------------------
    def focus_search(self) -> None:
        if not self.show_list():
            return
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def create_new(self) -> None:
        from .new_agent_dialog import NewAgentDialog

        dialog = NewAgentDialog(self.ws, self)
        self.new_agent_dialog = dialog
        dialog.accepted.connect(lambda: self._created(dialog.agent_id) if dialog.existing_id is None
                                else self.open_item(dialog.existing_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def import_caseload(self) -> None:
        from ..import_.dialog import CaseloadImportDialog

        dialog = CaseloadImportDialog(self.ws, self)
        self.import_dialog = dialog
        dialog.accepted.connect(self.search_now)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_item(self, target_id: int | None) -> None:
        """Open the agent's file (None: the list)."""
        if target_id is None:
            self.show_list()
            return
        from .agent_file import AgentFileView

        if self.file is not None and self.file.agent_id == target_id:
            self.pages.setCurrentWidget(self.file)
            self.file.reload(identity=True)
            return
        if not self.can_leave():
            return
        try:
            file = AgentFileView(self.ws, self.navigator, target_id, self.pages)
        except Exception as error:  # e.g. the agent was deleted meanwhile
            self.show_list()
            self.banner.show_error(error)
            return
        file.back_requested.connect(self.show_list)
        file.erased.connect(self._file_gone)
        self._drop_file()
        self.file = file
        self.pages.addWidget(file)
        self.pages.setCurrentWidget(file)
        file.tabs.tabBar().setFocus()

    def can_leave(self) -> bool:
        """The open file asks before it is left with an edit that cannot be saved (AgentFileView.can_leave)."""
        return self.file is None or self.pages.currentWidget() is not self.file or self.file.can_leave()

    def refresh(self) -> None:
        """Back to this view: data may have changed elsewhere."""
        self.model.reload()
        if self.file is not None and self.pages.currentWidget() is self.file:
            self.file.reload(identity=True)

    # ----- moving between the list and a file -----------------------------------------------------------------
    def show_list(self) -> bool:
        """Back to the list; False when the file stays open (an edit to correct)."""
        if self.file is None:
            self.pages.setCurrentWidget(self.list_page)
            return True
        if not self.can_leave():
            return False
        self._reselect = self.file.agent_id
        self.pages.setCurrentWidget(self.list_page)  # hiding the file commits its pending edits
        self._drop_file()
        self.model.reload()  # names, category… may have been edited in the file
        return True

    def _file_gone(self) -> None:
        """The file was erased (or merged into another): back to the list, on nobody."""
        self.pages.setCurrentWidget(self.list_page)
        self._drop_file()
        self.model.reload()
        self.search.setFocus()

    def _drop_file(self) -> None:
        # A file left behind keeps nobody's data: it is deleted as soon as it is not shown.
        if self.file is not None:
            flush_all(self.file)
            self.pages.removeWidget(self.file)
            self.file.deleteLater()
            self.file = None

    def _created(self, agent_id: int | None) -> None:
        if agent_id is None:
            return
        self.model.reload()
        self.open_item(agent_id)
        self.navigator.notify("Dossier de l'agent créé.")
