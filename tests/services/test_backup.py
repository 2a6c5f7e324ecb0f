"""Backups: encrypted, verified, journaled, rotated. Restore: checked before anything is replaced, re-applies
destructions recorded since the backup, and leaves the current store byte-identical when it refuses."""

import os
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from cmc_desktop.data import engine as db
from cmc_desktop.data.errors import DiskWriteFailed, StoreError, StoreTooNew
from cmc_desktop.data.models import AgentRow, DestructionRequestRow, SynthesisRow, TombstoneRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.services import backup, restore, retention
from cmc_desktop.services.audit_journal import list_entries, verify_journal
from cmc_desktop.services.tombstones import Tombstone, TombstoneKind, TombstoneReason, write_tombstone
from cmc_desktop.services.workspace import Workspace
from tests.conftest import FAST_KDF, MARKER, PASSPHRASE
from tests.data.helpers import digest_tree, files_containing

from .helpers import plaintext_hits, seed_agent, tiny_tmpfs


def _pseudo_ids(data_dir: Path, vault) -> set[str]:
    store = Store.unlock(data_dir, PASSPHRASE, vault=vault)
    try:
        with store.session() as s:
            return set(s.execute(select(AgentRow.pseudo_id)).scalars())
    finally:
        store.close()


def test_backup_is_encrypted_verified_and_journaled(ws: Workspace, data_dir: Path) -> None:
    seed_agent(ws.store, "AG-MARQUEUR", MARKER)
    info = backup.make_backup(ws)
    assert info.path.parent == data_dir / "backups"
    assert info.path.name == "sauvegarde-20261116T093000Z.db"  # a time stamp, nothing personal
    assert info.taken_at == datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
    assert info.row_counts["agents"] == 1 and info.row_counts["syntheses"] == 1
    assert info.path.read_bytes()[:16] != db.PLAINTEXT_HEADER
    assert files_containing(data_dir / "backups", MARKER) == []
    assert db.probe(info.path, ws.store.raw_key) == []
    assert plaintext_hits(info.path, ws.store.raw_key, MARKER) > 0  # the content is there, encrypted
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]
    if os.name == "posix":
        assert info.path.stat().st_mode & 0o777 == 0o600
        assert info.path.parent.stat().st_mode & 0o777 == 0o700
    last = list_entries(ws)[-1]
    assert (last.code, last.detail) == (AuditCode.BACKUP, info.path.name)


def test_rotation_keeps_the_newest_backups(ws: Workspace, clock: FixedClock, data_dir: Path) -> None:
    assert backup.backup_keep(ws) == 10
    backup.set_backup_keep(ws, 3)
    unrelated = data_dir / "backups" / "avant-migration-0001-20250101T000000Z.db"
    unrelated.parent.mkdir(parents=True)
    unrelated.write_bytes(b"x")
    names = []
    for hours in (0, 0, 1, 2, 2):  # two backups in the same second get a counter
        clock.advance(hours=hours)
        names.append(backup.make_backup(ws).path.name)
    assert names[:2] == ["sauvegarde-20261116T093000Z.db", "sauvegarde-20261116T093000Z-02.db"]
    kept = [b.path.name for b in backup.list_backups(data_dir / "backups")]
    assert kept == [names[4], names[3], names[2]]
    assert unrelated.exists()
    with pytest.raises(ValidationError, match="entre 1 et 1000"):
        backup.set_backup_keep(ws, 0)


def test_backup_into_a_chosen_directory(ws: Workspace, tmp_path: Path) -> None:
    info = backup.make_backup(ws, tmp_path / "clé USB")
    assert info.path.parent == tmp_path / "clé USB" and db.probe(info.path, ws.store.raw_key) == []


def test_a_copy_failing_verification_is_deleted(ws: Workspace, data_dir: Path, monkeypatch) -> None:
    seed_agent(ws.store, "AG-AGENT001", "Agent")
    real_probe = db.probe

    def probe_after_bit_rot(path: Path, key: bytes) -> list[str]:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x04  # the medium damaged the copy between writing and checking
        path.write_bytes(bytes(data))
        return real_probe(path, key)

    monkeypatch.setattr(db, "probe", probe_after_bit_rot)
    # Which check trips depends on the page the flip lands on (more tables, other pages): either refuses the copy.
    with pytest.raises(backup.BackupFailed, match="contrôle d'intégrité|illisible") as caught:
        backup.make_backup(ws)
    assert "Aucun fichier incomplet" in str(caught.value)
    assert list((data_dir / "backups").iterdir()) == []
    assert all(e.code != AuditCode.BACKUP for e in list_entries(ws))


