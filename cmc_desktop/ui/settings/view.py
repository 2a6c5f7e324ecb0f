"""The Paramètres view: security, backups, audit journal, retention and practice settings."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...services.workspace import Workspace
from ..navigation import Navigator, View
from ..widgets.tab_order import follow_layout
from .backups import BackupSection
from .calendar import CalendarSection
from .journal import JournalSection
from .profile import ProfileSection
from .provider import ProviderSection
from .retention import RetentionSection
from .security import SecuritySection


class SettingsView(QScrollArea, View):
    """Two columns of sections; scrolls when the window is small."""

    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(28, 20, 28, 20)
        column.setSpacing(8)
        title = QLabel("Paramètres", page)
        title.setProperty("role", "title")
        column.addWidget(title)
        self.security = SecuritySection(ws, navigator, page)
        self.backups = BackupSection(ws, navigator, page)
        self.journal = JournalSection(ws, navigator, page)
        self.retention = RetentionSection(ws, navigator, page)
        self.provider = ProviderSection(ws, navigator, page)
        self.profile = ProfileSection(ws, navigator, page)
        self.calendar = CalendarSection(ws, navigator, page)
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(4)
        left, right = QVBoxLayout(), QVBoxLayout()
        for layout, sections in ((left, (self.profile, self.security, self.provider, self.journal)),
                                 (right, (self.backups, self.retention, self.calendar))):
            layout.setSpacing(16)
            for section in sections:
                layout.addWidget(section)
        left.addStretch(1)
        right.addStretch(1)
        self.grid, self.left, self.right, self.page_column = grid, left, right, column
        self.two_columns: bool | None = None
        self._arrange(two_columns=True)
        column.addLayout(grid, 1)
        # One column after the other, each from the top, as they read (not in the order they were built).
        follow_layout(page)
        self.setWidget(page)
        self.setAlignment(Qt.AlignmentFlag.AlignTop)

    def _arrange(self, *, two_columns: bool) -> None:
        """Two columns of sections, or one under the other when two would not fit the width (enlarged texts)."""
        if two_columns == self.two_columns:
            return
        self.two_columns = two_columns
        self.grid.removeItem(self.left)
        self.grid.removeItem(self.right)
        self.grid.addLayout(self.left, 0, 0)
        self.grid.addLayout(self.right, 0 if two_columns else 1, 1 if two_columns else 0)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1 if two_columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        margins = self.page_column.contentsMargins()
        needed = (self.left.minimumSize().width() + self.right.minimumSize().width()
                  + self.grid.horizontalSpacing() + margins.left() + margins.right())
        self._arrange(two_columns=needed <= self.viewport().width())
        super().resizeEvent(event)

    def refresh(self) -> None:
        self.backups.refresh()
