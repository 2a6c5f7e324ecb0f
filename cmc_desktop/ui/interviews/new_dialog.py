"""« Nouvel entretien »: the agent (searched by name), the type, the date and the modality; an E3 interview
is placed in the agent's bilan in progress (phase and role)."""

from datetime import date
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.agent import AgentState
from ...domain.interview import InterviewType, Mode
from ...services.agent_search import AgentFilters, search_agents
from ...services.agents import get_agent
from ...services.interviews import add_e3_interview, start_interview
from ...services.workspace import Workspace
from ..agents.choices import enum_combo, enum_data, select_value
from ..theme import set_property
from ..widgets import ErrorBanner, FrenchDateEdit, GuardedDialog, parse_french_date
from ..widgets.dates import DateInputError
from .e3_placement import E3Placement

SEARCH_DELAY_MS = 150
RESULTS = 30
TYPES = (InterviewType.E2, InterviewType.E1, InterviewType.E4, InterviewType.E3)
TYPE_HINTS = {
    InterviewType.E2: "Une étape de l'accompagnement du projet de mobilité de l'agent, guidée en trois phases.",
    InterviewType.E1: "Une réponse à une question de mobilité (documents, liens) ; pas de document de synthèse.",
    InterviewType.E4: "Un temps de réflexion à un moment clé choisi par l'employeur.",
    InterviewType.E3: "Un entretien individuel du bilan de parcours professionnel de l'agent, placé dans l'une "
                      "de ses quatre phases.",
}


