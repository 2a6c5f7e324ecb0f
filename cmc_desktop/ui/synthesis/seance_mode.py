"""Mode séance: the agent and the CMC write the document together on one screen.

A full-screen, agent-facing window showing only this document, in large type: no navigation, no list, no
other file, none of the CMC's notes. What is typed there is attributed to the agent. The main window is hidden
meanwhile; leaving needs the CMC's phrase secrète, so the agent cannot wander into other files — the closing
rules of every agent-facing window (widgets.agent_screen): after that check, or when the application locks.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...domain.synthesis import Author
from ...services import synthesis as service
from ...services.workspace import Workspace
from ..text_zoom import set_style_sheet
from ..widgets import INFO, SUCCESS, AutosaveTextEdit, ErrorBanner, flush_all
from ..widgets.agent_screen import AgentFacingWindow
from .finalise import finalise_dialog
from .sections import SynthesisForm

BASE_PT = 14
SEANCE_STYLE = f"""
QWidget {{ font-size: {BASE_PT}pt; }}
#SeanceMode {{ background: #f6f6f6; }}
#SeanceBar {{ background: #000091; }}
#SeanceBar QLabel {{ color: #ffffff; }}
QLabel#SeanceTitle {{ font-size: 19pt; font-weight: bold; }}
#SeancePage {{ background: #ffffff; border: 1px solid #dddddd; }}
"""
LEAVE_TEXT = ("Pour quitter le mode séance, le conseiller saisit sa phrase secrète. Sans elle, le document "
              "reste affiché.")


class SeanceModeWindow(AgentFacingWindow):
    """This synthesis only, for the agent; `left(locked)` is emitted once the window has closed (locked: the
    application locked meanwhile, the store is closed)."""

    def __init__(self, ws: Workspace, synthesis_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ws.store, parent, leave_title="Quitter le mode séance", leave_text=LEAVE_TEXT)
        self.ws, self.synthesis_id = ws, synthesis_id
        self.setObjectName("SeanceMode")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Mode séance — document de synthèse")
        set_style_sheet(self, SEANCE_STYLE)
        doc = service.load_synthesis(ws, synthesis_id)

        bar = QWidget(self)
        bar.setObjectName("SeanceBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        top = QHBoxLayout(bar)
        top.setContentsMargins(28, 14, 28, 14)
        titles = QVBoxLayout()
        title = QLabel("Mon document de synthèse", bar)
        title.setObjectName("SeanceTitle")
        subtitle = QLabel(f"{doc.kind.label} · mode séance", bar)
        titles.addWidget(title)
        titles.addWidget(subtitle)
        top.addLayout(titles, 1)
        self.finalise_button = QPushButton("Finaliser mon document…", bar)
        self.finalise_button.setProperty("variant", "secondary")
        self.finalise_button.clicked.connect(self.finalise)
        self.leave_button = QPushButton("Quitter le mode séance", bar)
        self.leave_button.setProperty("variant", "secondary")
        self.leave_button.setToolTip("Réservé au conseiller (Échap)")
        self.leave_button.clicked.connect(self.request_leave)
        top.addWidget(self.finalise_button)
        top.addSpacing(8)
        top.addWidget(self.leave_button)

        self.banner = ErrorBanner(self, closable=False)
        self.form = SynthesisForm(ws, doc, Author.AGENT, base_pt=BASE_PT)
        self.form.setObjectName("SeancePage")
        self.form.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        form_layout = self.form.layout()
        assert form_layout is not None
        form_layout.setContentsMargins(40, 24, 40, 32)
        page = QWidget()
        centred = QHBoxLayout(page)
        centred.setContentsMargins(24, 20, 24, 20)
        centred.addStretch(1)
        centred.addWidget(self.form, 12)
        centred.addStretch(1)
        self.form.setMaximumWidth(1180)
        self.scroll_area = QScrollArea(self)  # not `scroll`: QWidget.scroll moves the content
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(page)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(bar)
        column.addWidget(self.banner)
        column.addWidget(self.scroll_area, 1)
        self._show_state(doc.locked)

    def _show_state(self, locked: bool) -> None:
        self.finalise_button.setVisible(not locked)
        if locked:
            self.banner.show_message("Votre document est finalisé : son contenu ne peut plus être modifié. Pour le "
                                     "modifier, demandez-en la réouverture à votre conseiller.", SUCCESS)
        else:
            self.banner.show_message("Ce que vous écrivez ici est enregistré automatiquement, à votre nom. "
                                     "Ce document vous appartient.", INFO)

    def enter(self) -> None:
        super().enter()
        # The agent starts where there is something to write, not in the prefilled header.
        texts = [b for b in self.form.fields.values() if isinstance(b.input, AutosaveTextEdit)]
        if texts:
            texts[0].input.setFocus()

    # ----- finalisation -----------------------------------------------------------------------------------
    def finalise(self) -> None:
        flush_all(self)
        if finalise_dialog(self, self.ws, self.synthesis_id, agent_facing=True):
            doc = service.load_synthesis(self.ws, self.synthesis_id)
            self.form.load(doc)
            self._show_state(doc.locked)
