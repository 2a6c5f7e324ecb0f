"""The audit journal: intact after normal use, and any row edited outside the application is detected."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from cmc_desktop.data.repositories import audit
from cmc_desktop.domain.audit import AuditCode, entry_hash
from cmc_desktop.services.audit_journal import list_entries, verify_journal
from cmc_desktop.services.workspace import Workspace


def _journal(ws: Workspace, count: int = 5) -> None:
    with ws.store.session() as s:
        for i in range(count):
            audit.append(s, AuditCode.AGENT_OPENED, ws.clock.now() + timedelta(minutes=i), subject=f"AG-0000000{i}")


def _raw(ws: Workspace, sql: str) -> None:
    with ws.store.session() as s:
        s.execute(text(sql))


def test_empty_journal_is_intact(ws: Workspace) -> None:
    status = verify_journal(ws)
    assert (status.count, status.intact, status.first_broken_seq) == (0, True, None)


def test_journal_written_by_the_application_is_intact(ws: Workspace) -> None:
    _journal(ws)
    status = verify_journal(ws)
    assert status.intact and status.count == 5
    assert status.verdict.startswith("Journal d'audit intact : 5 entrée(s)")
    assert [e.subject for e in list_entries(ws, limit=2)] == ["AG-00000003", "AG-00000004"]


@pytest.mark.parametrize(("tampering", "broken_at"), [
    ("UPDATE audit_events SET subject = 'AG-AUTRE001' WHERE seq = 3", 3),
    ("UPDATE audit_events SET code = 'agent.created' WHERE seq = 1", 1),
    ("UPDATE audit_events SET at = '2026-01-01T00:00:00+00:00' WHERE seq = 5", 5),
    ("DELETE FROM audit_events WHERE seq = 2", 3),
    ("UPDATE audit_events SET at = 'pas une date' WHERE seq = 4", 4),
])
def test_a_row_edited_outside_the_application_is_detected(ws: Workspace, tampering: str, broken_at: int) -> None:
    _journal(ws)
    _raw(ws, tampering)
    status = verify_journal(ws)
    assert not status.intact and status.first_broken_seq == broken_at
    assert f"rompue à l'entrée n° {broken_at}" in status.verdict


def test_rehashing_an_edited_row_still_breaks_the_next_link(ws: Workspace) -> None:
    _journal(ws)
    with ws.store.session() as s:
        row = s.execute(text("SELECT prev_hash, seq, at, code, detail FROM audit_events WHERE seq = 2")).one()
    forged = entry_hash(row.prev_hash, 2, datetime.fromisoformat(row.at), row.code, "AG-FORGE001", row.detail)
    _raw(ws, f"UPDATE audit_events SET subject = 'AG-FORGE001', hash = '{forged}' WHERE seq = 2")
    assert verify_journal(ws).first_broken_seq == 3
