"""The questionnaire the agent fills on the CMC's screen when the accompaniment closes: it covers the screen,
shows the questions and nothing else — no name, no file, no navigation — and the CMC gets the screen back only
with her phrase secrète (the same re-authentication as the mode séance). The answers are the agent's: the CMC
part (date, paper copy) is not shown; the agent may also choose not to answer."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from ...services.satisfaction import record
from ...services.workspace import Workspace
from ..text_zoom import set_style_sheet
from ..widgets import INFO, SUCCESS, ErrorBanner
from ..widgets.agent_screen import AgentFacingWindow
from .questions import QuestionsPanel

BASE_PT = 14
SCREEN_STYLE = f"""
QWidget {{ font-size: {BASE_PT}pt; }}
#QuestionnaireScreen {{ background: #f6f6f6; }}
#ScreenBar {{ background: #000091; }}
#ScreenBar QLabel {{ color: #ffffff; }}
QLabel#ScreenTitle {{ font-size: 19pt; font-weight: bold; }}
#ScreenPage {{ background: #ffffff; border: 1px solid #dddddd; }}
QLabel[role="question"] {{ font-size: {BASE_PT + 1}pt; }}
"""
LEAVE_TITLE = "Rendre l'écran au conseiller"
LEAVE_TEXT = ("Pour reprendre l'écran, le conseiller saisit sa phrase secrète. Sans elle, le questionnaire reste "
              "affiché.")
THANKS = ("Merci. Vos réponses sont enregistrées ; elles servent à améliorer l'accompagnement proposé aux agents. "
          "Vous pouvez rendre l'ordinateur à votre conseiller.")
DECLINED = ("C'est noté : vous avez choisi de ne pas répondre. Vous pouvez rendre l'ordinateur à votre conseiller.")


class QuestionnaireScreen(AgentFacingWindow):
    """`saved` holds the recorded answer (or refusal) once the agent sent it; `left(locked)` once closed."""

    def __init__(self, ws: Workspace, agent_id: int, accompaniment: AccompanimentKind, accompaniment_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ws.store, parent, leave_title=LEAVE_TITLE, leave_text=LEAVE_TEXT)
        self.ws, self.agent_id, self.accompaniment = ws, agent_id, accompaniment
        self.accompaniment_id = accompaniment_id
        self.saved: Satisfaction | None = None
        self.setObjectName("QuestionnaireScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Questionnaire de satisfaction")
        set_style_sheet(self, SCREEN_STYLE)

        bar = QWidget(self)
        bar.setObjectName("ScreenBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        top = QHBoxLayout(bar)
        top.setContentsMargins(28, 14, 28, 14)
        titles = QVBoxLayout()
        title = QLabel("Votre avis sur votre accompagnement", bar)
        title.setObjectName("ScreenTitle")
        subtitle = QLabel(f"« Mon accompagnement en + » · {accompaniment.label}", bar)
        titles.addWidget(title)
        titles.addWidget(subtitle)
        top.addLayout(titles, 1)
        self.leave_button = QPushButton("Rendre l'écran au conseiller", bar)
        self.leave_button.setProperty("variant", "secondary")
        self.leave_button.setToolTip("Réservé au conseiller (Échap)")
        self.leave_button.setAutoDefault(False)
        self.leave_button.clicked.connect(self.request_leave)
        top.addWidget(self.leave_button)

        self.banner = ErrorBanner(self, closable=False)
        self.questions = QuestionsPanel()
        self.declined = QCheckBox("Je préfère ne pas répondre à ce questionnaire", self)
        self.declined.toggled.connect(self._declined_toggled)
        self.send_button = QPushButton("Envoyer mes réponses", self)
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.send)
        page = QWidget()
        page.setObjectName("ScreenPage")
        page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        page.setMaximumWidth(1100)
        inner = QVBoxLayout(page)
        inner.setContentsMargins(40, 24, 40, 24)
        inner.addWidget(self.questions)
        actions = QHBoxLayout()
        actions.addWidget(self.declined)
        actions.addStretch(1)
        actions.addWidget(self.send_button)
        inner.addLayout(actions)
        holder = QWidget()
        centred = QHBoxLayout(holder)
        centred.setContentsMargins(24, 20, 24, 20)
        centred.addStretch(1)
        centred.addWidget(page, 12)
        centred.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(holder)

        self.thanks = QLabel(self)
        self.thanks.setWordWrap(True)
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks.setObjectName("ScreenTitle")
        self.thanks.setMargin(80)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.scroll_area)
        self.pages.addWidget(self.thanks)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(bar)
        column.addWidget(self.banner)
        column.addWidget(self.pages, 1)
        self.banner.show_message("Vos réponses rejoignent votre dossier ; seuls des résultats anonymes et regroupés "
                                 "sont publiés. Notez au clavier (chiffres, flèches, Tab) ou à la souris.", INFO)

    def enter(self) -> None:
        super().enter()
        self.questions.scores[next(iter(self.questions.scores))].setFocus()

    def _declined_toggled(self, declined: bool) -> None:
        self.questions.setEnabled(not declined)
        self.send_button.setText("Confirmer : je ne réponds pas" if declined else "Envoyer mes réponses")

    def send(self) -> None:
        """Record the answers (or the refusal) as the agent's; then only the thanks remain on screen."""
        today = self.ws.clock.today()
        declined = self.declined.isChecked()
        answer = Satisfaction(self.agent_id, self.accompaniment, today, AnswerVia.SEANCE, declined=declined,
                              scores={} if declined else self.questions.scored(),
                              overall=None if declined else self.questions.overall.score(),
                              comment="" if declined else self.questions.comment.toPlainText(),
                              accompaniment_id=self.accompaniment_id)
        try:
            self.saved = record(self.ws, answer)
        except Exception as error:  # the rule's French message (the overall score is required)
            self.banner.show_error(error)
            if not declined and self.questions.overall.score() is None:
                self.scroll_area.ensureWidgetVisible(self.questions.overall)
                self.questions.overall.setFocus()
            return
        self.thanks.setText(DECLINED if declined else THANKS)
        self.banner.show_message("Réponses enregistrées.", SUCCESS)
        self.pages.setCurrentWidget(self.thanks)
        self.leave_button.setFocus()
