"""A titled block of the Paramètres view, with its own message banner and busy bar for background work."""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from ...services.workspace import Workspace
from .. import tasks
from ..navigation import Navigator
from ..widgets import ErrorBanner


class Section(QFrame):
    def __init__(self, title: str, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Section")
        self.setAccessibleName(title)
        self.ws, self.navigator = ws, navigator
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(20, 16, 20, 18)
        self.column.setSpacing(10)
        heading = QLabel(title, self)
        heading.setProperty("role", "section")
        self.column.addWidget(heading)
        self.banner = ErrorBanner(self)
        self.column.addWidget(self.banner)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(f"{title} : opération en cours")
        self.progress.hide()
        self.column.addWidget(self.progress)
        self._busy_widgets: list[QWidget] = []

    def hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setProperty("role", "hint")
        return label

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None], *, disable: list[QWidget],
            measured: bool = False) -> None:
        """Run `work` off the GUI thread with the busy bar shown and `disable` greyed out meanwhile.

        `measured`: `work` returns a generator of Steps (domain/progress.py) whose percentages fill the bar, and
        whose text says what is being done; otherwise the bar only says that something is."""
        self.banner.clear()
        self.progress.setRange(0, 100 if measured else 0)
        self.progress.setValue(0)
        self.progress.setTextVisible(measured)
        self._set_busy(True, disable)

        def progressed(percent: int, text: str) -> None:
            if percent >= 0:
                self.progress.setValue(percent)
            self.progress.setFormat(f"{text} — %p %" if text else "%p %")

        def done(result: Any) -> None:
            self._set_busy(False, disable)
            on_done(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False, disable)
            self.banner.show_error(error)

        tasks.submit(work, on_done=done, on_error=failed, on_progress=progressed if measured else None, owner=self)

    def _set_busy(self, busy: bool, widgets: list[QWidget]) -> None:
        self.progress.setVisible(busy)
        for widget in widgets:
            widget.setEnabled(not busy)
