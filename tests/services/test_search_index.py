"""The search index is kept by the schema (data/search_index.py): after every kind of write — the services, raw
ORM and bulk inserts, a rename, a purge, a restore re-applying a purge — it holds exactly the normalised text of
every agent, and a purged or renamed name leaves nothing in the index's pages."""

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import insert, text

from cmc_desktop.data import engine as db
from cmc_desktop.data import search_index
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import AgentState, Statut
from cmc_desktop.services import backup, restore, retention
from cmc_desktop.services.agent_search import count_agents, search_agents
from cmc_desktop.services.agents import AgentInput, create_agent, end_accompaniment, get_agent, update_agent
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER, PASSPHRASE

from .helpers import decrypted_pages, seed_agent


def index_of(store: Store) -> dict[int, str]:
    with store.session() as s:
        return {rowid: body for rowid, body in s.execute(text("SELECT rowid, body FROM agents_fts"))}


def expected_index(store: Store) -> dict[int, str]:
    """What the index must hold: each agent's searched fields, normalised — recomputed in Python."""
    columns = ", ".join(search_index.AGENT_FIELDS)
    with store.session() as s:
        rows = s.execute(text(f"SELECT id, {columns} FROM agents"))
        return {row[0]: search_index.search_text(*row[1:]) for row in rows}


def assert_index_in_step(store: Store) -> None:
    assert index_of(store) == expected_index(store)


def names(ws: Workspace, query: str) -> list[str]:
    return [a.display_name for a in search_agents(ws, query)]


def test_the_index_follows_every_kind_of_write(ws: Workspace) -> None:
    helene = create_agent(ws, AgentInput("Lefèvre", "Hélène", fonction="Gestionnaire RH", service="Rectorat"))
    assert index_of(ws.store) == {helene: "lefevre helene gestionnaire rh rectorat"}

    for field_name, value, query, shown in [("last_name", "Œuvray", "oeuvray hel", "Hélène ŒUVRAY"),
                                            ("first_name", "Noël", "noel oeu", "Noël ŒUVRAY"),
                                            ("fonction", "Inspectrice", "inspec", "Noël ŒUVRAY"),
                                            ("service", "Préfecture", "prefec", "Noël ŒUVRAY")]:
        update_agent(ws, helene, replace(AgentInput.of(get_agent(ws, helene)), **{field_name: value}))
        assert_index_in_step(ws.store)
        assert names(ws, query) == [shown], field_name
    assert names(ws, "lefevre") == names(ws, "gestionnaire") == names(ws, "rectorat") == []

    before = index_of(ws.store)
    update_agent(ws, helene, replace(AgentInput.of(get_agent(ws, helene)), phone="01 02 03 04 05"))
    end_accompaniment(ws, helene, date(2026, 11, 1))  # state and date: not searched
    assert index_of(ws.store) == before

    seeded = seed_agent(ws.store, "AG-ORM00001", "Brûlé")  # an ORM row written straight, as tests do
    with ws.store.session() as s:  # bulk insert, as the benchmark's generator does
        s.execute(insert(AgentRow), [{"pseudo_id": f"AG-BULK{i:04d}", "last_name": f"Lot{i}", "first_name": "Zoé",
                                      "statut": Statut.TITULAIRE, "state": AgentState.ACTIF} for i in range(3)])
        s.execute(text("UPDATE agents SET first_name = 'Zoë' WHERE pseudo_id = 'AG-BULK0001'"))  # raw SQL
    assert_index_in_step(ws.store)
    assert names(ws, "brule") == ["Prénom BRÛLÉ"] and count_agents(ws, "lot zoe") == 3

    with ws.store.session() as s:
        s.execute(text("DELETE FROM agents WHERE id = :id"), {"id": seeded})
    assert_index_in_step(ws.store)
    assert names(ws, "brule") == [] and len(index_of(ws.store)) == 4


