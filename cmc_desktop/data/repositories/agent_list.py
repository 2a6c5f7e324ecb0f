"""The agents list's search through the index the schema keeps (data/search_index.py: FTS5 table `agents_fts`,
rowid = agents.id, written by triggers on `agents`).

Plain SQL on the session's connection, and no ORM mapping: the list is the first view of many start-ups, and
importing the mapped classes (data/models, ~60 ms) is then left until after the window has its content.
"""

from enum import Enum
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from ...domain.agent import AgentState, Category, Statut
from ..search_index import tokens


def match_expression(query: str) -> str | None:
    """The FTS5 query where every word typed must start a word of the agent's body; None when nothing
    searchable was typed. Tokens hold letters and digits only, each quoted: whatever the CMC types (quotes,
    `*`, `-`, `NEAR(`, `AND`, `col:`) is never read as FTS syntax."""
    return " ".join(f'"{token}"*' for token in tokens(query)) or None


class ListLine(NamedTuple):
    """The columns of a line of the agents list (never the private notes nor the contact details)."""

    id: int
    pseudo_id: str
    last_name: str
    first_name: str
    category: Category | None
    statut: Statut
    service: str
    priority: bool
    state: AgentState


def _members(enum: type[Enum]) -> dict[str, Any]:
    return {str(member.value): member for member in enum}


# Search runs at every keystroke: its SQL is written out and sent as is. Built and compiled by SQLAlchemy at
# each call, with each value converted by the column types, it took twice as long as the query itself.
# Stored forms (models/base.py): an enum is its value as text, a set of priority grounds "" when empty.
_CATEGORY, _STATUT, _STATE = _members(Category), _members(Statut), _members(AgentState)
_LINE_COLUMNS = ("agents.id, agents.pseudo_id, agents.last_name, agents.first_name, agents.category, agents.statut, "
                 "agents.service, agents.priority_grounds != '', agents.state")


def _where(match: str | None, priority_only: bool, category: Category | None, statut: Statut | None,
           state: AgentState | None) -> tuple[str, list[str]]:
    conditions, params = [], []
    if match is not None:
        conditions.append("agents_fts MATCH ?")
        params.append(match)
    if priority_only:
        conditions.append("agents.priority_grounds != ''")
    for name, value in (("category", category), ("statut", statut), ("state", state)):
        if value is not None:
            conditions.append(f"agents.{name} = ?")
            params.append(str(value.value))
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


def search(session: Session, match: str | None, *, offset: int, limit: int, priority_only: bool = False,
           category: Category | None = None, statut: Statut | None = None,
           state: AgentState | None = None) -> list[ListLine]:
    """One page of the agents matching `match` (see match_expression) and the filters, in alphabetical order."""
    where, params = _where(match, priority_only, category, statut, state)
    # Outer join: an agent missing from the index still appears in the unfiltered list (last).
    join = "JOIN" if match is not None else "LEFT OUTER JOIN"
    rows = session.connection().exec_driver_sql(
        f"SELECT {_LINE_COLUMNS} FROM agents {join} agents_fts ON agents_fts.rowid = agents.id{where} "
        "ORDER BY agents_fts.body IS NULL, agents_fts.body, agents.id LIMIT ? OFFSET ?",
        (*params, max(limit, 0), max(offset, 0))).all()  # one fetch: row by row cost as much as the query
    return [ListLine(id_, pseudo, last, first, None if cat is None else _CATEGORY[cat], _STATUT[stat], service,
                     bool(priority), _STATE[st])
            for id_, pseudo, last, first, cat, stat, service, priority, st in rows]


def count(session: Session, match: str | None, *, priority_only: bool = False, category: Category | None = None,
          statut: Statut | None = None, state: AgentState | None = None) -> int:
    where, params = _where(match, priority_only, category, statut, state)
    join = " JOIN agents_fts ON agents_fts.rowid = agents.id" if match is not None else ""
    return session.connection().exec_driver_sql(f"SELECT count(*) FROM agents{join}{where}", tuple(params)).scalar_one()
