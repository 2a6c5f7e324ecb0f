"""The period of the indicators: a preset (12 derniers mois, année civile) or two dates typed by hand."""

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ...domain.dates import add_months
from ..widgets import FrenchDateEdit

CUSTOM = "custom"
ROLLING = "rolling"


def rolling_year(today: date) -> tuple[date, date]:
    """The twelve months ending today (17/11/2025 – 16/11/2026)."""
    return add_months(today, -12) + timedelta(days=1), today


def calendar_year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


class PeriodPicker(QWidget):
    """`changed(start, end)` fires when a preset is chosen or a valid date is typed (both dates known)."""

    changed = Signal(object, object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.preset = QComboBox(self)
        self.preset.setAccessibleName("Période prédéfinie")
        self.preset.addItem("12 derniers mois", ROLLING)
        for year in (today.year, today.year - 1, today.year - 2):
            self.preset.addItem(f"Année civile {year}", year)
        self.preset.addItem("Période personnalisée", CUSTOM)
        self.start = FrenchDateEdit(self, accessible_name="Début de la période", optional=False)
        self.end = FrenchDateEdit(self, accessible_name="Fin de la période", optional=False)
        for edit in (self.start, self.end):
            edit.setMinimumWidth(150)
            edit.committed.connect(self._typed)
        self.preset.activated.connect(self._preset_chosen)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for widget in (QLabel("Période :", self), self.preset, QLabel("du", self), self.start, QLabel("au", self),
                       self.end):
            row.addWidget(widget)
        row.addStretch(1)
        self._apply(*rolling_year(today))

    def period(self) -> tuple[date, date] | None:
        start, end = self.start.date(), self.end.date()
        return (start, end) if start is not None and end is not None else None

    def set_period(self, start: date, end: date) -> None:
        """Show a period typed by hand and announce it."""
        self.preset.setCurrentIndex(self.preset.findData(CUSTOM))
        self._apply(start, end)
        self.changed.emit(start, end)

    def choose_preset(self, index: int) -> None:
        self.preset.setCurrentIndex(index)
        self._preset_chosen(index)

    def _apply(self, start: date, end: date) -> None:
        self.start.setDate(start)
        self.end.setDate(end)

    def _preset_chosen(self, index: int) -> None:
        choice = self.preset.itemData(index)
        if choice == CUSTOM:
            return
        self._apply(*(rolling_year(self.today) if choice == ROLLING else calendar_year(choice)))
        self.changed.emit(self.start.date(), self.end.date())

    def _typed(self, _value: date | None) -> None:
        self.preset.setCurrentIndex(self.preset.findData(CUSTOM))
        period = self.period()
        if period is not None:
            self.changed.emit(*period)
