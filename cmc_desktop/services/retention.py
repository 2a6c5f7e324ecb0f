"""Retention: agent files are kept a set number of months after the accompaniment ends, then purged.

A purge deletes the agent and everything that cascades from it, leaves a content-free tombstone per file
(the same as a destruction), journals the pseudonymous ids, and then reaches every known copy — the WAL, whose
old frames would still hold the deleted content, and every backup (services.copies) — like a destruction.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data.models import AgentRow
from ..data.repositories import audit, settings
from ..data.repositories.erasure import check_erasable
from ..domain.agent import AgentState
from ..domain.audit import AuditCode
from ..domain.copies import CopiesReport
from ..domain.dates import add_months
from ..domain.errors import ValidationError
from ..domain.progress import Steps, run_to_end
from ..domain.text import plural
from .copies import reach_steps
from .tombstones import Tombstone, TombstoneKind, TombstoneReason, remove_agents, write_tombstone
from .workspace import Workspace

RETENTION_SETTING = "retention_months"
DEFAULT_RETENTION_MONTHS = 24
MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS = 1, 120


@dataclass(frozen=True)
class PurgeCandidate:
    agent_id: int
    pseudo_id: str
    ended_on: date
    due_on: date


def retention_months(ws: Workspace) -> int:
    with ws.store.session() as s:
        return _months(s)


def set_retention_months(ws: Workspace, months: int) -> None:
    if not MIN_RETENTION_MONTHS <= months <= MAX_RETENTION_MONTHS:
        raise ValidationError(f"La durée de conservation doit être comprise entre {MIN_RETENTION_MONTHS} et "
                              f"{MAX_RETENTION_MONTHS} mois.")
    with ws.store.session() as s:
        settings.put(s, RETENTION_SETTING, months)


def due_for_purge(ws: Workspace) -> list[PurgeCandidate]:
    """Ended accompaniments whose retention period is over, the longest overdue first."""
    with ws.store.session() as s:
        return _due(s, ws.clock.today())


def purge(ws: Workspace, agent_ids: Collection[int], reason: TombstoneReason = TombstoneReason.RETENTION
          ) -> list[str]:
    """Delete the given agent files, then clean every known copy of them (services.copies: what remains is
    recorded and shown on the tableau de bord); returns their pseudonymous ids."""
    return run_to_end(purge_steps(ws, agent_ids, reason))[0]


def purge_steps(ws: Workspace, agent_ids: Collection[int], reason: TombstoneReason = TombstoneReason.RETENTION
                ) -> Steps[tuple[list[str], CopiesReport | None]]:
    """`purge` with the copies' clean-up in steps, also returning what that clean-up found (None when nothing was
    purged).

    Either every file is purged or none. For the end of the retention period, an id that is unknown or not yet
    due refuses the whole purge; for an erasure (services.erasure: the agent's request, a file created by
    mistake, the end of a provider's mission), a legal hold on one file refuses it (domain.erasure).
    """
    wanted = set(agent_ids)
    if not wanted:
        return [], None
    today, now = ws.clock.today(), ws.clock.now()
    with ws.store.session() as s:
        if reason is TombstoneReason.RETENTION:
            due = {c.agent_id: c for c in _due(s, today)}
            refused = wanted - due.keys()
            if refused:
                verb = ("n'est pas arrivé au terme de sa durée de conservation ou n'existe plus" if len(refused) < 2
                        else "ne sont pas arrivés au terme de leur durée de conservation ou n'existent plus")
                raise ValidationError(f"{plural(len(refused), 'dossier demandé', 'dossiers demandés')} {verb} : "
                                      "rien n'a été supprimé.")
        else:
            check_erasable(s, wanted)
        rows = s.execute(select(AgentRow).where(AgentRow.id.in_(wanted)).order_by(AgentRow.id)).scalars().all()
        purged = []
        for row in rows:
            write_tombstone(s, Tombstone(TombstoneKind.AGENT, row.pseudo_id, now, reason,
                                         created_on=row.created_at.date(), requested_on=today))
            audit.append(s, AuditCode.PURGE, now, subject=row.pseudo_id, detail=str(reason))
            purged.append(row.pseudo_id)
        remove_agents(s, wanted, keep_activity=reason.keeps_activity, now=now)
    return purged, (yield from reach_steps(ws))


def _months(session: Session) -> int:
    return settings.get_int(session, RETENTION_SETTING, DEFAULT_RETENTION_MONTHS,
                            minimum=MIN_RETENTION_MONTHS, maximum=MAX_RETENTION_MONTHS)


def _due(session: Session, today: date) -> list[PurgeCandidate]:
    months = _months(session)
    rows = session.execute(
        select(AgentRow.id, AgentRow.pseudo_id, AgentRow.accompaniment_ended_on)
        .where(AgentRow.state == AgentState.TERMINE, AgentRow.accompaniment_ended_on.is_not(None))
        .order_by(AgentRow.accompaniment_ended_on, AgentRow.id)).all()
    candidates = [PurgeCandidate(r.id, r.pseudo_id, r.accompaniment_ended_on,
                                 add_months(r.accompaniment_ended_on, months)) for r in rows]
    return [c for c in candidates if c.due_on <= today]
