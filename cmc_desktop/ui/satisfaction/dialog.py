"""The questionnaire de satisfaction at the end of an accompaniment, built on the commitments of « Mon
accompagnement en + »: large enough for the agent to fill in séance on the CMC's computer, or for the CMC to
copy a paper questionnaire. The agent may decline; that choice is recorded too."""

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.satisfaction import AccompanimentKind, AnswerVia, Commitment, Satisfaction
from ...services.agents import get_agent
from ...services.satisfaction import record
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import ErrorBanner, FrenchDateEdit, GuardedDialog
from .questions import QuestionsPanel

STYLE = """
#CmcPart { background: #f6f6f6; border-radius: 4px; }
QScrollBar:vertical { background: #f6f6f6; width: 12px; margin: 0; }
QScrollBar::handle:vertical { background: #c1c1c1; border-radius: 5px; min-height: 32px; margin: 2px; }
QScrollBar::handle:vertical:hover { background: #929292; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }
"""


class SatisfactionDialog(GuardedDialog):
    """Scores 0–10 for each commitment (optional) and overall (required), a free comment, or a refusal.
    `saved` holds the recorded answer once « Enregistrer » succeeded."""

    def __init__(self, ws: Workspace, agent_id: int, accompaniment: AccompanimentKind,
                 parent: QWidget | None = None, *, accompaniment_id: int | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id, self.accompaniment = ws, agent_id, accompaniment
        self.accompaniment_id = accompaniment_id
        self.saved: Satisfaction | None = None
        agent = get_agent(ws, agent_id)  # raises a French DomainError when the agent is gone
        self.setObjectName("SatisfactionDialog")
        self.setWindowTitle("Questionnaire de satisfaction")
        self.setStyleSheet(STYLE)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 1.5)
        self.setFont(font)
        self.resize(960, 700)

        title = QLabel("Votre avis sur votre accompagnement", self)
        title.setProperty("role", "title")
        subtitle = QLabel(f"« Mon accompagnement en + » · {accompaniment.label} · {agent.display_name}", self)
        subtitle.setProperty("role", "hint")
        subtitle.setWordWrap(True)

        cmc = QFrame(self)
        cmc.setObjectName("CmcPart")
        self.via_seance = QRadioButton(AnswerVia.SEANCE.label, cmc)
        self.via_paper = QRadioButton(AnswerVia.PAPIER.label, cmc)
        self.via_seance.setChecked(True)
        self.via = QButtonGroup(self)
        for button in (self.via_seance, self.via_paper):
            self.via.addButton(button)
        self.answered_on = FrenchDateEdit(cmc, accessible_name="Date des réponses", optional=False,
                                          maximum=ws.clock.today())
        self.answered_on.setDate(ws.clock.today())
        self.answered_on.setMaximumWidth(200)
        self.declined = QCheckBox("L'agent ne souhaite pas répondre", cmc)
        self.declined.setToolTip("Son choix est enregistré, sans aucune note ni commentaire.")
        self.declined.toggled.connect(self._declined_toggled)
        via_row = QHBoxLayout()
        via_row.addWidget(self.via_seance)
        via_row.addSpacing(16)
        via_row.addWidget(self.via_paper)
        via_row.addStretch(1)
        cmc_form = QFormLayout(cmc)
        cmc_form.setContentsMargins(14, 10, 14, 10)
        cmc_form.addRow("Réponses :", via_row)
        cmc_form.addRow("Date des réponses :", self.answered_on)
        cmc_form.addRow("", self.declined)

        self.questions = QuestionsPanel()
        self.scores, self.overall = self.questions.scores, self.questions.overall
        self.comment, self.counter = self.questions.comment, self.questions.counter
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.questions)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)

        self.banner = ErrorBanner(self)
        buttons = QDialogButtonBox(self)
        # Entrée on a score or a choice saves (the comment keeps Entrée for its new lines); Échap cancels.
        self.save_button = buttons.addButton("Enregistrer le questionnaire", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.cancel_button, "variant", "secondary")
        self.cancel_button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.request_close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(cmc)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.scores[Commitment.INFORMATION].setFocus()

    # ----- state ------------------------------------------------------------------------------------------
    def has_pending_input(self) -> bool:
        return self.declined.isChecked() or self.questions.has_input()

    def via_chosen(self) -> AnswerVia:
        return AnswerVia.PAPIER if self.via_paper.isChecked() else AnswerVia.SEANCE

    def _declined_toggled(self, declined: bool) -> None:
        # The scores stay in place (disabled), should the box have been ticked by mistake.
        self.questions.setEnabled(not declined)
        self.save_button.setText("Enregistrer le refus de répondre" if declined else "Enregistrer le questionnaire")
        self.banner.clear()

    # ----- saving -----------------------------------------------------------------------------------------
    def answer(self, answered_on: date) -> Satisfaction:
        if self.declined.isChecked():
            return Satisfaction(self.agent_id, self.accompaniment, answered_on, self.via_chosen(), declined=True,
                                accompaniment_id=self.accompaniment_id)
        return Satisfaction(self.agent_id, self.accompaniment, answered_on, self.via_chosen(),
                            scores=self.questions.scored(), overall=self.overall.score(),
                            comment=self.comment.toPlainText(), accompaniment_id=self.accompaniment_id)

    def save(self) -> None:
        """Record the answer (or the refusal); on a refused value, say why and keep everything as typed."""
        answered_on = self.answered_on.date()
        if answered_on is None or self.answered_on.error_text:
            self.banner.show_message(self.answered_on.error_text or "Indiquez la date des réponses (jj/mm/aaaa).")
            self.answered_on.setFocus()
            return
        try:
            self.saved = record(self.ws, self.answer(answered_on))
        except Exception as error:
            self.banner.show_error(error)
            if not self.declined.isChecked() and self.overall.score() is None:  # the overall note is missing
                self.banner.show_until_fixed(self.banner.text, lambda: self.declined.isChecked()
                                             or self.overall.score() is not None, self.overall, self.declined)
                self.overall.setFocus()
            return
        self.accept()


def open_satisfaction_dialog(parent: QWidget | None, ws: Workspace, agent_id: int,
                             accompaniment: AccompanimentKind, *, accompaniment_id: int | None = None) -> bool:
    """Show the questionnaire (modal); True when an answer or a refusal was recorded."""
    dialog = SatisfactionDialog(ws, agent_id, accompaniment, parent, accompaniment_id=accompaniment_id)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None
    finally:
        dialog.deleteLater()
