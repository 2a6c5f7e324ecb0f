"""Content-free tombstones: what remains of a purged agent file or a destroyed document de synthèse.

A tombstone holds a kind, a pseudonymous id, dates and a reason code: never a name nor any content. The
tombstones and destruction requests of the current store are what a restore from an older backup re-applies,
so that nothing destroyed since the backup comes back (see backup.restore_backup).

These functions work inside the caller's session, so a destruction and its tombstone commit together.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..data.models import AgentRow, DestructionRequestRow, SatisfactionRow, SynthesisRow, TombstoneRow


class TombstoneKind(StrEnum):
    AGENT = "dossier_agent"
    SYNTHESIS = "synthese"


class TombstoneReason(StrEnum):
    RETENTION = "conservation"
    AGENT_REQUEST = "demande_agent"
    PROVIDER = "prestataire"  # an external provider may not keep a document it has transmitted


@dataclass(frozen=True)
class Tombstone:
    kind: str
    pseudo_id: str
    destroyed_at: datetime
    reason: str
    created_on: date | None = None
    requested_on: date | None = None


@dataclass(frozen=True)
class DestructionRecord:
    """A destruction request as kept in `destruction_requests`, without its link to the document."""

    synthesis_pseudo_id: str
    requested_on: date
    requested_by: str
    carried_out_at: datetime | None


@dataclass(frozen=True)
class DestructionLedger:
    tombstones: tuple[Tombstone, ...] = ()
    requests: tuple[DestructionRecord, ...] = ()


@dataclass(frozen=True)
class Reapplied:
    """What a restore removed or copied so that the restored store honours every recorded destruction."""

    agents_removed: tuple[str, ...] = ()
    syntheses_removed: tuple[str, ...] = ()
    tombstones_copied: int = 0
    requests_copied: int = 0


def write_tombstone(session: Session, tombstone: Tombstone) -> None:
    session.add(TombstoneRow(kind=str(tombstone.kind), pseudo_id=tombstone.pseudo_id,
                             created_on=tombstone.created_on, requested_on=tombstone.requested_on,
                             destroyed_at=tombstone.destroyed_at, reason=str(tombstone.reason)))
    session.flush()


def read_ledger(session: Session) -> DestructionLedger:
    tombstones = tuple(
        Tombstone(r.kind, r.pseudo_id, r.destroyed_at, r.reason, r.created_on, r.requested_on)
        for r in session.execute(select(TombstoneRow).order_by(TombstoneRow.id)).scalars())
    requests = tuple(
        DestructionRecord(r.synthesis_pseudo_id, r.requested_on, r.requested_by, r.carried_out_at)
        for r in session.execute(select(DestructionRequestRow).order_by(DestructionRequestRow.id)).scalars())
    return DestructionLedger(tombstones, requests)


def remove_agents(session: Session, agent_ids: Collection[int]) -> None:
    """Delete agents with everything that cascades from them; the schema's triggers take them out of the
    search index (secure-delete: their tokens do not stay in its segments)."""
    if not agent_ids:
        return
    ids = sorted(agent_ids)
    # Scores stay for anonymous statistics; a free comment could identify the agent.
    session.execute(update(SatisfactionRow).where(SatisfactionRow.agent_id.in_(ids)).values(comment=""))
    session.execute(delete(AgentRow).where(AgentRow.id.in_(ids)))


def reapply_destructions(session: Session, tombstones: Sequence[Tombstone],
                         requests: Sequence[DestructionRecord] = ()) -> Reapplied:
    """Remove from this (restored) store everything the given tombstones and carried-out requests destroyed,
    and copy the tombstones and requests it does not hold yet."""
    agent_ids = {t.pseudo_id for t in tombstones if t.kind != TombstoneKind.SYNTHESIS}
    synthesis_ids = {t.pseudo_id for t in tombstones if t.kind != TombstoneKind.AGENT}
    # Pseudo ids carry their kind's prefix (AG-, DS-), so a tombstone of an unknown kind is matched against
    # both tables: removing too much is recoverable from the kept store, bringing back destroyed data is not.
    synthesis_ids |= {r.synthesis_pseudo_id for r in requests if r.carried_out_at is not None}

    agents = session.execute(select(AgentRow.id, AgentRow.pseudo_id)
                             .where(AgentRow.pseudo_id.in_(agent_ids))).all()
    remove_agents(session, [row.id for row in agents])
    syntheses = session.execute(select(SynthesisRow.pseudo_id).where(SynthesisRow.pseudo_id.in_(synthesis_ids)))
    removed_syntheses = tuple(sorted(syntheses.scalars()))
    session.execute(delete(SynthesisRow).where(SynthesisRow.pseudo_id.in_(removed_syntheses)))

    held = {(r.kind, r.pseudo_id) for r in session.execute(select(TombstoneRow)).scalars()}
    copied = 0
    for tombstone in tombstones:
        if (str(tombstone.kind), tombstone.pseudo_id) not in held:
            write_tombstone(session, tombstone)
            held.add((str(tombstone.kind), tombstone.pseudo_id))
            copied += 1
    return Reapplied(tuple(sorted(row.pseudo_id for row in agents)), removed_syntheses, copied,
                     _copy_requests(session, requests))


def _copy_requests(session: Session, requests: Sequence[DestructionRecord]) -> int:
    held = {(r.synthesis_pseudo_id, r.requested_on)
            for r in session.execute(select(DestructionRequestRow)).scalars()}
    copied = 0
    for record in requests:
        if (record.synthesis_pseudo_id, record.requested_on) in held:
            continue
        # A request still pending points again at its document, so it stays visible and can be carried out.
        target = session.execute(select(SynthesisRow.id)
                                 .where(SynthesisRow.pseudo_id == record.synthesis_pseudo_id)).scalar()
        session.add(DestructionRequestRow(synthesis_id=target, synthesis_pseudo_id=record.synthesis_pseudo_id,
                                          requested_on=record.requested_on, requested_by=record.requested_by,
                                          carried_out_at=record.carried_out_at))
        held.add((record.synthesis_pseudo_id, record.requested_on))
        copied += 1
    session.flush()
    return copied
