"""Schema migrations (Alembic) applied at open, after an encrypted backup of the store."""

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine

from . import migrations
from .engine import run_outside_transaction
from .errors import StoreTooNew


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, backup_dir: Path, target: str = "head") -> Path | None:
    """Bring the schema to `target`; back up first when an existing schema is about to change.

    Returns the path of the pre-migration backup, if one was made. A revision this version of the
    application does not know (written by a newer one) is refused before anything is touched.
    """
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
    if revision is not None:
        backup_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = backup_dir / f"avant-migration-{revision}-{stamp}.db"
        run_outside_transaction(engine, "VACUUM INTO ?", (str(backup),))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
    return backup
