"""The audit journal: intact after normal use; a row edited outside the application, the last entries or all of
them deleted, the chain rewritten with recomputed hashes, the store or the anchor replaced by an older copy — all
detected, through the hash chain and the anchor kept inside the store and in `store.anchor` beside the key."""

import shutil
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from cmc_desktop.data import journal_anchor
from cmc_desktop.data.repositories import audit
from cmc_desktop.data.store import Store
from cmc_desktop.domain.audit import GENESIS, AuditCode, entry_hash
from cmc_desktop.domain.journal_anchor import Finding, Inside
from cmc_desktop.services.audit_journal import list_entries, verify_journal
from cmc_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE


def _journal(ws: Workspace, count: int = 5, start: int = 0) -> None:
    """`count` entries, one transaction each, as the services write them."""
    for i in range(start, start + count):
        with ws.store.session() as s:
            audit.append(s, AuditCode.AGENT_OPENED, ws.clock.now() + timedelta(minutes=i), subject=f"AG-0000000{i}")


def _raw(ws: Workspace, sql: str) -> None:
    with ws.store.session() as s:
        s.execute(text(sql))


def _rewrite_from(ws: Workspace, seq: int, subject: str) -> None:
    """Edit entry `seq` and recompute its hash and every later one: the chain verifies again."""
    with ws.store.session() as s:
        rows = s.execute(text("SELECT seq, at, code, subject, detail FROM audit_events WHERE seq >= :n ORDER BY seq"),
                         {"n": seq}).all()
        prev = s.execute(text("SELECT hash FROM audit_events WHERE seq = :n"), {"n": seq - 1}).scalar() or GENESIS
        for row in rows:
            edited = subject if row.seq == seq else row.subject
            digest = entry_hash(prev, row.seq, datetime.fromisoformat(row.at), row.code, edited, row.detail)
            s.execute(text("UPDATE audit_events SET subject = :s, prev_hash = :p, hash = :h WHERE seq = :n"),
                      {"s": edited, "p": prev, "h": digest, "n": row.seq})
            prev = digest


def _align_inside(ws: Workspace) -> None:
    """What someone who knows the format would also do: make the inside anchor agree with the edited chain."""
    with ws.store.session() as s:
        last = s.execute(text("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")).first()
        inside = audit.read_inside(s)
        assert inside is not None
        audit.write_inside(s, Inside(last[0] if last else 0, last[1] if last else GENESIS, 0, None))


def _anchor(data_dir: Path) -> Path:
    return data_dir / journal_anchor.ANCHOR_NAME


def test_empty_journal_is_intact_and_gets_its_outside_anchor(ws: Workspace, data_dir: Path) -> None:
    assert not _anchor(data_dir).exists()
    status = verify_journal(ws)
    assert (status.count, status.intact, status.first_broken_seq) == (0, True, None)
    assert status.check is not None and status.check.finding is Finding.NOT_YET_WRITTEN
    assert _anchor(data_dir).exists()
    assert verify_journal(ws).check.finding is Finding.IN_SYNC  # type: ignore[union-attr]


def test_journal_written_by_the_application_is_intact(ws: Workspace, data_dir: Path) -> None:
    _journal(ws)
    status = verify_journal(ws)
    assert status.intact and status.count == 5
    assert status.verdict == "Journal d'audit intact : 5 entrées, chaîne de contrôle et ancre vérifiées."
    assert [e.subject for e in list_entries(ws, limit=2)] == ["AG-00000003", "AG-00000004"]
    anchor = _anchor(data_dir)
    assert anchor.stat().st_size == 2 * journal_anchor.SLOT and anchor.stat().st_mode & 0o777 == 0o600
    assert b"AG-" not in anchor.read_bytes()  # counts and hashes only


