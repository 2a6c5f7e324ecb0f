"""Errors raised when a rule of the domain is broken."""

from collections.abc import Callable
from typing import Any


class DomainError(Exception):
    """A rule was broken. The message is French, free of personal data, and shown to the CMC as is."""


class ValidationError(DomainError):
    """An input value is not acceptable (empty, too long, impossible date…).

    When one field's value is at fault, `field` names it (as its label reads) and `recheck` raises for a value
    that would still be refused: the screen takes the message away as soon as the field is corrected."""

    def __init__(self, message: str, *, field: str | None = None,
                 recheck: Callable[[Any], object] | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.recheck = recheck
