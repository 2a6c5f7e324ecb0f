"""The Entretiens view: the list of interviews, the guided editor of an E2, the individual interviews of a BPP."""

from .view import InterviewsView

__all__ = ["InterviewsView"]
