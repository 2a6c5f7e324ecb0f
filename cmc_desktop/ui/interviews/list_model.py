"""Every agent's interviews as a lazy table model: pages are queried off the GUI thread as the view scrolls."""

from PySide6.QtCore import QObject, Qt

from ...domain.dates import format_fr
from ...domain.interview import InterviewType
from ...services.interviews import InterviewListItem, InterviewSummary, count_interviews, list_interviews
from ...services.workspace import Workspace
from ..widgets.paged_model import PAGE_SIZE, Index, PagedTableModel

COLUMNS = ("Date", "Type", "Agent", "Objet", "Modalité", "Suite")
DATE, TYPE, AGENT, SUBJECT, MODE, FOLLOW_UP = range(len(COLUMNS))
INTERVIEW_ID_ROLE = Qt.ItemDataRole.UserRole


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


class InterviewListModel(PagedTableModel):
    """Every agent's interviews of one type (or all), newest first."""

    columns = COLUMNS

    def __init__(self, ws: Workspace, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent, page_size=page_size)
        self._ws = ws
        self._type: InterviewType | None = None

    def load(self, interview_type: InterviewType | None) -> None:
        """Show the interviews of `interview_type` (None: all); the rows change when the first page arrives."""
        ws, size = self._ws, self.page_size
        self._type = interview_type
        self.start(lambda: (count_interviews(ws, interview_type), list_interviews(ws, interview_type, 0, size)),
                   lambda offset, count: list_interviews(ws, interview_type, offset, count))

    def reload(self) -> None:
        self.load(self._type)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item: InterviewListItem | None = self.row(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == INTERVIEW_ID_ROLE:
            return item.interview.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            text = _text(item, index.column())
            return text if role != Qt.ItemDataRole.ToolTipRole or len(text) > 30 else None
        return None

    def interview_id(self, row: int) -> int | None:
        item = self.row(row)
        return None if item is None else item.interview.id

    def row_of(self, interview_id: int) -> int | None:
        return next((r for r, item in enumerate(self.rows) if item.interview.id == interview_id), None)


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
