"""The read-mostly tabs of the agent's file: interviews, documents de synthèse, consents."""

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.agent import AgentState
from ...domain.dates import format_fr
from ...domain.interview import InterviewType
from ...services.agents import AgentFile
from ...services.interviews import InterviewSummary
from ...services.workspace import Workspace
from ..navigation import INTERVIEWS, SYNTHESES, Navigator
from ..widgets import ErrorBanner
from .record_table import RecordTable

if TYPE_CHECKING:
    from ..interviews.new_dialog import NewInterviewDialog


def interview_kind(interview: InterviewSummary) -> str:
    if interview.type is InterviewType.E3 and interview.e3_role is not None:
        phase = f", phase {int(interview.bpp_phase)}" if interview.bpp_phase is not None else ""
        return f"E3 — {interview.e3_role.label}{phase}"
    return interview.type.label


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label


class _Tab(QWidget):
    """A table with its buttons above it and a message banner."""

    def __init__(self, table: RecordTable, buttons: list[QPushButton], hint: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.banner = ErrorBanner(self)
        self.table = table
        table.setParent(self)
        row = QHBoxLayout()
        for button in buttons:
            button.setParent(self)
            row.addWidget(button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 12)
        column.addWidget(self.banner)
        if buttons:
            column.addLayout(row)
        column.addWidget(_hint(hint, self))
        column.addWidget(table, 1)
        if buttons:  # Tab follows the screen: the buttons above, then the table
            QWidget.setTabOrder(buttons[-1], table)


class InterviewsTab(_Tab):
    """The agent's interviews; a new E2 opens in the Entretiens view."""

    def __init__(self, ws: Workspace, navigator: Navigator, agent_id: int, parent: QWidget | None = None) -> None:
        self.ws, self.navigator, self.agent_id = ws, navigator, agent_id
        self.new_dialog: NewInterviewDialog | None = None
        self.new_button = QPushButton("Nouvel entretien…")
        self.new_button.setToolTip("Type (E2 proposé), date et modalité, puis l'entretien s'ouvre")
        self.open_button = QPushButton("Ouvrir l'entretien")
        self.open_button.setProperty("variant", "secondary")
        super().__init__(RecordTable(["Date", "Entretien", "Modalité", "Durée", "Objet", "Suite"],
                                     "Entretiens de l'agent", stretch_column=4,
                                     empty_text="Aucun entretien enregistré pour cet agent."),
                         [self.new_button, self.open_button],
                         "Un accompagnement projet de mobilité (E2) est une série d'entretiens ; chacun s'ouvre dans "
                         "la vue Entretiens.", parent)
        self.new_button.clicked.connect(self.new_interview)
        self.open_button.clicked.connect(lambda: self.open_interview(self.table.current_id()))
        self.table.opened.connect(self.open_interview)

    def load(self, file: AgentFile) -> None:
        self.table.set_rows([(i.id, [format_fr(i.held_on), interview_kind(i), i.mode.label,
                                     f"{i.duration_minutes} min" if i.duration_minutes else "", i.subject,
                                     "Orienté vers un BPP" if i.referred_to_bpp else ""])
                             for i in file.interviews])
        self.new_button.setEnabled(file.agent.state is AgentState.ACTIF)
        self.open_button.setEnabled(bool(file.interviews))

    def new_interview(self) -> None:
        """Asks first, as « Nouvel entretien » does in the Entretiens view: an interview made at once, dated
        today, would count as the agent's taking charge even if the CMC only wanted to look."""
        from ..interviews.new_dialog import NewInterviewDialog  # the Entretiens view imports this package

        dialog = NewInterviewDialog(self.ws, self, agent_id=self.agent_id)
        self.new_dialog = dialog
        dialog.accepted.connect(lambda: self.open_interview(dialog.interview_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_interview(self, interview_id: int | None) -> None:
        if interview_id is not None:
            self.navigator.open(INTERVIEWS, interview_id)


class SynthesesTab(_Tab):
    """The agent's documents de synthèse; each opens in the Synthèses view."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None) -> None:
        self.navigator = navigator
        self.open_button = QPushButton("Ouvrir le document de synthèse")
        super().__init__(RecordTable(["Référence", "Document", "Statut"], "Documents de synthèse de l'agent",
                                     stretch_column=1, empty_text="Aucun document de synthèse pour cet agent."),
                         [self.open_button],
                         "Le document de synthèse appartient à l'agent : il le complète avec votre appui puis le "
                         "finalise.", parent)
        self.open_button.clicked.connect(lambda: self.open_synthesis(self.table.current_id()))
        self.table.opened.connect(self.open_synthesis)

    def load(self, file: AgentFile) -> None:
        self.table.set_rows([(s.id, [s.pseudo_id, s.kind.label, s.status.label]) for s in file.syntheses])
        self.open_button.setEnabled(bool(file.syntheses))

    def open_synthesis(self, synthesis_id: int | None) -> None:
        if synthesis_id is not None:
            self.navigator.open(SYNTHESES, synthesis_id)


class ConsentsTab(_Tab):
    """What the agent agreed to communicate, to whom (read-only: consents are given from the synthesis)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(RecordTable(["Document", "Destinataire", "Nom", "Portée", "Donné le", "Retiré le"],
                                     "Consentements de l'agent", stretch_column=3,
                                     empty_text="Aucun consentement recueilli."),
                         [], "Un document de synthèse n'est communiqué à un tiers qu'avec le consentement de "
                             "l'agent ; il se recueille et se retire depuis le document de synthèse.", parent)

    def load(self, file: AgentFile) -> None:
        self.table.set_rows([(c.synthesis_id, [c.synthesis_pseudo_id, c.recipient_kind.label, c.recipient_name,
                                               c.scope, format_fr(c.given_on), format_fr(c.withdrawn_on)])
                             for c in file.consents])
