"""Concurrent writes: the GUI thread saving a field while a background task writes, and another process (a
command run meanwhile) writing too. Every service write reads before it writes (the journal's last entry):
with a deferred `BEGIN` about half of such writes failed "database is locked"; with `BEGIN IMMEDIATE` and the
busy timeout, none may."""

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from cmc_desktop.data.models import AgentRow, AuditEventRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import Category, Statut
from cmc_desktop.services import agents
from cmc_desktop.services.agents import AgentInput
from cmc_desktop.services.audit_journal import verify_journal
from cmc_desktop.services.backup import make_backup
from cmc_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE

THREADS, WRITES = 4, 25
BASE = AgentInput(last_name="Concurrent", first_name="Essai", category=Category.B, statut=Statut.TITULAIRE)


def test_concurrent_service_writes_on_two_connections_and_two_stores_never_fail(store: Store, data_dir: Path,
                                                                              no_vault) -> None:
    other_process = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)  # its own engine, as a CLI command has
    workspaces = [Workspace(store), Workspace(store), Workspace(other_process), Workspace(other_process)]
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        ws = workspaces[number]
        start.wait()
        for index in range(WRITES):
            try:
                agent_id = agents.create_agent(ws, replace(BASE, first_name=f"Essai {number}-{index}"))
                agents.update_agent(ws, agent_id, replace(BASE, first_name=f"Essai {number}-{index}",
                                                          fonction="modifiée"))
            except BaseException as error:  # counted, so the test reports them all
                errors.append(error)

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other_process.close()

    assert errors == [], f"{len(errors)} écritures en échec : {sorted({str(e)[:80] for e in errors})}"
    with store.session() as s:
        assert s.execute(select(func.count()).select_from(AgentRow)).scalar_one() == THREADS * WRITES
        codes = list(s.execute(select(AuditEventRow.code)).scalars())
    assert codes.count("agent.created") == THREADS * WRITES and codes.count("agent.updated") == THREADS * WRITES
    assert verify_journal(Workspace(store)).intact  # the chain, written from four threads, has no fork


def test_a_search_does_not_wait_for_a_writer_and_sees_what_was_committed(store: Store, data_dir: Path,
                                                                        no_vault) -> None:
    """The list's search ran in a write transaction: while a long write held the lock (a command, an import),
    each keystroke waited the busy timeout (5 s) and then failed « dossier occupé »."""
    from cmc_desktop.services.agent_search import search_agents_with_total

    ws = Workspace(store)
    agents.create_agent(ws, BASE)
    writer = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    found: list[object] = []
    try:
        with writer.session() as s:  # holds the write lock, with a change not yet committed
            s.execute(update(AgentRow).values(last_name="Pendant"))
            search = threading.Thread(target=lambda: found.append(search_agents_with_total(ws, "")))
            search.start()
            search.join(timeout=3)
            assert not search.is_alive(), "la recherche attend la fin de l'écriture"
    finally:
        writer.close()
    total, lines = found[0]  # type: ignore[misc]
    assert total == 1 and [line.display_name for line in lines] == ["Essai CONCURRENT"]


def test_a_reading_unit_of_work_cannot_write_and_leaves_the_connection_writable(store: Store) -> None:
    """The backup takes two pooled connections straight from the pool: one left read-only by a search failed
    its copy (« la copie n'a pas pu être écrite »)."""
    ws = Workspace(store)
    agent_id = agents.create_agent(ws, BASE)
    with pytest.raises(RuntimeError, match="lecture seule"), store.reading() as s:
        s.execute(update(AgentRow).values(fonction="écrite en lecture"))
    with pytest.raises(RuntimeError, match="lecture seule"), store.reading() as s:
        s.get(AgentRow, agent_id).fonction = "modifiée en lecture"  # type: ignore[union-attr]
    with store.reading() as first, store.reading() as second:  # two pooled connections read
        assert first.connection() is not second.connection()
    make_backup(ws)
    store.checkpoint()
    for _ in range(3):
        agents.update_agent(ws, agent_id, replace(BASE, fonction="modifiée"))
    with store.reading() as s:
        assert s.execute(select(AgentRow.fonction)).scalar_one() == "modifiée"


def test_closing_after_reads_leaves_no_write_ahead_log(store: Store, data_dir: Path) -> None:
    """The reads have connections of their own: left open, they would keep the WAL (and what it holds) beside
    the base once the store is locked."""
    ws = Workspace(store)
    agents.create_agent(ws, BASE)
    with store.reading() as s:
        assert s.execute(select(func.count()).select_from(AgentRow)).scalar_one() == 1
    store.close()
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith("store.db")) == ["store.db"]
