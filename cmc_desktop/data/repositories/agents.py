"""Agents and their search index (FTS5 table `agents_fts`, rowid = agents.id): ORM rows <-> domain objects.

The index holds a normalised copy of the names, fonction and service (`search_body`), so that "helene" and
"hél" find "Hélène" and "oeuvray" finds "Œuvray" — something the FTS5 tokenizer alone does not do.
"""

import re
from typing import Any

from sqlalchemy import Integer, Select, String, column, func, select, table, text
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from ...domain.agent import Agent, AgentState, Category, Statut
from ...domain.errors import DomainError
from ...domain.text import normalise_for_search
from ..models import AgentRow, ConsentRow, SynthesisRow

_FTS = table("agents_fts", column("rowid", Integer), column("body", String))
# Runs of letters and digits: what FTS5's unicode61 tokenizer keeps as tokens; everything else separates them.
_TOKEN = re.compile(r"[^\W_]+")


def _tokens(text_: str) -> list[str]:
    return _TOKEN.findall(normalise_for_search(text_))


def search_body(first_name: str, last_name: str, fonction: str = "", service: str = "") -> str:
    """The indexed text of an agent. It starts with the last name then the first name, normalised, so that
    ordering by it gives the accent-insensitive alphabetical order of the list ("Émile" next to "Eric")."""
    return " ".join(_tokens(" ".join((last_name, first_name, fonction, service))))


def match_expression(query: str) -> str | None:
    """The FTS5 query where every word typed must start a word of the agent's body; None when nothing
    searchable was typed. Tokens hold letters and digits only, each quoted: whatever the CMC types (quotes,
    `*`, `-`, `NEAR(`, `AND`, `col:`) is never read as FTS syntax."""
    return " ".join(f'"{token}"*' for token in _tokens(query)) or None


def to_agent(row: AgentRow) -> Agent:
    return Agent(last_name=row.last_name, first_name=row.first_name, category=row.category, statut=row.statut,
                 fonction=row.fonction, service=row.service, email=row.email, phone=row.phone,
                 date_prise_fonction=row.date_prise_fonction, priority_grounds=row.priority_grounds,
                 referent_handicap_informed_on=row.referent_handicap_informed_on,
                 referent_handicap_associated=row.referent_handicap_associated, state=row.state,
                 accompaniment_ended_on=row.accompaniment_ended_on, private_notes=row.private_notes,
                 id=row.id, pseudo_id=row.pseudo_id)


def _row(session: Session, agent_id: int) -> AgentRow:
    row = session.get(AgentRow, agent_id)
    if row is None:
        raise DomainError("Agent introuvable : son dossier a peut-être été supprimé.")
    return row


def get(session: Session, agent_id: int) -> Agent:
    return to_agent(_row(session, agent_id))


def save(session: Session, agent: Agent) -> Agent:
    """Insert (id None) or update the agent and its search-index entry; returns it with its id."""
    row = AgentRow(pseudo_id=agent.pseudo_id) if agent.id is None else _row(session, agent.id)
    row.last_name, row.first_name = agent.last_name, agent.first_name
    row.category, row.statut = agent.category, agent.statut
    row.fonction, row.service, row.email, row.phone = agent.fonction, agent.service, agent.email, agent.phone
    row.date_prise_fonction, row.priority_grounds = agent.date_prise_fonction, agent.priority_grounds
    row.referent_handicap_informed_on = agent.referent_handicap_informed_on
    row.referent_handicap_associated = agent.referent_handicap_associated
    row.state, row.accompaniment_ended_on = agent.state, agent.accompaniment_ended_on
    row.private_notes = agent.private_notes
    if agent.id is None:
        session.add(row)
    session.flush()
    agent.id = row.id
    _index(session, row.id, search_body(agent.first_name, agent.last_name, agent.fonction, agent.service))
    return agent


def _index(session: Session, agent_id: int, body: str) -> None:
    # Delete then insert: also repairs an agent missing from the index. The table's secure-delete option
    # (migration 0001) keeps a former name from lingering in the index segments.
    held = session.execute(text("SELECT body FROM agents_fts WHERE rowid = :id"), {"id": agent_id}).scalar()
    if held == body:
        return
    session.execute(text("DELETE FROM agents_fts WHERE rowid = :id"), {"id": agent_id})
    session.execute(text("INSERT INTO agents_fts(rowid, body) VALUES (:id, :body)"), {"id": agent_id, "body": body})


def pseudo_id(session: Session, agent_id: int) -> str:
    """The pseudonymous id the audit journal uses for the agent."""
    return _row(session, agent_id).pseudo_id


def _filtered(query: Select, match: str | None, *, priority_only: bool, category: Category | None,
              statut: Statut | None, state: AgentState | None) -> Select:
    if match is not None:
        query = query.where(text("agents_fts MATCH :match").bindparams(match=match))
    if priority_only:
        query = query.where(AgentRow.priority_grounds != frozenset())
    if category is not None:
        query = query.where(AgentRow.category == category)
    if statut is not None:
        query = query.where(AgentRow.statut == statut)
    if state is not None:
        query = query.where(AgentRow.state == state)
    return query


def search(session: Session, match: str | None, *, offset: int, limit: int, priority_only: bool = False,
           category: Category | None = None, statut: Statut | None = None,
           state: AgentState | None = None) -> list[Agent]:
    """One page of the agents matching `match` (see match_expression) and the filters, in alphabetical order."""
    # Outer join: an agent missing from the index still appears in the unfiltered list (last).
    query = select(AgentRow).join(_FTS, _FTS.c.rowid == AgentRow.id, isouter=match is None)
    query = _filtered(query, match, priority_only=priority_only, category=category, statut=statut, state=state)
    query = query.order_by(_FTS.c.body.is_(None), _FTS.c.body, AgentRow.id).offset(max(offset, 0))
    rows = session.execute(query.limit(max(limit, 0))).scalars()
    return [to_agent(row) for row in rows]


def count(session: Session, match: str | None, *, priority_only: bool = False, category: Category | None = None,
          statut: Statut | None = None, state: AgentState | None = None) -> int:
    query = select(func.count()).select_from(AgentRow)
    if match is not None:
        query = query.join(_FTS, _FTS.c.rowid == AgentRow.id)
    query = _filtered(query, match, priority_only=priority_only, category=category, statut=statut, state=state)
    return session.execute(query).scalar_one()


def syntheses(session: Session, agent_id: int) -> list[Row[Any]]:
    """(id, pseudo_id, kind, status, bpp_id) of the agent's documents de synthèse, oldest first; no content."""
    return list(session.execute(
        select(SynthesisRow.id, SynthesisRow.pseudo_id, SynthesisRow.kind, SynthesisRow.status, SynthesisRow.bpp_id)
        .where(SynthesisRow.agent_id == agent_id).order_by(SynthesisRow.id)))


def consents(session: Session, agent_id: int) -> list[Row[Any]]:
    """(synthesis id, synthesis pseudo id, recipient kind, recipient name, scope, given_on, withdrawn_on)."""
    return list(session.execute(
        select(ConsentRow.synthesis_id, SynthesisRow.pseudo_id.label("synthesis_pseudo_id"), ConsentRow.recipient_kind,
               ConsentRow.recipient_name, ConsentRow.scope, ConsentRow.given_on, ConsentRow.withdrawn_on)
        .join(SynthesisRow, SynthesisRow.id == ConsentRow.synthesis_id)
        .where(SynthesisRow.agent_id == agent_id).order_by(ConsentRow.given_on, ConsentRow.id)))
