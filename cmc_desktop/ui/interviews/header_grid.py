"""The fields of an interview's header, laid out at any text size: the date, mode and duration, then the time,
place and link, three a row when they fit, one a row when the texts are enlarged on a laptop; the subject on a
row of its own."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget


class HeaderGrid(QGridLayout):
    """`fields`: (caption, field) pairs, the subject last. The editor asks `width_for` and calls `place`."""

    def __init__(self, fields: list[tuple[QLabel, QWidget]]) -> None:
        super().__init__()
        self.setHorizontalSpacing(10)
        self.setVerticalSpacing(8)
        self.fields = fields
        self.per_row = 0
        self.place(per_row=3)

    def place(self, *, per_row: int) -> None:
        for caption, widget in self.fields:
            self.removeWidget(caption)
            self.removeWidget(widget)
        for column in range(6):
            self.setColumnStretch(column, 0)
        *fields, (subject_caption, subject) = self.fields
        for index, (caption, widget) in enumerate(fields):
            row, column = divmod(index, per_row)
            top = Qt.AlignmentFlag.AlignTop if index < 3 else Qt.AlignmentFlag(0)
            self.addWidget(caption, row, column * 2, top | Qt.AlignmentFlag.AlignRight)
            self.addWidget(widget, row, column * 2 + 1, top)
        last = len(fields) // per_row
        self.addWidget(subject_caption, last, 0, Qt.AlignmentFlag.AlignRight)
        self.addWidget(subject, last, 1, 1, per_row * 2 - 1)
        for column, stretch in ((1, 2), (3, 2), (5, 1))[:per_row]:
            self.setColumnStretch(column, stretch)
        self.per_row = per_row

    def width_for(self, per_row: int) -> int:
        """The width the header asks for with `per_row` fields a row."""
        *fields, _subject = self.fields
        width = 0
        for column in range(per_row):
            placed = fields[column::per_row]
            width += max(c.minimumSizeHint().width() for c, _w in placed)
            width += max(w.minimumSizeHint().width() for _c, w in placed)
        return width + self.horizontalSpacing() * (per_row * 2 - 1)