class NewInterviewDialog(GuardedDialog):
    """With `agent_id` the agent is fixed (from an interview or a file). `interview_id` holds the new interview
    once created (the dialog is then accepted); a refused creation shows the service's message here."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *, agent_id: int | None = None,
                 interview_type: InterviewType = InterviewType.E2, bpp_id: int | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.interview_id: int | None = None
        self.agent_id: int | None = agent_id
        self.setWindowTitle("Nouvel entretien")
        self.banner = ErrorBanner(self)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.search: QLineEdit | None = None
        self.results: QListWidget | None = None
        if agent_id is None:
            self._build_agent_search()
        else:
            self.form.addRow("Agent :", QLabel(f"<b>{escape(get_agent(ws, agent_id).display_name)}</b>", self))
        self.type: QComboBox = enum_combo(self, "Type d'entretien", [(t.label, t) for t in TYPES])
        select_value(self.type, interview_type)
        self.type.setMinimumWidth(480)
        self.type_hint = QLabel(self)
        self.type_hint.setWordWrap(True)
        self.type_hint.setProperty("role", "hint")
        self.held_on = FrenchDateEdit(self, accessible_name="Date de l'entretien", optional=False)
        self.held_on.setDate(ws.clock.today())
        self.mode: QComboBox = enum_combo(self, "Modalité", [(m.label, m) for m in Mode])
        self.e3 = E3Placement(ws, self)
        self.form.addRow("Type d'entretien :", self.type)
        self.form.addRow("", self.type_hint)
        self.form.addRow("Date de l'entretien :", self.held_on)
        self.form.addRow("Modalité :", self.mode)
        self.e3.add_to(self.form)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton("Créer l'entretien", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.cancel_button, "variant", "secondary")
        self.cancel_button.setAutoDefault(False)  # Entrée creates; it never cancels
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_interview)
        self.cancel_button.clicked.connect(self.request_close)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(14)
        column.addWidget(self.banner)
        column.addLayout(self.form)
        column.addStretch(1)
        column.addWidget(buttons)
        self.type.currentIndexChanged.connect(self._type_chosen)
        self.e3.set_agent(agent_id, bpp_id)
        self.search_now()
        self._type_chosen()
        self._initial = self._snapshot()

    # ----- the agent ----------------------------------------------------------------------------------------
    def _build_agent_search(self) -> None:
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Rechercher l'agent")
        self.search.setPlaceholderText("Nom, prénom, fonction ou service — les accents sont facultatifs")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setAccessibleName("Agents trouvés")
        self.results.setFixedHeight(150)
        self.results.setSpacing(1)
        self.results.currentItemChanged.connect(self._agent_chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.installEventFilter(self)
        self.form.addRow("Agent :", self.search)
        self.form.addRow("", self.results)

    def search_now(self) -> None:
        """List the agents in accompaniment whose names match what is typed."""
        if self.search is None or self.results is None:
            return
        self._timer.stop()
        found = search_agents(self.ws, self.search.text(), AgentFilters(state=AgentState.ACTIF), 0, RESULTS)
        self.results.blockSignals(True)
        self.results.clear()
        for agent in found:
            item = QListWidgetItem(agent.display_name + (f"  —  {agent.service}" if agent.service else ""),
                                   self.results)
            item.setData(Qt.ItemDataRole.UserRole, agent.id)
        self.results.blockSignals(False)
        row = next((r for r in range(self.results.count())
                    if self.results.item(r).data(Qt.ItemDataRole.UserRole) == self.agent_id), -1)
        self.results.setCurrentRow(row)  # keep the agent already chosen if it is still listed
        if row < 0:
            self._agent_chosen(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter or ↓ in the search goes down into the agents found (Enter would otherwise create the interview).
        if (watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)):
            self.search_now()
            if self.results is not None and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(max(self.results.currentRow(), 0))
            return True
        return super().eventFilter(watched, event)

    def _agent_chosen(self, item: QListWidgetItem | None) -> None:
        self.agent_id = None if item is None else int(item.data(Qt.ItemDataRole.UserRole))
        self.e3.set_agent(self.agent_id)
        self._type_chosen()  # the « no bilan » line depends on the agent

    # ----- the type -----------------------------------------------------------------------------------------
    def _type_chosen(self) -> None:
        kind = enum_data(self.type, InterviewType) or InterviewType.E2
        self.type_hint.setText(TYPE_HINTS[kind])
        self.e3.set_visible(self.form, kind is InterviewType.E3)
        self._fit()

    def _fit(self) -> None:
        """The height the rows shown need at this width: a window's layout does not count its wrapped texts
        (hints, rules), so without this the rows would overlap."""
        layout = self.layout()
        if layout is not None:
            height = layout.heightForWidth(max(self.width(), layout.minimumSize().width()))
            self.setMinimumHeight(height)
            self.resize(self.width(), height)

    # ----- creating -----------------------------------------------------------------------------------------
    def _snapshot(self) -> tuple[object, ...]:
        return (self.agent_id, self.type.currentIndex(), self.held_on.edit.text(), self.mode.currentIndex(),
                self.e3.placement(), self.search.text() if self.search else "")

    def has_pending_input(self) -> bool:
        return self.interview_id is None and self._snapshot() != self._initial

    def create_interview(self) -> None:  # not `create`: QWidget.create makes the native window
        if self.interview_id is not None:  # already created (Enter, then a click)
            return
        self.banner.clear()
        if self.agent_id is None:
            self.banner.show_until_fixed("Choisissez l'agent dans la liste : recherchez-le par son nom.",
                                         lambda: self.agent_id is not None,
                                         *(field for field in (self.results,) if field is not None))
            return
        try:  # what is in the field now, even if it was never validated by leaving it
            held_on = parse_french_date(self.held_on.edit.text())
        except DateInputError as problem:
            self.banner.show_message(f"Date de l'entretien : {problem}")
            return
        if held_on is None:
            self.banner.show_message("La date de l'entretien est obligatoire.")
            return
        try:
            self.interview_id = self._store(self.agent_id, held_on)
        except Exception as error:  # the service's French message; nothing stored, the input stays
            self.banner.show_error(error)
            return
        if self.interview_id is not None:
            self.accept()

    def _store(self, agent_id: int, held_on: date) -> int | None:
        kind = enum_data(self.type, InterviewType) or InterviewType.E2
        mode = enum_data(self.mode, Mode) or Mode.PRESENTIEL
        if kind is not InterviewType.E3:
            return start_interview(self.ws, agent_id, kind, held_on, mode)
        placement = self.e3.placement()
        if placement is None:
            self.banner.show_message("Un entretien de BPP (E3) se place dans un bilan en cours de l'agent. "
                                     + self.e3.missing.text())
            return None
        bpp_id, phase, role = placement
        return add_e3_interview(self.ws, agent_id, bpp_id, phase, role, held_on, mode)
