"""Time as the rules see it: injected, so tests and deadlines do not depend on the machine's clock."""

from datetime import UTC, date, datetime


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now().date()


class FixedClock(Clock):
    """A clock that only moves when told to."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self._now += timedelta(**delta)
