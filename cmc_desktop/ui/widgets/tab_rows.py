"""A tab widget's titles on several rows when they do not fit on one.

A QTabBar has a single row: with the texts at 200 % (RGAA 10.4) on a 1280 px laptop the agent's file needs
1,493 px for its seven titles and would hide the last ones behind scroll arrows. `TabRows` then stands in for
the bar: one checkable button a tab, wrapping like a flow of words; at 100 % the tab bar shows as usual.
"""

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QPushButton, QSizePolicy, QTabWidget, QWidget

from .flow_layout import FlowLayout

_WATCHED = (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.FontChange, QEvent.Type.StyleChange,
            QEvent.Type.Show)


class TabRows(QWidget):
    """Put it in the layout right above `tabs`; it shows itself (and hides the tab bar) only when the titles need
    more than the tab widget's width. Each button carries its tab's title, icon and tooltip, follows the current
    tab and makes its tab current (the arrows move between them as in a tab bar).

    A hidden tab bar tells no one that a title or an icon changed: call `show_titles()` after changing them."""

    def __init__(self, tabs: QTabWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = tabs
        self.setAccessibleName(tabs.accessibleName())
        self.flow = FlowLayout(self, spacing=0)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # its width is the tab widget's, never more
        self.setSizePolicy(policy)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(tabs.setCurrentIndex)
        self.buttons: list[QPushButton] = []
        for _ in range(tabs.count()):  # built now, so that Tab reaches them in the order of the layout
            self._add_button()
        self._pending = False
        tabs.currentChanged.connect(self._show_current)
        tabs.installEventFilter(self)
        self.hide()  # until the tab widget is laid out and its width known

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As tall as its rows at its width: a splitter or a scroll page, which know no height-for-width, then
        leave it room for every row."""
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.flow.heightForWidth(self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # another width, maybe another number of rows

    def _add_button(self) -> None:
        button = QPushButton(self)
        button.setProperty("variant", "tab")
        button.setCheckable(True)
        button.setAutoDefault(False)
        self.group.addButton(button, len(self.buttons))
        self.flow.addWidget(button)
        self.buttons.append(button)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # A title changed (setTabText asks the tab widget for a new layout), the width or the text size did: the
        # titles now (a screen reader may read them at once), whether they fit once the layouts are done.
        if event.type() in _WATCHED:
            self.show_titles()
            if not self._pending:
                self._pending = True
                QTimer.singleShot(0, self, self.refresh)
        return False

    def titles_fit(self) -> bool:
        bar = self.tabs.tabBar()
        wanted = sum(bar.tabSizeHint(i).width() for i in range(bar.count()) if bar.isTabVisible(i))
        return wanted <= self.tabs.width()

    def refresh(self) -> None:
        self._pending = False
        self.show_titles()
        if self.tabs.isVisible():
            fold = not self.titles_fit()
            self.tabs.tabBar().setVisible(not fold)
            self.setVisible(fold)

    def show_titles(self) -> None:
        """The tabs' titles, icons and tooltips as they are now."""
        while len(self.buttons) < self.tabs.count():
            self._add_button()
        for index, button in enumerate(self.buttons):
            shown = index < self.tabs.count() and self.tabs.isTabVisible(index)
            if shown:
                button.setText(self.tabs.tabText(index))
                button.setIcon(self.tabs.tabIcon(index))
                button.setToolTip(self.tabs.tabToolTip(index))
                button.setEnabled(self.tabs.isTabEnabled(index))
            button.setVisible(shown)
        self._show_current(self.tabs.currentIndex())

    def _show_current(self, index: int) -> None:
        if 0 <= index < len(self.buttons):
            self.buttons[index].setChecked(True)
