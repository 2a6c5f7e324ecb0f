"""Destruction of a document de synthèse on request: nothing of its text survives in the store, its free pages,
its WAL or a decrypted copy; a content-free tombstone and a receipt for the agent remain."""

from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import select

from cmc_desktop.data import engine as db
from cmc_desktop.data.models import (
    AttachmentRow,
    ConsentRow,
    DestructionRequestRow,
    PdfImportRow,
    ReopeningRow,
    SynthesisActionRow,
    SynthesisFieldRow,
    SynthesisRow,
    SynthesisVersionRow,
    TombstoneRow,
    TransmissionRow,
)
from cmc_desktop.data.store import Store
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.synthesis import Author
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.pdf.fillable import field_name
from cmc_desktop.services import backup, destruction, restore
from cmc_desktop.services import synthesis as service
from cmc_desktop.services import synthesis_exchange as exchange
from cmc_desktop.services.consents import give_consent
from cmc_desktop.services.synthesis_versions import save_version
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER, PASSPHRASE

from .factories import make_agent
from .helpers import PAGE_SIZE, RESERVE, plaintext_hits
from .synthesis_helpers import bpp_agent, count_rows, edited, fill_with_marker, journal, pdf_text

TODAY = date(2026, 11, 16)
KEPT = "Texte conservé de Bérénice"
CONTENT_TABLES = (SynthesisFieldRow, SynthesisActionRow, SynthesisVersionRow, PdfImportRow, AttachmentRow,
                  ConsentRow, TransmissionRow, ReopeningRow)


def wal_hits(path: Path, key: bytes, needle: str) -> int:
    """Frames of a SQLCipher WAL holding the needle once decrypted (each frame: 24-byte header + one page)."""
    data = path.read_bytes() if path.exists() else b""
    hits, offset, frame = 0, 32, 24 + PAGE_SIZE
    while offset + frame <= len(data):
        page_number = int.from_bytes(data[offset:offset + 4], "big")
        page = data[offset + 24:offset + frame]
        iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        clear = decryptor.update(page[16 if page_number == 1 else 0:PAGE_SIZE - RESERVE]) + decryptor.finalize()
        hits += needle.encode() in clear
        offset += frame
    return hits


def decrypted_copy(store_path: Path, key: bytes, target: Path) -> bytes:
    """A plaintext copy of the store's live content, made with sqlcipher_export."""
    conn = db.raw_connect(store_path, key)
    try:
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()
    return target.read_bytes()


def seeded_everywhere(ws: Workspace) -> int:
    """A document with the marker in every field, action, version, import, attachment, consent, transmission
    and reopening request."""
    agent_id, _ = bpp_agent(ws)
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    fill_with_marker(ws, synthesis_id)
    save_version(ws, synthesis_id, "Après la séance 2")
    sent = exchange.export_fillable(ws, synthesis_id)
    review = exchange.review_import(ws, synthesis_id, edited(sent, {field_name("4.1"): f"Conclusion {MARKER} bis"}))
    assert review.changes
    exchange.review_import(ws, synthesis_id, edited(sent, {field_name("2.5"): f"Santé de {MARKER} (en attente)"}))
    exchange.accept_import(ws, synthesis_id, review.import_id, ["4.1"])
    consent = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, f"RH de {MARKER}", f"Plan {MARKER}", TODAY)
    exchange.export_pdf(ws, synthesis_id, for_recipient=consent)
    with ws.store.session() as s:
        s.add(AttachmentRow(synthesis_id=synthesis_id, filename=f"cv-{MARKER}.txt",
                            content=f"CV de {MARKER}".encode()))
    service.finalise(ws, synthesis_id, TODAY, empty_accepted=True)
    service.reopen(ws, synthesis_id, f"{MARKER} veut compléter", TODAY)
    for model in CONTENT_TABLES:
        assert count_rows(ws, model) >= 1, model.__tablename__
    return synthesis_id