def test_backup_on_a_full_disk_leaves_no_partial_file(ws: Workspace, tmp_path: Path) -> None:
    for i in range(30):
        seed_agent(ws.store, f"AG-AGENT{i:03d}", "Agent" * 400)
    with tiny_tmpfs(tmp_path / "petit disque", 128) as small, pytest.raises(DiskWriteFailed) as caught:
        try:
            backup.make_backup(ws, small)
        finally:
            leftovers = list(small.iterdir())
    assert leftovers == [] and "espace disque" in str(caught.value)


def test_restore_replaces_the_store_and_keeps_the_current_one(ws: Workspace, data_dir: Path, no_vault) -> None:
    seed_agent(ws.store, "AG-AVANT001", "Avant")
    info = backup.make_backup(ws)
    seed_agent(ws.store, "AG-APRES001", "Après")
    ws.store.close()
    current = (data_dir / "store.db").read_bytes()

    report = restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)

    assert report.previous_store == data_dir / "store.db.avant-restauration-20261116T093000Z"
    assert report.previous_store.read_bytes() == current and report.current_store_read
    assert _pseudo_ids(data_dir, no_vault) == {"AG-AVANT001"}
    assert not (data_dir / restore.STAGING_NAME).exists()
    restored = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        status = verify_journal(Workspace(restored))
        last = list_entries(Workspace(restored))[-1]
    finally:
        restored.close()
    assert status.intact
    # The backup was taken before its own journal entry: the restore leaves that one entry out, and says so.
    assert (last.code, last.detail) == (AuditCode.RESTORE, f"fichier={info.path.name} effacements_reappliques=0 "
                                        "journal_sauvegarde=0 journal_remplace=1 entrees_annulees=1-1")


def _destroy_synthesis(ws: Workspace, pseudo_id: str) -> None:
    """What the destruction of a document at the agent's request leaves behind."""
    with ws.store.session() as s:
        write_tombstone(s, Tombstone(TombstoneKind.SYNTHESIS, pseudo_id, ws.clock.now(),
                                     TombstoneReason.AGENT_REQUEST, requested_on=ws.clock.today()))
        s.add(DestructionRequestRow(synthesis_pseudo_id=pseudo_id, requested_on=ws.clock.today(),
                                    requested_by="agent", carried_out_at=ws.clock.now()))
        s.execute(text("DELETE FROM syntheses WHERE pseudo_id = :p"), {"p": pseudo_id})


def test_restore_reapplies_destructions_recorded_since_the_backup(ws: Workspace, data_dir: Path,
                                                                 no_vault) -> None:
    purged = seed_agent(ws.store, "AG-PURGE001", MARKER, ended_on=date(2020, 1, 1))
    seed_agent(ws.store, "AG-DETRUIT1", "Détruit", synthesis_pseudo_id="DS-DETRUIT1")
    seed_agent(ws.store, "AG-DEMANDE1", "Demande", synthesis_pseudo_id="DS-DEMANDE1")
    info = backup.make_backup(ws)
    kept = info.path.rename(data_dir / "hors-de-portée.db")  # out of reach when the purge cleans the backups
    retention.purge(ws, [purged])
    info = replace(info, path=kept)
    _destroy_synthesis(ws, "DS-DETRUIT1")
    with ws.store.session() as s:  # asked for, not carried out yet
        s.add(DestructionRequestRow(synthesis_pseudo_id="DS-DEMANDE1", requested_on=ws.clock.today(),
                                    requested_by="agent"))
    ws.store.close()

    report = restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)

    assert report.reapplied.agents_removed == ("AG-PURGE001",)
    assert report.reapplied.syntheses_removed == ("DS-DETRUIT1",)
    assert (report.reapplied.tombstones_copied, report.reapplied.requests_copied) == (2, 2)
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        with store.session() as s:
            agents = set(s.execute(select(AgentRow.pseudo_id)).scalars())
            syntheses = set(s.execute(select(SynthesisRow.pseudo_id)).scalars())
            tombstones = {(t.kind, t.pseudo_id) for t in s.execute(select(TombstoneRow)).scalars()}
            pending = s.execute(select(DestructionRequestRow)
                                .where(DestructionRequestRow.synthesis_pseudo_id == "DS-DEMANDE1")).scalar_one()
            pending_target = s.execute(select(SynthesisRow.pseudo_id)
                                       .where(SynthesisRow.id == pending.synthesis_id)).scalar()
        key = store.raw_key
    finally:
        store.close()
    assert agents == {"AG-DETRUIT1", "AG-DEMANDE1"}
    assert syntheses == {"DS-DEMANDE1"}
    assert tombstones == {("dossier_agent", "AG-PURGE001"), ("synthese", "DS-DETRUIT1")}
    assert pending_target == "DS-DEMANDE1" and pending.carried_out_at is None
    assert plaintext_hits(data_dir / "store.db", key, MARKER) == 0


