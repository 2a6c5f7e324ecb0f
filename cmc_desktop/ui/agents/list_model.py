"""The list of agents as a lazy table model: a search and its pages are queried off the GUI thread."""

from PySide6.QtCore import QObject, Qt

from ...services.agent_search import AgentFilters, AgentSummary, search_agents, search_agents_with_total
from ...services.workspace import Workspace
from ..widgets.paged_model import PAGE_SIZE, Index, PagedTableModel

COLUMNS = ("Nom", "Catégorie", "Statut", "Service", "Prioritaire", "État")
NAME, CATEGORY, STATUT, SERVICE, PRIORITY, STATE = range(len(COLUMNS))
AGENT_ID_ROLE = Qt.ItemDataRole.UserRole

_STATE_SHORT = {"actif": "En cours", "termine": "Terminé"}


class AgentListModel(PagedTableModel):
    """The agents found by a search and filters; `searching` until its first page is in."""

    columns = COLUMNS

    def __init__(self, ws: Workspace, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent, page_size=page_size)
        self._ws = ws
        self._query, self._filters = "", AgentFilters()

    @property
    def searching(self) -> bool:
        return self.loading

    def search(self, query: str, filters: AgentFilters) -> None:
        """Start a new search; the rows change when its first page arrives."""
        ws, size = self._ws, self.page_size
        self._query, self._filters = query, filters
        self.start(lambda: search_agents_with_total(ws, query, filters, size),
                   lambda offset, count: search_agents(ws, query, filters, offset, count))

    def reload(self) -> None:
        """Search again with the same words and filters (an agent was created or changed)."""
        self.search(self._query, self._filters)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        agent: AgentSummary | None = self.row(index.row()) if index.isValid() else None
        if agent is None:
            return None
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
        agent = self.row(row)
        return None if agent is None else agent.id

    def row_of(self, agent_id: int) -> int | None:
        return next((r for r, agent in enumerate(self.rows) if agent.id == agent_id), None)
