"""Content-free tombstones: what remains of a purged agent file or a destroyed document de synthèse.

A tombstone holds a kind, a pseudonymous id, dates and a reason code: never a name nor any content. The
tombstones and destruction requests of the current store are what a restore from an older backup re-applies,
so that nothing destroyed since the backup comes back (see restore.restore_backup).

These functions work inside the caller's session, so a destruction and its tombstone commit together.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import delete, null, select, text, type_coerce, update
from sqlalchemy.orm import Session

from ..data.models import AgentRow, DestructionRequestRow, SatisfactionRow, SynthesisRow, TombstoneRow
from ..data.models.base import UtcDateTime
from ..data.repositories import activity


class TombstoneKind(StrEnum):
    AGENT = "dossier_agent"
    SYNTHESIS = "synthese"


class TombstoneReason(StrEnum):
    RETENTION = "conservation"
    AGENT_REQUEST = "demande_agent"
    PROVIDER = "prestataire"  # an external provider may not keep a document it has transmitted
    MISTAKE = "creation_par_erreur"  # a file created by mistake (domain.erasure.ErasureReason)
    MERGE = "fusion"  # a second file of the same person, merged into the first (services.duplicates)

    @property
    def keeps_activity(self) -> bool:
        """Whether the anonymous counts of the work done stay for the indicators: not for a file created by
        mistake, nor for a duplicate whose work now counts under the file it was merged into."""
        return self not in (TombstoneReason.MISTAKE, TombstoneReason.MERGE)

    @property
    def destroys(self) -> bool:
        """A merge records that a pseudonymous id is gone, its content lives on in the kept file: restoring an
        older backup must not delete that backup's copy of the duplicate (it was never merged there)."""
        return self is not TombstoneReason.MERGE


@dataclass(frozen=True)
class Tombstone:
    kind: str
    pseudo_id: str
    destroyed_at: datetime
    reason: str
    created_on: date | None = None
    requested_on: date | None = None
    copies_settled_at: datetime | None = None  # every known copy cleaned (services.copies)


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
                             destroyed_at=tombstone.destroyed_at, reason=str(tombstone.reason),
                             copies_settled_at=tombstone.copies_settled_at))
    session.flush()


def read_ledger(session: Session) -> DestructionLedger:
    """The store's tombstones and destruction requests. Columns are named one by one: a restore reads the ledger
    of the store it replaces, which a crash or a damaged file may have left at an earlier schema revision."""
    t = TombstoneRow
    settled = t.copies_settled_at if _has_column(session, "tombstones", "copies_settled_at") else null()
    tombstones = tuple(
        Tombstone(r.kind, r.pseudo_id, r.destroyed_at, r.reason, r.created_on, r.requested_on, r.settled)
        for r in session.execute(select(t.kind, t.pseudo_id, t.destroyed_at, t.reason, t.created_on,
                                        t.requested_on, type_coerce(settled, UtcDateTime).label("settled"))
                                 .order_by(t.id)))
    d = DestructionRequestRow
    requests = tuple(
        DestructionRecord(r.synthesis_pseudo_id, r.requested_on, r.requested_by, r.carried_out_at)
        for r in session.execute(select(d.synthesis_pseudo_id, d.requested_on, d.requested_by, d.carried_out_at)
                                 .order_by(d.id)))
    return DestructionLedger(tombstones, requests)


def _has_column(session: Session, table: str, column: str) -> bool:
    return any(row[1] == column for row in session.execute(text(f"PRAGMA table_info({table})")))


