"""The Agents view: the searchable list of agents and each agent's file."""

from .view import AgentsView

__all__ = ["AgentsView"]
