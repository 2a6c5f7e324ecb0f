"""The figures of an indicator report and how each is published.

Every figure keeps its exact value for the CMC's own screen and knows how it is published: a count below
SMALL_CELL is shown as "< 5", and a share, median or mean computed on such a count is masked too, so that
no agent can be singled out in an exported report. A share is also masked when the rest of its whole is small
(87,5 % of 8 says that 1 agent is left out).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .dates import format_fr
from .errors import ValidationError

SMALL_CELL = 5
SMALL_CELL_TEXT = "< 5"
MASKED_TEXT = "masqué"


def _decimal(value: float) -> str:
    """One decimal, rounded half up as a spreadsheet would (56,25 -> 56,3), French comma, no trailing ',0'."""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return str(rounded).removesuffix(".0").replace(".", ",")


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(f"La période est inversée : la fin ({format_fr(self.end)}) précède le début "
                                  f"({format_fr(self.start)}).")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        return f"du {format_fr(self.start)} au {format_fr(self.end)}"


@dataclass(frozen=True)
class Count:
    """A number of agents or events; `masked` when publishing it would reveal a small count elsewhere."""

    value: int
    masked: bool = False

    @property
    def suppressed(self) -> bool:
        return self.masked or self.value < SMALL_CELL

    @property
    def text(self) -> str:
        if self.value < SMALL_CELL:
            return SMALL_CELL_TEXT
        return MASKED_TEXT if self.masked else str(self.value)


@dataclass(frozen=True)
class Share:
    """part / whole, masked when either count is, or when the rest (whole - part) is a small non-empty group.

    A rest of zero stays published: an empty group singles nobody out, and 100 % is the target of outil F.
    """

    part: Count
    whole: Count

    @property
    def ratio(self) -> float | None:
        return self.part.value / self.whole.value if self.whole.value else None

    @property
    def suppressed(self) -> bool:
        rest = self.whole.value - self.part.value
        return self.part.suppressed or self.whole.suppressed or 0 < rest < SMALL_CELL

    @property
    def text(self) -> str:
        ratio = self.ratio
        if self.suppressed or ratio is None:
            return MASKED_TEXT
        return _decimal(100 * ratio)


@dataclass(frozen=True)
class Statistic:
    """A median or a mean, with the number of values it was computed on."""

    value: float | None
    basis: Count

    @property
    def suppressed(self) -> bool:
        return self.basis.suppressed

    @property
    def text(self) -> str:
        return MASKED_TEXT if self.suppressed or self.value is None else _decimal(self.value)


@dataclass(frozen=True)
class Bar:
    """One count of a chart: a short label under the bar, a caption for tables and exports."""

    label: str
    count: Count
    caption: str = ""

    def __post_init__(self) -> None:
        if not self.caption:
            object.__setattr__(self, "caption", self.label)
