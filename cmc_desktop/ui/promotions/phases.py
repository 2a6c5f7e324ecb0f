"""The four phases side by side, the current one highlighted, each with its séances and a way to plan one.

A phase shows the date it began — its first séance that has taken place — or that it has not begun yet. The
conclusion has no séance: it shows the participants' individual entretiens finaux.
"""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.bpp import COLLECTIVE_PHASES, Phase
from ...domain.dates import format_fr
from ...domain.promotion import Seance
from ...services.promotions import PromotionBoard
from ..resources import icon
from ..text_zoom import current_zoom
from ..theme import set_property
from ..widgets.wrapping_button import WrappingButton

# A séance's line is at least this wide (px at 100 %, as many letters when zoomed) before its text goes onto
# another line: the width the phases ask for, hence whether they stand four or two a row.
SEANCE_TEXT_WIDTH = 220
SEANCE_TEXT_MAX = 360  # px: with the texts enlarged, two phases a row still fit on a 1280 px laptop


class PhaseCard(QFrame):
    plan_requested = Signal(object)  # Phase
    seance_requested = Signal(int)

    def __init__(self, phase: Phase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phase = phase
        self.setObjectName("PhaseCard")
        self.title = QLabel(f"{phase.value}. {phase.short_label}", self)
        self.title.setObjectName("PhaseTitle")
        self.title.setToolTip(phase.label)
        self.state = QLabel(self)
        self.state.setObjectName("PhaseState")
        self.state.setWordWrap(True)  # « ✓ Terminée (commencée le …) » on two lines when the texts are enlarged
        self.seances = QVBoxLayout()
        self.seances.setSpacing(0)
        self.none = QLabel("Aucune séance planifiée" if phase in COLLECTIVE_PHASES else "", self)
        self.none.setProperty("role", "hint")
        self.none.setWordWrap(True)
        self.plan = QPushButton("+ Planifier une séance", self)
        self.plan.setProperty("variant", "tertiary")
        self.plan.setObjectName("SeanceButton")
        self.plan.setAccessibleName(f"Planifier une séance de la {phase.label.lower()}")
        self.plan.clicked.connect(lambda: self.plan_requested.emit(self.phase))
        self.plan.setVisible(phase in COLLECTIVE_PHASES)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 8)
        column.setSpacing(4)
        column.addWidget(self.title)
        column.addWidget(self.state)
        column.addWidget(self.none)
        column.addLayout(self.seances)
        column.addStretch(1)
        column.addWidget(self.plan)
        self.buttons: list[WrappingButton] = []

    def show_phase(self, state: str, state_text: str, seances: list[Seance], participants: int, today: date,
                   closed: bool) -> None:
        set_property(self, "state", state)
        set_property(self.state, "state", state)
        self.state.setText(state_text)
        self.setAccessibleName(f"{self.phase.label} : {state_text}")
        for button in self.buttons:  # out of the layout now; deleted once back in the event loop
            self.seances.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = [self._seance_button(s, participants, today) for s in seances]
        for button in self.buttons:
            self.seances.addWidget(button)
            button.show()  # at once, not when the layout's queued show runs
        self.none.setVisible(not seances)
        self.plan.setEnabled(not closed)

    def show_final_interviews(self, held: int, participants: int) -> None:
        """The conclusion: the participants' individual entretiens finaux, not a séance."""
        self.none.setText(f"Entretiens finaux individuels : {held} réalisé{'s' if held > 1 else ''} sur "
                          f"{participants}")

    def _seance_button(self, seance: Seance, participants: int, today: date) -> WrappingButton:
        """The séance's date and whole topic, on as many lines as the card's width needs."""
        label = f"{format_fr(seance.held_on)} — {seance.topic or 'Séance'}"
        width = min(SEANCE_TEXT_MAX, round(SEANCE_TEXT_WIDTH * current_zoom() / 100))  # as many letters, zoomed
        button = WrappingButton(label.replace("&", "&&"), self, min_line_width=width)  # « & » shown, no shortcut
        button.setObjectName("SeanceButton")
        button.setProperty("variant", "tertiary")
        button.setAccessibleName(f"Séance du {label}")
        present = sum(seance.attendance.values())
        details = [label, seance.place or "Lieu à préciser"]
        if seance.held_on > today:
            details.append("Séance à venir")
        elif len(seance.attendance) < participants:
            details.append(f"Présences à noter ({len(seance.attendance)}/{participants} notées)")
            button.setIcon(icon("attention"))
        else:
            details.append(f"Présents : {present} sur {participants}")
        button.setToolTip("\n".join(details))
        button.setAccessibleDescription(" ; ".join(details[1:]))
        button.clicked.connect(lambda: self.seance_requested.emit(seance.id or 0))
        return button


class PhaseStrip(QWidget):
    plan_requested = Signal(object)  # Phase
    seance_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = {phase: PhaseCard(phase, self) for phase in Phase}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        for card in self.cards.values():
            card.plan_requested.connect(self.plan_requested)
            card.seance_requested.connect(self.seance_requested)
        self.columns = 0
        self.set_columns(len(self.cards))

    def set_columns(self, columns: int) -> None:
        """The four phases in a row, or two rows of two when the texts are enlarged on a laptop."""
        if columns == self.columns:
            return
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, index // columns, index % columns)
        for column in range(len(self.cards)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.columns = columns

    def width_for(self, columns: int) -> int:
        """The width the cards ask for, `columns` a row."""
        widths = [card.minimumSizeHint().width() for card in self.cards.values()]
        # A column is as wide as the widest card it holds.
        return (sum(max(widths[column::columns]) for column in range(columns))
                + self.grid.horizontalSpacing() * (columns - 1))

    def show_board(self, board: PromotionBoard, today: date) -> None:
        promotion = board.promotion
        for phase, card in self.cards.items():
            began = board.phase_starts.get(phase)
            since = f" depuis le {format_fr(began)}" if began else ""
            if promotion.closed_on or phase < promotion.current_phase:
                state, text = "done", "✓ Terminée" + (f" (commencée le {format_fr(began)})" if began else "")
            elif phase == promotion.current_phase:
                state = "current"
                text = (f"● En cours{since}" if began or phase is Phase.CONCLUSION
                        else "● En cours — commence à sa première séance tenue")
            else:
                state, text = "todo", "À venir"
            card.show_phase(state, text, board.seances_by_phase[phase], len(board.participants), today,
                            bool(promotion.closed_on))
        held = sum(1 for p in board.participants if p.final_interview_on and p.final_interview_on <= today)
        self.cards[Phase.CONCLUSION].show_final_interviews(held, len(board.participants))
