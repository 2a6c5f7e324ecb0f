"""The lines of the tableau de bord grouped under their severity, as a list model (headers are inert rows)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.dates import format_fr
from ...services.dashboard import A_FAIRE, INFO, URGENT, DashboardItem

GROUPS = ((URGENT, "Urgent"), (A_FAIRE, "À faire"), (INFO, "À venir"))
ItemRole = Qt.ItemDataRole.UserRole + 1
HeaderRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def due_text(due: date | None, today: date) -> str:
    """'aujourd'hui', 'demain', 'dans 9 jours' or 'depuis le 10/11/2026'; '' without a date."""
    if due is None:
        return ""
    days = (due - today).days
    if days == 0:
        return "aujourd'hui"
    if days == 1:
        return "demain"
    if days > 1:
        return f"dans {days} jours"
    return f"depuis le {format_fr(due)}"


def summary_text(items: list[DashboardItem]) -> str:
    """'1 urgence · 4 à faire · 2 à venir' (empty groups left out)."""
    counts = {key: sum(1 for item in items if item.severity == key) for key, _ in GROUPS}
    parts = []
    if counts[URGENT]:
        parts.append(f"{counts[URGENT]} urgence{'s' if counts[URGENT] > 1 else ''}")
    if counts[A_FAIRE]:
        parts.append(f"{counts[A_FAIRE]} à faire")
    if counts[INFO]:
        parts.append(f"{counts[INFO]} à venir")
    return " · ".join(parts) or "Rien à traiter"


@dataclass(frozen=True)
class Row:
    header: str = ""
    count: int = 0
    item: DashboardItem | None = None


class DashboardModel(QAbstractListModel):
    """Rows: a header per non-empty severity group, then its lines (in the service's order)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self.today: date | None = None

    def set_items(self, items: list[DashboardItem], today: date) -> None:
        self.beginResetModel()
        self.today = today
        self._rows = []
        for key, label in GROUPS:
            group = [item for item in items if item.severity == key]
            if group:
                self._rows.append(Row(header=label, count=len(group)))
                self._rows.extend(Row(item=item) for item in group)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def item(self, row: int) -> DashboardItem | None:
        return self._rows[row].item if 0 <= row < len(self._rows) else None

    def items(self) -> list[DashboardItem]:
        return [row.item for row in self._rows if row.item is not None]

    def row_of(self, item: DashboardItem) -> int:
        return next((i for i, row in enumerate(self._rows) if row.item == item), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid() or self._rows[index.row()].item is None:
            return Qt.ItemFlag.NoItemFlags  # headers: skipped by the arrow keys, never selected
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if row.item is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{row.header} ({row.count})"
            if role == HeaderRole:
                return row.header
            return None
        item = row.item
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            due = due_text(item.due, self.today) if self.today else ""
            return ". ".join(part for part in (item.title, item.detail, due.capitalize()) if part)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Entrée ou clic : ouvrir"
        if role == ItemRole:
            return item
        return None
