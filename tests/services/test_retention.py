"""Retention: which files are due, and a purge that leaves tombstones and no content anywhere in the store."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from cmc_desktop.data.models import (
    AgentRow,
    ConsentRow,
    DemandeRow,
    InterviewRow,
    SynthesisFieldRow,
    SynthesisRow,
    SynthesisVersionRow,
    TombstoneRow,
)
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.services import retention
from cmc_desktop.services.audit_journal import list_entries, verify_journal
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER

from .helpers import plaintext_hits, seed_agent

TODAY = date(2026, 11, 16)  # the `ws` fixture's clock


def test_default_period_is_24_months_and_configurable(ws: Workspace) -> None:
    assert retention.retention_months(ws) == 24
    retention.set_retention_months(ws, 36)
    assert retention.retention_months(ws) == 36
    with pytest.raises(ValidationError, match="entre 1 et 120 mois"):
        retention.set_retention_months(ws, 0)
    assert retention.retention_months(ws) == 36


def test_due_lists_ended_accompaniments_past_the_period(ws: Workspace) -> None:
    overdue = seed_agent(ws.store, "AG-ANCIEN01", "Ancien", ended_on=date(2024, 1, 10))
    seed_agent(ws.store, "AG-ECHEANCE", "Echeance", ended_on=date(2024, 11, 16))  # due exactly today
    seed_agent(ws.store, "AG-RECENT01", "Recent", ended_on=date(2025, 6, 1))
    seed_agent(ws.store, "AG-ENCOURS1", "EnCours")
    due = retention.due_for_purge(ws)
    assert [(c.pseudo_id, c.ended_on, c.due_on) for c in due] == [
        ("AG-ANCIEN01", date(2024, 1, 10), date(2026, 1, 10)),
        ("AG-ECHEANCE", date(2024, 11, 16), TODAY),
    ]
    assert due[0].agent_id == overdue
    retention.set_retention_months(ws, 12)
    assert "AG-RECENT01" in [c.pseudo_id for c in retention.due_for_purge(ws)]


def test_a_reopened_accompaniment_is_not_due(ws: Workspace) -> None:
    agent_id = seed_agent(ws.store, "AG-REPRIS01", "Repris", ended_on=date(2020, 1, 1))
    with ws.store.session() as s:
        s.execute(text("UPDATE agents SET state = 'actif' WHERE id = :id"), {"id": agent_id})
    assert retention.due_for_purge(ws) == []


def _count(ws: Workspace, model: type) -> int:
    with ws.store.session() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_purge_removes_everything_and_leaves_content_free_tombstones(ws: Workspace, data_dir: Path) -> None:
    purged_id = seed_agent(ws.store, "AG-PURGE001", MARKER, ended_on=date(2023, 5, 2))
    seed_agent(ws.store, "AG-GARDE001", "Conservé")
    ws.store.checkpoint()
    assert plaintext_hits(data_dir / "store.db", ws.store.raw_key, MARKER) > 0  # the check can see content

    assert retention.purge(ws, [purged_id]) == ["AG-PURGE001"]

    for model in (AgentRow, DemandeRow, InterviewRow, SynthesisRow, SynthesisFieldRow, SynthesisVersionRow,
                  ConsentRow):
        assert _count(ws, model) == 1, model.__tablename__
    with ws.store.session() as s:
        tombstone = s.execute(select(TombstoneRow)).scalar_one()
        fts_rows = s.execute(text("SELECT count(*) FROM agents_fts WHERE agents_fts MATCH 'quastenbruck'")).scalar()
    assert (tombstone.kind, tombstone.pseudo_id, tombstone.reason) == ("dossier_agent", "AG-PURGE001", "conservation")
    assert tombstone.requested_on == TODAY and tombstone.created_on is not None
    assert fts_rows == 0
    purges = [e for e in list_entries(ws) if e.code == AuditCode.PURGE]
    assert [(e.subject, e.detail) for e in purges] == [("AG-PURGE001", "conservation")]
    assert verify_journal(ws).intact

    # No WAL frame and no free page of the database still holds the purged content.
    assert (data_dir / "store.db-wal").stat().st_size == 0
    assert plaintext_hits(data_dir / "store.db", ws.store.raw_key, MARKER) == 0
    assert plaintext_hits(data_dir / "store.db", ws.store.raw_key, "Conservé") > 0


def test_purge_of_a_file_not_due_refuses_everything(ws: Workspace) -> None:
    due = seed_agent(ws.store, "AG-ECHU0001", "Echu", ended_on=date(2022, 1, 1))
    recent = seed_agent(ws.store, "AG-RECENT01", "Recent", ended_on=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="rien n'a été supprimé"):
        retention.purge(ws, [due, recent])
    with pytest.raises(ValidationError):
        retention.purge(ws, [9999])
    assert _count(ws, AgentRow) == 2 and _count(ws, TombstoneRow) == 0
    assert retention.purge(ws, []) == []
