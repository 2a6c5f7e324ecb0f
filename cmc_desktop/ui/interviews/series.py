"""The side panel of an interview: the series it belongs to (an E2 accompaniment, a BPP's individual
interviews), to move from one interview to another, and what can be done with the series."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ...domain.dates import format_fr
from ...domain.interview import InterviewType
from ...services.interviews import InterviewSummary, InterviewView

ID_ROLE = Qt.ItemDataRole.UserRole
SERIES_HINTS = {InterviewType.E2: "Une série d'entretiens, chacun en trois phases.",
                InterviewType.E3: "De l'entretien initial (phase 1) à l'entretien final (phase 4)."}


def series_of(interview: InterviewView, interviews: list[InterviewSummary]) -> list[InterviewSummary]:
    """The agent's interviews of the same series, oldest first: an E3's are its bilan's; others, their type's."""
    same = [i for i in interviews if i.type is interview.type
            and (interview.type is not InterviewType.E3 or i.bpp_id == interview.bpp_id)]
    return sorted(same, key=lambda i: (i.held_on, i.id))


def series_title(kind: InterviewType, count: int) -> str:
    plural = "s" if count > 1 else ""
    if kind is InterviewType.E2:
        return f"Accompagnement : {count} entretien{plural}"
    if kind is InterviewType.E3:
        return f"Bilan de parcours : {count} entretien{plural} individuel{plural}"
    return f"{kind.label} : {count} entretien{plural}"


def item_text(number: int, interview: InterviewSummary) -> str:
    parts = [f"{number}. {format_fr(interview.held_on)}"]
    if interview.type is InterviewType.E3 and interview.e3_role is not None and interview.bpp_phase is not None:
        parts.append(f"phase {int(interview.bpp_phase)} · {interview.e3_role.label.lower()}")
    if interview.subject:
        parts.append(interview.subject)
    if interview.referred_to_bpp:
        parts.append("orienté vers un BPP")
    return " — ".join(parts)


class SeriesPanel(QFrame):
    """`open_requested(id)` for another interview of the series; `new_requested`, `delete_requested`,
    `file_requested` for the buttons."""

    open_requested = Signal(int)
    new_requested = Signal()
    delete_requested = Signal()
    file_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Section")
        self.current_id: int | None = None
        self.title = QLabel(self)
        self.title.setProperty("role", "subtitle")
        self.title.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Entretiens de la série")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.new_button = QPushButton(self)
        self.new_button.setProperty("variant", "secondary")
        self.new_button.clicked.connect(self.new_requested)
        self.file_button = QPushButton("Dossier de l'agent", self)
        self.file_button.setProperty("variant", "tertiary")
        self.file_button.clicked.connect(self.file_requested)
        self.delete_button = QPushButton("Supprimer cet entretien", self)
        self.delete_button.setProperty("variant", "tertiary")
        self.delete_button.setToolTip("Supprimer un entretien enregistré par erreur")
        self.delete_button.clicked.connect(self.delete_requested)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 14, 14, 14)
        column.setSpacing(8)
        column.addWidget(self.title)
        column.addWidget(self.hint)
        column.addWidget(self.list, 1)
        column.addWidget(self.new_button)
        self.boxes = QVBoxLayout()  # what the series leads to (« Orienter vers un BPP » for an E2)
        column.addLayout(self.boxes)
        column.addSpacing(6)
        column.addWidget(self.file_button)
        column.addWidget(self.delete_button)

    def load(self, interview: InterviewView, interviews: list[InterviewSummary], *, can_add: bool) -> None:
        series = series_of(interview, interviews)
        self.current_id = interview.id
        self.title.setText(series_title(interview.type, len(series)))
        self.hint.setText(SERIES_HINTS.get(interview.type, ""))
        self.hint.setVisible(bool(self.hint.text()))
        self.new_button.setText("Ajouter un entretien au bilan…" if interview.type is InterviewType.E3
                                else "Nouvel entretien de la série…")
        self.new_button.setEnabled(can_add)
        self.list.clear()
        for number, summary in enumerate(series, start=1):
            current = summary.id == interview.id
            item = QListWidgetItem(item_text(number, summary) + ("  (ouvert)" if current else ""), self.list)
            item.setData(ID_ROLE, summary.id)
            if current:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                self.list.setCurrentItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        interview_id = int(item.data(ID_ROLE))
        if interview_id != self.current_id:
            self.open_requested.emit(interview_id)