def test_destruction_leaves_no_text_anywhere_but_a_tombstone_and_a_receipt(ws: Workspace, data_dir: Path,
                                                                         tmp_path: Path) -> None:
    synthesis_id = seeded_everywhere(ws)
    kept_id = service.create_synthesis(ws, make_agent(ws, "Garde", "Bérénice"), SynthesisKind.E2)
    service.set_field(ws, kept_id, "e2.1", KEPT, Author.AGENT)
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    key, wal = ws.store.raw_key, data_dir / "store.db-wal"
    assert wal_hits(wal, key, MARKER) > 0  # the WAL check can see content before the destruction

    request_id = destruction.request_destruction(ws, synthesis_id, TODAY, "agent")
    assert [p.request_id for p in destruction.pending_destructions(ws)] == [request_id]
    receipt = destruction.carry_out_destruction(ws, request_id).receipt
    assert wal.stat().st_size == 0  # without the TRUNCATE checkpoint, dozens of frames still hold the marker

    for model in (SynthesisRow, *CONTENT_TABLES):
        with ws.store.session() as s:
            column = SynthesisRow.id if model is SynthesisRow else model.synthesis_id  # type: ignore[attr-defined]
            assert s.execute(select(column).where(column == synthesis_id)).first() is None, model.__tablename__
    assert service.load_synthesis(ws, kept_id).text("e2.1") == KEPT
    with ws.store.session() as s:
        tombstone = s.execute(select(TombstoneRow)).scalar_one()
        request = s.get(DestructionRequestRow, request_id)
        assert request is not None
        assert (request.synthesis_id, request.synthesis_pseudo_id, request.carried_out_at) == (
            None, pseudo_id, ws.clock.now())
    assert (tombstone.kind, tombstone.pseudo_id, tombstone.reason) == ("synthese", pseudo_id, "demande_agent")
    assert (tombstone.requested_on, tombstone.created_on, tombstone.destroyed_at) == (TODAY, TODAY, ws.clock.now())
    assert destruction.pending_destructions(ws) == []

    text = pdf_text(receipt)
    assert "Attestation de destruction" in text and pseudo_id in text and "Camille MARTIN" in text
    assert "5 versions enregistrées" in text and "2 imports de PDF" in text and "1 pièce jointe" in text
    assert MARKER not in text

    entries = journal(ws)
    assert [(e.code, e.subject) for e in entries[-3:]] == [(AuditCode.DESTRUCTION_REQUESTED, pseudo_id),
                                                          (AuditCode.DESTROYED, pseudo_id),
                                                          (AuditCode.COPIES_CLEANED, "")]
    assert entries[-2].detail == f"demande={request_id} motif=demande_agent"
    assert not any(MARKER in e.subject + e.detail for e in entries)

    assert wal_hits(wal, key, MARKER) == 0
    assert plaintext_hits(data_dir / "store.db", key, MARKER) == 0
    assert plaintext_hits(data_dir / "store.db", key, KEPT) > 0  # the check does read the pages
    plain = decrypted_copy(data_dir / "store.db", key, tmp_path / "clair.db")
    assert plain.startswith(db.PLAINTEXT_HEADER) and KEPT.encode() in plain
    assert not any(form in plain for form in (MARKER.encode(), MARKER.lower().encode(), b"quastenbr"))


