"""Mode séance: the agent and the CMC write the document together on one screen.

A full-screen, agent-facing window showing only this document, in large type: no navigation, no list, no
other file, none of the CMC's notes. What is typed there is attributed to the agent. The main window is hidden
meanwhile; leaving needs the CMC's passphrase (verify_cmc), so the agent cannot wander into other files.

Closing rules: the window closes only after that check, or when the application locks (auto-lock: the main
window's `locked_changed`), which brings the main window back showing its lock screen. Any other close is
refused; one asked by the window system (the title bar's cross, Alt+F4) asks for the passphrase, like
Escape and « Quitter le mode séance ».
"""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...domain.synthesis import Author
from ...services import synthesis as service
from ...services.workspace import Workspace
from ..lock import verify_cmc
from ..text_zoom import set_style_sheet
from ..widgets import INFO, SUCCESS, AutosaveTextEdit, ErrorBanner, flush_all
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


class SeanceModeWindow(QWidget):
    """This synthesis only, for the agent; `left(locked)` is emitted once the window has closed (locked: the
    application locked meanwhile, the store is closed)."""

    left = Signal(bool)

    def __init__(self, ws: Workspace, synthesis_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ws, self.synthesis_id = ws, synthesis_id
        self._may_close = self._locked = False
        self._covered: QWidget | None = None
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

    # ----- entering and leaving ---------------------------------------------------------------------------
    def enter(self) -> None:
        """Hide the main window (nothing of other files stays on screen) and cover the screen."""
        parent = self.parentWidget()
        covered = parent.window() if parent is not None else None
        if covered is not None and covered is not self:
            self._covered = covered
            locked_changed = getattr(covered, "locked_changed", None)
            if locked_changed is not None:
                locked_changed.connect(self._application_locked)
            covered.hide()
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        # The agent starts where there is something to write, not in the prefilled header.
        texts = [b for b in self.form.fields.values() if isinstance(b.input, AutosaveTextEdit)]
        if texts:
            texts[0].input.setFocus()

    def request_leave(self) -> bool:
        """Ask for the CMC's phrase secrète; the window closes only when it matches."""
        flush_all(self)
        if not verify_cmc(self, self.ws.store, title="Quitter le mode séance", text=LEAVE_TEXT):
            self.activateWindow()  # the keyboard back to the document (without a window manager it stays lost)
            return False
        self._may_close = True
        self.close()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.request_leave()
            return
        super().keyPressEvent(event)

    def _application_locked(self, locked: bool) -> None:
        if locked and self.isVisible():
            self._locked = self._may_close = True
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close:
            event.ignore()
            if event.spontaneous():  # the agent clicked the cross: same as « Quitter », once this event is over
                QTimer.singleShot(0, self.request_leave)
            return
        flush_all(self)
        covered, self._covered = self._covered, None
        if covered is not None:
            locked_changed = getattr(covered, "locked_changed", None)
            if locked_changed is not None:
                locked_changed.disconnect(self._application_locked)
            covered.show()
            covered.activateWindow()
        super().closeEvent(event)
        self.left.emit(self._locked)

    # ----- finalisation -----------------------------------------------------------------------------------
    def finalise(self) -> None:
        flush_all(self)
        if finalise_dialog(self, self.ws, self.synthesis_id, agent_facing=True):
            doc = service.load_synthesis(self.ws, self.synthesis_id)
            self.form.load(doc)
            self._show_state(doc.locked)
