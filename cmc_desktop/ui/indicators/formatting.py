"""Figures written the French way on screen: "1 234", "44,4 %", "8,1 / 10", "29 jours".

The screen shows exact values (the CMC's own data); `export_note` says what the anonymised export prints
instead when a figure is suppressed there.
"""

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QLocale

from ...domain.indicators import ReportFigure
from ...domain.published_figures import Count, Share, Statistic

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
NO_DATA = "—"
NARROW = "\u202f"  # French thin space before % and in thousands: fine on screen (not in PDF standard fonts)


def decimal(value: float) -> str:
    """One decimal at most, rounded half up like the export (56,25 → 56,3), no trailing ",0"."""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return FRENCH.toString(int(rounded))
    return FRENCH.toString(float(rounded), "f", 1)


def count_text(count: Count) -> str:
    return FRENCH.toString(count.value)


def percent_text(share: Share) -> str:
    return NO_DATA if share.ratio is None else f"{decimal(100 * share.ratio)}{NARROW}%"


def statistic_text(statistic: Statistic) -> str:
    return NO_DATA if statistic.value is None else decimal(statistic.value)


def with_unit(value: str, unit: str) -> str:
    """The value followed by its unit as the CMC reads it ("29 jours", "8,1 / 10")."""
    if value == NO_DATA:
        return value
    return {"jours": f"{value} jours", "sur 10": f"{value}{NARROW}/{NARROW}10"}.get(unit, value)


def exact_text(item: ReportFigure) -> str:
    """The figure's exact value, as shown on the CMC's screen."""
    figure = item.figure
    if isinstance(figure, Count):
        return count_text(figure)
    if isinstance(figure, Share):
        return percent_text(figure)
    return with_unit(statistic_text(figure), item.unit)


def export_note(figure: Count | Share | Statistic) -> str:
    """'' when the export prints the same value; else what it prints ("export : < 5")."""
    return f"export : {figure.text}" if figure.suppressed else ""
