"""The questionnaire de satisfaction at the end of an accompaniment, built on the commitments of « Mon
accompagnement en + »: large enough for the agent to fill in séance on the CMC's computer, or for the CMC to
copy a paper questionnaire. The agent may decline; that choice is recorded too."""

from datetime import date

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.satisfaction import COMMENT_MAX, AccompanimentKind, AnswerVia, Commitment, Satisfaction
from ...services.agents import get_agent
from ...services.satisfaction import record
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import ErrorBanner, FrenchDateEdit, GuardedDialog
from .score_scale import ScoreScale

_FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
STYLE = """
#SatisfactionDialog QLabel[role="question"] { font-size: 12pt; color: #161616; }
#SatisfactionDialog QLabel[role="question-number"] { font-size: 12pt; font-weight: bold; color: #000091; }
#CmcPart { background: #f6f6f6; border-radius: 4px; }
QLabel[over="true"] { color: #ce0500; font-weight: bold; }
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
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id, self.accompaniment = ws, agent_id, accompaniment
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

        self.questions = QWidget()
        self.scores: dict[Commitment, ScoreScale] = {}
        column = QVBoxLayout(self.questions)
        column.setContentsMargins(4, 4, 16, 4)
        column.setSpacing(6)
        hint = QLabel("Pour chaque engagement, choisissez une note de 0 (pas du tout satisfait·e) à 10 (tout à fait "
                      "satisfait·e). Vous pouvez laisser une question sans réponse ; cliquez de nouveau sur une note "
                      "pour l'effacer.", self.questions)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        column.addWidget(hint)
        for item in Commitment:
            scale = ScoreScale(f"{item.number}. {item.short_label}", self.questions)
            self.scores[item] = scale
            column.addSpacing(8)
            column.addLayout(self._question(str(item.number), item.question, scale))
        column.addSpacing(14)
        overall_title = QLabel("Note globale", self.questions)
        overall_title.setProperty("role", "section")
        column.addWidget(overall_title)
        self.overall = ScoreScale("Note globale de l'accompagnement (obligatoire)", self.questions)
        column.addLayout(self._question("", "Dans l'ensemble, quelle note donnez-vous à votre accompagnement ? "
                                        "(obligatoire)", self.overall))
        column.addSpacing(14)
        comment_title = QLabel("Commentaire libre (facultatif)", self.questions)
        comment_title.setProperty("role", "section")
        self.comment = QPlainTextEdit(self.questions)
        self.comment.setAccessibleName("Commentaire libre")
        self.comment.setPlaceholderText("Ce qui vous a aidé·e, ce qui pourrait être amélioré…")
        self.comment.setMinimumHeight(110)
        self.comment.setTabChangesFocus(True)
        self.comment.textChanged.connect(self._count)
        self.counter = QLabel(self.questions)
        self.counter.setProperty("role", "hint")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        column.addWidget(comment_title)
        column.addWidget(self.comment)
        column.addWidget(self.counter)
        column.addStretch(1)
        self._count()
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.questions)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)

        self.banner = ErrorBanner(self)
        self.cancel_button = QPushButton("Annuler", self)
        self.cancel_button.setProperty("variant", "secondary")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.request_close)
        self.save_button = QPushButton("Enregistrer le questionnaire", self)
        self.save_button.setAutoDefault(False)  # Entrée in the comment or on a score must not submit it
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(cmc)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.scores[Commitment.INFORMATION].setFocus()

    def _question(self, number: str, text: str, scale: ScoreScale) -> QVBoxLayout:
        block = QVBoxLayout()
        block.setSpacing(4)
        line = QHBoxLayout()
        if number:
            badge = QLabel(f"{number}.", self.questions)
            badge.setProperty("role", "question-number")
            badge.setFixedWidth(24)
            line.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        question = QLabel(text, self.questions)
        question.setProperty("role", "question")
        question.setWordWrap(True)
        line.addWidget(question, 1)
        block.addLayout(line)
        row = QHBoxLayout()
        row.addSpacing(24 if number else 0)
        row.addWidget(scale)
        row.addStretch(1)
        block.addLayout(row)
        return block

    # ----- state ------------------------------------------------------------------------------------------
    def has_pending_input(self) -> bool:
        return (self.declined.isChecked() or self.overall.score() is not None or bool(self.comment.toPlainText())
                or any(scale.score() is not None for scale in self.scores.values()))

    def via_chosen(self) -> AnswerVia:
        return AnswerVia.PAPIER if self.via_paper.isChecked() else AnswerVia.SEANCE

    def _declined_toggled(self, declined: bool) -> None:
        # The scores stay in place (disabled), should the box have been ticked by mistake.
        self.questions.setEnabled(not declined)
        self.save_button.setText("Enregistrer le refus de répondre" if declined else "Enregistrer le questionnaire")
        self.banner.clear()

    def _count(self) -> None:
        length = len(self.comment.toPlainText())
        self.counter.setText(f"{_FRENCH.toString(length)} / {_FRENCH.toString(COMMENT_MAX)} caractères")
        set_property(self.counter, "over", length > COMMENT_MAX)

    # ----- saving -----------------------------------------------------------------------------------------
    def answer(self, answered_on: date) -> Satisfaction:
        if self.declined.isChecked():
            return Satisfaction(self.agent_id, self.accompaniment, answered_on, self.via_chosen(), declined=True)
        return Satisfaction(self.agent_id, self.accompaniment, answered_on, self.via_chosen(),
                            scores={item: score for item, scale in self.scores.items()
                                    if (score := scale.score()) is not None},
                            overall=self.overall.score(), comment=self.comment.toPlainText())

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
            if not self.declined.isChecked() and self.overall.score() is None:
                self.overall.setFocus()
            return
        self.accept()


def open_satisfaction_dialog(parent: QWidget | None, ws: Workspace, agent_id: int,
                             accompaniment: AccompanimentKind) -> bool:
    """Show the questionnaire (modal); True when an answer or a refusal was recorded."""
    dialog = SatisfactionDialog(ws, agent_id, accompaniment, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None
    finally:
        dialog.deleteLater()
