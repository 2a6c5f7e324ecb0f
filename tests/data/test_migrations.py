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
