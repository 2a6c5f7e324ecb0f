"""The agent's file: tabs for the identity (autosaved), the accompaniment, demandes de BPP, interviews, BPP,
syntheses and consents; the closing of the accompaniment with its outcome and questionnaire; the agent's rights
over their data (« Droits et dossier »: requests, export, erasure, merge of a duplicate)."""

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.accompaniment import Questionnaire
from ...domain.agent import Agent, AgentState, PriorityGround, referent_handicap_pending
from ...domain.dates import format_fr
from ...domain.satisfaction import AccompanimentKind
from ...services.accompaniments import record_questionnaire
from ...services.agents import AgentFile, get_agent_file, reopen_accompaniment
from ...services.workspace import Workspace
from ..navigation import Navigator
from ..satisfaction import open_satisfaction_dialog
from ..satisfaction.screen import QuestionnaireScreen
from ..widgets import INFO, WARNING, ErrorBanner
from ..widgets.file_dialogs import FileChooser
from ..widgets.flow_layout import FlowLayout
from ..widgets.tab_order import follow_layout
from ..widgets.tab_rows import TabRows
from ..widgets.unsaved import correct_or_abandon
from ..widgets.vertical_scroll import vertical_scroll
from .accompaniment_tab import AccompanimentTab
from .bpp_tab import BppTab
from .demandes_tab import DemandesTab
from .erasure_dialog import ErasureDialog
from .identity_form import IdentityForm
from .records_tabs import ConsentsTab, InterviewsTab, SynthesesTab
from .rights_dialogs import DirectoryChooser, ExportDialog, RightsRequestDialog, choose_directory

REFERENT_WARNING = ("Référent handicap à informer : cet agent relève de l'art. L. 5212-13 du code du travail et a "
                    "commencé un BPP. Indiquez la date à laquelle le référent handicap a été informé (bloc "
                    "« Référent handicap »).")
REFERENT_REMINDER = ("Cet agent relève de l'art. L. 5212-13 du code du travail : le référent handicap devra être "
                     "informé dès le début de son BPP.")
TABS_HEIGHT = 360  # px: a tab's buttons, its note and a few rows of its table, however tall the heading


class _FileTab(Protocol):
    """A tab of the file below the identity: it shows its part of the file."""

    def load(self, file: AgentFile) -> None: ...


