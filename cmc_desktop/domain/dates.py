"""Date rules: calendar arithmetic in months, plausibility of dates typed by the CMC."""

import calendar
from datetime import date, timedelta

from .errors import ValidationError

EARLIEST = date(1950, 1, 1)


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the end of a shorter month (31 déc. + 2 mois = 28/29 févr.)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_plausible(day: date | None, label: str, *, today: date, future_years: int = 3) -> date | None:
    """Refuse dates no CMC could mean (typos such as 1902 or 2206)."""
    if day is None:
        return None
    latest = today + timedelta(days=365 * future_years)
    if not EARLIEST <= day <= latest:
        raise ValidationError(
            f"La date « {label} » ({format_fr(day)}) n'est pas plausible : "
            f"elle doit être comprise entre {format_fr(EARLIEST)} et {format_fr(latest)}.",
            field=label, recheck=lambda other: _recheck(other, label, today, future_years))
    return day


def _recheck(value: object, label: str, today: date, future_years: int) -> None:
    """A field's new value against check_plausible; anything but a date (or none) is still refused."""
    if value is not None and not isinstance(value, date):
        raise ValidationError(f"La date « {label} » est à corriger.", field=label)
    check_plausible(value, label, today=today, future_years=future_years)


def check_order(first: date | None, then: date | None, message: str) -> None:
    """Raise `message` when both dates are set and `then` comes before `first`."""
    if first is not None and then is not None and then < first:
        raise ValidationError(message)


def format_fr(day: date | None) -> str:
    """'14/03/2025', or an empty string."""
    return day.strftime("%d/%m/%Y") if day else ""
