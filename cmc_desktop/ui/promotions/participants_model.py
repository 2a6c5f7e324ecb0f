"""The board's grid: one row per participant, one column per phase, saying where each one stands."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.bpp import Phase
from ...domain.dates import format_fr
from ...domain.promotion import Seance
from ...domain.text import plural
from ...services.promotions import BoardParticipant, PromotionBoard
from ..theme import ERROR, WARNING
from .style import CURRENT_PHASE_BACKGROUND

NAME, EXERCISES = 0, 5
HEADERS = ["Participant", "1. Lancement", "2. Analyse", "3. Plan d'action", "4. Conclusion", "Exercices"]
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def presence(seances: list[Seance], agent_id: int) -> tuple[int, int]:
    """(séances attended, séances where the presence was noted) for one participant."""
    marked = [s.attendance[agent_id] for s in seances if agent_id in s.attendance]
    return sum(marked), len(marked)


class ParticipantBoardModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board: PromotionBoard | None = None
        self._titles: dict[int, str] = {}  # column titles as laid out (on two lines when the texts are enlarged)

    @property
    def participants(self) -> list[BoardParticipant]:
        return self.board.participants if self.board else []

    def set_board(self, board: PromotionBoard) -> None:
        self.beginResetModel()
        self.board = board
        self.endResetModel()

    def participant(self, row: int) -> BoardParticipant:
        return self.participants[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.participants)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or self.board is None:
            return None
        phase = Phase(section) if NAME < section < EXERCISES else None
        current = phase is not None and phase is self.board.promotion.current_phase and not self._closed
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles.get(section, HEADERS[section]) + (" ●" if current else "")
        if role == Qt.ItemDataRole.ToolTipRole and phase is not None:
            return phase.label + (" (phase en cours)" if current else "")
        return None

    def setHeaderData(self, section: int, orientation: Qt.Orientation, value: object,  # noqa: N802 - Qt's name
                      role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A column title as the table lays it out (ColumnFitter)."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS) or not isinstance(value, str):
            return False
        if self._titles.get(section) != value:  # its display adds « ● » to the current phase: compare the title
            self._titles[section] = value
            self.headerDataChanged.emit(orientation, section, section)
        return True

    @property
    def _closed(self) -> bool:
        return bool(self.board and self.board.promotion.closed_on)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.board is None:
            return None
        participant, column = self.participants[index.row()], index.column()
        phase = Phase(column) if NAME < column < EXERCISES else None
        current = phase is not None and phase is self.board.promotion.current_phase and not self._closed
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(participant, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(participant, column)
        if role == Qt.ItemDataRole.BackgroundRole and current:
            return QBrush(QColor(CURRENT_PHASE_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and self._missing(participant, column):
            return QBrush(QColor(ERROR if current else WARNING))
        if role == Qt.ItemDataRole.FontRole and column == NAME:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _missing(self, participant: BoardParticipant, column: int) -> bool:
        if column == Phase.LANCEMENT:
            return participant.contract_signed_on is None
        if column == Phase.CONCLUSION and self.board is not None:
            return participant.final_interview_on is None and self.board.promotion.current_phase is Phase.CONCLUSION
        return False

    def _text(self, participant: BoardParticipant, column: int) -> str:
        assert self.board is not None
        if column == NAME:
            return participant.display_name
        if column == EXERCISES:
            given, done = participant.exercises_given, participant.exercises_done
            return f"{done}/{given} {'faits' if done > 1 else 'fait'}" if given else "Aucun"
        if column == Phase.LANCEMENT:
            signed = participant.contract_signed_on
            return f"Contrat signé le {format_fr(signed)}" if signed else "Contrat à signer"
        if column == Phase.CONCLUSION:
            held = participant.final_interview_on
            if held:
                return f"Entretien {'prévu ' if held > self.board.today else ''}le {format_fr(held)}"
            return "Entretien à fixer" if self.board.promotion.current_phase is Phase.CONCLUSION else "À venir"
        attended, marked = presence(self.board.seances_by_phase[Phase(column)], participant.agent_id)
        if marked:
            return f"Présences {attended}/{marked}"
        return "À venir" if column > self.board.promotion.current_phase else "—"

    def _tooltip(self, participant: BoardParticipant, column: int) -> str:
        assert self.board is not None
        if column == NAME:
            return (f"{participant.display_name} : présences {participant.seances_attended} sur "
                    f"{_count(participant.seances_marked, 'séance notée', 'séances notées')} ; exercices faits "
                    f"{participant.exercises_done} sur {participant.exercises_given}. Entrée : suivi du participant.")
        if column in (Phase.ANALYSE, Phase.PLAN_ACTION):
            attended, marked = presence(self.board.seances_by_phase[Phase(column)], participant.agent_id)
            noted = _count(marked, "séance notée", "séances notées")
            return f"{Phase(column).label} : présences {attended} sur {noted}."
        if column == Phase.LANCEMENT:
            return "Contrat d'engagement et de confidentialité."
        if column == Phase.CONCLUSION:
            return "Entretien final individuel : la phase de conclusion commence, pour l'agent, quand il a eu lieu."
        return "Exercices faits / remis entre les séances."


def _count(count: int, one: str, many: str) -> str:
    return plural(count, one, many)
