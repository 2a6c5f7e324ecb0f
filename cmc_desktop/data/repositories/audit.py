"""Appending to and reading the hash-chained audit journal, and its inside anchor (domain/journal_anchor.py).

The inside anchor is a store setting rewritten by every append, in the caller's transaction: it can never be
behind the chain. It carries no MAC of its own: whoever can change it can decrypt the store, and SQLCipher already
authenticates every page against anyone who cannot; the outside anchor (data/journal_anchor.py) is the one that
must stand on its own.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.audit import GENESIS, AuditCode, AuditEntry, entry_hash, find_break
from ...domain.journal_anchor import Inside, Point
from .. import journal_anchor
from ..models import AuditEventRow
from . import settings

ANCHOR_SETTING = "audit_anchor"


def append(session: Session, code: AuditCode, at: datetime, subject: str = "", detail: str = "") -> None:
    """Record a sensitive action in the caller's transaction (so it is journaled iff it happened)."""
    last = session.execute(select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(1)).scalar()
    seq = last.seq + 1 if last else 1
    prev = last.hash if last else GENESIS
    inside = journal_anchor.settle_before_append(
        session, read_inside(session), seq - 1, lambda n: prev if n == seq - 1 else hash_at(session, n))
    at = at.astimezone(UTC)
    digest = entry_hash(prev, seq, at, str(code), subject, detail)
    session.add(AuditEventRow(seq=seq, at=at, code=str(code), subject=subject, detail=detail, prev_hash=prev,
                              hash=digest))
    write_inside(session, Inside(seq, digest, inside.floor if inside else 0, inside.replaced if inside else None))
    journal_anchor.note_appended(session, Point(seq, digest))
    session.flush()


def hash_at(session: Session, seq: int) -> str | None:
    return session.execute(select(AuditEventRow.hash).where(AuditEventRow.seq == seq)).scalar()


def read_inside(session: Session) -> Inside | None:
    value: Any = settings.get_json(session, ANCHOR_SETTING)
    try:
        replaced = value.get("replaced")
        return Inside(int(value["count"]), str(value["head"]), int(value.get("floor", 0)),
                      Point(int(replaced[0]), str(replaced[1])) if replaced else None)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        return None  # absent, or edited into something else: both are findings of the check


def write_inside(session: Session, inside: Inside) -> None:
    replaced = [inside.replaced.count, inside.replaced.head] if inside.replaced else None
    settings.put(session, ANCHOR_SETTING, {"count": inside.count, "head": inside.head, "floor": inside.floor,
                                           "replaced": replaced})


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
