"""Moving the promotion to its next phase: what is still missing, said plainly, and the button that tries.

Fewer than six participants at the lancement is an exception: the CMC chooses its reason in a short list and
says in a few words what it is here.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.bpp import Phase
from ...domain.dates import format_fr
from ...domain.promotion import MIN_PARTICIPANTS, SmallGroupReason, participants_text
from ...services.promotions import PromotionBoard, advance_phase, set_small_group_reason
from ...services.workspace import Workspace
from ..agents.choices import enum_data, select_value
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
        self.reason_kind = QComboBox(self)
        self.reason_kind.setAccessibleName("Raison de l'effectif réduit")
        self.reason_kind.addItem("Choisir la raison…", None)
        for kind in SmallGroupReason:
            self.reason_kind.addItem(kind.label, kind)
        self.reason = AutosaveTextEdit(self, accessible_name="Précision sur l'effectif réduit")
        self.reason_kind.activated.connect(lambda _index: self._reason_committed(self.reason.text()))
        self.reason.setPlaceholderText("En quelques mots, ce qu'il en est pour cette promotion")
        self.reason.setFixedHeight(64)
        self.reason.committed.connect(self._reason_committed)
        self.reason_label.setBuddy(self.reason_kind)
        self.banner = ErrorBanner(self)
        self.button = QPushButton("Avancer à la phase suivante", self)
        self.button.clicked.connect(self.try_advance)
        column = QVBoxLayout(self)
        column.setSpacing(8)
        for widget in (self.step, self.blockers, self.reason_label, self.reason_kind, self.reason, self.banner,
                       self.button):
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
        # A one-agent « promotion » has no reason to give: it is refused (an individual BPP).
        small = (not promotion.closed_on and promotion.current_phase is Phase.LANCEMENT
                 and 1 < len(board.participants) < MIN_PARTICIPANTS)
        self.reason_label.setText(f"La promotion compte {participants_text(len(board.participants))}, moins de "
                                  f"{MIN_PARTICIPANTS} : choisissez la raison de cet effectif réduit et précisez-la.")
        for widget in (self.reason_label, self.reason_kind, self.reason):
            widget.setVisible(small)
        select_value(self.reason_kind, promotion.small_group_kind)
        if not self.reason.hasFocus():  # never reset the text under the CMC's cursor
            self.reason.load(promotion.small_group_reason)
        self.button.setText("Clore la promotion" if promotion.current_phase is Phase.CONCLUSION
                            else "Avancer à la phase suivante")
        self.button.setEnabled(not promotion.closed_on)

    def _reason_committed(self, text: str) -> None:
        if self.board is None:
            return
        try:
            set_small_group_reason(self.ws, self.board.promotion.id or 0, enum_data(self.reason_kind, SmallGroupReason),
                                   text)
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
                f"{board.next_step[0].upper()}{board.next_step[1:]} ? "
                f"{'Le participant suit' if len(board.participants) == 1 else 'Les participants suivent'} la "
                "promotion ; ce passage ne peut pas être annulé.",
                confirm_label="Clore" if promotion.current_phase is Phase.CONCLUSION else "Avancer"):
            return
        try:
            promotion = advance_phase(self.ws, promotion.id or 0)
        except Exception as error:
            self.blockers.hide()  # the refusal below lists the same points
            self.banner.show_error(error)
            if self.reason_kind.isVisible() and enum_data(self.reason_kind, SmallGroupReason) is None:
                self.reason_kind.setFocus()
            elif self.reason.isVisible() and not self.reason.text().strip():
                self.reason.setFocus()
            return
        self.advanced.emit("La promotion est close." if promotion.closed_on
                           else f"La promotion est passée à la {promotion.current_phase.label.lower()}.")
