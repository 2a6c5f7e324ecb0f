"""Agents and demandes written straight into the store, built from validated domain objects."""

from dataclasses import asdict
from datetime import date

from cmc_desktop.data.models import AgentRow, DemandeRow
from cmc_desktop.domain.agent import Agent
from cmc_desktop.domain.demande import Decision, Demande, Report, ReportReason
from cmc_desktop.services.workspace import Workspace


def make_agent(ws: Workspace, last_name: str, first_name: str = "Camille") -> int:
    agent = Agent(last_name, first_name).validated(ws.clock.today())
    fields = {k: v for k, v in asdict(agent).items() if k != "id"}
    with ws.store.session() as s:
        row = AgentRow(**fields)
        s.add(row)
        s.flush()
        return row.id


def make_demande(ws: Workspace, agent_id: int, decision: Decision = Decision.ACCORD,
                 request_date: date = date(2026, 10, 1), reason: str = "") -> int:
    """A demande decided on 15/10/2026 (EN_ATTENTE leaves it undecided)."""
    today = ws.clock.today()
    demande = Demande(agent_id, request_date).validated(today)
    if decision is not Decision.EN_ATTENTE:
        report = Report(ReportReason.ECHEANCE, date(2026, 10, 14), date(2027, 1, 15))
        demande.decide(decision, date(2026, 10, 15), reason=reason, report=report, today=today)
    fields = {k: v for k, v in asdict(demande).items() if k != "id"}
    with ws.store.session() as s:
        row = DemandeRow(**fields)
        s.add(row)
        s.flush()
        return row.id


def accepted_agent(ws: Workspace, last_name: str, first_name: str = "Camille") -> tuple[int, int]:
    """(agent id, id of an accepted demande)."""
    agent_id = make_agent(ws, last_name, first_name)
    return agent_id, make_demande(ws, agent_id)
