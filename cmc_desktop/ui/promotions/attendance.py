"""Who came to a séance: one checkbox per participant, saved at each click, once the séance has taken place."""

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.errors import DomainError
from ...domain.promotion import Seance
from ...services.promotions import BoardParticipant, set_attendance
from ...services.workspace import Workspace
from ..widgets import INFO, ErrorBanner

_STATES = {True: "Présence", False: "Absence", None: "À noter"}


class AttendanceGrid(QGroupBox):
    """A ticked box notes the participant present, an unticked one absent; "À noter" until first touched."""

    def __init__(self, ws: Workspace, participants: list[BoardParticipant], seance: Seance,
                 parent: QWidget | None = None) -> None:
        super().__init__("Présences", parent)
        self.ws, self.participants, self.seance = ws, participants, seance
        self.note = QLabel("Cochez les participants présents ; une case décochée note une absence.", self)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        self.locked = ErrorBanner(self, closable=False)  # why the boxes cannot be ticked yet
        self.banner = ErrorBanner(self)
        self.boxes: dict[int, QCheckBox] = {}
        self.states: dict[int, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        for row, participant in enumerate(participants):
            box = QCheckBox(participant.display_name, self)
            box.toggled.connect(lambda present, agent_id=participant.agent_id: self._toggled(agent_id, present))
            state = QLabel(self)
            state.setProperty("role", "hint")
            self.boxes[participant.agent_id], self.states[participant.agent_id] = box, state
            grid.addWidget(box, row, 0)
            grid.addWidget(state, row, 1)
        grid.setColumnStretch(2, 1)
        self.all_present = QPushButton("Tous présents", self)
        self.all_present.setProperty("variant", "secondary")
        self.all_present.clicked.connect(self.mark_all_present)
        actions = QHBoxLayout()
        actions.addWidget(self.all_present)
        actions.addStretch(1)
        column = QVBoxLayout(self)
        column.setSpacing(8)
        column.addWidget(self.note)
        column.addWidget(self.locked)
        column.addWidget(self.banner)
        if participants:
            column.addLayout(grid)
            column.addLayout(actions)
        self.set_seance(seance)

    def set_seance(self, seance: Seance) -> None:
        """Show `seance`'s marks; before its date the boxes are locked with the domain's explanation."""
        self.seance = seance
        try:
            seance.check_attendance_allowed(self.ws.clock.today())
            refusal = "" if self.participants else "La promotion n'a pas encore de participant."
        except DomainError as error:
            refusal = str(error)
        allowed = not refusal
        self.note.setVisible(allowed)
        if allowed:
            self.locked.clear()
        else:
            self.locked.show_message(refusal, INFO)
        for agent_id, box in self.boxes.items():
            mark = seance.attendance.get(agent_id)
            box.blockSignals(True)
            box.setChecked(bool(mark))
            box.blockSignals(False)
            box.setEnabled(allowed)
            self._show_state(agent_id, mark)
        self.all_present.setEnabled(allowed)

    def mark_all_present(self) -> None:
        for agent_id, box in self.boxes.items():
            if self.seance.attendance.get(agent_id) is not True:
                box.setChecked(True)
                if self.seance.attendance.get(agent_id) is not True:
                    return  # refused: the banner says why

    def _toggled(self, agent_id: int, present: bool) -> None:
        if self.seance.id is None:
            return
        try:
            self.seance = set_attendance(self.ws, self.seance.id, agent_id, present)
        except Exception as error:  # the box goes back to what the store holds
            self.banner.show_error(error)
            box = self.boxes[agent_id]
            box.blockSignals(True)
            box.setChecked(bool(self.seance.attendance.get(agent_id)))
            box.blockSignals(False)
            return
        self.banner.clear()
        self._show_state(agent_id, self.seance.attendance.get(agent_id))

    def _show_state(self, agent_id: int, mark: bool | None) -> None:
        self.states[agent_id].setText(_STATES[mark])
        self.boxes[agent_id].setAccessibleDescription(_STATES[mark])
