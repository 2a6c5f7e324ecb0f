"""The agent's file: tabs for the identity (autosaved), demandes, interviews, BPP, syntheses and consents."""

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.agent import Agent, AgentState, PriorityGround, referent_handicap_pending
from ...domain.dates import format_fr
from ...domain.satisfaction import AccompanimentKind
from ...services.agents import AgentFile, end_accompaniment, get_agent_file, reopen_accompaniment
from ...services.workspace import Workspace
from ..navigation import Navigator
from ..satisfaction import open_satisfaction_dialog
from ..widgets import INFO, WARNING, ErrorBanner, confirm
from .bpp_tab import BppTab
from .demandes_tab import DemandesTab
from .identity_form import IdentityForm
from .records_tabs import ConsentsTab, InterviewsTab, SynthesesTab

REFERENT_WARNING = ("Référent handicap à informer : cet agent relève de l'art. L. 5212-13 du code du travail et a "
                    "commencé un BPP. Indiquez la date à laquelle le référent handicap a été informé (bloc "
                    "« Référent handicap »).")
REFERENT_REMINDER = ("Cet agent relève de l'art. L. 5212-13 du code du travail : le référent handicap devra être "
                     "informé dès le début de son BPP.")



class _FileTab(Protocol):
    """A tab of the file below the identity: it shows its part of the file."""

    def load(self, file: AgentFile) -> None: ...


