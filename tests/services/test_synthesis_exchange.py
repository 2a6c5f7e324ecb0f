"""Exports of the document de synthèse (agent's copy, third party with consent, password) and the fillable PDF
round trip: exactly the fields the agent edited come back, attributed to the agent; foreign, other-document,
tampered or too-late PDFs are refused and leave the store unchanged."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from sqlalchemy import select

from cmc_desktop.data.models import PdfImportRow, TransmissionRow
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.synthesis import Author, PlanAction
from cmc_desktop.domain.synthesis_schema import SynthesisKind, field_specs
from cmc_desktop.pdf.fillable import TOKEN_FIELD, action_field, field_name
from cmc_desktop.pdf.form_sandbox import Cancellation
from cmc_desktop.pdf.synthesis_pdf import render_synthesis
from cmc_desktop.services import destruction
from cmc_desktop.services import synthesis as service
from cmc_desktop.services import synthesis_exchange as exchange
from cmc_desktop.services.consents import give_consent, withdraw_consent
from cmc_desktop.services.synthesis_versions import list_versions
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER
from tests.data.helpers import digest_tree
from tests.pdf import crafted

from .factories import make_agent
from .synthesis_helpers import count_rows, edited, fill_with_marker, journal, pdf_text

TODAY = date(2026, 11, 16)


def new_synthesis(ws: Workspace, last_name: str = "Lefèvre") -> int:
    return service.create_synthesis(ws, make_agent(ws, last_name, "Hélène"), SynthesisKind.BPP)


def test_the_agents_copy_is_exported_and_journaled(ws: Workspace) -> None:
    synthesis_id = new_synthesis(ws)
    fill_with_marker(ws, synthesis_id)
    data = exchange.export_pdf(ws, synthesis_id)
    text = pdf_text(data)
    assert MARKER in text and "Phase de lancement" in text
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    entry = journal(ws)[-1]
    assert (entry.code, entry.subject, entry.detail) == (AuditCode.SYNTHESIS_EXPORTED, pseudo_id,
                                                         "copie=agent protege=non")
    assert count_rows(ws, TransmissionRow) == 0
    assert exchange.suggested_filename(ws, synthesis_id) == f"synthese-{pseudo_id}.pdf"
    assert exchange.suggested_filename(ws, synthesis_id, fillable=True) == f"synthese-{pseudo_id}-a-completer.pdf"


def test_password_protection_uses_aes_256_and_refuses_weak_passwords(ws: Workspace) -> None:
    synthesis_id = new_synthesis(ws)
    fill_with_marker(ws, synthesis_id)
    entries = len(journal(ws))
    for weak in ("", "court"):
        with pytest.raises(ValidationError, match="8 caractères"):
            exchange.export_pdf(ws, synthesis_id, password=weak)
    assert len(journal(ws)) == entries
    data = exchange.export_pdf(ws, synthesis_id, password="phrase sûre du PDF")
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted and MARKER.encode() not in data
    assert MARKER in pdf_text(data, "phrase sûre du PDF")
    assert journal(ws)[-1].detail == "copie=agent protege=oui"


def test_export_to_a_third_party_needs_a_live_consent(ws: Workspace, clock: FixedClock) -> None:
    synthesis_id, other_id = new_synthesis(ws), new_synthesis(ws, "Durand")
    fill_with_marker(ws, synthesis_id)
    foreign = give_consent(ws, other_id, RecipientKind.SERVICE_RH, "RH centrale", "Tout", TODAY)
    rh = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, f"RH {MARKER}", "Tout", TODAY)
    entries = len(journal(ws))
    with pytest.raises(DomainError, match="ne concerne pas ce document"):
        exchange.export_pdf(ws, synthesis_id, for_recipient=foreign)
    with pytest.raises(DomainError, match="ne concerne pas ce document"):
        exchange.export_pdf(ws, synthesis_id, for_recipient=999)

    data = exchange.export_pdf(ws, synthesis_id, for_recipient=rh)
    assert MARKER in pdf_text(data)
    with ws.store.session() as s:
        sent = s.execute(select(TransmissionRow)).scalar_one()
        assert (sent.synthesis_id, sent.consent_id, sent.recipient_kind, sent.sent_at) == (
            synthesis_id, rh, RecipientKind.SERVICE_RH, clock.now())
    entry = journal(ws)[-1]
    assert entry.code == AuditCode.SYNTHESIS_EXPORTED_THIRD_PARTY and len(journal(ws)) == entries + 1
    assert entry.detail == (f"transmission={sent.id} consentement={rh} destinataire=service_rh protege=non "
                            "rubriques=toutes-sauf:1.2,2.5")

    withdraw_consent(ws, rh, TODAY)
    with pytest.raises(DomainError, match="consentement"):
        exchange.export_pdf(ws, synthesis_id, for_recipient=rh)
    assert count_rows(ws, TransmissionRow) == 1
    assert not any(MARKER in e.subject + e.detail for e in journal(ws))


def test_in_provider_mode_a_transmission_to_the_administrations_cmc_requires_destruction(ws: Workspace) -> None:
    synthesis_id = new_synthesis(ws)
    cmc = give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "CMC du ministère", "Tout", TODAY)
    rh = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH", "Tout", TODAY)
    exchange.export_pdf(ws, synthesis_id, for_recipient=cmc)
    assert destruction.pending_destructions(ws) == []  # not a provider: the CMC keeps the document

    destruction.set_provider_mode(ws, True)
    assert destruction.is_provider_mode(ws)
    exchange.export_pdf(ws, synthesis_id, for_recipient=rh)
    assert destruction.pending_destructions(ws) == []
    exchange.export_pdf(ws, synthesis_id, for_recipient=cmc)
    exchange.export_pdf(ws, synthesis_id, for_recipient=cmc)  # asked once, however often it is sent
    pending = destruction.pending_destructions(ws)
    assert [(p.synthesis_id, p.requested_on, p.requested_by) for p in pending] == [
        (synthesis_id, TODAY, destruction.Requester.PRESTATAIRE)]
    assert pending[0].agent_display_name == "Hélène LEFÈVRE"
    codes = [e.code for e in journal(ws)]
    assert codes.count(AuditCode.DESTRUCTION_REQUESTED) == 1 and AuditCode.PROVIDER_MODE_CHANGED in codes


def test_write_atomically_leaves_no_partial_file(ws: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "exports" / "synthese.pdf"
    target.parent.mkdir()
    exchange.write_atomically(target, b"%PDF-1.7 premier")
    exchange.write_atomically(str(target), b"%PDF-1.7 second")
    assert target.read_bytes() == b"%PDF-1.7 second" and list(target.parent.iterdir()) == [target]
    with pytest.raises(DomainError, match="Aucun fichier incomplet"):
        exchange.write_atomically(tmp_path / "absent" / "synthese.pdf", b"%PDF")
    assert not (tmp_path / "absent").exists()


def _prepared(ws: Workspace) -> int:
    synthesis_id = new_synthesis(ws)
    service.set_field(ws, synthesis_id, "1.1", "Évoluer vers la gestion de projets", Author.CMC)
    service.set_field(ws, synthesis_id, "2.1.0", "Un parcours de 10\u202f000 heures", Author.CMC)
    service.set_field(ws, synthesis_id, "2.3.3", "Rigueur", Author.AGENT)
    service.set_actions(ws, synthesis_id, [PlanAction("Stage", "1 mois", "03/2027", ["Contacter le service"]),
                                           PlanAction("Formation", "5 jours", "", ["S'inscrire"])], Author.CMC)
    return synthesis_id


def test_fillable_round_trip_brings_back_exactly_the_agents_edits(ws: Workspace, clock: FixedClock) -> None:
    synthesis_id = _prepared(ws)
    sent = exchange.export_fillable(ws, synthesis_id)
    assert [v.label for v in list_versions(ws, synthesis_id)] == ["Envoyé à l'agent à compléter (PDF)"]
    # Meanwhile the CMC corrects a field the agent leaves alone: the import must not undo it.
    service.set_field(ws, synthesis_id, "2.3.3", "Rigueur et autonomie", Author.CMC)
    clock.advance(days=3)
    returned = edited(sent, {
        field_name("1.1"): "Évoluer vers la gestion de projets numériques",
        field_name("2.2.3"): f"Motivations de {MARKER}\r\nsur deux lignes",
        action_field(2, "duree"): "10 jours",
        action_field(3, "title"): "Entretien avec la DRH",
        action_field(3, "steps"): "Prendre rendez-vous\nPréparer mon CV",
    })

    review = exchange.review_import(ws, synthesis_id, returned)
    assert review.synthesis_id == synthesis_id
    assert [(c.key, c.before, c.after) for c in review.changes] == [
        ("1.1", "Évoluer vers la gestion de projets", "Évoluer vers la gestion de projets numériques"),
        ("2.2.3", "", f"Motivations de {MARKER}\nsur deux lignes"),
        ("action.2", "Formation\nDurée : 5 jours\nDate de réalisation : \nÉtape 1: S'inscrire",
         "Formation\nDurée : 10 jours\nDate de réalisation : \nÉtape 1: S'inscrire"),
        ("action.3", "", "Entretien avec la DRH\nDurée : \nDate de réalisation : \nÉtape 1: Prendre rendez-vous\n"
                         "Étape 2: Préparer mon CV")]
    assert review.changes[0].label == "1.1. besoins et attentes de l'agent"
    assert service.load_synthesis(ws, synthesis_id).text("1.1") == "Évoluer vers la gestion de projets"  # not yet

    before = service.load_synthesis(ws, synthesis_id)
    exchange.accept_import(ws, synthesis_id, review.import_id, ["1.1", "action.3"])
    doc = service.load_synthesis(ws, synthesis_id)
    assert {k: v for k, v in doc.values.items() if k != "1.1"} == {k: v for k, v in before.values.items() if k != "1.1"}
    assert doc.actions[:2] == before.actions
    assert doc.text("1.1") == "Évoluer vers la gestion de projets numériques"
    assert (doc.values["1.1"].author, doc.values["1.1"].updated_at) == (Author.AGENT, clock.now())
    assert doc.text("2.2.3") == "" and doc.text("2.3.3") == "Rigueur et autonomie"
    assert doc.values["2.1.0"].author is Author.CMC
    assert [(a.title, a.duree, a.author) for a in doc.actions] == [
        ("Stage", "1 mois", Author.CMC), ("Formation", "5 jours", Author.CMC),
        ("Entretien avec la DRH", "", Author.AGENT)]
    assert doc.actions[2].steps == ["Prendre rendez-vous", "Préparer mon CV"]
    assert list_versions(ws, synthesis_id)[-1].label == "Import du PDF complété par l'agent"
    with ws.store.session() as s:
        stored = s.execute(select(PdfImportRow)).scalar_one()
        assert (stored.accepted_keys, stored.values) == (["1.1", "action.3"], {})  # no copy of refused text kept
    codes = [(e.code, e.detail) for e in journal(ws)][-2:]
    assert codes == [(AuditCode.FILLABLE_IMPORTED, f"import={review.import_id} propositions=4"),
                     (AuditCode.FILLABLE_ACCEPTED, f"import={review.import_id} acceptees=2 proposees=4")]
    with pytest.raises(DomainError, match="déjà été traité"):
        exchange.accept_import(ws, synthesis_id, review.import_id, ["2.2.3"])


def test_an_unchanged_fillable_proposes_nothing_and_removed_actions_are_proposed(ws: Workspace) -> None:
    synthesis_id = _prepared(ws)
    sent = exchange.export_fillable(ws, synthesis_id)
    assert exchange.review_import(ws, synthesis_id, sent).changes == []  # U+202F comes back as U+00A0: no change
    emptied = edited(sent, {action_field(1, part): "" for part in ("title", "duree", "date", "steps")})
    review = exchange.review_import(ws, synthesis_id, emptied)
    assert [(c.key, c.after) for c in review.changes] == [("action.1", "")]
    with pytest.raises(ValidationError, match="ne font pas partie"):
        exchange.accept_import(ws, synthesis_id, review.import_id, ["action.1", "4.1"])
    exchange.accept_import(ws, synthesis_id, review.import_id, ["action.1"])
    actions = service.load_synthesis(ws, synthesis_id).actions
    assert [a.title for a in actions] == ["Formation"]


def test_foreign_other_tampered_or_late_pdfs_are_refused_and_change_nothing(ws: Workspace, data_dir: Path) -> None:
    synthesis_id, other_id = _prepared(ws), new_synthesis(ws, "Durand")
    sent = exchange.export_fillable(ws, synthesis_id)
    for_other = exchange.export_fillable(ws, other_id)
    token = PdfReader(io.BytesIO(sent)).get_fields()[TOKEN_FIELD]["/V"]
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")
    plain = render_synthesis(service.load_synthesis(ws, synthesis_id))  # ours, but not a form
    ws.store.checkpoint()
    before = digest_tree(data_dir)

    for data, message in [
        (b"not a pdf at all", "pas un PDF"),
        (sent[: len(sent) // 2], "endommagé"),
        (plain, "pas un document de synthèse à compléter"),
        (edited(for_other, {field_name("1.1"): "Autre"}), "autre document de synthèse"),
        (edited(sent, {TOKEN_FIELD: forged, field_name("1.1"): "Modifié"}), "sceau"),
        (edited(sent, {TOKEN_FIELD: token.replace("v1-", "v2-", 1)}), "sceau"),
        (edited(sent, {TOKEN_FIELD: "n'importe quoi"}), "sceau"),
    ]:
        with pytest.raises(DomainError, match=message) as refused:
            exchange.review_import(ws, synthesis_id, data)
        assert "Rien n'a été importé" in str(refused.value) or "rien n'a été importé" in str(refused.value)
    ws.store.checkpoint()
    assert digest_tree(data_dir) == before

    service.finalise(ws, synthesis_id, TODAY, empty_accepted=True)
    ws.store.checkpoint()
    finalised = digest_tree(data_dir)
    assert finalised != before  # the digest does see a write
    with pytest.raises(DomainError, match="finalisé"):
        exchange.review_import(ws, synthesis_id, edited(sent, {field_name("1.1"): "Trop tard"}))
    with pytest.raises(DomainError, match="finalisé"):
        exchange.export_fillable(ws, synthesis_id)
    ws.store.checkpoint()
    assert digest_tree(data_dir) == finalised and count_rows(ws, PdfImportRow) == 0


def _with(data: bytes, change) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _script(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})


def _flatten(writer: PdfWriter) -> None:
    del writer._root_object["/AcroForm"]
    for page in writer.pages:
        page.pop("/Annots", None)


def _drop_a_field(writer: PdfWriter) -> None:
    fields = writer._root_object["/AcroForm"]["/Fields"]
    del fields[[f.get_object().get("/T") for f in fields].index(field_name("4.1"))]


def test_hostile_unreadable_or_cancelled_imports_change_nothing(ws: Workspace, data_dir: Path) -> None:
    """Refused after the seal (active content, missing field), refused before it (flattened, crafted, over a
    limit), or cancelled: the store is byte-identical, no import row, no journal entry."""
    synthesis_id = _prepared(ws)
    sent = edited(exchange.export_fillable(ws, synthesis_id), {field_name("1.1"): f"Réponse de {MARKER}"})
    entries = len(journal(ws))
    ws.store.checkpoint()
    before = digest_tree(data_dir)
    cancelled = Cancellation()
    cancelled.cancel()
    for data, cancellation, message in [
        (_with(sent, _script), None, "éléments actifs (JavaScript)"),
        (_with(sent, _drop_a_field), None, "Il manque à ce PDF"),
        (_with(sent, _flatten), None, "aplatis"),
        (crafted.object_stream_bomb(1, 9), None, "bien plus complexe"),
        (crafted.many_fields(6000), None, "bien plus complexe"),
        (crafted.deep_field_tree(100, sealed=True), None, "autre document de synthèse"),
        (sent, cancelled, "annulée"),
    ]:
        with pytest.raises(DomainError, match=re.escape(message)) as refused:
            exchange.review_import(ws, synthesis_id, data, cancellation=cancellation)
        assert "ien n'a été importé" in str(refused.value)
    assert len(journal(ws)) == entries and count_rows(ws, PdfImportRow) == 0
    ws.store.checkpoint()
    assert digest_tree(data_dir) == before
    assert [c.key for c in exchange.review_import(ws, synthesis_id, sent).changes] == ["1.1"]  # the file is fine


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_fillable_is_refused_or_read_never_crashes(ws: Workspace, damage: list[tuple[float, int]]) -> None:
    synthesis_id = _prepared(ws)
    data = bytearray(exchange.export_fillable(ws, synthesis_id))
    for where, byte in damage:
        data[int(where * len(data))] = byte
    try:
        review = exchange.review_import(ws, synthesis_id, bytes(data))
    except DomainError:
        return
    known = set(field_specs(SynthesisKind.BPP)) | {f"action.{i}" for i in range(1, 21)}
    assert {c.key for c in review.changes} <= known