def test_purge_and_restore_take_agents_out_of_the_index(ws: Workspace, data_dir: Path, no_vault) -> None:
    purged = seed_agent(ws.store, "AG-PURGE001", "Quastenbrück", ended_on=date(2020, 1, 1))
    kept = seed_agent(ws.store, "AG-GARDE001", "Conservé")
    info = backup.make_backup(ws)
    retention.purge(ws, [purged])
    assert index_of(ws.store).keys() == {kept}
    assert_index_in_step(ws.store)
    ws.store.close()

    # The backup still holds the purged agent: the restore re-applies the purge, the triggers follow.
    restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)
    restored = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        assert index_of(restored).keys() == {kept}
        assert_index_in_step(restored)
        assert [a.display_name for a in search_agents(Workspace(restored), "quasten")] == []
    finally:
        restored.close()


def index_pages_hold(store: Store, needle: bytes) -> int:
    """Decrypted pages (free pages included) of the store holding `needle`, once the WAL is folded in."""
    store.checkpoint()
    return sum(needle in page for page in decrypted_pages(store.paths.db, store.raw_key))


@pytest.mark.parametrize("how", ["purge", "rename"])
def test_a_purged_or_renamed_name_leaves_no_trace_in_the_index_pages(ws: Workspace, how: str) -> None:
    """The marker's normalised token exists only in the index (the table keeps the name as typed): with
    secure-delete, the deleted entry's token is gone from every page, shadow tables and free pages included."""
    token = search_index.tokens(MARKER)[1].encode()  # « quastenbruck »: the index's form, not the typed one
    for i in range(300):  # enough entries for the index to span several pages and merge its segments
        create_agent(ws, AgentInput(f"Nom{i}", "Prénom", service=f"Service {i % 17}"))
    target = create_agent(ws, AgentInput(MARKER.split()[1], MARKER.split()[0], fonction="Chargée de mission"))
    for i in range(20):
        create_agent(ws, AgentInput(f"Après{i}", "Camille"))
    assert index_pages_hold(ws.store, token) > 0  # the check can see it

    if how == "purge":
        end_accompaniment(ws, target, date(2020, 1, 1))
        retention.purge(ws, [target])
    else:
        update_agent(ws, target, replace(AgentInput.of(get_agent(ws, target)), last_name="Martin"))

    assert index_pages_hold(ws.store, token) == 0
    assert (ws.store.paths.root / "store.db-wal").stat().st_size == 0
    assert_index_in_step(ws.store)


def test_a_connection_without_the_index_function_cannot_write_an_agent(store: Store) -> None:
    """Never a silent gap in the index: a writer that does not compute it is refused."""
    conn = sqlcipher3.connect(str(store.paths.db))
    conn.execute(f"PRAGMA key = \"x'{store.raw_key.hex()}'\"")
    try:
        with pytest.raises(sqlcipher3.OperationalError, match="no such function: search_text"):
            conn.execute("INSERT INTO agents (pseudo_id, last_name, first_name, statut, state, created_at, "
                         "updated_at) VALUES ('AG-X', 'Nom', 'Prénom', 'titulaire', 'actif', ?, ?)",
                         (datetime.now(UTC).isoformat(),) * 2)
    finally:
        conn.close()


def test_adding_a_searched_field_is_one_name_and_the_next_open_rebuilds_the_index(
        ws: Workspace, data_dir: Path, no_vault, monkeypatch: pytest.MonkeyPatch) -> None:
    agent = create_agent(ws, AgentInput("Lefèvre", "Hélène", email="h.lefevre@exemple.fr"))
    assert count_agents(ws, "exemple") == 0
    ws.store.close()

    monkeypatch.setattr(search_index, "AGENT_FIELDS", (*search_index.AGENT_FIELDS, "email"))
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        with store.engine.connect() as conn:
            assert search_index.held_triggers(conn) == search_index.trigger_sql()
        ws2 = Workspace(store, ws.clock)
        assert [a.id for a in search_agents(ws2, "lefevre exemple")] == [agent]
        update_agent(ws2, agent, replace(AgentInput.of(get_agent(ws2, agent)), email="helene@ailleurs.fr"))
        assert count_agents(ws2, "exemple") == 0 and count_agents(ws2, "ailleurs") == 1
        assert_index_in_step(store)
    finally:
        store.close()


def test_every_connection_of_the_store_registers_the_function(store: Store) -> None:
    conn = db.raw_connect(store.paths.db, store.raw_key, read_only=True)
    try:
        assert conn.execute("SELECT search_text('Œuvray', NULL, 'Hélène')").fetchone() == ("oeuvray helene",)
    finally:
        conn.close()
