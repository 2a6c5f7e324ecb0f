"""The points the group agreed to keep confidential: listed, added, removed."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget

from ...services.promotions import add_confidential_point, remove_confidential_point
from ...services.workspace import Workspace
from ..widgets import ErrorBanner, confirm


class ConfidentialPointsPanel(QWidget):
    """A tab of the board; `count_changed` lets the tab title show how many points there are."""

    count_changed = Signal(int)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.promotion_id: int | None = None
        hint = QLabel("Ce que le groupe a convenu de garder pour lui ; rappelez ce cadre en séance.", self)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.banner = ErrorBanner(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Points confidentiels du groupe")
        self.list.setWordWrap(True)
        self.new_point = QLineEdit(self)
        self.new_point.setAccessibleName("Nouveau point confidentiel")
        self.new_point.setPlaceholderText("Nouveau point…")
        self.new_point.returnPressed.connect(self.add)
        self.add_button = QPushButton("Ajouter", self)
        self.add_button.setProperty("variant", "secondary")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("Retirer le point sélectionné", self)
        self.remove_button.setProperty("variant", "secondary")
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        self.list.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))
        row = QHBoxLayout()
        row.addWidget(self.new_point, 1)
        row.addWidget(self.add_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        for widget in (hint, self.banner, self.list):
            column.addWidget(widget)
        column.addLayout(row)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addStretch(1)
        column.addLayout(remove_row)

    def show_points(self, promotion_id: int, points: list[str]) -> None:
        self.promotion_id = promotion_id
        self._fill(points)

    def _fill(self, points: list[str]) -> None:
        self.list.clear()
        self.list.addItems(points)
        self.remove_button.setEnabled(False)
        self.count_changed.emit(len(points))

    def add(self) -> None:
        if self.promotion_id is None:
            return
        try:
            points = add_confidential_point(self.ws, self.promotion_id, self.new_point.text())
        except Exception as error:  # the text stays for correction
            self.banner.show_error(error)
            return
        self.banner.clear()
        self.new_point.clear()
        self._fill(points)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if self.promotion_id is None or row < 0:
            return
        if not confirm(self, "Retirer un point confidentiel",
                       f"Retirer le point « {self.list.item(row).text()} » de la liste du groupe ?",
                       confirm_label="Retirer", destructive=True):
            return
        try:
            points = remove_confidential_point(self.ws, self.promotion_id, row)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.banner.clear()
        self._fill(points)
