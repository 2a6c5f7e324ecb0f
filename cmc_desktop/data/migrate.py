"""Schema migrations (Alembic) applied at open, after an encrypted backup of the store.

Alembic (and Mako) cost ~0.2 s of imports: the usual open — a store already at the head revision — is told
apart by one query and by reading the scripts' `revision` lines, and Alembic is loaded only to migrate.
"""

import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from . import migrations, search_index
from .engine import run_outside_transaction
from .errors import StoreTooNew

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPTS = Path(migrations.__file__).parent
# Lines written by script.py.mako: `revision = '0002'`, `down_revision = '0001'` (a tuple when merging).
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"""['"]([^'"]+)['"]""")


def _config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


@cache
def scripted_head() -> str | None:
    """The head revision read from the scripts' text, without Alembic; None unless exactly one script is
    nobody's `down_revision` (then `upgrade` asks Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (SCRIPTS / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")):
            (revisions if name == "revision" else parents).update(_QUOTED.findall(value))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The store's revision (None for an empty database), read as Alembic would, without loading it."""
    with engine.connect() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                                ).first() is None:
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    if len(rows) > 1:
        raise StoreTooNew(", ".join(rows))  # several heads: never written by this application
    return rows[0] if rows else None


def is_current(engine: Engine) -> bool:
    """True when the store is at this version's head revision and its search index follows the fields the code
    searches: nothing to migrate nor to rebuild (a store that is not current is checked before, see Store)."""
    revision = current_revision(engine)
    if revision is None or revision != scripted_head():
        return False
    with engine.connect() as conn:
        return not search_index.outdated(conn)


def upgrade(engine: Engine, backup_dir: Path | None, target: str = "head") -> Path | None:
    """Bring the schema to `target`; back up first when an existing schema is about to change. At the head,
    the search index's triggers are then checked against the fields the code searches (search_index.ensure).

    Returns the path of the pre-migration backup, if one was made. A revision this version of the
    application does not know (written by a newer one) is refused before anything is touched.
    `backup_dir=None`: no pre-migration backup, for a database that is itself a copy (a backup being restored
    or cleaned), whose own file is the copy to go back to.
    """
    backup = _upgrade_schema(engine, backup_dir, target)
    if target == "head":
        with engine.begin() as conn:
            search_index.ensure(conn)
    return backup


def _upgrade_schema(engine: Engine, backup_dir: Path | None, target: str) -> Path | None:
    if target == "head" and is_current(engine):
        return None
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    config = _config()
    script = ScriptDirectory.from_config(config)
    revision = current_revision(engine)
    try:
        if revision is not None:
            script.get_revision(revision)
    except CommandError:
        raise StoreTooNew(str(revision)) from None
    if revision == (script.get_current_head() if target == "head" else target):
        return None
    backup = None
    if revision is not None and backup_dir is not None:
        backup_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = backup_dir / f"avant-migration-{revision}-{stamp}.db"
        run_outside_transaction(engine, "VACUUM INTO ?", (str(backup),))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
    return backup
