"""The « Demandes » tab of the agent's file: demandes de BPP, the hierarchy's decisions, implicit rejection."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.agent import AgentState
from ...domain.dates import format_fr
from ...services.agents import AgentFile
from ...services.demandes import DemandeView
from ...services.workspace import Workspace
from .. import theme
from ..widgets import WARNING, ErrorBanner
from .demande_dialog import DemandeDialog, status_text
from .record_table import RecordTable

_INITIATIVE = {"agent": "Agent", "employeur": "Employeur, avec l'accord de l'agent"}


class DemandesTab(QWidget):
    """`changed(message)` once a demande or a decision has been stored."""

    changed = Signal(str)

    def __init__(self, ws: Workspace, agent_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id = ws, agent_id
        self.demandes: list[DemandeView] = []
        self.dialog: DemandeDialog | None = None
        self.warning = ErrorBanner(self, closable=False)
        self.new_button = QPushButton("Nouvelle demande", self)
        self.decide_button = QPushButton("Enregistrer la décision", self)
        self.table = RecordTable(["Demandée le", "Initiative", "Décision", "Décidée le", "Motif", "Statut"],
                                 "Demandes de BPP de l'agent", self, stretch_column=4,
                                 empty_text="Aucune demande de bilan de parcours professionnel pour cet agent.")
        self.table.opened.connect(self.decide)
        self.table.itemSelectionChanged.connect(self._enable)
        self.decide_button.setProperty("variant", "secondary")
        self.new_button.clicked.connect(self.new_demande)
        self.decide_button.clicked.connect(lambda: self.decide(self.table.current_id()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.decide_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 12)
        column.addWidget(self.warning)
        column.addLayout(buttons)
        rules = QLabel("Sans réponse de la hiérarchie dans les deux mois, la demande est implicitement rejetée. "
                       "Un refus doit être motivé ; un report, exceptionnel, exige l'accord préalable du service RH.",
                       self)
        rules.setWordWrap(True)
        rules.setProperty("role", "hint")
        column.addWidget(rules)
        column.addWidget(self.table, 1)

    def load(self, file: AgentFile) -> None:
        self.demandes = file.demandes
        colours = {r: theme.ERROR if d.deadline_past else theme.WARNING
                   for r, d in enumerate(file.demandes) if d.deadline_past or d.deadline_near}
        self.table.set_rows([(d.id, [format_fr(d.request_date), _INITIATIVE[d.initiative.value], d.decision.label,
                                     format_fr(d.decision_date), d.reason.replace("\n", " "), status_text(d)])
                             for d in file.demandes], colours=colours)
        self._show_deadline_warning()
        active = file.agent.state is AgentState.ACTIF
        self.new_button.setEnabled(active)
        self.new_button.setToolTip("" if active else "L'accompagnement est terminé : reprenez-le pour enregistrer "
                                                     "une demande.")
        self._enable()

    def _show_deadline_warning(self) -> None:
        for demande in self.demandes:
            if demande.deadline_past:
                self.warning.show_message(
                    f"Sans réponse de la hiérarchie, la demande du {format_fr(demande.request_date)} est "
                    f"implicitement rejetée depuis le {format_fr(demande.implicit_rejection_on)}.", WARNING)
                return
            if demande.deadline_near:
                self.warning.show_message(
                    f"La demande du {format_fr(demande.request_date)} sera implicitement rejetée le "
                    f"{format_fr(demande.implicit_rejection_on)} si la hiérarchie ne répond pas d'ici là.", WARNING)
                return
        self.warning.clear()

    def _enable(self) -> None:
        selected = next((d for d in self.demandes if d.id == self.table.current_id()), None)
        self.decide_button.setEnabled(selected is not None and selected.bpp_id is None)
        self.decide_button.setToolTip("" if selected is None or selected.bpp_id is None else
                                      "Un BPP a été ouvert sur cette demande : sa décision ne change plus.")

    def new_demande(self) -> None:
        self._open(DemandeDialog(self.ws, self.agent_id, self), "Demande de BPP enregistrée.")

    def decide(self, demande_id: int | None) -> None:
        if demande_id is None:
            return
        self._open(DemandeDialog(self.ws, self.agent_id, self, demande_id=demande_id), "Décision enregistrée.")

    def _open(self, dialog: DemandeDialog, message: str) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.changed.emit(message))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