@pytest.mark.parametrize(("tampering", "broken_at"), [
    ("UPDATE audit_events SET subject = 'AG-AUTRE001' WHERE seq = 3", 3),
    ("UPDATE audit_events SET code = 'agent.created' WHERE seq = 1", 1),
    ("UPDATE audit_events SET at = '2026-01-01T00:00:00+00:00' WHERE seq = 5", 5),
    ("DELETE FROM audit_events WHERE seq = 2", 3),
    ("UPDATE audit_events SET at = 'pas une date' WHERE seq = 4", 4),
])
def test_a_row_edited_outside_the_application_is_detected(ws: Workspace, tampering: str, broken_at: int) -> None:
    _journal(ws)
    _raw(ws, tampering)
    status = verify_journal(ws)
    assert not status.intact and status.first_broken_seq == broken_at
    assert f"rompue à l'entrée n° {broken_at}" in status.verdict


def test_rehashing_an_edited_row_still_breaks_the_next_link(ws: Workspace) -> None:
    _journal(ws)
    with ws.store.session() as s:
        row = s.execute(text("SELECT prev_hash, seq, at, code, detail FROM audit_events WHERE seq = 2")).one()
    forged = entry_hash(row.prev_hash, 2, datetime.fromisoformat(row.at), row.code, "AG-FORGE001", row.detail)
    _raw(ws, f"UPDATE audit_events SET subject = 'AG-FORGE001', hash = '{forged}' WHERE seq = 2")
    assert verify_journal(ws).first_broken_seq == 3


@pytest.mark.parametrize("align_inside", [False, True], ids=["chaîne seule", "ancre interne aussi"])
def test_deleting_the_last_entries_is_detected(ws: Workspace, align_inside: bool) -> None:
    _journal(ws)
    _raw(ws, "DELETE FROM audit_events WHERE seq > 3")
    if align_inside:
        _align_inside(ws)
    status = verify_journal(ws)
    assert not status.intact and status.check is not None and status.check.finding is Finding.TRUNCATED
    assert status.verdict.startswith("Journal d'audit altéré : il ne compte plus que 3 entrées alors que son ancre "
                                     "en atteste 5.")


@pytest.mark.parametrize("align_inside", [False, True], ids=["chaîne seule", "ancre interne aussi"])
def test_deleting_every_entry_is_detected(ws: Workspace, align_inside: bool) -> None:
    _journal(ws)
    _raw(ws, "DELETE FROM audit_events")
    if align_inside:
        _align_inside(ws)
    status = verify_journal(ws)
    assert not status.intact
    assert "il ne compte plus aucune entrée alors que son ancre en atteste 5" in status.verdict


@pytest.mark.parametrize("align_inside", [False, True], ids=["chaîne seule", "ancre interne aussi"])
def test_rewriting_the_chain_with_recomputed_hashes_is_detected(ws: Workspace, align_inside: bool) -> None:
    _journal(ws)
    _rewrite_from(ws, 2, "AG-FORGE001")
    if align_inside:
        _align_inside(ws)
    status = verify_journal(ws)
    assert status.first_broken_seq is None  # the chain itself verifies: only the anchor sees it
    assert not status.intact and status.check is not None and status.check.finding is Finding.REWRITTEN
    assert "ne correspond plus à son ancre" in status.verdict


def test_the_inside_anchor_deleted_is_detected(ws: Workspace) -> None:
    _journal(ws)
    _raw(ws, "DELETE FROM store_settings WHERE key = 'audit_anchor'")
    status = verify_journal(ws)
    assert not status.intact and "ancre interne a été supprimée" in status.verdict


def test_the_store_replaced_by_an_older_copy_is_detected(ws: Workspace, data_dir: Path, tmp_path: Path,
                                                        no_vault) -> None:
    """No key needed for this one: copy store.db aside, let the CMC work, put the old file back."""
    _journal(ws, 3)
    ws.store.close()
    shutil.copy2(data_dir / "store.db", tmp_path / "ancienne.db")
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    _journal(Workspace(store, ws.clock), 2, start=3)
    store.close()
    shutil.copy2(tmp_path / "ancienne.db", data_dir / "store.db")
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        status = verify_journal(Workspace(store, ws.clock))
    finally:
        store.close()
    assert not status.intact
    assert "ne compte plus que 3 entrées alors que son ancre en atteste 5" in status.verdict


