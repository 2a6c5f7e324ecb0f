"""A score from 0 to 10 as a row of eleven large segments, easy to touch and to read in séance.

A QAbstractSlider underneath, so that screen readers announce it as a value and the arrow keys work; its
`NO_ANSWER` value (-1) means the question was left blank. Click a segment to choose it, click it again to
clear it; digits 0–9 choose, Fin chooses 10, Suppr or Retour arrière clears.
"""

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QAbstractSlider, QSizePolicy, QWidget

from ...domain.satisfaction import SCORE_MAX, SCORE_MIN
from .. import theme

NO_ANSWER = -1
SEGMENT = 46
GAP = 4
INSET = 4  # room for the focus ring around the segments


class ScoreScale(QAbstractSlider):
    """`score()` is the chosen note or None; `valueChanged` fires on every change."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NO_ANSWER, SCORE_MAX)
        self.setValue(NO_ANSWER)
        self.setOrientation(Qt.Orientation.Horizontal)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(accessible_name)
        self._hover: int | None = None
        self.valueChanged.connect(self._describe)
        self._describe(NO_ANSWER)

    def score(self) -> int | None:
        return None if self.value() == NO_ANSWER else self.value()

    def set_score(self, score: int | None) -> None:
        self.setValue(NO_ANSWER if score is None else score)

    def _digits_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 2)
        return font

    def _segment(self) -> int:
        """A segment's side: SEGMENT, or more when the texts are enlarged, so that « 10 » keeps its margins."""
        metrics = QFontMetrics(self._digits_font())
        return max(SEGMENT, metrics.horizontalAdvance("10") + 20, metrics.height() + 16)

    def sizeHint(self) -> QSize:
        count = SCORE_MAX - SCORE_MIN + 1
        segment = self._segment()
        return QSize(count * segment + (count - 1) * GAP + 2 * INSET, segment + 2 * INSET)

    def minimumSizeHint(self) -> QSize:
        count = SCORE_MAX - SCORE_MIN + 1
        narrow = max(32, QFontMetrics(self._digits_font()).horizontalAdvance("10") + 8)
        return QSize(count * narrow + (count - 1) * 2 + 2 * INSET, self._segment() + 2 * INSET)

    def _segments(self) -> list[tuple[int, QRectF]]:
        count = SCORE_MAX - SCORE_MIN + 1
        gap = GAP if self.width() >= self.sizeHint().width() else 2
        width = min(float(self._segment()), (self.width() - 2 * INSET - (count - 1) * gap) / count)
        return [(score, QRectF(INSET + index * (width + gap), INSET, width, self.height() - 2 * INSET))
                for index, score in enumerate(range(SCORE_MIN, SCORE_MAX + 1))]

    def _score_at(self, x: float) -> int | None:
        return next((score for score, rect in self._segments() if rect.left() <= x <= rect.right()), None)

    def _describe(self, value: int) -> None:
        text = "sans réponse" if value == NO_ANSWER else f"{value} sur 10"
        self.setAccessibleDescription(f"Note : {text}")
        self.setToolTip(f"Note : {text} — cliquez sur une note pour la choisir, de nouveau pour l'effacer")
        self.update()

    # ----- input ------------------------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.isEnabled():
            return
        score = self._score_at(event.position().x())
        if score is not None:
            self.setValue(NO_ANSWER if score == self.value() else score)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self._score_at(event.position().x())
        if hover != self._hover:
            self._hover = hover
            self.update()

    def leaveEvent(self, event: object) -> None:
        self._hover = None
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # scrolling the questionnaire must not change an answer on the way

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, value = event.key(), self.value()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.setValue(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.setValue(min(SCORE_MAX, max(SCORE_MIN, value + 1)))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.setValue(max(SCORE_MIN, value - 1))
        elif key == Qt.Key.Key_Home:
            self.setValue(SCORE_MIN)
        elif key == Qt.Key.Key_End:
            self.setValue(SCORE_MAX)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.setValue(NO_ANSWER)
        else:
            event.ignore()  # Tab, Entrée, Échap go on to the dialog

    # ----- drawing ----------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._digits_font())
        enabled = self.isEnabled()
        for score, rect in self._segments():
            chosen = score == self.value()
            if chosen and enabled:
                fill, border, text = QColor(theme.BLUE_FRANCE), QColor(theme.BLUE_FRANCE), QColor("#ffffff")
            elif chosen:
                fill, border, text = QColor("#929292"), QColor("#929292"), QColor("#ffffff")
            else:
                hovered = enabled and score == self._hover
                fill = QColor("#f5f5fe" if hovered else "#ffffff")
                border = QColor(theme.BLUE_FRANCE if hovered else "#929292" if enabled else theme.BORDER)
                text = QColor(theme.TITLE if enabled else "#929292")
            painter.setPen(QPen(border, 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
            painter.setPen(text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(score))
        if self.hasFocus():
            painter.setPen(QPen(QColor(theme.FOCUS), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            last = self._segments()[-1][1]
            painter.drawRoundedRect(QRectF(1, 1, last.right() + INSET - 2, self.height() - 2), 6, 6)
        painter.end()
