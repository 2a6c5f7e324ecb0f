"""« Orienter vers un BPP » (the E2→E3 bridge): the demande de BPP made from an E2 interview.

The demande opens pre-filled for the agent (date, initiative, agreement) in the Agents view's DemandeDialog;
once it is recorded the interview is marked as having referred the agent and the button says when.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.dates import format_fr
from ...services.demandes import get_demande
from ...services.interviews import InterviewView
from ...services.workspace import Workspace
from ..agents.demande_dialog import DemandeDialog, status_text


class ReferralBox(QGroupBox):
    """`changed(message)` once the demande made from this interview, or its decision, is recorded."""

    changed = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Bilan approfondi", parent)
        self.ws = ws
        self.interview: InterviewView | None = None
        self.dialog: DemandeDialog | None = None
        explanation = QLabel("Si l'agent a besoin d'un bilan de parcours professionnel : une demande de BPP est "
                             "enregistrée à son nom, en attente de l'accord de sa hiérarchie.", self)
        explanation.setWordWrap(True)
        explanation.setProperty("role", "hint")
        self.refer_button = QPushButton("Orienter vers un BPP…", self)
        self.refer_button.clicked.connect(self.refer)
        self.demande_button = QPushButton("Voir la demande", self)
        self.demande_button.setProperty("variant", "secondary")
        self.demande_button.setToolTip("Voir la demande de BPP et enregistrer la décision de la hiérarchie")
        self.demande_button.clicked.connect(self.show_demande)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)  # the group box's own padding is enough in the narrow panel
        column.setSpacing(8)
        column.addWidget(explanation)
        column.addWidget(self.refer_button)
        column.addWidget(self.status)
        column.addWidget(self.demande_button)

    def load(self, interview: InterviewView) -> None:
        self.interview = interview
        demande = None if interview.demande_id is None else get_demande(self.ws, interview.demande_id)
        if interview.referred_to_bpp:
            when = f" le {format_fr(demande.request_date)}" if demande is not None else ""
            self.refer_button.setText(f"Orienté vers un BPP{when}")
        else:
            self.refer_button.setText("Orienter vers un BPP…")
        self.refer_button.setEnabled(not interview.referred_to_bpp)
        self.demande_button.setVisible(demande is not None)
        self.status.setText("" if demande is None else f"Demande : {status_text(demande)}")
        self.status.setVisible(demande is not None)

    def refer(self) -> None:
        """Open the demande pre-filled for the agent, from this interview; nothing is stored if it is cancelled."""
        if self.interview is None:
            return
        self._open(DemandeDialog(self.ws, self.interview.agent_id, self, source_interview_id=self.interview.id),
                   "Demande de BPP enregistrée : elle attend l'accord de la hiérarchie.")

    def show_demande(self) -> None:
        """The demande made from this interview, to record the hierarchy's decision."""
        if self.interview is not None and self.interview.demande_id is not None:
            self._open(DemandeDialog(self.ws, self.interview.agent_id, self, demande_id=self.interview.demande_id),
                       "Décision de la hiérarchie enregistrée.")

    def _open(self, dialog: DemandeDialog, message: str) -> None:
        self.dialog = dialog
        dialog.saved.connect(lambda _demande_id: self.changed.emit(message))
        dialog.finished.connect(self._closed)
        dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
