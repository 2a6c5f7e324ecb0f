"""Errors raised when a rule of the domain is broken."""


class DomainError(Exception):
    """A rule was broken. The message is French, free of personal data, and shown to the CMC as is."""


class ValidationError(DomainError):
    """An input value is not acceptable (empty, too long, impossible date…)."""
