"""Promotions BPP: the list of promotions and, for the one opened, its board."""

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.promotions import list_promotions
from ...services.workspace import Workspace
from ..navigation import Navigator, View
from ..text_zoom import set_style_sheet
from ..widgets import ErrorBanner, flush_all
from ..widgets.list_table import ColumnFitter
from .board import PromotionBoardView
from .list_model import PromotionListModel
from .promotion_dialog import PromotionDialog
from .style import PROMOTIONS_QSS


class PromotionsView(QStackedWidget, View):
    """Page 0: the list; page 1: a board. Navigator hooks: open_item, create_new, refresh."""

    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator = ws, navigator
        self.board: PromotionBoardView | None = None
        self.dialog: PromotionDialog | None = None
        set_style_sheet(self, PROMOTIONS_QSS)
        self.list_page = QWidget(self)
        title = QLabel("Promotions BPP", self.list_page)
        title.setProperty("role", "title")
        hint = QLabel("Bilans de parcours professionnels collectifs : de 6 à 12 agents par promotion, à travers les "
                      "quatre phases. Entrée ou double-clic ouvre le tableau de bord d'une promotion.",
                      self.list_page)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.new_button = QPushButton("Nouvelle promotion", self.list_page)
        self.new_button.setToolTip("Créer une promotion (Ctrl+N)")
        self.new_button.clicked.connect(self.create_new)
        self.open_button = QPushButton("Ouvrir", self.list_page)
        self.open_button.setProperty("variant", "secondary")
        self.open_button.clicked.connect(self.open_selected)
        self.banner = ErrorBanner(self.list_page)
        self.model = PromotionListModel(self)
        self.table = QTableView(self.list_page)
        self.table.setAccessibleName("Liste des promotions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        ColumnFitter(self.table, stretch=0)  # contents' widths, within the table's: no sideways scrolling
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty = QLabel("Aucune promotion pour l'instant : créez la première avec « Nouvelle promotion » "
                            "(Ctrl+N).", self.list_page)
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self.list_page)
        column.setContentsMargins(28, 20, 28, 20)
        column.setSpacing(10)
        for widget in (title, hint):
            column.addWidget(widget)
        column.addLayout(buttons)
        column.addWidget(self.banner)
        column.addWidget(self.empty)
        column.addWidget(self.table, 1)
        self.addWidget(self.list_page)
        self.reload_list()

    # ----- navigator hooks ----------------------------------------------------------------------------------
    def open_item(self, target_id: int | None) -> None:
        """Show the board of promotion `target_id`, or the list when None."""
        if target_id is None:
            self.show_list()
        else:
            self.open_board(target_id)

    def create_new(self) -> None:
        """Ctrl+N: the "Nouvelle promotion" dialog; the new promotion's board opens once it is created."""
        if self.dialog is not None:
            return
        dialog = PromotionDialog(self.ws, parent=self)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._creation_closed(dialog))
        dialog.open()

    def refresh(self) -> None:
        self.reload_list()
        if self.board is not None and self.currentWidget() is self.board:
            self.board.reload()

    # ----- list -----------------------------------------------------------------------------------------
    def reload_list(self) -> None:
        selected = self._selected_id()
        try:
            summaries = list_promotions(self.ws)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.model.set_summaries(summaries)
        self.empty.setVisible(not summaries)
        self.table.setVisible(bool(summaries))
        row = self.model.row_of(selected) if selected is not None else -1
        if summaries:
            self.table.selectRow(max(row, 0))
        self._update_buttons()

    def _selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.promotion_id(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self._selected_id() is not None)

    def _activated(self, index: QModelIndex) -> None:
        self.open_board(self.model.promotion_id(index.row()))

    def open_selected(self) -> None:
        promotion_id = self._selected_id()
        if promotion_id is not None:
            self.open_board(promotion_id)

    def show_list(self) -> None:
        self._drop_board()
        self.reload_list()
        self.setCurrentWidget(self.list_page)
        self.table.setFocus()

    def _drop_board(self) -> None:
        """Leave the current board: what its dialogs hold is saved (or dropped, for a creation), then it goes."""
        if self.board is None:
            return
        flush_all(self.board)
        for dialog in self.board.findChildren(QDialog):
            dialog.reject()
        self.removeWidget(self.board)
        self.board.deleteLater()
        self.board = None

    def open_board(self, promotion_id: int) -> None:
        self._drop_board()
        self.board = PromotionBoardView(self.ws, self.navigator, promotion_id, self)
        self.board.back_requested.connect(self.show_list)
        self.board.changed.connect(self.reload_list)
        self.addWidget(self.board)
        self.setCurrentWidget(self.board)
        row = self.model.row_of(promotion_id)
        if row >= 0:
            self.table.selectRow(row)
        self.board.table.setFocus()

    def _creation_closed(self, dialog: PromotionDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        if dialog.result() and dialog.promotion is not None and dialog.promotion.id is not None:
            self.reload_list()
            self.navigator.notify(f"Promotion « {dialog.promotion.name} » créée.")
            self.open_board(dialog.promotion.id)
