"""The board of one promotion: its four phases, each participant's state, what blocks the next phase."""

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.bpp import Phase
from ...domain.dates import format_fr
from ...domain.promotion import MAX_PARTICIPANTS, Seance, participants_text
from ...services.promotions import BoardParticipant, PromotionBoard, promotion_board, unenrol
from ...services.workspace import Workspace
from ..navigation import Navigator
from ..widgets import ErrorBanner, confirm
from ..widgets.flow_layout import FlowLayout
from ..widgets.folding_bar import FoldingBar
from ..widgets.list_table import ColumnFitter
from ..widgets.tab_order import follow_layout
from .advance import AdvancePanel
from .confidential import ConfidentialPointsPanel
from .documents_dialog import AttendanceSheetDialog, ContractsSignedDialog, PromotionDocumentsDialog
from .enrolment import EnrolmentDialog
from .participant_dialog import ParticipantDialog
from .participants_model import HEADERS, NAME, ParticipantBoardModel
from .phases import PhaseStrip
from .promotion_dialog import PromotionDialog
from .seance_dialog import SeanceDialog

SIDE_WIDTH = 300
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's « no maximum »


def _wrapping_row(parent: QWidget, *buttons: QPushButton) -> QWidget:
    """`buttons` in a row that goes onto several lines when the texts are enlarged."""
    row = QWidget(parent)
    flow = FlowLayout(row)
    for button in buttons:
        flow.addWidget(button)
    policy = row.sizePolicy()
    policy.setHeightForWidth(True)
    row.setSizePolicy(policy)
    return row


def promotion_facts(board: PromotionBoard) -> str:
    """« Du 02/10/2026 au 29/01/2027 · Salle 204 · 8 participants sur 12 »."""
    promotion = board.promotion
    start, end = format_fr(promotion.start_date), format_fr(promotion.end_date)
    dates = (f"Du {start} au {end}" if start and end else f"À partir du {start}" if start
             else "Dates à fixer")
    place = "En ligne" if promotion.online else ""
    place = " — ".join(p for p in (place, promotion.place) if p) or "Lieu à préciser"
    count = len(board.participants)
    return f"{dates} · {place} · {participants_text(count)} sur {MAX_PARTICIPANTS}"


