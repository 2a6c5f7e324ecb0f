"""`unlock(..., defer_integrity=True)`: the full check runs after the open, and damage still ends read-only."""

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from cmc_desktop.data.errors import StoreError, StoreReadOnly
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import AgentState, Statut
from tests.conftest import PASSPHRASE

from .helpers import digest_tree


def _agent(pseudo_id: str) -> AgentRow:
    return AgentRow(pseudo_id=pseudo_id, last_name="Nom" * 20, first_name="P", statut=Statut.TITULAIRE,
                    state=AgentState.ACTIF, private_notes="x" * 500)


@pytest.fixture
def closed_store(store: Store, data_dir: Path) -> Path:
    with store.session() as s:
        s.add_all(_agent(f"AG-{i:08d}") for i in range(200))  # many pages: damage can miss page 1
    store.close()
    return data_dir


def _tamper(data_dir: Path) -> None:
    path = data_dir / "store.db"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))


def test_sound_store_stays_writable_after_the_check(closed_store: Path, no_vault) -> None:
    store = Store.unlock(closed_store, PASSPHRASE, vault=no_vault, defer_integrity=True)
    try:
        assert store.integrity_pending and not store.read_only
        assert store.verify_integrity() == []
        assert not store.integrity_pending and not store.read_only and store.problems == []
        with store.session() as s:
            s.add(_agent("AG-NOUVEAU1"))
    finally:
        store.close()


def test_tampered_page_is_found_after_the_open_and_ends_read_only(closed_store: Path, no_vault) -> None:
    _tamper(closed_store)
    before = digest_tree(closed_store)
    store = Store.unlock(closed_store, PASSPHRASE, vault=no_vault, defer_integrity=True)
    try:
        assert not store.read_only  # not known yet: only page 1 and the key were checked
        problems = store.verify_integrity()
        assert problems and store.problems == problems and store.read_only and not store.integrity_pending
        with pytest.raises(StoreReadOnly), store.session() as s:
            s.add(_agent("AG-NOUVEAU1"))
    finally:
        store.close()
    assert digest_tree(closed_store)["store.db"] == before["store.db"]


def test_check_on_a_worker_thread_while_the_store_is_read(closed_store: Path, no_vault) -> None:
    _tamper(closed_store)
    store = Store.unlock(closed_store, PASSPHRASE, vault=no_vault, defer_integrity=True)
    found: list[list[str]] = []
    worker = threading.Thread(target=lambda: found.append(store.verify_integrity()))
    try:
        with store.session() as s:
            worker.start()
            s.execute(select(func.count()).select_from(AgentRow).where(AgentRow.id < 5)).scalar_one()
        worker.join()
        assert found[0] and store.read_only
        with store.session() as s:  # reads go on through the read-only engine
            assert s.execute(select(AgentRow.pseudo_id).where(AgentRow.id == 1)).scalar_one() == "AG-00000000"
    finally:
        store.close()


def test_a_store_to_migrate_is_checked_before_the_migration(closed_store: Path, no_vault) -> None:
    store = Store.unlock(closed_store, PASSPHRASE, vault=no_vault)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    _tamper(closed_store)
    store = Store.unlock(closed_store, PASSPHRASE, vault=no_vault, defer_integrity=True)
    try:  # damaged: opened read-only, never migrated (nor refused as newer: the damage is what it has)
        assert store.read_only and store.problems and not store.integrity_pending
    finally:
        store.close()


def test_check_after_close_refuses(closed_store: Path, no_vault) -> None:
    store = Store.unlock(closed_store, PASSPHRASE, vault=no_vault, defer_integrity=True)
    store.close()
    with pytest.raises(StoreError):
        store.verify_integrity()


def test_a_check_stopped_between_its_two_steps_concludes_nothing(closed_store: Path, no_vault) -> None:
    """A lock stops the background check after the pages' authentication: damage found there or not, the store
    is neither declared sound nor switched read-only — the check stays pending."""
    _tamper(closed_store)
    store = Store.unlock(closed_store, PASSPHRASE, vault=no_vault, defer_integrity=True)
    try:
        steps = store.integrity_steps()
        assert next(steps).percent == 50
        steps.close()
        assert store.integrity_pending and not store.read_only
        assert store.verify_integrity() and store.read_only and not store.integrity_pending  # run to its end
    finally:
        store.close()
