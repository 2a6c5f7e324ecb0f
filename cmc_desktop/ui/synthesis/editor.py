"""The CMC's editor of one document de synthèse: the document itself, its status, versions and exchanges.

Layout: a top bar (back to the list, title, mode séance, exports, destruction), the status of the document
(finalisation by the agent, co-signature, reopening), then the document — every section of Annexe 2 in a
scrolling page — beside a panel with its versions and consents. Edits save themselves as the CMC's.
Export, consent and destruction dialogs live in exchange.py, consents.py and destruction.py.
"""

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_fr
from ...domain.synthesis import Author, Synthesis
from ...services import agents as agent_service
from ...services import synthesis as service
from ...services.agent_search import list_name
from ...services.workspace import Workspace
from ..navigation import Navigator
from ..widgets import SUCCESS, WARNING, ErrorBanner, flush_all
from ..widgets.flow_layout import FlowLayout
from ..widgets.folding_bar import FoldingBar
from ..widgets.tab_order import follow_layout
from ..widgets.vertical_scroll import vertical_scroll
from .finalise import cosign_dialog, finalise_dialog, reopen_dialog
from .seance_mode import SeanceModeWindow
from .sections import SynthesisForm
from .versions import VersionsPanel

if TYPE_CHECKING:
    from .consents import ConsentsPanel

EDITOR_STYLE = """
QFrame#DocumentStatus { background: #f6f6f6; border-bottom: 1px solid #dddddd; }
QLabel#StatusBadge { border-radius: 3px; padding: 3px 8px; font-weight: bold; background: #e8edff; color: #0063cb; }
QLabel#StatusBadge[finalised="true"] { background: #dffee6; color: #18753c; }
QWidget#DocumentPage { background: #ffffff; }
"""


def optional_module(name: str) -> ModuleType | None:
    """A sibling module written separately (exchange, consents, destruction); None while it is missing,
    so its entry points are hidden rather than broken."""
    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ModuleNotFoundError as missing:
        if missing.name != f"{__package__}.{name}":
            raise
        return None


PANE_HEIGHT = 300  # px: the document and its side panel, however tall the bars above them


