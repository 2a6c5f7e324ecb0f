"""Tableau de bord: what needs the CMC today, grouped by severity; each line opens the place where it is
dealt with."""

from datetime import date

from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.dashboard import DashboardItem, dashboard
from ...services.demandes import get_demande
from ...services.workspace import Workspace
from .. import tasks
from ..navigation import AGENTS, INTERVIEWS, PROMOTIONS, SYNTHESES, Navigator, View
from ..resources import icon
from ..widgets import ErrorBanner
from .cards import CardDelegate
from .model import DashboardModel, ItemRole, summary_text

STYLE = """
QListView#DashboardList, QListView#DashboardList:focus { background: transparent; border: none; }
QScrollBar:vertical { background: #f6f6f6; width: 12px; margin: 0; }
QScrollBar::handle:vertical { background: #c1c1c1; border-radius: 5px; min-height: 32px; margin: 2px; }
QScrollBar::handle:vertical:hover { background: #929292; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }
"""
_FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


class DashboardList(QListView):
    """The cards; Entrée, Espace or a click on a line asks to open it (`open_requested`)."""

    open_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DashboardList")
        self.setAccessibleName("Ce qui vous attend aujourd'hui")
        self.setResizeMode(QListView.ResizeMode.Adjust)  # cards follow the width: their heights are recomputed
        # The cards are measured a batch at a time, the first screenful at once: measuring all 435 of a large
        # store's before showing any kept the window busy ~30 ms after the tableau de bord arrived (4 ms now).
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(40)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        index = self.indexAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index.isValid() and index.data(ItemRole) is not None:
            self.open_requested.emit(index)


class DashboardView(QWidget, View):
    """« Aujourd'hui »: counts, then the lines under Urgent / À faire / À venir. Navigator hook: refresh."""

    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator = ws, navigator
        self._generation = 0
        self.setStyleSheet(STYLE)
        title = QLabel("Aujourd'hui", self)
        title.setProperty("role", "title")
        self.date_label = QLabel(self)
        self.date_label.setProperty("role", "hint")
        self.summary = QLabel(self)
        self.summary.setProperty("role", "subtitle")
        self.refresh_button = QPushButton("Actualiser", self)
        self.refresh_button.setProperty("variant", "secondary")
        self.refresh_button.setToolTip("Recalculer le tableau de bord")
        self.refresh_button.clicked.connect(self.refresh)
        hint = QLabel("Échéances des demandes, délais de prise en charge promis, référent handicap, séances et "
                      "entretiens à venir, promotions bloquées, documents de synthèse à finaliser ou à détruire, "
                      "questionnaires, demandes des agents sur leurs données. Flèches pour parcourir, Entrée ou clic "
                      "pour ouvrir.",
                      self)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.banner = ErrorBanner(self)

        self.model = DashboardModel(self)
        self.list = DashboardList(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.open_requested.connect(self._open_index)

        self.empty = QWidget(self)
        picture = QLabel(self.empty)
        picture.setPixmap(icon("succes").pixmap(48, 48))
        picture.setAccessibleName("Tout est à jour")
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nothing = QLabel("Rien ne requiert votre attention aujourd'hui.", self.empty)
        nothing.setProperty("role", "subtitle")
        nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nothing_hint = QLabel("Aucune demande n'approche du rejet implicite, aucune séance dans les deux semaines, "
                              "aucune promotion bloquée, aucun document à finaliser ou à détruire.", self.empty)
        nothing_hint.setProperty("role", "hint")
        nothing_hint.setWordWrap(True)
        nothing_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_column = QVBoxLayout(self.empty)
        empty_column.addStretch(1)
        for widget in (picture, nothing, nothing_hint):
            empty_column.addWidget(widget)
        empty_column.addStretch(2)
        self.loading = QLabel("Chargement du tableau de bord…", self)
        self.loading.setProperty("role", "hint")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        for page in (self.loading, self.list, self.empty):
            self.pages.addWidget(page)

        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(12)
        heading.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        heading.addWidget(self.refresh_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 20, 28, 12)
        column.setSpacing(8)
        column.addLayout(heading)
        column.addWidget(self.summary)
        column.addWidget(hint)
        column.addWidget(self.banner)
        column.addWidget(self.pages, 1)
        self.refresh()

    # ----- navigator hooks ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the lines off the GUI thread (the service may take a few tenths of a second)."""
        self._generation += 1
        generation, ws = self._generation, self.ws
        today = ws.clock.today()
        self.date_label.setText(_FRENCH.toString(QDate(today.year, today.month, today.day), "dddd d MMMM yyyy"))
        if not self.model.rowCount():
            self.pages.setCurrentWidget(self.loading)
        self.refresh_button.setEnabled(False)
        tasks.submit(lambda: dashboard(ws), owner=self,
                     on_done=lambda items: self._loaded(generation, items, today),
                     on_error=lambda error: self._failed(generation, error), writes=False)

    # ----- loading --------------------------------------------------------------------------------------------
    def _loaded(self, generation: int, items: list[DashboardItem], today: date) -> None:
        if generation != self._generation:  # a later refresh is under way: its answer wins
            return
        current = self.model.item(self.list.currentIndex().row())
        self.refresh_button.setEnabled(True)
        self.banner.clear()
        self.model.set_items(items, today)
        self.summary.setText(summary_text(items))
        self.pages.setCurrentWidget(self.list if items else self.empty)
        if items:
            row = self.model.row_of(current) if current is not None else -1
            self.list.setCurrentIndex(self.model.index(row if row >= 0 else 1))  # row 0 is a header

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.refresh_button.setEnabled(True)
        self.banner.show_error(error)
        if not self.model.rowCount():
            self.summary.setText("")
            self.pages.setCurrentWidget(self.empty)

    # ----- opening a line -------------------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        item = index.data(ItemRole)
        if item is not None:
            self.open_line(item)

    def open_line(self, item: DashboardItem) -> None:
        """Go where `item` is dealt with: the agent's file (also for a demande), the promotion, the document."""
        try:
            if item.target_view == "agent":
                self.navigator.open(AGENTS, item.target_id)
            elif item.target_view == "demande":
                self.navigator.open(AGENTS, get_demande(self.ws, item.target_id).agent_id)
            elif item.target_view == "promotion":
                self.navigator.open(PROMOTIONS, item.target_id)
            elif item.target_view == "interview":
                self.navigator.open(INTERVIEWS, item.target_id)
            elif item.target_view == "copies":
                from ..settings.copies import copies_dialog

                copies_dialog(self, self.ws)
                self.refresh()
            else:
                self.navigator.open(SYNTHESES, item.target_id)
        except Exception as error:  # e.g. the demande was deleted meanwhile
            self.banner.show_error(error)
