"""Figures as cards: four key figures in large type, then every figure of the period by section."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.indicators import ReportFigure
from .formatting import exact_text, export_note

STYLE = """
#KeyFigure { background: #f6f6f6; border: none; border-top: 3px solid #000091; border-radius: 2px; }
#KeyValue { font-size: 22pt; font-weight: bold; color: #000091; }
#KeyUnit { font-size: 12pt; font-weight: bold; color: #000091; }
#FigureValue { font-weight: bold; color: #161616; }
QLabel[role="note"] { color: #666666; font-size: 9pt; }
"""


class KeyFigure(QFrame):
    """A large value with its unit, what it measures, and what the export prints when it differs."""

    def __init__(self, caption: str, unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeyFigure")
        self.value = QLabel("—", self)
        self.value.setObjectName("KeyValue")
        self.unit = QLabel(unit, self)
        self.unit.setObjectName("KeyUnit")
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setProperty("role", "note")
        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBottom)
        line.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBottom)
        line.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(self.caption)
        column.addWidget(self.note)
        column.addStretch(1)

    def show_value(self, text: str, note: str) -> None:
        self.value.setText(text)
        self.unit.setVisible(text != "—")
        self.note.setText(note)
        self.setAccessibleName(f"{text} {self.unit.text() if text != '—' else ''} {self.caption.text()}".strip())


class FigureSections(QWidget):
    """Every figure of a report under its section, in two columns; `values[(section, label)]` is the label
    showing a figure's exact value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[tuple[str, str], QLabel] = {}
        self.notes: dict[tuple[str, str], QLabel] = {}
        self._columns = QHBoxLayout(self)
        self._columns.setContentsMargins(0, 0, 0, 0)
        self._columns.setSpacing(16)
        self._holder: QWidget | None = None
        self._two_columns: bool | None = None
        self._available = 10_000

    def show_figures(self, figures: list[ReportFigure]) -> None:
        sections: dict[str, list[ReportFigure]] = {}
        for figure in figures:
            sections.setdefault(figure.section, []).append(figure)
        if self._holder is None or list(self.values) != [(f.section, f.label) for f in figures]:
            self._build(sections)
        for figure in figures:
            key = (figure.section, figure.label)
            self.values[key].setText(exact_text(figure))
            note = export_note(figure.figure)
            self.notes[key].setText(note)

    def _build(self, sections: dict[str, list[ReportFigure]]) -> None:
        if self._holder is not None:
            self._columns.removeWidget(self._holder)
            self._holder.deleteLater()
        self.values.clear()
        self.notes.clear()
        holder = QWidget(self)
        columns = QGridLayout(holder)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(16)
        self._parts: list[QVBoxLayout] = []
        groups = list(sections.items())
        sizes = [len(rows) + 2 for _, rows in groups]  # a section's title and margins weigh about two rows
        split = min(range(1, len(groups)), key=lambda i: abs(sum(sizes[:i]) - sum(sizes[i:]))) if len(groups) > 1 \
            else len(groups)
        for part in (groups[:split], groups[split:]):
            column = QVBoxLayout()
            column.setSpacing(4)
            for title, rows in part:
                column.addWidget(self._section(title, rows))
            column.addStretch(1)
            self._parts.append(column)
        self._grid = columns
        self._columns.addWidget(holder)
        self._holder = holder
        self._two_columns = None
        self.fit(self._available)

    def fit(self, width: int) -> None:
        """Two columns of sections when they fit `width` (the scroll area's), else one under the other."""
        self._available = width
        if self._holder is not None:
            needed = sum(part.minimumSize().width() for part in self._parts) + self._grid.horizontalSpacing()
            self._arrange(two_columns=needed <= width)

    def _arrange(self, *, two_columns: bool) -> None:
        """Two columns of sections, or one under the other when two would not fit (enlarged texts)."""
        if two_columns == self._two_columns:
            return
        self._two_columns = two_columns
        for part in self._parts:
            self._grid.removeItem(part)
        for index, part in enumerate(self._parts):
            self._grid.addLayout(part, 0 if two_columns else index, index if two_columns else 0)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1 if two_columns and len(self._parts) > 1 else 0)

    def _section(self, title: str, rows: list[ReportFigure]) -> QGroupBox:
        box = QGroupBox(title, self)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        grid.setColumnMinimumWidth(2, 100)  # room for "export : masqué", so columns do not jump
        for row, figure in enumerate(rows):
            label = QLabel(figure.label, box)
            label.setWordWrap(True)
            value = QLabel(box)
            value.setObjectName("FigureValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            note = QLabel(box)
            note.setProperty("role", "note")
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(note, row, 2)
            self.values[(figure.section, figure.label)] = value
            self.notes[(figure.section, figure.label)] = note
        return box
