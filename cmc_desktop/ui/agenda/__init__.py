"""The Agenda view."""

from .view import AgendaView

__all__ = ["AgendaView"]
