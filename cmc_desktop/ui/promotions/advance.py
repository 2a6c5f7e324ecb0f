"""Moving the promotion to its next phase: what is still missing, said plainly, and the button that tries."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.bpp import Phase
from ...domain.dates import format_fr
from ...domain.promotion import MIN_PARTICIPANTS
from ...services.promotions import PromotionBoard, advance_phase, set_small_group_reason
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import AutosaveTextEdit, ErrorBanner, confirm


class AdvancePanel(QGroupBox):
    """The button always asks the service, which refuses with the full list of what is missing."""

    advanced = Signal(str)  # what happened, for a toast
    changed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Phase suivante", parent)
        self.ws = ws
        self.board: PromotionBoard | None = None
        self.step = QLabel(self)
        self.step.setWordWrap(True)
        self.blockers = QLabel(self)
        self.blockers.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        self.reason = AutosaveTextEdit(self, accessible_name="Motif de l'effectif réduit")
        self.reason.setPlaceholderText("Pourquoi la promotion démarre-t-elle avec moins de six participants ?")
        self.reason.setFixedHeight(72)
        self.reason.committed.connect(self._reason_committed)
        self.reason_label.setBuddy(self.reason)
        self.banner = ErrorBanner(self)
        self.button = QPushButton("Avancer à la phase suivante", self)
        self.button.clicked.connect(self.try_advance)
        column = QVBoxLayout(self)
        column.setSpacing(8)
        for widget in (self.step, self.blockers, self.reason_label, self.reason, self.banner, self.button):
            column.addWidget(widget)

    def show_board(self, board: PromotionBoard) -> None:
        self.board = board
        promotion = board.promotion
        self.banner.clear()
        if promotion.closed_on:
            self.step.setText(f"La promotion est close depuis le {format_fr(promotion.closed_on)}.")
            self.blockers.hide()
        else:
            self.step.setText(f"Prochaine étape : {board.next_step}.")
            self.blockers.show()
            if board.blockers:
                self.blockers.setText("À régler d'abord :\n" + "\n".join(f"• {b}" for b in board.blockers))
                set_property(self.blockers, "role", "")
            else:
                self.blockers.setText("✓ Tout est prêt.")
                set_property(self.blockers, "role", "success")
        small = (not promotion.closed_on and promotion.current_phase is Phase.LANCEMENT
                 and len(board.participants) < MIN_PARTICIPANTS)
        self.reason_label.setText(f"La promotion compte {len(board.participants)} participant(s), moins de "
                                  f"{MIN_PARTICIPANTS} : indiquez le motif de cet effectif réduit.")
        self.reason_label.setVisible(small)
        self.reason.setVisible(small)
        if not self.reason.hasFocus():  # never reset the text under the CMC's cursor
            self.reason.load(promotion.small_group_reason)
        self.button.setText("Clore la promotion" if promotion.current_phase is Phase.CONCLUSION
                            else "Avancer à la phase suivante")
        self.button.setEnabled(not promotion.closed_on)

    def _reason_committed(self, text: str) -> None:
        if self.board is None:
            return
        try:
            set_small_group_reason(self.ws, self.board.promotion.id or 0, text)
        except Exception as error:  # the text stays in the field
            self.reason.mark_unsaved()
            self.banner.show_error(error)
            return
        self.changed.emit()

    def try_advance(self) -> None:
        self.reason.flush()  # a reason just typed counts (the board reloads synchronously on commit)
        board = self.board
        if board is None:
            return
        promotion = board.promotion
        if board.can_advance and not confirm(
                self, "Phase suivante",
                f"{board.next_step[0].upper()}{board.next_step[1:]} ? Les {len(board.participants)} participant(s) "
                "suivent la promotion ; ce passage ne peut pas être annulé.",
                confirm_label="Clore" if promotion.current_phase is Phase.CONCLUSION else "Avancer"):
            return
        try:
            promotion = advance_phase(self.ws, promotion.id or 0)
        except Exception as error:
            self.blockers.hide()  # the refusal below lists the same points
            self.banner.show_error(error)
            if self.reason.isVisible() and not self.reason.text().strip():
                self.reason.setFocus()
            return
        self.advanced.emit("La promotion est close." if promotion.closed_on
                           else f"La promotion est passée à la {promotion.current_phase.label.lower()}.")