class PromotionBoardView(QWidget):
    """Every action saves through the services, then the board reloads from the store.

    A QWidget holding a scroll area rather than a scroll area itself: the dialogs it opens are its children,
    and the application sheet makes the grandchildren of a QScrollArea transparent.
    """

    back_requested = Signal()
    changed = Signal()  # the promotion changed: the list of promotions is stale

    def __init__(self, ws: Workspace, navigator: Navigator, promotion_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator, self.promotion_id = ws, navigator, promotion_id
        self.board: PromotionBoard | None = None
        self.dialog: QDialog | None = None  # the dialog open over the board, if any
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget(scroll)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.back_button = QPushButton("← Toutes les promotions", page)
        self.back_button.setProperty("variant", "tertiary")
        self.back_button.setToolTip("Revenir à la liste des promotions (Alt+Gauche)")
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel(page)
        self.title.setProperty("role", "title")
        self.edit_button = self._button("Modifier la promotion", self.edit_promotion, page, "secondary")
        self.enrol_button = self._button("Inscrire des agents", self.open_enrolment, page)
        self.documents_button = self._button("Documents…", self.open_documents, page, "secondary")
        self.documents_button.setToolTip("Convocations, feuille d'émargement, contrats : en PDF ou à imprimer")
        self.facts = QLabel(page)
        self.facts.setProperty("role", "hint")
        self.facts.setWordWrap(True)
        self.status = QLabel(page)
        self.status.setProperty("role", "subtitle")
        self.banner = ErrorBanner(page)
        self.phases = PhaseStrip(page)
        self.phases.plan_requested.connect(self.plan_seance)
        self.phases.seance_requested.connect(self.open_seance)

        self.follow_button = self._button("Suivi du participant…", self.open_participant, page, "secondary")
        self.unenrol_button = self._button("Retirer de la promotion", self.unenrol_selected, page, "secondary")
        self.sheet_button = self._button("Reporter l'émargement…", self.report_attendance, page, "secondary")
        self.contracts_button = self._button("Contrats signés…", self.record_contracts, page, "secondary")
        self.model = ParticipantBoardModel(self)
        self.table = QTableView(page)
        self.table.setAccessibleName("Participants et avancement par phase")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setMinimumSectionSize(30)
        self.table.horizontalHeader().setMinimumSectionSize(80)
        # The columns share the table's width at any text size; a long name goes onto two lines, its row growing.
        ColumnFitter(self.table, stretch=NAME, titles=HEADERS, wrap=True)
        # Rows grow when a name goes onto two lines, the header when its titles do: measured once they all have.
        self._table_fit = QTimer(self)
        self._table_fit.setSingleShot(True)
        self._table_fit.setInterval(0)
        self._table_fit.timeout.connect(self._fit_table)
        self.table.verticalHeader().sectionResized.connect(lambda *_: self._table_fit.start())
        self.table.horizontalHeader().geometriesChanged.connect(lambda: self._table_fit.start())
        self.table.activated.connect(lambda _index: self.open_participant())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty = QLabel("Aucun participant pour l'instant : « Inscrire des agents » propose les agents dont la "
                            "demande de BPP a reçu un accord.", page)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "hint")

        self.advance = AdvancePanel(ws, page)
        self.advance.advanced.connect(self._advanced)
        self.advance.changed.connect(self.reload)
        self.points = ConfidentialPointsPanel(ws, page)

        # Bars whose buttons go on several lines when the texts are enlarged, instead of widening the page.
        top = FoldingBar(page)
        top.box.setContentsMargins(0, 0, 0, 0)
        top.box.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        top.box.addStretch(1)
        top.box.addWidget(_wrapping_row(page, self.edit_button, self.documents_button, self.enrol_button))
        heading = FoldingBar(page)  # the phase under the name when both do not fit on a line
        heading.box.setContentsMargins(0, 0, 0, 0)
        heading.box.addWidget(self.title, 1)
        heading.box.addWidget(self.status, 0, Qt.AlignmentFlag.AlignBottom)
        self.title.setWordWrap(True)
        participants_page = QWidget(page)
        participants_bar = FoldingBar(participants_page)
        participants_bar.box.setContentsMargins(0, 0, 0, 0)
        participants_bar.box.addWidget(_wrapping_row(participants_page, self.follow_button, self.unenrol_button))
        participants_bar.box.addStretch(1)
        participants_bar.box.addWidget(_wrapping_row(participants_page, self.sheet_button, self.contracts_button))
        left = QVBoxLayout(participants_page)
        left.setContentsMargins(0, 8, 0, 0)
        left.setSpacing(6)
        left.addWidget(participants_bar)
        left.addWidget(self.empty)
        left.addWidget(self.table, 1)
        self.tabs = QTabWidget(page)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(participants_page, "Participants")
        self.tabs.addTab(self.points, "Points confidentiels")
        self.points.count_changed.connect(lambda count: self.tabs.setTabText(1, f"Points confidentiels ({count})"))
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.advance)
        side.addStretch(1)
        lower = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        lower.setSpacing(16)
        lower.addWidget(self.tabs, 1)
        lower.addLayout(side)
        self.lower_row = lower
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 8, 24, 16)
        self.page_margins = column.contentsMargins()
        column.setSpacing(8)
        column.addWidget(top)
        column.addWidget(heading)
        column.addWidget(self.facts)
        column.addWidget(self.banner)
        column.addWidget(self.phases)
        column.addSpacing(4)
        column.addLayout(lower, 1)

        back = QShortcut(QKeySequence("Alt+Left"), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_requested)
        self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._fit_width(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "lower_row"):
            self._fit_width(self.width())

    def _fit_width(self, width: int) -> None:
        """What fits in `width`: the phases four a row, or two, or one; « Passage à la phase suivante » beside the
        participants, SIDE_WIDTH wide, or under them, as wide as they are, when the texts are enlarged."""
        side = max(SIDE_WIDTH, self.advance.minimumSizeHint().width())
        margins = self.page_margins
        inner = width - margins.left() - margins.right() - self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent)
        self.phases.set_columns(next((n for n in (4, 2) if self.phases.width_for(n) <= inner), 1))
        header = self.table.horizontalHeader()
        # The participants want their tab titles and their columns' titles whole.
        titles = sum(header.sectionSizeHint(c) for c in range(header.count())) + 2 * self.table.frameWidth()
        participants = max(self.tabs.minimumSizeHint().width(), self.tabs.tabBar().sizeHint().width(), titles)
        beside = inner >= participants + self.lower_row.spacing() + side
        self.lower_row.setDirection(QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom)
        if beside:
            self.advance.setFixedWidth(side)
        else:
            self.advance.setMinimumWidth(0)
            self.advance.setMaximumWidth(QWIDGETSIZE_MAX)

    def _button(self, text: str, slot: object, parent: QWidget, variant: str = "") -> QPushButton:
        button = QPushButton(text, parent)
        if variant:
            button.setProperty("variant", variant)
        button.clicked.connect(slot)
        return button

    # ----- loading ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the board again from the store, keeping the selected participant."""
        selected = self.selected_participant()
        try:
            board = promotion_board(self.ws, self.promotion_id)
        except Exception as error:  # e.g. the promotion no longer exists
            self.banner.show_error(error)
            return
        self.board = board
        promotion, closed = board.promotion, bool(board.promotion.closed_on)
        self.title.setText(promotion.name)
        self.facts.setText(promotion_facts(board))
        self.status.setText(f"Close le {format_fr(promotion.closed_on)}" if closed
                            else f"En cours : {promotion.current_phase.label.lower()}")
        self.phases.show_board(board, self.ws.clock.today())
        self.model.set_board(board)
        self._fit_table()
        count = len(board.participants)
        self.tabs.setTabText(0, f"Participants ({count}/{MAX_PARTICIPANTS})")
        self.empty.setVisible(count == 0)
        self.table.setVisible(count > 0)
        open_for_enrolment = not closed and promotion.current_phase is Phase.LANCEMENT
        self.enrol_button.setEnabled(open_for_enrolment)
        self.enrol_button.setToolTip("" if open_for_enrolment else
                                     "Les inscriptions se font pendant la phase de lancement.")
        self.edit_button.setEnabled(not closed)
        has_people = bool(board.participants)
        self.documents_button.setEnabled(has_people)
        self.sheet_button.setEnabled(has_people and not closed)
        self.contracts_button.setEnabled(has_people and not closed)
        self.advance.show_board(board)
        self.points.show_points(self.promotion_id, promotion.confidential_points)
        if selected is not None:
            self.select_participant(selected.bpp_id)
        elif board.participants:
            self.table.selectRow(0)
        self._update_buttons()
        follow_layout(self)  # the séances just built take their place in the Tab order, not the end

    def _fit_table(self) -> None:
        """Tall enough for every participant (at most twelve, rows as tall as their names): the page scrolls, not
        the table."""
        rows = self.table.verticalHeader()
        height = rows.length() if self.model.rowCount() else rows.minimumSectionSize()
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + height
                                    + 2 * self.table.frameWidth())

    # ----- participants -----------------------------------------------------------------------------------
    def selected_participant(self) -> BoardParticipant | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.participant(rows[0].row()) if rows else None

    def select_participant(self, bpp_id: int) -> None:
        for row, participant in enumerate(self.model.participants):
            if participant.bpp_id == bpp_id:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)

    def _update_buttons(self) -> None:
        chosen = self.selected_participant() is not None
        closed = bool(self.board and self.board.promotion.closed_on)
        self.follow_button.setEnabled(chosen)
        self.unenrol_button.setEnabled(chosen and not closed)

    def open_participant(self) -> None:
        participant = self.selected_participant()
        if participant is None or self.board is None:
            return
        dialog = ParticipantDialog(self.ws, self.navigator, self.board.promotion, participant, self)
        dialog.changed.connect(self.reload)
        self._show_dialog(dialog)

    def unenrol_selected(self) -> None:
        participant = self.selected_participant()
        if participant is None:
            return
        if not confirm(self, "Retirer de la promotion",
                       f"Retirer {participant.display_name} de la promotion ? Ses présences aux séances de la "
                       "promotion sont effacées ; son BPP reste ouvert, en attente d'une autre promotion.",
                       confirm_label="Retirer", destructive=True):
            return
        try:
            unenrol(self.ws, self.promotion_id, participant.bpp_id)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.banner.clear()
        self._changed()
        self.navigator.notify(f"{participant.display_name} ne fait plus partie de la promotion.")

    def open_enrolment(self) -> None:
        if self.board is None:
            return
        dialog = EnrolmentDialog(self.ws, self.board.promotion, self)
        dialog.enrolled.connect(lambda count: self.navigator.notify(
            f"{count} agent{'s' if count > 1 else ''} inscrit{'s' if count > 1 else ''} dans la promotion."))
        dialog.enrolled.connect(lambda _count: self._changed())
        self._show_dialog(dialog)

    # ----- promotion and séances -----------------------------------------------------------------------------
    def edit_promotion(self) -> None:
        if self.board is not None:
            dialog = PromotionDialog(self.ws, self.board.promotion, self)
            dialog.saved.connect(self._changed)
            self._show_dialog(dialog)

    def plan_seance(self, phase: Phase) -> None:
        if self.board is not None:
            dialog = SeanceDialog(self.ws, self.board.promotion, self.board.participants, phase=phase, parent=self)
            dialog.saved.connect(self._changed)
            self._show_dialog(dialog)

    def open_seance(self, seance_id: int) -> None:
        if self.board is None:
            return
        seance = next((s for seances in self.board.seances_by_phase.values() for s in seances if s.id == seance_id),
                      None)
        if seance is not None:
            dialog = SeanceDialog(self.ws, self.board.promotion, self.board.participants, seance=seance, parent=self)
            dialog.saved.connect(self._changed)
            self._show_dialog(dialog)

    # ----- documents ----------------------------------------------------------------------------------------
    def _seances(self) -> list[Seance]:
        return sorted((s for seances in self.board.seances_by_phase.values() for s in seances),
                      key=lambda s: (s.held_on, s.id or 0)) if self.board else []

    def open_documents(self) -> None:
        if self.board is not None:
            self._show_dialog(PromotionDocumentsDialog(self.ws, self.board.promotion, self.board.participants,
                                                       self._seances(), self))

    def report_attendance(self) -> None:
        if self.board is not None:
            self._show_dialog(AttendanceSheetDialog(self.ws, self.board.participants, self._seances(), self))

    def record_contracts(self) -> None:
        if self.board is not None:
            lancement = next((s.held_on for s in self._seances() if s.phase is Phase.LANCEMENT), None)
            self._show_dialog(ContractsSignedDialog(self.ws, self.board.promotion, self.board.participants,
                                                    lancement, self))

    def _advanced(self, message: str) -> None:
        self._changed()
        self.navigator.notify(message)

    def _changed(self) -> None:
        self.reload()
        self.changed.emit()

    def _show_dialog(self, dialog: QDialog) -> None:
        """Window-modal, without a nested event loop; the board reloads when it closes."""
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self._changed()
