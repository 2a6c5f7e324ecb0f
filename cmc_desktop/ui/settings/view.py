"""The Paramètres view: security, backups, audit journal, retention and practice settings."""

from PySide6.QtCore import Qt
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
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid, 1)
        # One column after the other, each from the top, as they read (not in the order they were built).
        follow_layout(page)
        self.setWidget(page)
        self.setAlignment(Qt.AlignmentFlag.AlignTop)

    def refresh(self) -> None:
        self.backups.refresh()