class AgentFileView(QWidget):
    """`back_requested` for « ← Agents » (Alt+←)."""

    back_requested = Signal()

    def __init__(self, ws: Workspace, navigator: Navigator, agent_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator, self.agent_id = ws, navigator, agent_id
        self.file: AgentFile = get_agent_file(ws, agent_id)  # raises (French message) if the agent is gone
        self.setObjectName("AgentFile")

        self.back_button = QPushButton("← Agents", self)
        self.back_button.setProperty("variant", "tertiary")
        self.back_button.setToolTip("Revenir à la liste des agents (Alt+←)")
        self.back_button.setAccessibleName("Revenir à la liste des agents")
        self.back_button.clicked.connect(self.back_requested)
        QShortcut(QKeySequence("Alt+Left"), self, self.back_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.subtitle = QLabel(self)
        self.subtitle.setProperty("role", "hint")
        self.subtitle.setWordWrap(True)
        self.state_button = QPushButton(self)
        self.state_button.setProperty("variant", "secondary")
        self.state_button.clicked.connect(self._toggle_accompaniment)
        self.satisfaction_button = QPushButton("Questionnaire de satisfaction…", self)
        self.satisfaction_button.setProperty("variant", "secondary")
        self.satisfaction_button.setToolTip("« Mon accompagnement en + » : à remplir par l'agent en fin "
                                            "d'accompagnement, ou à saisir d'après le questionnaire papier")
        self.satisfaction_button.clicked.connect(self.record_satisfaction)
        self.banner = ErrorBanner(self)
        self.referent_warning = ErrorBanner(self, closable=False)

        self.identity = IdentityForm(ws, self.file.agent)
        self.identity.saved.connect(self._identity_saved)
        identity_scroll = QScrollArea(self)
        identity_scroll.setWidgetResizable(True)
        identity_scroll.setWidget(self.identity)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Sections du dossier")
        self.demandes = DemandesTab(ws, agent_id)
        self.interviews = InterviewsTab(ws, navigator, agent_id)
        self.bpp = BppTab(ws, navigator, agent_id)
        self.syntheses = SynthesesTab(navigator)
        self.consents = ConsentsTab()
        self.tabs.addTab(identity_scroll, "Identité")
        for tab in (self.demandes, self.interviews, self.bpp, self.syntheses, self.consents):
            self.tabs.addTab(tab, "")
        self.demandes.changed.connect(self.reload)
        self.bpp.changed.connect(self.reload)

        top = QHBoxLayout()
        top.setSpacing(12)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)
        top.addWidget(self.satisfaction_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.state_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 12, 20, 12)
        column.setSpacing(8)
        column.addLayout(top)
        column.addWidget(self.banner)
        column.addWidget(self.referent_warning)
        column.addWidget(self.tabs, 1)
        self._show(self.file)

    # ----- showing --------------------------------------------------------------------------------------------
    def reload(self, message: str = "", *, identity: bool = False) -> None:
        """Read the file again after a change made here (`message` for the toast), or when the CMC comes back to
        it (`identity`: changes made elsewhere; journaled as an opening)."""
        try:
            file = get_agent_file(self.ws, self.agent_id, journal=identity)
        except Exception as error:
            self.banner.show_error(error)
            return
        if identity and not self.identity.pending:  # a refused edit stays on screen until corrected
            self.identity.load(file.agent)
        self._show(file)
        if message:
            self.navigator.notify(message)

    def _show(self, file: AgentFile) -> None:
        self.file = file
        self._show_heading(file.agent)
        tabs: tuple[tuple[_FileTab, str, int], ...] = (
            (self.demandes, "Demandes", len(file.demandes)), (self.interviews, "Entretiens", len(file.interviews)),
            (self.bpp, "BPP et promotion", len(file.bpps)), (self.syntheses, "Synthèses", len(file.syntheses)),
            (self.consents, "Consentements", len(file.consents)))
        for index, (tab, label, count) in enumerate(tabs):
            tab.load(file)
            self.tabs.setTabText(index + 1, f"{label} ({count})" if count else label)
        self._show_referent_warning(file.agent)

    def _show_heading(self, agent: Agent) -> None:
        self.title.setText(agent.display_name)
        parts = [f"Catégorie {agent.category.value}" if agent.category else "Catégorie non renseignée",
                 agent.statut.label, agent.fonction, agent.service]
        if agent.has_priority_access:
            parts.append("Accès prioritaire au BPP")
        if agent.state is AgentState.TERMINE:
            parts.append(f"Accompagnement terminé le {format_fr(agent.accompaniment_ended_on)}")
            self.state_button.setText("Reprendre l'accompagnement")
        else:
            parts.append(AgentState.ACTIF.label)
            self.state_button.setText("Clore l'accompagnement")
        self.subtitle.setText(" · ".join(p for p in parts if p))

    def _show_referent_warning(self, agent: Agent) -> None:
        if referent_handicap_pending(agent, bpp_started=bool(self.file.bpps)):
            self.referent_warning.show_message(REFERENT_WARNING, WARNING)
        elif PriorityGround.L5212_13 in agent.priority_grounds and agent.referent_handicap_informed_on is None:
            self.referent_warning.show_message(REFERENT_REMINDER, INFO)
        else:
            self.referent_warning.clear()

    def _identity_saved(self, agent: Agent) -> None:
        self._show_heading(agent)
        self._show_referent_warning(agent)

    # ----- the accompaniment ----------------------------------------------------------------------------------
    def _toggle_accompaniment(self) -> None:
        if self.file.agent.state is AgentState.TERMINE:
            self.reopen()
        else:
            self.close_accompaniment()

    def close_accompaniment(self) -> None:
        today = self.ws.clock.today()
        if not confirm(self, "Clore l'accompagnement",
                       f"Clore l'accompagnement de {self.file.agent.display_name} à la date du {format_fr(today)} ?\n\n"
                       "La durée de conservation du dossier court à partir de cette date. L'accompagnement pourra "
                       "être repris si l'agent revient.", confirm_label="Clore l'accompagnement"):
            return
        self._change_state(lambda: end_accompaniment(self.ws, self.agent_id, today), "Accompagnement clos.")

    def record_satisfaction(self) -> None:
        kind = AccompanimentKind.BPP if self.file.bpps else AccompanimentKind.E2
        try:
            recorded = open_satisfaction_dialog(self, self.ws, self.agent_id, kind)
        except Exception as error:
            self.banner.show_error(error)
            return
        if recorded:
            self.navigator.notify("Questionnaire de satisfaction enregistré.")

    def reopen(self) -> None:
        self._change_state(lambda: reopen_accompaniment(self.ws, self.agent_id), "Accompagnement repris.")

    def _change_state(self, action: Callable[[], None], message: str) -> None:
        self.banner.clear()
        try:
            action()
        except Exception as error:
            self.banner.show_error(error)
            return
        self.reload(message)
