"""Timing helpers and the figure format: every measure is reported with its baseline from the same run."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    section: str
    name: str
    value: float
    unit: str  # "ms", "s", "MiB"
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""  # e.g. "≤ 2× ; < 16 ms"
    met: bool | None = None  # None: no target for this line
    paired: float | None = None  # the median of the ratios of runs made in pairs (start-up), when measured so

    @property
    def ratio(self) -> float | None:
        if self.paired is not None:
            return self.paired
        return None if not self.baseline else self.value / self.baseline


def median_seconds(work: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(works: list[Callable[[], object]], repeat: int, warmup: int = 1) -> list[float]:
    """Median time of each work, the works taking turns so that a slow patch of the machine hits all alike."""
    for work in works:
        for _ in range(warmup):
            work()
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeat):
        for index, work in enumerate(works):
            start = time.perf_counter()
            work()
            times[index].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]
