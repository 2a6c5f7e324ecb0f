"""Appending to and reading the hash-chained audit journal."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.audit import GENESIS, AuditCode, AuditEntry, entry_hash, find_break
from ..models import AuditEventRow


def append(session: Session, code: AuditCode, at: datetime, subject: str = "", detail: str = "") -> None:
    """Record a sensitive action in the caller's transaction (so it is journaled iff it happened)."""
    last = session.execute(select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(1)).scalar()
    seq = last.seq + 1 if last else 1
    prev = last.hash if last else GENESIS
    at = at.astimezone(UTC)
    session.add(AuditEventRow(seq=seq, at=at, code=str(code), subject=subject, detail=detail, prev_hash=prev,
                              hash=entry_hash(prev, seq, at, str(code), subject, detail)))
    session.flush()


def entries(session: Session, limit: int | None = None) -> list[AuditEntry]:
    query = select(AuditEventRow).order_by(AuditEventRow.seq)
    if limit is not None:
        query = select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(limit)
    rows = session.execute(query).scalars().all()
    result = [AuditEntry(r.seq, r.at, r.code, r.subject, r.detail, r.prev_hash, r.hash) for r in rows]
    return sorted(result, key=lambda e: e.seq)


def verify(session: Session) -> tuple[int, int | None]:
    """(number of entries, first broken sequence number or None)."""
    all_entries = entries(session)
    return len(all_entries), find_break(all_entries)
