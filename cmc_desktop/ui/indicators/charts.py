"""Charts drawn with QPainter (PySide6-Essentials has no QtCharts): vertical bars, a histogram with its median
marked, horizontal bars for shares and scores. They take plain values; the indicators view feeds them."""

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import theme

TRACK = "#eeeeee"
_CENTRED_WRAP = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


@dataclass(frozen=True)
class ChartValue:
    """One bar: its label, its value (None: nothing to measure) and the value as it is written."""

    label: str
    value: float | None
    text: str


def _font(base: QFont, *, bold: bool = False, grow: float = 0) -> QFont:
    font = QFont(base)
    font.setBold(bold)
    if grow:
        font.setPointSizeF(base.pointSizeF() + grow)
    return font


class Chart(QWidget):
    """A titled chart on a white card; its values are also its accessible description."""

    MARGIN = 14

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.values: tuple[ChartValue, ...] = ()
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_values(self, values: Sequence[ChartValue]) -> None:
        self.values = tuple(values)
        self.setAccessibleDescription(" ; ".join(f"{' '.join(v.label.split())} : {v.text}" for v in self.values))
        self.updateGeometry()
        self.update()

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 200)

    def sizeHint(self) -> QSize:
        return QSize(360, 240)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(theme.BORDER), 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        inner = self.rect().adjusted(self.MARGIN, self.MARGIN - 4, -self.MARGIN, -self.MARGIN)
        title_font = _font(self.font(), bold=True, grow=1)
        painter.setFont(title_font)
        painter.setPen(QColor(theme.TITLE))
        title_height = QFontMetrics(title_font).height()
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), title_height),
                         Qt.AlignmentFlag.AlignLeft, self.title)
        plot = inner.adjusted(0, title_height + 10, 0, 0)
        if not self.values:
            painter.setFont(self.font())
            painter.setPen(QColor(theme.SECONDARY))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Aucune donnée")
        else:
            self.paint_plot(painter, plot)
        painter.end()

    def paint_plot(self, painter: QPainter, plot: QRect) -> None:
        raise NotImplementedError


class BarChart(Chart):
    """Vertical bars scaled to the largest value, each with its value above and its label below."""

    GAP_RATIO = 0.4  # share of a slot left empty between two bars

    def label_height(self, slot: float) -> int:
        """Room under the baseline for the tallest label, wrapped within its slot."""
        metrics = QFontMetrics(self.font())
        return max(metrics.boundingRect(QRect(0, 0, int(slot), 1000), _CENTRED_WRAP, value.label).height()
                   for value in self.values) + 4

    def paint_plot(self, painter: QPainter, plot: QRect) -> None:
        metrics = QFontMetrics(self.font())
        slot = plot.width() / len(self.values)
        label_height = self.label_height(slot)
        value_font = _font(self.font(), bold=True)
        top = plot.top() + QFontMetrics(value_font).height() + 4
        base = plot.bottom() - label_height
        bar_width = min(64.0, slot * (1 - self.GAP_RATIO))
        scale = max([v.value for v in self.values if v.value] or [1.0])
        painter.setPen(QPen(QColor(theme.TEXT), 1))
        painter.drawLine(plot.left(), base, plot.right(), base)
        for position, value in enumerate(self.values):
            centre = plot.left() + slot * (position + 0.5)
            height = (base - top) * (value.value or 0) / scale
            if value.value:
                painter.fillRect(QRectF(centre - bar_width / 2, base - height, bar_width, height),
                                 QColor(theme.BLUE_FRANCE))
            painter.setFont(value_font)
            painter.setPen(QColor(theme.TITLE))
            painter.drawText(QRectF(centre - slot / 2, base - height - metrics.height() - 4, slot, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, value.text)
            painter.setFont(self.font())
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(QRectF(centre - slot / 2, base + 4, slot, label_height), _CENTRED_WRAP, value.label)


class HistogramChart(BarChart):
    """Adjacent bins of a distribution; the median is a dashed red line across them.

    `bounds` are the bins' inclusive upper bounds (30, 60, 90 → ≤ 30, 31–60, 61–90, > 90): there is one more
    bin than bounds, the last one open and drawn as wide as the others.
    """

    GAP_RATIO = 0.04

    def __init__(self, title: str, bounds: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.bounds = tuple(bounds)
        self.median: float | None = None
        self.median_text = ""

    def set_median(self, median: float | None, text: str) -> None:
        self.median, self.median_text = median, text
        self.setAccessibleName(f"{self.title} — {text}" if median is not None else self.title)
        self.update()

    def median_position(self) -> float:
        """Where the median falls across the bins, from 0 (left edge) to the number of bins (right edge)."""
        assert self.median is not None
        lows = (0, *self.bounds)
        highs = (*self.bounds, self.bounds[-1] + (self.bounds[-1] - (self.bounds[-2] if len(self.bounds) > 1
                                                                       else 0)))
        for position, (low, high) in enumerate(zip(lows, highs, strict=True)):
            if self.median <= high or position == len(highs) - 1:
                return position + min(1.0, max(0.0, (self.median - low) / (high - low)))
        return float(len(highs))

    def paint_plot(self, painter: QPainter, plot: QRect) -> None:
        chip_height = QFontMetrics(self.font()).height() + 6
        bars = plot.adjusted(0, chip_height + 4, 0, 0) if self.median is not None else plot
        super().paint_plot(painter, bars)
        if self.median is None:
            return
        base = bars.bottom() - self.label_height(plot.width() / len(self.values))
        x = plot.left() + plot.width() / len(self.values) * self.median_position()
        pen = QPen(QColor(theme.RED_MARIANNE), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, plot.top() + chip_height), QPointF(x, base))
        label_font = _font(self.font(), bold=True)
        width = QFontMetrics(label_font).horizontalAdvance(self.median_text) + 14
        left = min(max(plot.left(), x - width / 2), plot.right() - width)
        chip = QRectF(left, plot.top(), width, chip_height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.RED_MARIANNE))
        painter.drawRoundedRect(chip, 3, 3)
        painter.setFont(label_font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, self.median_text)


