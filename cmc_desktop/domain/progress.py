"""Long work reports its progress step by step, and may be stopped between two steps.

A function that takes long is written as a generator: it yields a `Step` after each part of its work and
returns its result (`Steps[R]`). Whoever runs it (ui/tasks.py off the GUI thread, `run_to_end` elsewhere)
shows the steps and may decide, between two of them, not to go on: the generator is then closed, so its
`finally` and `with` blocks run (a session rolls back) and nothing after the last step is done.
"""

from collections.abc import Generator
from dataclasses import dataclass
from typing import TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class Step:
    """One part done: `percent` of the whole (None when the work cannot measure it) and what comes next."""

    percent: int | None
    text: str = ""


Steps = Generator[Step, None, R]


class Cancelled(Exception):
    """The work was stopped between two of its steps (or before it started): nothing after that step was done."""


def run_to_end(steps: "Steps[R]") -> R:
    """The result of `steps`, run through without stopping (command line, tests, a caller that waits)."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value