def remove_agents(session: Session, agent_ids: Collection[int], *, keep_activity: bool = True,
                  now: datetime | None = None) -> None:
    """Delete agents with everything that cascades from them; the schema's triggers take them out of the
    search index (secure-delete: their tokens do not stay in its segments).

    `keep_activity`: the anonymous counts of the work done stay for the indicators (activity records,
    questionnaire scores); a file created by mistake or merged into another leaves none. A destruction still
    pending for one of their documents is settled at `now`.
    """
    if not agent_ids:
        return
    ids = sorted(agent_ids)
    documents = select(SynthesisRow.id).where(SynthesisRow.agent_id.in_(ids))
    session.execute(update(DestructionRequestRow).where(DestructionRequestRow.synthesis_id.in_(documents),
                                                        DestructionRequestRow.carried_out_at.is_(None))
                    .values(carried_out_at=now or datetime.now(UTC)))
    if keep_activity:
        activity.keep(session, ids, (now or datetime.now(UTC)).date())
        # Scores stay for anonymous statistics; a free comment could identify the agent.
        session.execute(update(SatisfactionRow).where(SatisfactionRow.agent_id.in_(ids)).values(comment=""))
    else:
        session.execute(delete(SatisfactionRow).where(SatisfactionRow.agent_id.in_(ids)))
    session.execute(delete(AgentRow).where(AgentRow.id.in_(ids)))


def destroyed_ids(tombstones: Sequence[Tombstone], requests: Sequence[DestructionRecord] = ()
                  ) -> tuple[set[str], set[str]]:
    """Pseudonymous ids of the agent files and documents that the tombstones and carried-out requests destroyed
    (a merge destroys nothing: services.duplicates).

    Pseudo ids carry their kind's prefix (AG-, DS-), so a tombstone of an unknown kind is matched against both
    tables: removing too much is recoverable from the kept store, bringing back destroyed data is not."""
    destroying = [t for t in tombstones if _reason(t.reason).destroys]
    agents = {t.pseudo_id for t in destroying if t.kind != TombstoneKind.SYNTHESIS}
    syntheses = {t.pseudo_id for t in destroying if t.kind != TombstoneKind.AGENT}
    syntheses |= {r.synthesis_pseudo_id for r in requests if r.carried_out_at is not None}
    return agents, syntheses


def _reason(value: str) -> TombstoneReason:
    try:
        return TombstoneReason(value)
    except ValueError:  # a reason written by a later version: read as a destruction, the safe side
        return TombstoneReason.AGENT_REQUEST


def reapply_destructions(session: Session, tombstones: Sequence[Tombstone],
                         requests: Sequence[DestructionRecord] = ()) -> Reapplied:
    """Remove from this (restored) store everything the given tombstones and carried-out requests destroyed,
    and copy the tombstones and requests it does not hold yet."""
    agent_ids, synthesis_ids = destroyed_ids(tombstones, requests)
    without_activity = {t.pseudo_id for t in tombstones if not _reason(t.reason).keeps_activity}
    agents = session.execute(select(AgentRow.id, AgentRow.pseudo_id)
                             .where(AgentRow.pseudo_id.in_(agent_ids))).all()
    remove_agents(session, [row.id for row in agents if row.pseudo_id not in without_activity])
    remove_agents(session, [row.id for row in agents if row.pseudo_id in without_activity], keep_activity=False)
    syntheses = session.execute(select(SynthesisRow.pseudo_id).where(SynthesisRow.pseudo_id.in_(synthesis_ids)))
    removed_syntheses = tuple(sorted(syntheses.scalars()))
    session.execute(delete(SynthesisRow).where(SynthesisRow.pseudo_id.in_(removed_syntheses)))

    held = {(r.kind, r.pseudo_id): r for r in session.execute(select(TombstoneRow)).scalars()}
    written: set[tuple[str, str]] = set()
    for tombstone in tombstones:
        key = (str(tombstone.kind), tombstone.pseudo_id)
        row = held.get(key)
        if row is not None:
            if row.copies_settled_at is None and tombstone.copies_settled_at is not None:
                row.copies_settled_at = tombstone.copies_settled_at  # the copies were cleaned since
        elif key not in written:
            write_tombstone(session, tombstone)
            written.add(key)
    copied = len(written)
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
