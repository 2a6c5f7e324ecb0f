"""The search of the agents list: what each keystroke reads (the list's lines only, never the notes).

Apart from the agents' other use cases (services/agents.py): the list, the first view of many start-ups, imports
only this, and reads without the ORM's mapping (data/repositories/agent_list.py); the file's demandes, interviews
and accompaniments load with the first file opened.
"""

from dataclasses import dataclass
from typing import NamedTuple

from ..data.repositories import agent_list
from ..domain.agent import AgentState, Category, Statut, person_name
from .workspace import Workspace


@dataclass(frozen=True)
class AgentFilters:
    priority_only: bool = False
    category: Category | None = None
    statut: Statut | None = None
    state: AgentState | None = None


class AgentSummary(NamedTuple):
    """A line of the list of agents (a named tuple: the list makes 200 of them at each keystroke, and a frozen
    dataclass's were a tenth of the search)."""

    id: int
    pseudo_id: str
    display_name: str
    """« Prénom NOM » (list_name)."""
    category: Category | None
    statut: Statut
    service: str
    priority: bool
    state: AgentState


def list_name(last_name: str, first_name: str) -> str:
    """« Prénom NOM », the one order of names everywhere, lists included (they stay sorted by the last name)."""
    return person_name(first_name, last_name)


def search_agents(ws: Workspace, query: str, filters: AgentFilters = AgentFilters(), offset: int = 0,
                  limit: int = 100) -> list[AgentSummary]:
    """One page of the agents whose names, fonction or service have words starting with every word of
    `query`, ignoring accents and case ("hél" and "helene" find Hélène); an empty query lists everyone.
    Ordered by last name, then first name."""
    with ws.store.reading() as s:
        found = agent_list.search(s, agent_list.match_expression(query), offset=offset, limit=limit,
                                  priority_only=filters.priority_only, category=filters.category,
                                  statut=filters.statut, state=filters.state)
    return _summaries(found)


def count_agents(ws: Workspace, query: str, filters: AgentFilters = AgentFilters()) -> int:
    """How many agents search_agents finds in all its pages."""
    with ws.store.reading() as s:
        return agent_list.count(s, agent_list.match_expression(query), priority_only=filters.priority_only,
                                category=filters.category, statut=filters.statut, state=filters.state)


def search_agents_with_total(ws: Workspace, query: str, filters: AgentFilters = AgentFilters(),
                             limit: int = 100) -> tuple[int, list[AgentSummary]]:
    """count_agents and the first page of search_agents, read in one transaction (the list at each keystroke)."""
    match, f = agent_list.match_expression(query), filters
    with ws.store.reading() as s:
        total = agent_list.count(s, match, priority_only=f.priority_only, category=f.category, statut=f.statut,
                                 state=f.state)
        found = agent_list.search(s, match, offset=0, limit=limit, priority_only=f.priority_only,
                                  category=f.category, statut=f.statut, state=f.state)
    return total, _summaries(found)


def _summaries(found: list[agent_list.ListLine]) -> list[AgentSummary]:
    return [AgentSummary(id=a.id, pseudo_id=a.pseudo_id, display_name=list_name(a.last_name, a.first_name),
                         category=a.category, statut=a.statut, service=a.service, priority=a.priority, state=a.state)
            for a in found]
