"""Every agent's interviews as a lazy table model: pages are queried off the GUI thread as the view scrolls.

A new filter replaces the rows with its first page; answers to an older filter are dropped.
"""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from ...domain.dates import format_fr
from ...domain.interview import InterviewType
from ...services.interviews import InterviewListItem, InterviewSummary, count_interviews, list_interviews
from ...services.workspace import Workspace
from .. import tasks

PAGE_SIZE = 200
COLUMNS = ("Date", "Type", "Agent", "Objet", "Modalité", "Suite")
DATE, TYPE, AGENT, SUBJECT, MODE, FOLLOW_UP = range(len(COLUMNS))
INTERVIEW_ID_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def kind_text(interview: InterviewSummary) -> str:
    """The type as a list shows it: the code and its name, an E3's role in its bilan."""
    if interview.type is InterviewType.E3 and interview.e3_role is not None:
        return f"E3 — {interview.e3_role.label}"
    return interview.type.label


def follow_up_text(interview: InterviewSummary) -> str:
    if interview.referred_to_bpp:
        return "Orienté vers un BPP"
    if interview.bpp_phase is not None:
        return f"BPP, phase {int(interview.bpp_phase)} — {interview.bpp_phase.short_label}"
    return ""


class InterviewListModel(QAbstractTableModel):
    """`counted(total)` when a filter's first page is in; `failed(error)` when a query could not run."""

    counted = Signal(int)
    failed = Signal(object)

    def __init__(self, ws: Workspace, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._ws, self._page_size = ws, page_size
        self._rows: list[InterviewListItem] = []
        self._total = 0
        self._type: InterviewType | None = None
        self._generation = 0
        self._fetching = self.loading = False

    @property
    def total(self) -> int:
        return self._total

    def load(self, interview_type: InterviewType | None) -> None:
        """Show the interviews of `interview_type` (None: all); the rows change when the first page arrives."""
        self._generation += 1
        generation, ws, size = self._generation, self._ws, self._page_size
        self._type, self._fetching, self.loading = interview_type, False, True

        def work() -> tuple[int, list[InterviewListItem]]:
            return count_interviews(ws, interview_type), list_interviews(ws, interview_type, 0, size)

        tasks.submit(work, on_done=lambda result: self._first_page(generation, result),
                     on_error=lambda error: self._failed(generation, error), owner=self)

    def reload(self) -> None:
        self.load(self._type)

    def _first_page(self, generation: int, result: tuple[int, list[InterviewListItem]]) -> None:
        if generation != self._generation:
            return
        total, page = result
        self.beginResetModel()
        self._rows, self._total = list(page), max(total, len(page))
        self.endResetModel()
        self.loading = False
        self.counted.emit(self._total)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = self.loading = False
            self.failed.emit(error)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and not self._fetching and not self.loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset, ws, kind, size = self._generation, len(self._rows), self._ws, self._type, self._page_size
        tasks.submit(lambda: list_interviews(ws, kind, offset, size),
                     on_done=lambda page: self._append(generation, page),
                     on_error=lambda error: self._failed(generation, error), owner=self)

    def _append(self, generation: int, page: list[InterviewListItem]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if not page:  # interviews deleted since the count: stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

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
        item = self._rows[index.row()]
        if role == INTERVIEW_ID_ROLE:
            return item.interview.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            text = _text(item, index.column())
            return text if role != Qt.ItemDataRole.ToolTipRole or len(text) > 30 else None
        return None

    def interview_id(self, row: int) -> int | None:
        return self._rows[row].interview.id if 0 <= row < len(self._rows) else None

    def row_of(self, interview_id: int) -> int | None:
        return next((r for r, item in enumerate(self._rows) if item.interview.id == interview_id), None)


def _text(item: InterviewListItem, column: int) -> str:
    interview = item.interview
    if column == DATE:
        return format_fr(interview.held_on)
    if column == TYPE:
        return kind_text(interview)
    if column == AGENT:
        return item.agent_name
    if column == SUBJECT:
        return interview.subject
    if column == MODE:
        return interview.mode.label
    return follow_up_text(interview)
