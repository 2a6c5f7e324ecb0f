"""The questions of « Mon accompagnement en + »: a score for each commitment, the overall score, a comment.

Shared by the CMC's dialog (a paper questionnaire copied, or answered in the dialog) and the full-screen
questionnaire the agent fills on the CMC's computer.
"""

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...domain.satisfaction import COMMENT_MAX, Commitment
from ..text_zoom import set_style_sheet
from ..theme import set_property
from .score_scale import ScoreScale

_FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
STYLE = """
QLabel[role="question"] { font-size: 12pt; color: #161616; }
QLabel[role="question-number"] { font-size: 12pt; font-weight: bold; color: #000091; }
QLabel[over="true"] { color: #ce0500; font-weight: bold; }
"""


class QuestionsPanel(QWidget):
    """`scores[commitment]`, `overall`, `comment` and its `counter`; `scored()` gives the answers as typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_style_sheet(self, STYLE)
        self.scores: dict[Commitment, ScoreScale] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 16, 4)
        column.setSpacing(6)
        hint = QLabel("Pour chaque engagement, choisissez une note de 0 (pas du tout satisfait·e) à 10 (tout à fait "
                      "satisfait·e). Vous pouvez laisser une question sans réponse ; cliquez de nouveau sur une note "
                      "pour l'effacer.", self)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        column.addWidget(hint)
        for item in Commitment:
            scale = ScoreScale(f"{item.number}. {item.short_label}", self)
            self.scores[item] = scale
            column.addSpacing(8)
            column.addLayout(self._question(str(item.number), item.question, scale))
        column.addSpacing(14)
        overall_title = QLabel("Note globale", self)
        overall_title.setProperty("role", "section")
        column.addWidget(overall_title)
        self.overall = ScoreScale("Note globale de l'accompagnement (obligatoire)", self)
        column.addLayout(self._question("", "Dans l'ensemble, quelle note donnez-vous à votre accompagnement ? "
                                        "(obligatoire)", self.overall))
        column.addSpacing(14)
        comment_title = QLabel("Commentaire libre (facultatif)", self)
        comment_title.setProperty("role", "section")
        self.comment = QPlainTextEdit(self)
        self.comment.setAccessibleName("Commentaire libre")
        self.comment.setPlaceholderText("Ce qui vous a aidé·e, ce qui pourrait être amélioré…")
        self.comment.setMinimumHeight(110)
        self.comment.setTabChangesFocus(True)
        self.comment.textChanged.connect(self._count)
        self.counter = QLabel(self)
        self.counter.setProperty("role", "hint")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        column.addWidget(comment_title)
        column.addWidget(self.comment)
        column.addWidget(self.counter)
        column.addStretch(1)
        self._count()

    def _question(self, number: str, text: str, scale: ScoreScale) -> QGridLayout:
        # The scale sits under the question, after the number: a column at least as wide as the number's text at
        # any text size (a fixed width cut « 1. » at 200 %).
        block = QGridLayout()
        block.setVerticalSpacing(4)
        if number:
            badge = QLabel(f"{number}.", self)
            badge.setProperty("role", "question-number")
            badge.setMinimumWidth(24)
            block.addWidget(badge, 0, 0, Qt.AlignmentFlag.AlignTop)
        question = QLabel(text, self)
        question.setProperty("role", "question")
        question.setWordWrap(True)
        block.addWidget(question, 0, 1)
        block.addWidget(scale, 1, 1, Qt.AlignmentFlag.AlignLeft)
        block.setColumnStretch(1, 1)
        return block

    def _count(self) -> None:
        length = len(self.comment.toPlainText())
        self.counter.setText(f"{_FRENCH.toString(length)} / {_FRENCH.toString(COMMENT_MAX)} caractères")
        set_property(self.counter, "over", length > COMMENT_MAX)

    def scored(self) -> dict[Commitment, int]:
        return {item: score for item, scale in self.scores.items() if (score := scale.score()) is not None}

    def has_input(self) -> bool:
        return self.overall.score() is not None or bool(self.comment.toPlainText()) or bool(self.scored())
