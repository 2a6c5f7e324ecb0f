"""Revision 0004 on a store left at 0002 with data in it: the journal gets its inside anchor where its chain
stands, destructions recorded before stay open until the copies are cleaned, the new tables are there."""

from datetime import UTC, date, datetime

from alembic import command
from sqlalchemy import select

from cmc_desktop.data import migrate
from cmc_desktop.data.models import BackupFolderRow, RemainingCopyRow, TombstoneRow
from cmc_desktop.data.repositories import audit
from cmc_desktop.data.store import Store
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.journal_anchor import Finding
from cmc_desktop.services.audit_journal import verify_journal
from cmc_desktop.services.tombstones import Tombstone, TombstoneKind, TombstoneReason, write_tombstone
from cmc_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


def test_upgrade_from_0002_anchors_the_journal_and_keeps_destructions_open(store: Store, data_dir, no_vault) -> None:
    with store.session() as s:
        for i in range(4):
            audit.append(s, AuditCode.AGENT_OPENED, NOW, subject=f"AG-0000000{i}")
        write_tombstone(s, Tombstone(TombstoneKind.SYNTHESIS, "DS-ANCIEN01", NOW, TombstoneReason.AGENT_REQUEST,
                                     requested_on=date(2026, 11, 1)))
    with store.engine.begin() as conn:  # the store as the previous version left it
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    with store.session() as s:
        assert audit.read_inside(s) is None
        last_hash = audit.hash_at(s, 4)
    store.close()
    (data_dir / "store.anchor").unlink()  # a version without anchors never wrote one

    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)  # brought to head at the open
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.session() as s:
            inside = audit.read_inside(s)
            assert inside is not None and (inside.count, inside.head, inside.floor) == (4, last_hash, 0)
            tombstone = s.execute(select(TombstoneRow)).scalar_one()
            assert (tombstone.pseudo_id, tombstone.copies_settled_at) == ("DS-ANCIEN01", None)
            assert s.execute(select(BackupFolderRow)).all() == [] and s.execute(select(RemainingCopyRow)).all() == []
        status = verify_journal(Workspace(store))
        assert status.intact and status.check is not None and status.check.finding is Finding.NOT_YET_WRITTEN
        assert (data_dir / "store.anchor").exists()
    finally:
        store.close()