def test_requests_are_checked_and_pending_ones_listed(ws: Workspace) -> None:
    agent_id = make_agent(ws, "Petit", "Léa")
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.E2)
    with pytest.raises(ValidationError, match="l'agent ou par le prestataire"):
        destruction.request_destruction(ws, synthesis_id, TODAY, "Mme Petit")
    with pytest.raises(ValidationError, match="plausible"):
        destruction.request_destruction(ws, synthesis_id, date(2026, 12, 1), "agent")
    with pytest.raises(DomainError, match="n'existe pas"):
        destruction.request_destruction(ws, 999, TODAY, "agent")
    request_id = destruction.request_destruction(ws, synthesis_id, date(2026, 11, 2), destruction.Requester.AGENT)
    with pytest.raises(DomainError, match="déjà enregistrée"):
        destruction.request_destruction(ws, synthesis_id, TODAY, "agent")
    pending = destruction.pending_destructions(ws)
    assert [(p.request_id, p.synthesis_id, p.agent_display_name, p.requested_on, p.requested_by) for p in pending] \
        == [(request_id, synthesis_id, "Léa PETIT", date(2026, 11, 2), destruction.Requester.AGENT)]
    entry = journal(ws)[-1]
    assert (entry.code, entry.detail) == (AuditCode.DESTRUCTION_REQUESTED, f"demande={request_id} par=agent")
    destruction.carry_out_destruction(ws, request_id)
    with pytest.raises(DomainError, match="déjà été effectuée le 16/11/2026"):
        destruction.carry_out_destruction(ws, request_id)
    with pytest.raises(DomainError, match="n'existe pas"):
        destruction.carry_out_destruction(ws, 999)
    assert destruction.receipt_filename("DS-ABCDEFGH") == "recepisse-destruction-DS-ABCDEFGH.pdf"


def test_a_providers_destruction_is_recorded_as_such(ws: Workspace) -> None:
    destruction.set_provider_mode(ws, True)
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Petit", "Léa"), SynthesisKind.E2)
    consent = give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "CMC du ministère", "Tout", TODAY)
    exchange.export_pdf(ws, synthesis_id, for_recipient=consent)
    [pending] = destruction.pending_destructions(ws)
    receipt = destruction.carry_out_destruction(ws, pending.request_id).receipt
    assert "le prestataire" in pdf_text(receipt)
    with ws.store.session() as s:
        assert s.execute(select(TombstoneRow.reason)).scalar_one() == "prestataire"
    destruction.set_provider_mode(ws, False)
    assert not destruction.is_provider_mode(ws)
    assert [e.detail for e in journal(ws) if e.code == AuditCode.PROVIDER_MODE_CHANGED] == ["actif=oui", "actif=non"]


def test_a_request_whose_document_is_already_gone_is_settled(ws: Workspace) -> None:
    """After a restore, a pending request may point at a document the restored store never had."""
    with ws.store.session() as s:
        s.add(DestructionRequestRow(synthesis_pseudo_id="DS-ABSENT01", requested_on=TODAY, requested_by="agent"))
    [pending] = destruction.pending_destructions(ws)
    assert (pending.synthesis_id, pending.agent_display_name) == (None, "")
    receipt = destruction.carry_out_destruction(ws, pending.request_id).receipt
    assert "DS-ABSENT01" in pdf_text(receipt)
    assert destruction.pending_destructions(ws) == []
    with ws.store.session() as s:
        assert s.execute(select(TombstoneRow.pseudo_id)).scalar_one() == "DS-ABSENT01"


def test_a_restored_older_backup_does_not_bring_the_document_back(ws: Workspace, data_dir: Path, tmp_path: Path,
                                                                 no_vault) -> None:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Petit", "Léa"), SynthesisKind.E2)
    service.set_field(ws, synthesis_id, "e2.1", f"Projet de {MARKER}", Author.AGENT)
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    info = backup.make_backup(ws, tmp_path / "usb")
    (tmp_path / "usb").rename(tmp_path / "tiroir")  # out of reach at the destruction: the backup still holds it
    destruction.carry_out_destruction(ws, destruction.request_destruction(ws, synthesis_id, TODAY, "agent"))
    ws.store.close()

    report = restore.restore_backup(data_dir, tmp_path / "tiroir" / info.path.name, PASSPHRASE, no_vault,
                                   clock=ws.clock)

    assert report.reapplied.syntheses_removed == (pseudo_id,)
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        restored = Workspace(store, ws.clock)
        assert service.list_syntheses(restored) == [] and destruction.pending_destructions(restored) == []
        assert plaintext_hits(data_dir / "store.db", store.raw_key, MARKER) == 0
    finally:
        store.close()
