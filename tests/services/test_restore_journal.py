"""A restore and the audit journal: the restore's own entry says which entries it rolls back (the backup's anchor
against the replaced store's), the restored journal verifies, and its anchor replaces the old one — even when the
restore is interrupted between the swap and the anchor's write."""

from datetime import timedelta
from pathlib import Path

from cmc_desktop.data import engine as db
from cmc_desktop.data import journal_anchor
from cmc_desktop.data.repositories import audit
from cmc_desktop.data.store import Store
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.journal_anchor import Finding, Point
from cmc_desktop.services import backup, restore
from cmc_desktop.services.audit_journal import list_entries, verify_journal
from cmc_desktop.services.restore_journal import JournalRollback
from cmc_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE


def _journal(ws: Workspace, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        with ws.store.session() as s:
            audit.append(s, AuditCode.AGENT_OPENED, ws.clock.now() + timedelta(minutes=i), subject=f"AG-{i:08d}")


def _restored(data_dir: Path, ws: Workspace, no_vault) -> tuple[list, object]:
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        restored = Workspace(store, ws.clock)
        return list_entries(restored), verify_journal(restored)
    finally:
        store.close()


def test_the_restore_entry_names_the_entries_rolled_back(ws: Workspace, data_dir: Path, no_vault) -> None:
    _journal(ws, 3)
    info = backup.make_backup(ws)  # the backup holds entries 1-3; entry 4 says it was made
    _journal(ws, 5, start=3)  # entries 5-9
    ws.store.close()

    report = restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)

    assert report.journal.rolled_back == (4, 9)
    entries, status = _restored(data_dir, ws, no_vault)
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert (entries[-1].code, entries[-1].detail) == (
        AuditCode.RESTORE, f"fichier={info.path.name} effacements_reappliques=0 journal_sauvegarde=3 "
        "journal_remplace=9 entrees_annulees=4-9")
    assert status.intact and status.check.finding is Finding.IN_SYNC


def test_a_backup_from_another_line_of_history_is_said_to_diverge(ws: Workspace, data_dir: Path,
                                                                  no_vault) -> None:
    _journal(ws, 3)
    early = backup.make_backup(ws).path  # entries 1-3
    _journal(ws, 3, start=3)
    late = backup.make_backup(ws).path  # entries 1-7 of the first history
    ws.store.close()
    restore.restore_backup(data_dir, early, PASSPHRASE, no_vault, clock=ws.clock)  # 1-3 and the restore: 4
    report = restore.restore_backup(data_dir, late, PASSPHRASE, no_vault, clock=ws.clock)
    assert report.journal.detail() == "journal_sauvegarde=7 journal_remplace=4 divergent"
    assert report.journal.rolled_back is None
    entries, status = _restored(data_dir, ws, no_vault)
    assert entries[-1].detail.endswith("journal_sauvegarde=7 journal_remplace=4 divergent") and status.intact


def test_the_rollback_said_in_every_case() -> None:
    point = Point(4, "0" * 64)
    assert JournalRollback(3, 3, True, point).detail() == (
        "journal_sauvegarde=3 journal_remplace=3 entrees_annulees=aucune")
    assert JournalRollback(3, None, None, point).detail() == "journal_sauvegarde=3 journal_remplace=illisible"
    assert JournalRollback(3, 9, None, point).detail() == (
        "journal_sauvegarde=3 journal_remplace=9 continuite=inconnue")


def test_a_restore_interrupted_before_the_anchor_write_is_not_tampering(ws: Workspace, data_dir: Path, no_vault,
                                                                        monkeypatch) -> None:
    _journal(ws, 2)
    info = backup.make_backup(ws)
    _journal(ws, 6, start=2)
    ws.store.close()
    old_anchor = (data_dir / "store.anchor").read_bytes()

    def killed(*args, **kwargs) -> bool:
        raise OSError("interrompu")

    monkeypatch.setattr(journal_anchor, "write_outside", killed)
    restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)
    monkeypatch.undo()
    assert (data_dir / "store.anchor").read_bytes() == old_anchor  # still the replaced store's: 9 entries

    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        restored = Workspace(store, ws.clock)
        _journal(restored, 1, start=50)  # the CMC goes on working: this commit writes the restored anchor
        status = verify_journal(restored)
        assert status.intact and status.check.finding is Finding.IN_SYNC and status.count == 4
    finally:
        store.close()


def test_after_an_interrupted_restore_the_check_itself_puts_the_anchor_right(ws: Workspace, data_dir: Path,
                                                                             no_vault, monkeypatch) -> None:
    _journal(ws, 2)
    info = backup.make_backup(ws)
    _journal(ws, 6, start=2)
    ws.store.close()
    monkeypatch.setattr(journal_anchor, "write_outside", lambda *a, **k: (_ for _ in ()).throw(OSError("x")))
    restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)
    monkeypatch.undo()
    entries, status = _restored(data_dir, ws, no_vault)
    assert status.intact and status.check.finding is Finding.LAGGING
    entries, status = _restored(data_dir, ws, no_vault)
    assert status.check.finding is Finding.IN_SYNC


def test_a_backup_whose_own_journal_was_cut_is_said_so_in_the_restore_entry(ws: Workspace, data_dir: Path,
                                                                           no_vault) -> None:
    """The restore's entry rewrites the backup's inside anchor: the finding must not vanish with it."""
    _journal(ws, 4)
    info = backup.make_backup(ws)
    conn = db.raw_connect(info.path, ws.store.raw_key)
    conn.execute("DELETE FROM audit_events WHERE seq > 2")
    conn.commit()
    conn.close()
    ws.store.close()
    report = restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)
    assert report.journal.backup_finding is Finding.TRUNCATED
    entries, _ = _restored(data_dir, ws, no_vault)
    assert entries[-1].detail.endswith("journal_sauvegarde_altere=entrees_supprimees")