def test_an_older_anchor_put_back_is_detected(ws: Workspace, data_dir: Path, tmp_path: Path) -> None:
    _journal(ws, 3)
    shutil.copy2(_anchor(data_dir), tmp_path / "ancre")
    _journal(ws, 2, start=3)
    shutil.copy2(tmp_path / "ancre", _anchor(data_dir))
    status = verify_journal(ws)
    assert not status.intact and status.check is not None and status.check.finding is Finding.ROLLED_BACK


def test_a_deleted_or_edited_anchor_file_is_detected(ws: Workspace, data_dir: Path) -> None:
    _journal(ws)
    good = _anchor(data_dir).read_bytes()
    _anchor(data_dir).unlink()
    status = verify_journal(ws)
    assert not status.intact and "store.anchor" in status.verdict and "a disparu" in status.verdict
    assert not _anchor(data_dir).exists()  # the evidence is not papered over
    _anchor(data_dir).write_bytes(good.replace(b'"count":5', b'"count":9').replace(b'"count":4', b'"count":9'))
    status = verify_journal(ws)
    assert not status.intact and "n'est pas authentique" in status.verdict


def test_tampering_is_not_papered_over_by_later_work(ws: Workspace) -> None:
    """After the last entries were deleted, the next entries written by the application leave the outside anchor
    as it was: the journal keeps saying what happened."""
    _journal(ws)
    _raw(ws, "DELETE FROM audit_events WHERE seq > 2")
    _align_inside(ws)
    _journal(ws, 4, start=10)
    status = verify_journal(ws)
    assert not status.intact and status.count == 6


def test_a_crash_between_the_commit_and_the_anchor_write_is_not_tampering(ws: Workspace, data_dir: Path,
                                                                          monkeypatch) -> None:
    _journal(ws, 3)
    real_write = journal_anchor.write_outside

    def crash_before_write(*args, **kwargs) -> bool:
        raise OSError("écriture interrompue")

    monkeypatch.setattr(journal_anchor, "write_outside", crash_before_write)
    _journal(ws, 2, start=3)  # twice in a row: the anchor file still holds 3 entries
    monkeypatch.setattr(journal_anchor, "write_outside", real_write)

    status = verify_journal(ws)
    assert status.intact and status.check is not None and status.check.finding is Finding.LAGGING
    assert "a été mise à jour" in status.verdict
    assert verify_journal(ws).check.finding is Finding.IN_SYNC  # type: ignore[union-attr]


def test_an_anchor_slot_torn_by_a_crash_falls_back_on_the_other(ws: Workspace, data_dir: Path) -> None:
    _journal(ws)
    raw = bytearray(_anchor(data_dir).read_bytes())
    newest = 0 if b'"count":5' in raw[:journal_anchor.SLOT] else 1
    raw[newest * journal_anchor.SLOT + 40:newest * journal_anchor.SLOT + 300] = b"\x00" * 260
    _anchor(data_dir).write_bytes(bytes(raw))
    status = verify_journal(ws)
    assert status.intact and status.check is not None and status.check.finding is Finding.LAGGING


def test_after_a_rekey_the_anchor_is_taken_over_by_the_new_key(ws: Workspace, no_vault) -> None:
    _journal(ws)
    ws.store.rekey(PASSPHRASE, vault=no_vault)
    status = verify_journal(ws)
    assert status.intact and status.check is not None and status.check.finding is Finding.OTHER_KEY
    assert verify_journal(ws).check.finding is Finding.IN_SYNC  # type: ignore[union-attr]
    _journal(ws, 1, start=5)
    assert verify_journal(ws).check.finding is Finding.IN_SYNC  # type: ignore[union-attr]


def test_commits_from_two_threads_leave_the_anchor_at_the_last_one(ws: Workspace) -> None:
    errors: list[BaseException] = []

    def work(start: int) -> None:
        try:
            for i in range(start, start + 15):
                while True:  # a plain BEGIN can meet the other writer's lock (issue 11, item 4): try again
                    try:
                        _journal(ws, 1, start=i)
                        break
                    except OperationalError as error:
                        if "locked" not in str(error):
                            raise
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n * 100,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    status = verify_journal(ws)
    assert status.count == 30 and status.check is not None and status.check.finding is Finding.IN_SYNC
