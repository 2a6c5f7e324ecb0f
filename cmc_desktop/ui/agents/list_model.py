"""The list of agents as a lazy table model: a search and its pages are queried off the GUI thread.

A new search replaces the rows with its first page; the view asks for the next page (`fetchMore`) only when
it scrolls near the end, so thousands of agents never become thousands of rows at once. Answers to an older
search (the CMC typed on meanwhile) are dropped.
"""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from ...services.agents import AgentFilters, AgentSummary, search_agents, search_agents_with_total
from ...services.workspace import Workspace
from .. import tasks

PAGE_SIZE = 200
COLUMNS = ("Nom", "Catégorie", "Statut", "Service", "Prioritaire", "État")
NAME, CATEGORY, STATUT, SERVICE, PRIORITY, STATE = range(len(COLUMNS))
AGENT_ID_ROLE = Qt.ItemDataRole.UserRole

_STATE_SHORT = {"actif": "En cours", "termine": "Terminé"}

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the table's invisible root, Qt's default `parent`


class AgentListModel(QAbstractTableModel):
    """`counted(total)` when a search's first page is in; `failed(error)` when a query could not run."""

    counted = Signal(int)
    failed = Signal(object)

    def __init__(self, ws: Workspace, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._ws, self._page_size = ws, page_size
        self._rows: list[AgentSummary] = []
        self._total = 0
        self._query, self._filters = "", AgentFilters()
        self._generation = 0
        self._fetching = False
        self.searching = False

    # ----- searches -----------------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        """How many agents the current search finds (loaded or not)."""
        return self._total

    def search(self, query: str, filters: AgentFilters) -> None:
        """Start a new search; the rows change when its first page arrives."""
        self._generation += 1
        generation, ws, size = self._generation, self._ws, self._page_size
        self._query, self._filters = query, filters
        self._fetching, self.searching = False, True

        def work() -> tuple[int, list[AgentSummary]]:
            return search_agents_with_total(ws, query, filters, size)

        tasks.submit(work, on_done=lambda result: self._first_page(generation, result),
                     on_error=lambda error: self._failed(generation, error), owner=self)

    def reload(self) -> None:
        """Search again with the same words and filters (an agent was created or changed)."""
        self.search(self._query, self._filters)

    def _first_page(self, generation: int, result: tuple[int, list[AgentSummary]]) -> None:
        if generation != self._generation:
            return
        total, page = result
        self.beginResetModel()
        self._rows, self._total = list(page), max(total, len(page))
        self.endResetModel()
        self.searching = False
        self.counted.emit(self._total)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = self.searching = False
            self.failed.emit(error)

    # ----- lazy loading -------------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and not self._fetching and not self.searching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset = self._generation, len(self._rows)
        ws, query, filters, size = self._ws, self._query, self._filters, self._page_size
        tasks.submit(lambda: search_agents(ws, query, filters, offset, size),
                     on_done=lambda page: self._append(generation, page),
                     on_error=lambda error: self._failed(generation, error), owner=self)

    def _append(self, generation: int, page: list[AgentSummary]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if not page:  # agents deleted since the count: stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # ----- the table ----------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        agent = self._rows[index.row()]
        if role == AGENT_ID_ROLE:
            return agent.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(agent, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return {STATUT: agent.statut.label, STATE: agent.state.label, SERVICE: agent.service}.get(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (CATEGORY, PRIORITY):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(agent: AgentSummary, column: int) -> str:
        if column == NAME:
            return agent.display_name
        if column == CATEGORY:
            return agent.category.value if agent.category else "—"
        if column == STATUT:
            return agent.statut.label
        if column == SERVICE:
            return agent.service
        if column == PRIORITY:
            return "Oui" if agent.priority else ""
        return _STATE_SHORT[agent.state.value]

    def agent_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, agent_id: int) -> int | None:
        return next((r for r, agent in enumerate(self._rows) if agent.id == agent_id), None)
