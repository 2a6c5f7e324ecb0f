"""Alembic migrations: from an empty store, from every earlier revision, refusing newer stores."""

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from cmc_desktop.data import engine as db
from cmc_desktop.data import migrate
from cmc_desktop.data.errors import StoreTooNew
from cmc_desktop.data.models import Base
from cmc_desktop.data.store import Store
from tests.conftest import PASSPHRASE

from .helpers import digest_tree

ROOT = Path(__file__).resolve().parent.parent.parent
REVISIONS = [r.revision for r in reversed(list(ScriptDirectory.from_config(migrate._config()).walk_revisions()))]


def test_new_store_is_at_head_with_every_table(store: Store) -> None:
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "agents_fts" in tables


def test_schema_matches_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diff if not (isinstance(d, tuple) and "agents_fts" in str(d))] == []


@pytest.mark.parametrize("revision", REVISIONS)
def test_upgrade_from_each_revision(tmp_path: Path, revision: str) -> None:
    """A store left at `revision` by an older version opens, is backed up, then brought to head."""
    key = bytes(range(32))
    path = tmp_path / "store.db"
    engine = db.make_engine(path, key, create=True)
    migrate.upgrade(engine, tmp_path / "backups", target=revision)
    backup = migrate.upgrade(engine, tmp_path / "backups")
    assert migrate.current_revision(engine) == migrate.head_revision()
    if revision != migrate.head_revision():
        assert backup is not None and db.is_key_valid(backup, key)
    engine.dispose()


def test_store_from_a_newer_version_is_refused_untouched(store: Store, data_dir: Path, no_vault) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    before = digest_tree(data_dir)
    with pytest.raises(StoreTooNew, match="plus récente"):
        Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    assert digest_tree(data_dir)["store.db"] == before["store.db"]


def test_scripted_head_is_alembic_head() -> None:
    assert migrate.scripted_head() == migrate.head_revision()


def test_opening_a_store_at_head_does_not_load_alembic(store: Store, data_dir: Path) -> None:
    """Alembic and Mako cost ~0.2 s of start-up: only a migration needs them."""
    store.close()
    code = ("import sys, keyring.backends.fail; from pathlib import Path; from cmc_desktop.data.store import Store; "
            "from cmc_desktop.data.vault import KeyVault; "
            f"Store.unlock(Path({str(data_dir)!r}), {PASSPHRASE!r}, vault=KeyVault(keyring.backends.fail.Keyring()))"
            ".close(); print([m for m in sys.modules if m.startswith(('alembic', 'mako'))])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_consent_given_before_0002_keeps_the_safe_reading(data_dir: Path, no_vault) -> None:
    """0002 adds whether the consent names the sensitive fields: a consent recorded before did not, so not."""
    from datetime import date

    from alembic import command

    from cmc_desktop.domain.consent import RecipientKind
    from cmc_desktop.domain.synthesis_schema import SynthesisKind
    from cmc_desktop.services.agents import AgentInput, create_agent
    from cmc_desktop.services.consents import consents_for, give_consent
    from cmc_desktop.services.synthesis import create_synthesis
    from cmc_desktop.services.workspace import Workspace
    from tests.conftest import FAST_KDF

    store = Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    ws = Workspace(store)
    synthesis_id = create_synthesis(ws, create_agent(ws, AgentInput(last_name="Ancien", first_name="Jean")),
                                    SynthesisKind.BPP)
    give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH", "Document", date.today(), includes_sensitive=True)
    with store.engine.begin() as conn:  # the store as the previous version left it
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    store.close()
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)  # brought to head at the open, after a backup
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        [consent] = consents_for(Workspace(store), synthesis_id)
        assert (consent.recipient_name, consent.scope, consent.includes_sensitive) == ("RH", "Document", False)
        assert list((data_dir / "backups").glob("avant-migration-0001-*.db"))
    finally:
        store.close()


def test_0006_has_the_schema_keep_the_search_index_and_rebuilds_it(tmp_path: Path) -> None:
    """A store the services of revision 0002 indexed by hand — one agent indexed, one missed, one with a stale
    entry — comes out of 0006 with the triggers and an index recomputed from the agents table."""
    from alembic import command
    from sqlalchemy import insert

    from cmc_desktop.data import search_index
    from cmc_desktop.data.models import AgentRow
    from cmc_desktop.domain.agent import AgentState, Statut

    engine = db.make_engine(tmp_path / "store.db", bytes(range(32)), create=True)
    migrate.upgrade(engine, tmp_path / "backups", target="0002")
    with engine.begin() as conn:
        conn.execute(insert(AgentRow), [
            {"pseudo_id": f"AG-{n}", "last_name": last, "first_name": first, "service": "Rectorat",
             "statut": Statut.TITULAIRE, "state": AgentState.ACTIF}
            for n, (last, first) in enumerate([("Lefèvre", "Hélène"), ("Œuvray", "Noël"), ("Nouveau", "Nom")], 1)])
        conn.execute(text("INSERT INTO agents_fts(rowid, body) VALUES (1, 'lefevre helene rectorat'), "
                          "(3, 'ancien nom rectorat')"))
        assert search_index.held_triggers(conn) == {}

    migrate.upgrade(engine, tmp_path / "backups")

    with engine.begin() as conn:
        assert search_index.held_triggers(conn) == search_index.trigger_sql()
        index = {rowid: body for rowid, body in conn.execute(text("SELECT rowid, body FROM agents_fts"))}
        assert index == {1: "lefevre helene rectorat", 2: "oeuvray noel rectorat", 3: "nouveau nom rectorat"}
        assert conn.execute(text("SELECT count(*) FROM agents_fts WHERE agents_fts MATCH 'ancien'")).scalar() == 0
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")  # back to the services keeping it by hand
        assert search_index.held_triggers(conn) == {}
    engine.dispose()
