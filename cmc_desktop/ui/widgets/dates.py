"""A date typed the French way (jj/mm/aaaa), optionally empty, with a calendar button.

A line edit rather than a QDateEdit: QDateEdit has no empty state and silently clamps or swallows what it
cannot parse (31/02 becomes 28/02), where the CMC must be told that the date she typed does not exist and
nothing must change.
"""

import datetime as dt
import re

from PySide6.QtCore import QDate, QPoint, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_fr
from ..resources import icon
from ..theme import set_property
from .feedback import show_inline_error

_SEPARATED = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2,4})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateInputError(ValueError):
    """What is wrong with a typed date, in French."""


def parse_french_date(text: str) -> dt.date | None:
    """'14/03/2025', '14.03.2025', '1-3-2025' or '14032025' → a date; '' → None; else DateInputError."""
    text = text.strip()
    if not text:
        return None
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if match is None:
        raise DateInputError(f"« {text} » n'est pas une date : saisissez-la sous la forme jj/mm/aaaa "
                             "(par exemple 14/03/2025).")
    day, month, year = (int(part) for part in match.groups())
    if len(match[3]) != 4:
        raise DateInputError(f"« {text} » : saisissez l'année sur quatre chiffres (jj/mm/aaaa).")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateInputError(f"Le {day:02d}/{month:02d}/{year} n'existe pas dans le calendrier : vérifiez le "
                             "jour et le mois.") from None


class _DateLine(QLineEdit):
    """Never narrower than a whole date: a grid that squeezes its fields (texts at 200 %) showed « /10/2026 »."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        margins = self.textMargins()
        # QLineEdit's own hint: the text, its 2 px margins and the text margins, then the style's frame and padding.
        text = QSize(self.fontMetrics().horizontalAdvance("00/00/0000") + 4 + margins.left() + margins.right(),
                     hint.height())
        whole = self.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, text, self)
        return QSize(max(hint.width(), whole.width()), hint.height())


class FrenchDateEdit(QWidget):
    """`committed(dt.date | None)` fires when a valid, different date is entered (typed or picked)."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, accessible_name: str = "", optional: bool = True,
                 minimum: dt.date | None = None, maximum: dt.date | None = None) -> None:
        super().__init__(parent)
        self._value: dt.date | None = None
        self._optional, self._minimum, self._maximum = optional, minimum, maximum
        self.edit = _DateLine(self)
        self.edit.setPlaceholderText("jj/mm/aaaa")
        self.edit.setMaxLength(10)
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9/.\- ]{0,10}"), self.edit))
        self.edit.editingFinished.connect(self._typed)
        self.pick = QToolButton(self)
        self.pick.setIcon(icon("calendrier"))
        self.pick.setToolTip("Choisir dans le calendrier")
        self.pick.clicked.connect(self._open_calendar)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.pick)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self._calendar: QCalendarWidget | None = None
        self.setAccessibleName(accessible_name)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.pick.setAccessibleName(f"{name} : choisir dans le calendrier" if name else "Choisir dans le calendrier")

    def date(self) -> dt.date | None:
        return self._value

    def setDate(self, value: dt.date | None) -> None:
        """Show a stored date (no `committed`)."""
        self._value = value
        self.edit.setText(format_fr(value))
        self._show_error("")

    @property
    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def flush(self) -> None:
        """Take what is typed now, as leaving the field does: a shortcut can leave the view with the focus still
        in the field, and its text would otherwise be neither saved nor refused."""
        if self.edit.text() != format_fr(self._value):
            self._typed()

    def _typed(self) -> None:
        try:
            value = parse_french_date(self.edit.text())
            self._check(value)
        except DateInputError as problem:
            self._show_error(str(problem))  # the typed text stays for correction; the value is unchanged
            return
        self._accept(value)

    def _check(self, value: dt.date | None) -> None:
        if value is None and not self._optional:
            raise DateInputError("Cette date est obligatoire.")
        if value is not None and ((self._minimum and value < self._minimum)
                                  or (self._maximum and value > self._maximum)):
            low, high = format_fr(self._minimum) or "…", format_fr(self._maximum) or "…"
            raise DateInputError(f"La date doit être comprise entre {low} et {high}.")

    def _accept(self, value: dt.date | None) -> None:
        self._show_error("")
        self.edit.setText(format_fr(value))
        if value != self._value:
            self._value = value
            self.committed.emit(value)

    def _show_error(self, message: str) -> None:
        show_inline_error(self.error, message, self.edit)
        set_property(self.edit, "invalid", bool(message))

    def _open_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # also when closed by a click outside
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setGridVisible(True)
        calendar.setAccessibleName("Calendrier")
        if self._minimum:
            calendar.setMinimumDate(_qdate(self._minimum))
        if self._maximum:
            calendar.setMaximumDate(_qdate(self._maximum))
        if self._value:
            calendar.setSelectedDate(_qdate(self._value))
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)
        calendar.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        self._calendar = calendar
        calendar.show()
        calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        if self._calendar is not None:
            self._calendar.close()
            self._calendar = None
        self._accept(dt.date(picked.year(), picked.month(), picked.day()))
        self.edit.setFocus()
