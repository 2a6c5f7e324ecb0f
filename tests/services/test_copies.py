"""A destruction reaches every copy the application knows of: backups in `backups/` and in the folders the CMC
chose, the copy kept before a migration, the old store kept by a restore, the store's WAL. What cannot be reached
is named, kept open and cleaned by a later attempt; what crashes left half-written is removed."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from cmc_desktop.data import engine as db
from cmc_desktop.data.models import TombstoneRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.copies import CopyKind, Obstacle, Outcome
from cmc_desktop.services import backup, copies, destruction, restore, retention
from cmc_desktop.services.copy_registry import copies_status, delete_copy, forget_folder
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER, PASSPHRASE

from .copies_helpers import ASCII_MARKER, marked_synthesis, marker_hits
from .helpers import plaintext_hits, seed_agent, tiny_tmpfs
from .synthesis_helpers import pdf_text

TODAY = date(2026, 11, 16)


def destroy(ws: Workspace, synthesis_id: int) -> destruction.DestructionOutcome:
    return destruction.carry_out_destruction(ws, destruction.request_destruction(ws, synthesis_id, TODAY, "agent"))


def settled(ws: Workspace) -> dict[str, bool]:
    with ws.store.session() as s:
        return {t.pseudo_id: t.copies_settled_at is not None for t in s.execute(select(TombstoneRow)).scalars()}


def by_name(report) -> dict[str, tuple[Outcome, Obstacle | None]]:
    return {c.name or c.folder: (c.outcome, c.obstacle) for c in report.copies}


def test_a_destruction_reaches_every_known_copy(ws: Workspace, data_dir: Path, tmp_path: Path, no_vault) -> None:
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    usb = tmp_path / "clé USB" / "cmc"
    first = backup.make_backup(ws).path
    ws.clock.advance(minutes=1)  # type: ignore[attr-defined]
    chosen = backup.make_backup(ws, usb).path
    same_second = backup.make_backup(ws).path  # several backups in one second are all reached
    ws.clock.advance(minutes=1)  # type: ignore[attr-defined]
    # what a migration and a restore leave beside the store: copies holding everything at that time
    (data_dir / "backups" / "avant-migration-0002-20261101T080000Z.db").write_bytes(first.read_bytes())
    shutil.copy2(first, data_dir / "store.db.avant-restauration-20261110T080000Z")
    key = ws.store.raw_key
    before = marker_hits([data_dir, usb.parent], key, MARKER, ASCII_MARKER)
    assert len([p for p in before if "sauvegarde-" in p or "avant-" in p]) == 5  # the search does see them

    outcome = destroy(ws, synthesis_id)

    assert outcome.complete and outcome.copies.complete
    names = by_name(outcome.copies)
    for path in (first, chosen, same_second):
        assert names[path.name] == (Outcome.CLEANED, None)
    assert names["avant-migration-0002-20261101T080000Z.db"] == (Outcome.CLEANED, None)
    assert names["store.db.avant-restauration-20261110T080000Z"] == (Outcome.CLEANED, None)
    assert names["store.db-wal"] == (Outcome.CLEANED, None)
    assert marker_hits([data_dir, usb.parent], key, MARKER, ASCII_MARKER) == {}
    for path in (first, chosen, same_second):
        assert db.probe(path, key) == [] and path.stat().st_mode & 0o777 == 0o600
    assert settled(ws) == {pseudo_id: True}
    assert copies_status(ws).complete
    text = " ".join(pdf_text(outcome.receipt).split())
    assert "Destruction inachevée" not in text and "Aucune des copies que l'application connaît" in text
    assert first.name in text and chosen.name in text and "cmc" in text
    assert MARKER not in text and ASCII_MARKER not in text


def test_an_unreachable_folder_is_named_and_the_destruction_stays_open_until_it_is_back(
        ws: Workspace, data_dir: Path, tmp_path: Path) -> None:
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    usb = tmp_path / "usb"
    kept = backup.make_backup(ws, usb).path
    backup.make_backup(ws)
    usb.rename(tmp_path / "usb-débranchée")  # the removable disk is not plugged in

    outcome = destroy(ws, synthesis_id)

    assert not outcome.complete
    [remaining] = outcome.copies.remaining
    assert (remaining.folder, remaining.kind, remaining.obstacle) == (str(usb), CopyKind.FOLDER,
                                                                      Obstacle.FOLDER_MISSING)
    text = " ".join(pdf_text(outcome.receipt).split())
    assert "Destruction inachevée : des copies subsistent" in text
    assert f"le dossier de sauvegarde {usb} — dossier introuvable (disque amovible absent" in text
    assert settled(ws) == {pseudo_id: False}
    status = copies_status(ws)
    assert [o.pseudo_id for o in status.open_destructions] == [pseudo_id]
    assert [(c.folder, c.obstacle) for c in status.remaining] == [(str(usb), Obstacle.FOLDER_MISSING)]
    assert marker_hits([data_dir], ws.store.raw_key, MARKER) == {}  # the data folder itself is clean

    (tmp_path / "usb-débranchée").rename(usb)  # plugged back: the CMC tries again
    report = copies.scrub_known_copies(ws)
    assert report.complete and report.settled == (pseudo_id,) and report.still_open == ()
    assert by_name(report)[kept.name] == (Outcome.CLEANED, None)
    assert marker_hits([data_dir, usb], ws.store.raw_key, MARKER, ASCII_MARKER) == {}
    assert settled(ws) == {pseudo_id: True} and copies_status(ws).complete


def test_the_clock_set_back_before_the_destruction_still_cleans_and_settles(ws: Workspace, tmp_path: Path) -> None:
    """Whether a copy is cleaned and a destruction settled never depends on the time: the laptop's clock put back
    a year (a flat battery) between the destruction and the later clean-up changes nothing."""
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    usb = tmp_path / "usb"
    kept = backup.make_backup(ws, usb).path
    ws.clock.advance(minutes=5)  # type: ignore[attr-defined]
    usb.rename(tmp_path / "usb-débranchée")
    assert not destroy(ws, synthesis_id).complete
    ws.clock.advance(days=-400)  # type: ignore[attr-defined]
    (tmp_path / "usb-débranchée").rename(usb)
    backup.make_backup(ws)  # a backup stamped before the destruction is still the store as it is now

    report = copies.scrub_known_copies(ws)

    assert report.complete and report.settled == (pseudo_id,) and report.still_open == ()
    assert by_name(report)[kept.name] == (Outcome.CLEANED, None)
    assert marker_hits([ws.store.paths.root, usb], ws.store.raw_key, MARKER, ASCII_MARKER) == {}
    assert settled(ws) == {pseudo_id: True} and copies_status(ws).complete
    assert len(backup.list_backups(ws.store.paths.backups)) == 1  # the rotation kept the one just written


def test_a_read_only_folder_is_named_then_cleaned_once_writable(ws: Workspace, tmp_path: Path) -> None:
    synthesis_id, _ = marked_synthesis(ws, MARKER)
    with tiny_tmpfs(tmp_path / "disque", 32 * 1024) as disk:
        written = backup.make_backup(ws, disk).path
        import subprocess

        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        outcome = destroy(ws, synthesis_id)
        assert by_name(outcome.copies)[written.name] == (Outcome.REMAINS, Obstacle.READ_ONLY)
        assert "lecture seule" in " ".join(pdf_text(outcome.receipt).split())
        assert plaintext_hits(written, ws.store.raw_key, MARKER) > 0  # honest: it is still there
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        report = copies.scrub_known_copies(ws)
        assert report.complete and plaintext_hits(written, ws.store.raw_key, MARKER) == 0


def test_a_copy_that_cannot_be_opened_is_named_not_skipped(ws: Workspace, data_dir: Path, no_vault) -> None:
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    old_key = backup.make_backup(ws).path
    ws.store.rekey(PASSPHRASE, vault=no_vault)  # the backup above no longer opens with the store's key
    ws.clock.advance(minutes=1)  # type: ignore[attr-defined]
    damaged = backup.make_backup(ws).path
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0x10
    damaged.write_bytes(bytes(data))

    outcome = destroy(ws, synthesis_id)

    names = by_name(outcome.copies)
    assert names[old_key.name] == (Outcome.REMAINS, Obstacle.OTHER_KEY)
    assert names[damaged.name] == (Outcome.REMAINS, Obstacle.DAMAGED)
    text = " ".join(pdf_text(outcome.receipt).split())
    assert f"({old_key.name})" in text and "clé de chiffrement antérieure" in text and "supprimez cette copie" in text
    assert settled(ws) == {pseudo_id: False}
    old_key.unlink()  # what the CMC is told to do
    damaged.unlink()
    assert copies.scrub_known_copies(ws).settled == (pseudo_id,)


def test_partial_files_left_by_crashes_are_removed(ws: Workspace, data_dir: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "choisi"
    backup.make_backup(ws, chosen)
    leftovers = [data_dir / "backups" / ".sauvegarde-20261116T093000Z-02.db.partiel",
                 data_dir / "backups" / ".sauvegarde-20261116T093000Z-02.db.partiel-journal",
                 data_dir / "backups" / ".sauvegarde-20261115T093000Z.db.nettoyage.partiel-wal",
                 data_dir / "backups" / "sauvegarde-20261101T093000Z.db-journal",  # its database is gone
                 data_dir / "store.db.rekey-tmp", data_dir / "store.db.rekey-tmp-journal",
                 data_dir / ".restauration-en-cours.db", data_dir / ".restauration-en-cours.db-wal",
                 chosen / ".sauvegarde-20261116T093000Z-02.db.partiel"]
    unrelated = [chosen / "notes.txt", chosen / "autre.db-journal", data_dir / "backups" / "lisez-moi.txt"]
    for path in leftovers + unrelated:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 100)

    report = copies.scrub_known_copies(ws)

    assert report.partials_removed == len(leftovers)
    assert [p for p in leftovers if p.exists()] == []
    assert all(p.exists() for p in unrelated)
    assert (data_dir / "store.db").exists() and (data_dir / "store.key").exists()


def test_a_reader_holding_the_wal_is_waited_for_then_named(ws: Workspace, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(copies, "CHECKPOINT_WAIT_MS", 50)
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    reader = db.raw_connect(data_dir / "store.db", ws.store.raw_key, read_only=True)
    reader.isolation_level = None
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM syntheses").fetchone()  # holds a snapshot from before the destruction
    try:
        outcome = destroy(ws, synthesis_id)
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert by_name(outcome.copies)["store.db-wal"] == (Outcome.REMAINS, Obstacle.WAL_BUSY)
    text = " ".join(pdf_text(outcome.receipt).split())
    assert not outcome.complete and "une lecture en cours a empêché de vider le journal" in text
    assert settled(ws) == {pseudo_id: False}
    report = copies.scrub_known_copies(ws)
    assert report.complete and settled(ws) == {pseudo_id: True}
    assert marker_hits([data_dir], ws.store.raw_key, MARKER, ASCII_MARKER) == {}


def test_a_retention_purge_reaches_the_backups_too(ws: Workspace, data_dir: Path, tmp_path: Path) -> None:
    agent_id = seed_agent(ws.store, "AG-PURGE001", MARKER, ended_on=date(2020, 1, 1))
    seed_agent(ws.store, "AG-GARDE001", "Conservé")
    usb = tmp_path / "usb"
    backup.make_backup(ws, usb)
    backup.make_backup(ws)
    assert marker_hits([data_dir, usb], ws.store.raw_key, MARKER) != {}

    assert retention.purge(ws, [agent_id]) == ["AG-PURGE001"]

    assert marker_hits([data_dir, usb], ws.store.raw_key, MARKER) == {}
    assert settled(ws) == {"AG-PURGE001": True}
    kept = [p for p in usb.iterdir()]
    assert len(kept) == 1 and plaintext_hits(kept[0], ws.store.raw_key, "Conservé") > 0  # the rest is intact


def test_a_forgotten_folder_closes_what_only_it_kept_open(ws: Workspace, tmp_path: Path) -> None:
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    usb = tmp_path / "usb perdue"
    backup.make_backup(ws, usb)
    shutil.rmtree(usb)  # the disk was lost
    assert not destroy(ws, synthesis_id).complete
    forget_folder(ws, str(usb))
    report = copies.scrub_known_copies(ws)
    assert report.complete and settled(ws) == {pseudo_id: True}
    with pytest.raises(Exception, match="n'est pas suivi"):
        forget_folder(ws, str(usb))


def test_a_restore_keeps_the_folders_and_what_remains(ws: Workspace, data_dir: Path, tmp_path: Path,
                                                      no_vault) -> None:
    """A folder recorded after the backup is still reached after restoring that backup."""
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    older = backup.make_backup(ws).path
    usb = tmp_path / "usb"
    backup.make_backup(ws, usb)
    usb.rename(tmp_path / "ailleurs")
    destroy(ws, synthesis_id)
    ws.store.close()
    restore.restore_backup(data_dir, older, PASSPHRASE, no_vault, clock=ws.clock)
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        restored = Workspace(store, ws.clock)
        status = copies_status(restored)
        assert [o.pseudo_id for o in status.open_destructions] == [pseudo_id]
        assert [c.folder for c in status.remaining] == [str(usb)]
        (tmp_path / "ailleurs").rename(usb)
        report = copies.scrub_known_copies(restored)
        assert report.complete and marker_hits([data_dir, usb], store.raw_key, MARKER) == {}
    finally:
        store.close()


def test_only_a_remaining_backup_can_be_deleted_never_the_stores_journal(ws: Workspace, data_dir: Path,
                                                                         monkeypatch) -> None:
    monkeypatch.setattr(copies, "CHECKPOINT_WAIT_MS", 50)
    synthesis_id, _ = marked_synthesis(ws, MARKER)
    reader = db.raw_connect(data_dir / "store.db", ws.store.raw_key, read_only=True)
    reader.isolation_level = None
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM syntheses").fetchone()
    try:
        destroy(ws, synthesis_id)  # the WAL is now a remaining copy
        with pytest.raises(Exception, match="ne figure pas parmi les copies restantes"):
            delete_copy(ws, str(data_dir), "store.db-wal")
        with pytest.raises(Exception, match="ne figure pas parmi les copies restantes"):
            delete_copy(ws, str(data_dir), "store.key")
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert (data_dir / "store.key").exists()