class HorizontalBarChart(Chart):
    """One row per value: its label, a bar on a grey track from 0 to `maximum`, the value written at the end.
    An optional `target` is drawn as a dashed line across the rows."""

    ROW_GAP = 8
    VALUE_WIDTH = 64

    def __init__(self, title: str, maximum: float, *, target: float | None = None, target_text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.maximum, self.target, self.target_text = maximum, target, target_text

    def _row_height(self) -> int:
        return max(2 * QFontMetrics(self.font()).height(), 26)

    def sizeHint(self) -> QSize:
        title = QFontMetrics(_font(self.font(), bold=True, grow=1)).height() + 10
        legend = QFontMetrics(self.font()).height() + 6 if self.target is not None else 0
        rows = max(len(self.values), 1) * (self._row_height() + self.ROW_GAP)
        return QSize(420, 2 * self.MARGIN + title + legend + rows)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def paint_plot(self, painter: QPainter, plot: QRect) -> None:
        label_width = int(plot.width() * 0.42)
        track_left = plot.left() + label_width + 10
        track_width = plot.right() - self.VALUE_WIDTH - track_left
        row_height = self._row_height()
        value_font = _font(self.font(), bold=True)
        top = plot.top()
        if self.target is not None:
            top += QFontMetrics(self.font()).height() + 6
        # Rows loosen a little when a neighbouring chart makes this one taller, but stay grouped.
        natural = row_height + self.ROW_GAP
        pitch = min(natural + 16, max(natural, (plot.bottom() - top) // len(self.values)))
        for index, value in enumerate(self.values):
            row = QRect(plot.left(), top + index * pitch, plot.width(), row_height)
            painter.setFont(self.font())
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(QRect(row.left(), row.top(), label_width, row_height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, value.label)
            track = QRectF(track_left, row.center().y() - 7, track_width, 14)
            painter.fillRect(track, QColor(TRACK))
            if value.value:
                filled = track_width * min(1.0, value.value / self.maximum)
                painter.fillRect(QRectF(track.left(), track.top(), filled, track.height()), QColor(theme.BLUE_FRANCE))
            painter.setFont(value_font)
            painter.setPen(QColor(theme.TITLE))
            painter.drawText(QRect(int(track.right()) + 8, row.top(), self.VALUE_WIDTH - 8, row_height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, value.text)
        if self.target is not None:
            x = track_left + track_width * self.target / self.maximum
            bottom = top + (len(self.values) - 1) * pitch + row_height
            painter.setPen(QPen(QColor(theme.SUCCESS), 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top() + QFontMetrics(self.font()).height() + 2), QPointF(x, bottom))
            painter.setFont(self.font())
            painter.setPen(QColor(theme.SUCCESS))
            painter.drawText(QRectF(x - 100, plot.top(), 200, QFontMetrics(self.font()).height()),
                             Qt.AlignmentFlag.AlignCenter, self.target_text)