def test_backup_still_restores_after_a_passphrase_change(ws: Workspace, data_dir: Path, no_vault) -> None:
    seed_agent(ws.store, "AG-AVANT001", "Avant")
    info = backup.make_backup(ws)
    ws.store.change_passphrase(PASSPHRASE, "une toute nouvelle phrase")
    ws.store.close()
    restore.restore_backup(data_dir, info.path, "une toute nouvelle phrase", no_vault, clock=ws.clock)
    store = Store.unlock(data_dir, "une toute nouvelle phrase", vault=no_vault)
    store.close()


def test_backup_made_before_a_rekey_is_refused_clearly(ws: Workspace, data_dir: Path, no_vault) -> None:
    info = backup.make_backup(ws)
    ws.store.rekey(PASSPHRASE, vault=no_vault)
    ws.store.close()
    before = digest_tree(data_dir)
    with pytest.raises(restore.BackupKeyMismatch, match="rekey") as caught:
        restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)
    assert "store.key" in str(caught.value) and "n'a pas été modifié" in str(caught.value)
    assert digest_tree(data_dir) == before


def _plaintext_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (zeroblob(9000))")
    conn.commit()
    conn.close()


def _flip(data: bytes, offset: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= 0x20
    return bytes(changed)


BAD_BACKUPS = {
    "vide": lambda good, path: path.write_bytes(b""),
    "octets aléatoires": lambda good, path: path.write_bytes(os.urandom(64 * 1024)),
    "sqlite en clair": lambda good, path: _plaintext_sqlite(path),
    "tronquée au milieu": lambda good, path: path.write_bytes(good[: len(good) // 2 + 100]),
    "tronquée à une page": lambda good, path: path.write_bytes(good[: len(good) - 8 * 4096]),
    "bit inversé page 1": lambda good, path: path.write_bytes(_flip(good, 200)),
    "bit inversé au milieu": lambda good, path: path.write_bytes(_flip(good, len(good) // 2)),
    "un dossier": lambda good, path: path.mkdir(),
    "introuvable": lambda good, path: None,
}


@pytest.mark.parametrize("damage", list(BAD_BACKUPS))
def test_a_bad_backup_is_refused_and_changes_nothing(ws: Workspace, data_dir: Path, tmp_path: Path,
                                                     no_vault, damage: str) -> None:
    for i in range(40):  # enough pages for damage in the middle to miss page 1
        seed_agent(ws.store, f"AG-AGENT{i:03d}", "Agent" * 20)
    good = backup.make_backup(ws).path.read_bytes()
    ws.store.close()
    bad = tmp_path / "reçue.db"
    BAD_BACKUPS[damage](good, bad)
    before = digest_tree(data_dir)
    with pytest.raises(StoreError) as caught:
        restore.restore_backup(data_dir, bad, PASSPHRASE, no_vault, clock=ws.clock)
    message = str(caught.value)
    assert message[0].isupper() and ("n'a été modifié" in message or "n'a pas été modifié" in message), message
    assert digest_tree(data_dir) == before


def test_a_backup_of_another_store_is_refused(ws: Workspace, data_dir: Path, tmp_path: Path, no_vault) -> None:
    other = Store.create(tmp_path / "autre", PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    foreign = backup.make_backup(Workspace(other, ws.clock)).path
    other.close()
    ws.store.close()
    before = digest_tree(data_dir)
    with pytest.raises(restore.BackupKeyMismatch):
        restore.restore_backup(data_dir, foreign, PASSPHRASE, no_vault, clock=ws.clock)
    assert digest_tree(data_dir) == before


def test_a_backup_from_a_newer_version_is_refused(ws: Workspace, data_dir: Path, no_vault) -> None:
    info = backup.make_backup(ws)
    conn = db.raw_connect(info.path, ws.store.raw_key)
    conn.execute("UPDATE alembic_version SET version_num = 'f00dcafe9999'")
    conn.commit()
    conn.close()
    ws.store.close()
    before = digest_tree(data_dir)
    with pytest.raises(StoreTooNew, match="version plus récente"):
        restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)
    assert digest_tree(data_dir) == before


def test_the_current_store_is_put_back_if_the_restored_one_does_not_open(ws: Workspace, data_dir: Path,
                                                                          no_vault, monkeypatch) -> None:
    info = backup.make_backup(ws)
    ws.store.close()
    before = digest_tree(data_dir)

    def failing_unlock(*args, **kwargs):
        raise StoreError("Ouverture impossible.")

    monkeypatch.setattr(backup.Store, "unlock", failing_unlock)
    with pytest.raises(StoreError, match="Ouverture impossible"):
        restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)
    assert digest_tree(data_dir) == before


def test_restore_over_an_unreadable_store_says_destructions_could_not_be_read(ws: Workspace, data_dir: Path,
                                                                             no_vault) -> None:
    seed_agent(ws.store, "AG-AVANT001", "Avant")
    info = backup.make_backup(ws)
    ws.store.close()
    (data_dir / "store.db").write_bytes(os.urandom(64 * 1024))
    report = restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault, clock=ws.clock)
    assert not report.current_store_read and report.previous_store is not None
    assert _pseudo_ids(data_dir, no_vault) == {"AG-AVANT001"}


def _mutations(size: int) -> st.SearchStrategy:
    offset = st.integers(0, size - 1)
    flips = st.lists(st.tuples(offset, st.integers(1, 255)), min_size=1, max_size=8).map(
        lambda changes: lambda data: bytes(b ^ dict(changes).get(i, 0) for i, b in enumerate(data)))
    truncation = offset.map(lambda n: lambda data: data[:n])
    insertion = st.tuples(offset, st.binary(min_size=1, max_size=64)).map(
        lambda t: lambda data: data[:t[0]] + t[1] + data[t[0]:])
    overwrite = st.tuples(offset, st.binary(min_size=1, max_size=512)).map(
        lambda t: lambda data: data[:t[0]] + t[1] + data[t[0] + len(t[1]):])
    whole = st.binary(max_size=16 * 1024).map(lambda junk: lambda data: junk)
    return st.one_of(flips, truncation, insertion, overwrite, whole)


def test_fuzzed_backups_only_raise_store_errors_and_change_nothing(ws: Workspace, data_dir: Path,
                                                                  tmp_path: Path, no_vault) -> None:
    seed_agent(ws.store, "AG-AGENT001", MARKER)
    good = backup.make_backup(ws).path.read_bytes()
    ws.store.close()
    before = digest_tree(data_dir)
    candidate = tmp_path / "mutée.db"
    refused = 0

    @settings(max_examples=60, deadline=None)
    @given(_mutations(len(good)))
    def restore_refuses(mutate) -> None:
        nonlocal refused
        mutated = mutate(good)
        if mutated == good:
            return
        candidate.write_bytes(mutated)
        with pytest.raises(StoreError):
            restore.restore_backup(data_dir, candidate, PASSPHRASE, no_vault, clock=ws.clock)
        assert digest_tree(data_dir) == before
        refused += 1

    restore_refuses()
    assert refused >= 40  # damaged backups were really tried (a mutation may leave the file as it was)
    assert _pseudo_ids(data_dir, no_vault) == {"AG-AGENT001"}  # and the store still opens with its content


def test_a_copy_that_differs_from_the_store_is_refused(ws: Workspace, data_dir: Path, monkeypatch) -> None:
    """The copy is compared with the store table by table, on the snapshot's row counts: a copy that lost a row
    between the snapshot and its verification is not kept as a backup."""
    seed_agent(ws.store, "AG-AGENT001", "Un")
    seed_agent(ws.store, "AG-AGENT002", "Deux")
    write_snapshot = backup._write_snapshot

    def losing_a_row(store: Store, target: Path) -> dict[str, int]:
        counts = write_snapshot(store, target)
        conn = db.raw_connect(target, store.raw_key)
        try:
            conn.execute("DELETE FROM agents WHERE pseudo_id = 'AG-AGENT002'")
            conn.commit()
        finally:
            conn.close()
        return counts

    monkeypatch.setattr(backup, "_write_snapshot", losing_a_row)
    entries = len(list_entries(ws))
    with pytest.raises(backup.BackupFailed, match="ne contient pas les mêmes données"):
        backup.make_backup(ws)
    assert not (data_dir / "backups").exists() or list((data_dir / "backups").iterdir()) == []
    assert len(list_entries(ws)) == entries