class SynthesisEditor(QWidget):
    """One document; `closed` asks the view to go back to the list (the back button, or after destruction)."""

    closed = Signal()

    def __init__(self, ws: Workspace, navigator: Navigator | None, synthesis_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator, self.synthesis_id = ws, navigator, synthesis_id
        self.seance: SeanceModeWindow | None = None
        self.setStyleSheet(EDITOR_STYLE)
        doc = service.load_synthesis(ws, synthesis_id)
        # Dates known since the creation (phase 4, entretien final…); a finalised document stays as it was.
        if not doc.locked and service.refresh_prefill(ws, synthesis_id):
            doc = service.load_synthesis(ws, synthesis_id)
        agent = agent_service.get_agent(ws, doc.agent_id)
        self.agent_id = doc.agent_id
        self.agent_name = list_name(agent.last_name, agent.first_name)

        # With the texts enlarged the bars above the document take more height than a laptop has: the whole
        # editor then scrolls vertically (the document keeps its own scroll area, at least PANE_HEIGHT high).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(vertical_scroll(body, self))
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._top_bar(doc))
        column.addWidget(self._status_bar())
        self.banner = ErrorBanner(self, closable=False)
        self.message = ErrorBanner(self)
        column.addWidget(self.banner)
        column.addWidget(self.message)

        self.form = SynthesisForm(ws, doc, Author.CMC)
        self.form.saved.connect(self.message.clear)
        page = QWidget()
        page.setObjectName("DocumentPage")
        centred = QHBoxLayout(page)
        centred.setContentsMargins(28, 16, 28, 28)
        centred.addWidget(self.form, 1)
        self.form.setMaximumWidth(920)
        self.scroll_area = QScrollArea(self)  # not `scroll`: QWidget.scroll moves the content
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(page)
        self.side = self._side_panel()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.scroll_area)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([820, 320])
        self.splitter = splitter
        self.side.currentChanged.connect(self._side_tab_changed)
        splitter.setChildrenCollapsible(False)
        splitter.setMinimumHeight(PANE_HEIGHT)
        column.addWidget(splitter, 1)
        self._show_state(doc)
        follow_layout(self)  # the top bar, the sections, the side panel: as drawn

    # ----- building ---------------------------------------------------------------------------------------
    def _top_bar(self, doc: Synthesis) -> QWidget:
        bar = FoldingBar(self)
        row = bar.box
        row.setContentsMargins(20, 12, 20, 10)
        row.setSpacing(10)
        back = QPushButton("← Tous les documents", bar)
        back.setProperty("variant", "tertiary")
        back.setToolTip("Revenir à la liste des documents de synthèse")
        back.clicked.connect(self.close_editor)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        title = QLabel(f"Document de synthèse — {self.agent_name}", bar)
        title.setProperty("role", "section")
        subtitle = QLabel(f"{doc.kind.label} · réf. {doc.pseudo_id}", bar)
        subtitle.setProperty("role", "hint")
        titles.addWidget(title)
        titles.addWidget(subtitle)
        self.seance_button = QPushButton("Mode séance", bar)
        self.seance_button.setToolTip("Écrire avec l'agent sur cet écran : plein écran, ce document seulement ; "
                                      "votre phrase secrète est demandée pour en sortir.")
        self.seance_button.clicked.connect(self.open_seance_mode)
        title.setWordWrap(True)
        subtitle.setWordWrap(True)
        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        heading.addLayout(titles, 1)
        row.addLayout(heading, 1)
        # The actions wrap onto a second line when the texts are enlarged, instead of widening the window.
        actions, flow = _wrapping_row(bar)
        flow.addWidget(self.seance_button)
        self.export_button = self._export_button(bar)
        if self.export_button is not None:
            flow.addWidget(self.export_button)
        self.destruction_button: QPushButton | None = None
        if optional_module("destruction") is not None:
            self.destruction_button = QPushButton("Destruction…", bar)
            self.destruction_button.setProperty("variant", "secondary")
            self.destruction_button.setToolTip("Enregistrer la demande de destruction de l'agent et y procéder")
            self.destruction_button.clicked.connect(self.destroy_document)
            flow.addWidget(self.destruction_button)
        row.addWidget(actions)
        return bar

    def _export_button(self, bar: QWidget) -> QPushButton | None:
        if optional_module("exchange") is None:
            return None
        button = QPushButton("Exporter / importer", bar)
        button.setProperty("variant", "secondary")
        menu = QMenu(button)
        menu.addAction("Exporter en PDF…", lambda: self._exchange("export_pdf_dialog"))
        self.fillable_action = menu.addAction("Exporter le PDF à compléter par l'agent…",
                                              lambda: self._exchange("export_fillable_dialog"))
        self.import_action = menu.addAction("Importer le PDF complété par l'agent…", self.import_fillable)
        button.setMenu(menu)
        return button

    def _status_bar(self) -> FoldingBar:
        strip = FoldingBar(self)
        strip.setObjectName("DocumentStatus")
        strip.box.setContentsMargins(20, 8, 20, 8)
        strip.box.setSpacing(10)
        row = QHBoxLayout()
        row.setSpacing(10)
        strip.box.addLayout(row, 1)
        caption = QLabel("Statut :", strip)
        self.status = QLabel(strip)
        self.status.setObjectName("StatusBadge")
        self.status.setWordWrap(True)  # « Finalisé par l'agent le … » on two lines when the texts are enlarged
        self.finalise_button = QPushButton("Finaliser (par l'agent)…", strip)
        self.finalise_button.setToolTip("À la demande de l'agent : le contenu est ensuite verrouillé")
        self.finalise_button.clicked.connect(self.finalise)
        self.signature = QLabel(strip)
        self.signature.setWordWrap(True)
        self.signature.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cosign_button = QPushButton("Co-signature…", strip)
        self.cosign_button.setProperty("variant", "secondary")
        self.cosign_button.clicked.connect(self.cosign)
        self.reopen_button = QPushButton("Rouvrir à la demande de l'agent…", strip)
        self.reopen_button.setProperty("variant", "secondary")
        self.reopen_button.clicked.connect(self.reopen)
        row.addWidget(caption)
        row.addWidget(self.status)
        row.addSpacing(6)
        row.addWidget(self.signature, 1)
        buttons, flow = _wrapping_row(strip)
        for button in (self.finalise_button, self.cosign_button, self.reopen_button):
            flow.addWidget(button)
        strip.box.addWidget(buttons)
        return strip

    def _side_panel(self) -> QTabWidget:
        tabs = QTabWidget(self)
        tabs.setDocumentMode(True)
        # Each page scrolls vertically: with the texts enlarged they are taller than the window.
        self.versions = VersionsPanel(self.ws, self.synthesis_id)
        tabs.addTab(vertical_scroll(self.versions, tabs), "Versions")
        consents = optional_module("consents")
        self.consents: ConsentsPanel | None = None
        self._consents_page: QScrollArea | None = None
        if consents is not None:
            self.consents = consents.ConsentsPanel(self.ws, self.synthesis_id)
            self._consents_page = vertical_scroll(self.consents, tabs)
            tabs.addTab(self._consents_page, "Consentements")
        self._fit_side_panel(tabs)
        return tabs

    def _fit_side_panel(self, tabs: QTabWidget) -> None:
        """The side panel no narrower than its tab titles and buttons, which grow with the text zoom (its table
        of consents would ask for more: it scrolls)."""
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        versions = self.versions.minimumSizeHint().width() + scroll_bar
        tabs.setMinimumWidth(max(280, versions, tabs.tabBar().sizeHint().width()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "side"):
            self._fit_side_panel(self.side)

    def _side_tab_changed(self, index: int) -> None:
        # The consent register has six columns, too many beside the document at 1280 px: while it is shown it
        # takes the whole width, and « Versions » brings the document back.
        register = self._consents_page is not None and self.side.widget(index) is self._consents_page
        self.scroll_area.setVisible(not register)
        if not register:
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([total - 320, 320])

    # ----- state ------------------------------------------------------------------------------------------
    def _show_state(self, doc: Synthesis) -> None:
        locked = doc.locked
        self.status.setText(f"Finalisé par l'agent le {format_fr(doc.finalised_on)}" if locked
                            else doc.status.label)
        self.status.setProperty("finalised", locked)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        if doc.agent_signatory:
            self.signature.setText(f"Co-signé par {doc.agent_signatory} (agent) le {format_fr(doc.agent_signed_on)} "
                                   f"et {doc.cmc_signatory} (conseiller) le {format_fr(doc.cmc_signed_on)}")
        else:
            self.signature.setText("Co-signature : après la finalisation par l'agent" if not locked
                                   else "Co-signature : pas encore enregistrée")
        self.finalise_button.setVisible(not locked)
        self.cosign_button.setVisible(locked)
        self.cosign_button.setText("Modifier la co-signature…" if doc.agent_signatory else "Co-signature…")
        self.reopen_button.setVisible(locked)
        self.seance_button.setEnabled(True)
        if self.export_button is not None:
            self.fillable_action.setEnabled(not locked)
            self.import_action.setEnabled(not locked)
        if locked:
            self.banner.show_message(
                f"Document finalisé par l'agent le {format_fr(doc.finalised_on)} : il est en lecture seule. Pour le "
                "modifier, enregistrez la demande de réouverture de l'agent (« Rouvrir à la demande de "
                "l'agent »).", SUCCESS)
        elif self._destruction_pending():
            self.banner.show_message("L'agent a demandé la destruction de ce document : procédez-y avec "
                                     "« Destruction… ».", WARNING)
        else:
            self.banner.clear()

    def _destruction_pending(self) -> bool:
        return any(s.destruction_pending for s in service.syntheses_for_agent(self.ws, self.agent_id)
                   if s.id == self.synthesis_id)

    def reload(self) -> None:
        """Show the stored document again (after a dialog, mode séance or an import changed it)."""
        flush_all(self)
        try:
            doc = service.load_synthesis(self.ws, self.synthesis_id)
        except Exception as error:  # destroyed meanwhile, or the store closed
            self.message.show_error(error)
            return
        self.form.load(doc)
        self._show_state(doc)
        self.versions.reload()
        if self.consents is not None:
            self.consents.refresh()

    # ----- actions ----------------------------------------------------------------------------------------
    def _run_step(self, step: Callable[[QWidget, Workspace, int], bool]) -> None:
        flush_all(self)
        if step(self, self.ws, self.synthesis_id):
            self.reload()

    def finalise(self) -> None:
        self._run_step(finalise_dialog)

    def cosign(self) -> None:
        self._run_step(cosign_dialog)

    def reopen(self) -> None:
        self._run_step(reopen_dialog)

    def open_seance_mode(self) -> SeanceModeWindow:
        """Hand the screen to the agent: this document only, attributed to the agent."""
        flush_all(self)
        self.seance = SeanceModeWindow(self.ws, self.synthesis_id, self)
        self.seance.left.connect(self._seance_left)
        self.seance.enter()
        return self.seance

    def _seance_left(self, locked: bool) -> None:
        seance, self.seance = self.seance, None
        if seance is not None:
            seance.deleteLater()
        if not locked:  # locked: this editor is being torn down with the closed store
            self.reload()

    def _exchange(self, name: str) -> None:
        flush_all(self)
        module = optional_module("exchange")
        if module is not None:
            getattr(module, name)(self, self.ws, self.synthesis_id)
            self.versions.reload()
            if self.consents is not None:
                self.consents.refresh()  # an export for a recipient is a new line of its transmissions

    def import_fillable(self) -> None:
        flush_all(self)
        module = optional_module("exchange")
        if module is not None and module.import_fillable_dialog(self, self.ws, self.synthesis_id):
            self.reload()

    def destroy_document(self) -> None:
        flush_all(self)
        module = optional_module("destruction")
        if module is None:
            return
        if module.destruction_dialog(self, self.ws, self.synthesis_id):
            self.closed.emit()
        else:
            self.reload()

    def close_editor(self) -> None:
        flush_all(self)
        self.closed.emit()


def _wrapping_row(parent: QWidget) -> tuple[QWidget, FlowLayout]:
    """A row of buttons that goes onto two lines when the texts are enlarged, instead of widening the window."""
    row = QWidget(parent)
    flow = FlowLayout(row)
    policy = row.sizePolicy()
    policy.setHeightForWidth(True)
    row.setSizePolicy(policy)
    return row, flow

