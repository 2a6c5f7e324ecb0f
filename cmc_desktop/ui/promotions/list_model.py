"""The list of promotions as a table model (a CMC runs a handful a year: loaded at once)."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.bpp import Phase
from ...domain.dates import format_fr
from ...domain.promotion import MAX_PARTICIPANTS, MIN_PARTICIPANTS, places_text
from ...services.promotions import PromotionSummary
from ..theme import SECONDARY, WARNING

HEADERS = ("Promotion", "Dates", "Lieu", "Phase", "Participants", "Séances")
PARTICIPANTS = 4
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def summary_cells(summary: PromotionSummary) -> tuple[str, ...]:
    promotion = summary.promotion
    start, end = format_fr(promotion.start_date), format_fr(promotion.end_date)
    dates = f"{start} – {end}" if start and end else start or "À fixer"
    place = " — ".join(p for p in ("En ligne" if promotion.online else "", promotion.place) if p) or "À préciser"
    phase = (f"Close le {format_fr(promotion.closed_on)}" if promotion.closed_on
             else f"{promotion.current_phase.value}. {promotion.current_phase.short_label}")
    return (promotion.name, dates, place, phase, f"{summary.participants}/{MAX_PARTICIPANTS}", str(summary.seances))


class PromotionListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.summaries: list[PromotionSummary] = []

    def set_summaries(self, summaries: list[PromotionSummary]) -> None:
        self.beginResetModel()
        self.summaries = summaries
        self.endResetModel()

    def promotion_id(self, row: int) -> int:
        return self.summaries[row].promotion.id or 0

    def row_of(self, promotion_id: int) -> int:
        return next((row for row, s in enumerate(self.summaries) if s.promotion.id == promotion_id), -1)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.summaries)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        summary = self.summaries[index.row()]
        promotion = summary.promotion
        if role == Qt.ItemDataRole.DisplayRole:
            return summary_cells(summary)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == PARTICIPANTS:
            return places_text(summary.free_places)
        if role == Qt.ItemDataRole.ForegroundRole:
            if promotion.closed_on:
                return QBrush(QColor(SECONDARY))
            if (index.column() == PARTICIPANTS and promotion.current_phase is Phase.LANCEMENT
                    and summary.participants < MIN_PARTICIPANTS):
                return QBrush(QColor(WARNING))
        return None
