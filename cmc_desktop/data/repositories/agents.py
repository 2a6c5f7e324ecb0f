"""Agents: ORM rows <-> domain objects (the list's search is in agent_list.py)."""

from dataclasses import fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from ...domain.agent import Agent
from ...domain.errors import DomainError
from ..models import AgentRow, ConsentRow, SynthesisRow

# Every field of the domain's Agent is a column of the same name (tests/data/test_agent_mapping.py checks it):
# rows and agents are copied by name, so a new field needs no line here.
_FIELDS = tuple(field.name for field in fields(Agent))
_WRITTEN = tuple(name for name in _FIELDS if name not in ("id", "pseudo_id"))  # set once, at the insert


def to_agent(row: AgentRow) -> Agent:
    return Agent(**{name: getattr(row, name) for name in _FIELDS})


def _row(session: Session, agent_id: int) -> AgentRow:
    row = session.get(AgentRow, agent_id)
    if row is None:
        raise DomainError("Agent introuvable : son dossier a peut-être été supprimé.")
    return row


def get(session: Session, agent_id: int) -> Agent:
    return to_agent(_row(session, agent_id))


def save(session: Session, agent: Agent) -> Agent:
    """Insert (id None) or update the agent (the search index follows by itself); returns it with its id."""
    row = AgentRow(pseudo_id=agent.pseudo_id) if agent.id is None else _row(session, agent.id)
    for name in _WRITTEN:
        setattr(row, name, getattr(agent, name))
    if agent.id is None:
        session.add(row)
    session.flush()
    agent.id = row.id
    return agent


def pseudo_id(session: Session, agent_id: int) -> str:
    """The pseudonymous id the audit journal uses for the agent."""
    return _row(session, agent_id).pseudo_id


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