class AgentFileView(QWidget):
    """`back_requested` for « ← Agents » (Alt+←); `erased` once the file no longer exists (erased or merged
    into another)."""

    back_requested = Signal()
    erased = Signal()

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
        self.rights_button = QPushButton("Droits et dossier", self)
        self.rights_button.setProperty("variant", "secondary")
        self.rights_button.setToolTip("Les droits de l'agent sur ses données : demande, export, effacement ; "
                                      "fusion d'un dossier en double")
        self.rights_menu = QMenu(self.rights_button)
        for label, action in (("Enregistrer une demande de l'agent sur ses données…", self.record_rights_request),
                              ("Exporter ses données (accès, portabilité)…", self.export_data),
                              ("Effacer le dossier…", self.erase),
                              ("Fusionner avec un dossier en double…", self.merge)):
            self.rights_menu.addAction(label, action)
        self.rights_button.setMenu(self.rights_menu)
        self.banner = ErrorBanner(self)
        self.referent_warning = ErrorBanner(self, closable=False)
        self.rights_notice = ErrorBanner(self, closable=False)
        self.questionnaire_screen: QuestionnaireScreen | None = None
        # Where exports and attestations go: the CMC chooses (tests answer instead of a file dialog).
        self.file_chooser = FileChooser()
        self.choose_directory: DirectoryChooser = choose_directory

        self.identity = IdentityForm(ws, self.file.agent)
        self.identity.saved.connect(self._identity_saved)
        identity_scroll = QScrollArea(self)
        identity_scroll.setWidgetResizable(True)
        identity_scroll.setWidget(self.identity)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Sections du dossier")
        self.accompaniment = AccompanimentTab(ws, agent_id)
        self.demandes = DemandesTab(ws, agent_id)
        self.interviews = InterviewsTab(ws, navigator, agent_id)
        self.bpp = BppTab(ws, navigator, agent_id)
        self.syntheses = SynthesesTab(navigator)
        self.consents = ConsentsTab()
        self.tabs.addTab(identity_scroll, "Identité")
        for tab in (self.accompaniment, self.demandes, self.interviews, self.bpp, self.syntheses, self.consents):
            self.tabs.addTab(tab, "")
        self.accompaniment.changed.connect(self.reload)
        self.accompaniment.close_requested.connect(self.close_accompaniment)
        self.accompaniment.questionnaire_requested.connect(self.propose_questionnaire)
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
        # The actions wrap onto a second line when the texts are enlarged, instead of widening the window.
        actions = QWidget(self)
        flow = FlowLayout(actions)
        for button in (self.satisfaction_button, self.rights_button, self.state_button):
            flow.addWidget(button)
        policy = actions.sizePolicy()
        policy.setHeightForWidth(True)
        actions.setSizePolicy(policy)
        top.addWidget(actions)
        # With the texts enlarged the heading and the messages take more height than a laptop has: the whole file
        # then scrolls vertically, its tabs at least TABS_HEIGHT high.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(vertical_scroll(body, self))
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 12, 20, 12)
        column.setSpacing(8)
        column.addLayout(top)
        column.addWidget(self.banner)
        column.addWidget(self.referent_warning)
        column.addWidget(self.rights_notice)
        self.tab_rows = TabRows(self.tabs, body)
        column.addWidget(self.tab_rows)
        self.tabs.setMinimumHeight(TABS_HEIGHT)
        column.addWidget(self.tabs, 1)
        # As drawn: the header's buttons left to right, then the tabs, then the identity form under them.
        follow_layout(self)
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
            (self.accompaniment, "Accompagnement", len(file.accompaniments)),
            (self.demandes, "Demandes de BPP", len(file.demandes)),
            (self.interviews, "Entretiens", len(file.interviews)), (self.bpp, "BPP et promotion", len(file.bpps)),
            (self.syntheses, "Synthèses", len(file.syntheses)), (self.consents, "Consentements", len(file.consents)))
        for index, (tab, label, count) in enumerate(tabs):
            tab.load(file)
            self.tabs.setTabText(index + 1, f"{label} ({count})" if count else label)
        self.tab_rows.show_titles()  # the hidden tab bar does not tell it
        self._show_referent_warning(file.agent)
        self._show_rights_notice(file)

    def _show_heading(self, agent: Agent) -> None:
        self.title.setText(agent.display_name)
        parts = [f"Catégorie {agent.category.value}" if agent.category else "Catégorie non renseignée",
                 agent.statut.label, agent.fonction, agent.service]
        if agent.has_priority_access:
            parts.append("Accès prioritaire au BPP")
        if agent.bpp_of_right:
            parts.append("BPP de droit (restructuration)")
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

    def _show_rights_notice(self, file: AgentFile) -> None:
        pending = [r for r in file.rights_requests if r.answered_on is None]
        if pending:
            self.rights_notice.show_message(" ".join(
                f"{r.kind.label} : demande reçue le {format_fr(r.requested_on)}, réponse due au plus tard le "
                f"{format_fr(r.due_on)} (Droits et dossier)." for r in pending), WARNING)
        else:
            self.rights_notice.clear()

    def can_leave(self) -> bool:
        """Asked before the file is left (« ← Agents », the sidebar, another view, closing the window): an edit
        that cannot be saved is corrected — the identity shown, the focus in the field — or abandoned, the stored
        values put back; never dropped without a word."""
        unsaved = self.identity.unsaved()
        if not unsaved:
            return True
        self.tabs.setCurrentIndex(0)  # the identity, where the fields are
        if correct_or_abandon(self, unsaved):
            self.identity.load(self.identity.agent)
            return True
        return False

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
        """The outcome, then the questionnaire: on this screen now, on paper, or declined."""
        from .outcome_dialog import OutcomeDialog

        self.banner.clear()
        try:
            dialog = OutcomeDialog(self.ws, self.agent_id, self)
        except Exception as error:
            self.banner.show_error(error)
            return
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.accompaniment_id is None:
                return
            accompaniment_id, questionnaire = dialog.accompaniment_id, dialog.questionnaire
        finally:
            dialog.deleteLater()
        self.reload("Accompagnement clos.")
        if questionnaire is Questionnaire.ECRAN:
            self.open_questionnaire_screen(accompaniment_id)

    def propose_questionnaire(self, accompaniment_id: int) -> None:
        """The questionnaire of an accompaniment closed earlier, answered now on screen."""
        view = next((a for a in self.file.accompaniments if a.id == accompaniment_id), None)
        if view is None:
            return
        if view.questionnaire is None:
            try:
                record_questionnaire(self.ws, accompaniment_id, Questionnaire.ECRAN)
            except Exception as error:
                self.banner.show_error(error)
                return
        self.open_questionnaire_screen(accompaniment_id)

    def open_questionnaire_screen(self, accompaniment_id: int | None = None) -> None:
        """The questionnaire fills the screen for the agent; the CMC gets it back with her phrase secrète."""
        kind = AccompanimentKind.BPP if self.file.bpps else AccompanimentKind.E2
        screen = QuestionnaireScreen(self.ws, self.agent_id, kind, accompaniment_id, self)
        self.questionnaire_screen = screen
        screen.left.connect(lambda locked: self._questionnaire_left(screen, locked))
        screen.enter()

    def _questionnaire_left(self, screen: QuestionnaireScreen, locked: bool) -> None:
        self.questionnaire_screen = None
        screen.deleteLater()
        if not locked:
            self.reload("Questionnaire de satisfaction enregistré." if screen.saved else "")

    def record_satisfaction(self) -> None:
        kind = AccompanimentKind.BPP if self.file.bpps else AccompanimentKind.E2
        try:
            recorded = open_satisfaction_dialog(self, self.ws, self.agent_id, kind)
        except Exception as error:
            self.banner.show_error(error)
            return
        if recorded:
            self.navigator.notify("Questionnaire de satisfaction enregistré.")

    # ----- the agent's rights over their data ----------------------------------------------------------------
    def record_rights_request(self) -> None:
        self._run(lambda: RightsRequestDialog(self.ws, self.agent_id, self), lambda _d: self.reload(
            "Demande de l'agent enregistrée."))

    def export_data(self) -> None:
        def exported(dialog: QDialog) -> None:
            files = getattr(dialog, "files", None)
            self.reload(f"Données exportées : {files.names}" if files else "")

        self._run(lambda: ExportDialog(self.ws, self.agent_id, self, choose=self.choose_directory), exported)

    def erase(self) -> None:
        self.banner.clear()
        try:
            dialog = ErasureDialog(self.ws, self.agent_id, self, chooser=self.file_chooser)
        except Exception as error:  # e.g. the file was erased meanwhile
            self.banner.show_error(error)
            return
        try:
            dialog.exec()
            erased = dialog.erased is not None
        finally:
            dialog.deleteLater()
        if erased:
            self.navigator.notify("Dossier effacé.")
            self.erased.emit()

    def merge(self) -> None:
        from .merge_dialog import MergeDialog

        self._run(lambda: MergeDialog(self.ws, self.agent_id, self),
                  lambda _d: self.reload("Dossiers fusionnés.", identity=True))

    def _run(self, build: Callable[[], QDialog], done: Callable[[QDialog], None]) -> None:
        self.banner.clear()
        try:
            dialog = build()
        except Exception as error:  # e.g. the file was erased meanwhile
            self.banner.show_error(error)
            return
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                done(dialog)
        finally:
            dialog.deleteLater()

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
