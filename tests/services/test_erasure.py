"""Erasing an agent's file: through the purge path, no marker left in the store, its WAL or its search index; a
tombstone without name, an attestation, the holds, anonymous activity that keeps the indicators whole."""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text

from cmc_desktop.data.models import (
    AccompanimentRow,
    ActivityRecordRow,
    AgentRow,
    DestructionRequestRow,
    InterviewRow,
    SatisfactionRow,
    SynthesisRow,
    TombstoneRow,
)
from cmc_desktop.data.store import Store
from cmc_desktop.domain.accompaniment import ProjectKind, Questionnaire, Result
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.erasure import ErasureReason
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from cmc_desktop.domain.synthesis import Author
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import accompaniments, backup, bpp, destruction, erasure, restore, satisfaction
from cmc_desktop.services import synthesis as synthesis_service
from cmc_desktop.services.accompaniments import Outcome, RequestInput
from cmc_desktop.services.agent_search import search_agents
from cmc_desktop.services.agents import AgentInput, create_agent
from cmc_desktop.services.audit_journal import list_entries, verify_journal
from cmc_desktop.services.consents import give_consent
from cmc_desktop.services.dashboard import dashboard
from cmc_desktop.services.indicators import compute_indicators
from cmc_desktop.services.interviews import InterviewInput, start_interview, update_interview
from cmc_desktop.services.synthesis_exchange import export_pdf
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER, PASSPHRASE

from .helpers import plaintext_hits
from .synthesis_helpers import bpp_agent
from .test_destruction import wal_hits

TODAY = date(2026, 11, 16)
OTHER = "Bérénice Conservée"
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def full_file(ws: Workspace, last_name: str = "Quastenbrück", first_name: str = "Zéphyrine") -> int:
    """An agent whose every part holds the marker: identity, notes, request, interview, synthesis, questionnaire."""
    agent_id = create_agent(ws, AgentInput(last_name, first_name, email="zephyrine@exemple.invalid",
                                           private_notes=f"Notes sur {MARKER}", birth_year=1975))
    accompaniment_id = accompaniments.record_request(ws, agent_id, RequestInput(
        date(2026, 9, 1), need=f"Besoin de {MARKER}", diagnosis=f"Diagnostic {MARKER}", promised_days=15))
    interview = start_interview(ws, agent_id, InterviewType.E2, date(2026, 9, 8))
    update_interview(ws, interview, InterviewInput(date(2026, 9, 8), subject=f"Projet {MARKER}",
                                                   private_notes=f"Confidence {MARKER}"))
    document = synthesis_service.create_synthesis(ws, agent_id, SynthesisKind.E2)
    synthesis_service.set_field(ws, document, "e2.1", f"Projet de {MARKER}", Author.AGENT)
    accompaniments.close_accompaniment(ws, agent_id, Outcome(date(2026, 10, 1), ProjectKind.MOBILITE_INTERNE,
                                                             Result.MOBILITE_REALISEE))
    accompaniments.record_questionnaire(ws, accompaniment_id, Questionnaire.ECRAN)
    satisfaction.record(ws, Satisfaction(agent_id, AccompanimentKind.E2, date(2026, 10, 1), AnswerVia.SEANCE,
                                         overall=8, comment=f"Merci {MARKER}"))
    return agent_id


def count(ws: Workspace, model: type) -> int:
    with ws.store.session() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_erasure_on_request_leaves_no_marker_in_the_store_its_wal_or_its_index(ws: Workspace,
                                                                              data_dir: Path) -> None:
    agent_id = full_file(ws)
    kept = create_agent(ws, AgentInput("Conservée", "Bérénice", private_notes=OTHER))
    ws.store.checkpoint()
    db_file = data_dir / "store.db"
    assert plaintext_hits(db_file, ws.store.raw_key, MARKER) > 0  # the check can see content
    plan = erasure.plan_erasure(ws, agent_id)
    assert plan.holds == () and plan.last_name == "Quastenbrück"
    assert plan.reasons == (ErasureReason.AGENT_REQUEST, ErasureReason.MISTAKE)

    erased = erasure.erase_agent(ws, agent_id, ErasureReason.AGENT_REQUEST, "quastenbruck")

    assert plaintext_hits(db_file, ws.store.raw_key, MARKER) == 0
    assert plaintext_hits(db_file, ws.store.raw_key, "zephyrine") == 0  # nor the e-mail, nor an index token
    assert wal_hits(data_dir / "store.db-wal", ws.store.raw_key, "Quastenbr") == 0
    assert plaintext_hits(db_file, ws.store.raw_key, OTHER) > 0
    with ws.store.session() as s:
        assert s.execute(text("SELECT count(*) FROM agents_fts WHERE agents_fts MATCH 'quastenbruck'")).scalar() == 0
        tombstone = s.execute(select(TombstoneRow)).scalar_one()
        comments = s.execute(select(SatisfactionRow.comment, SatisfactionRow.agent_id)).all()
    assert (tombstone.kind, tombstone.pseudo_id, tombstone.reason) == ("dossier_agent", erased.pseudo_id,
                                                                       "demande_agent")
    assert [tuple(c) for c in comments] == [("", None)]  # the score stays, anonymous, without its comment
    for model in (AgentRow, AccompanimentRow, InterviewRow, SynthesisRow):
        assert count(ws, model) == (1 if model is AgentRow else 0), model.__tablename__
    assert [a.id for a in search_agents(ws, "")] == [kept]
    [purged] = [e for e in list_entries(ws) if e.code == AuditCode.PURGE]
    assert (purged.subject, purged.detail) == (erased.pseudo_id, "demande_agent")
    assert verify_journal(ws).intact


def test_the_attestation_says_what_went_who_asked_and_what_remains(ws: Workspace) -> None:
    agent_id = full_file(ws)
    erased = erasure.erase_agent(ws, agent_id, ErasureReason.AGENT_REQUEST, "Quastenbrück")
    reader = PdfReader(__import__("io").BytesIO(erased.attestation))
    text_ = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in ("Attestation d'effacement", f"référence {erased.pseudo_id}", "à la demande de l'agent",
                     "1 demande d'accompagnement et son issue", "1 entretien avec ses notes",
                     "Document de synthèse DS-", "non transmis", "Ce qui subsiste", "Une trace sans contenu",
                     "comptes anonymes", "Aucune des copies que l'application connaît ne contient plus ce dossier"):
        assert expected in text_, expected
    assert "Zéphyrine QUASTENBRÜCK" in text_  # the attestation is the agent's: it names them
    assert MARKER not in text_.replace("Zéphyrine QUASTENBRÜCK", "")  # no content of the file
    assert erasure.attestation_filename(erased.pseudo_id) == f"attestation-effacement-{erased.pseudo_id}.pdf"


def test_the_typed_confirmation_must_be_the_last_name(ws: Workspace) -> None:
    agent_id = full_file(ws)
    with pytest.raises(ValidationError, match="saisissez le nom de l'agent : « Quastenbrück »"):
        erasure.erase_agent(ws, agent_id, ErasureReason.AGENT_REQUEST, "Zéphyrine")
    assert count(ws, AgentRow) == 1 and count(ws, TombstoneRow) == 0


def test_the_indicators_of_past_periods_keep_the_activity_of_an_erased_file(ws: Workspace) -> None:
    agent_id = full_file(ws)
    before = compute_indicators(ws, *YEAR).figures()
    erasure.erase_agent(ws, agent_id, ErasureReason.AGENT_REQUEST, "Quastenbrück")
    after = compute_indicators(ws, *YEAR).figures()
    assert [(f.label, f.figure) for f in after] == [(f.label, f.figure) for f in before]
    report = compute_indicators(ws, *YEAR)
    assert report.access.requests_received.value == 1 and report.access.accompaniments_closed.value == 1
    assert report.access.questionnaire_answered.part.value == 1
    with ws.store.session() as s:
        [record] = s.execute(select(ActivityRecordRow.facts)).scalars()
    assert "Quastenbr" not in str(record) and "AG-" not in str(record) and "Besoin" not in str(record)


def test_a_file_created_by_mistake_leaves_no_activity(ws: Workspace) -> None:
    agent_id = full_file(ws)
    erasure.erase_agent(ws, agent_id, ErasureReason.MISTAKE, "Quastenbrück")
    assert count(ws, ActivityRecordRow) == 0 and count(ws, SatisfactionRow) == 0
    assert compute_indicators(ws, *YEAR).access.requests_received.value == 0
    with ws.store.session() as s:
        assert s.execute(select(TombstoneRow.reason)).scalar_one() == "creation_par_erreur"


def test_a_bpp_under_contract_holds_the_erasure_until_it_is_closed(ws: Workspace) -> None:
    agent_id, bpp_id = bpp_agent(ws, "Quastenbrück", "Zéphyrine")
    erasure.erase_agent(ws, create_agent(ws, AgentInput("Témoin", "Sans-Contrat")), ErasureReason.MISTAKE, "Témoin")
    bpp.record_contract(ws, bpp_id, date(2026, 11, 3))
    plan = erasure.plan_erasure(ws, agent_id)
    assert len(plan.holds) == 1 and "sous contrat d'engagement" in plan.holds[0]
    with pytest.raises(ValidationError, match="ne peut pas être effacé pour l'instant"):
        erasure.erase_agent(ws, agent_id, ErasureReason.AGENT_REQUEST, "Quastenbrück")
    # The same hold in the purge path itself (another caller, the same transaction).
    from cmc_desktop.services.retention import purge
    from cmc_desktop.services.tombstones import TombstoneReason

    with pytest.raises(ValidationError, match="sous contrat"):
        purge(ws, [agent_id], TombstoneReason.AGENT_REQUEST)
    assert [a.id for a in search_agents(ws, "quastenbruck")] == [agent_id]


def test_an_unsigned_bpp_does_not_hold_the_erasure(ws: Workspace) -> None:
    from cmc_desktop.domain.promotion import Promotion
    from cmc_desktop.services import promotions

    from .factories import accepted_agent

    agent_id, demande_id = accepted_agent(ws, "Quastenbrück", "Zéphyrine")
    promotion = promotions.create_promotion(ws, Promotion("Promotion printemps 2027", start_date=date(2027, 3, 1)))
    assert promotion.id is not None
    promotions.enrol(ws, promotion.id, demande_id)  # enrolled, the contract not signed yet
    assert erasure.plan_erasure(ws, agent_id).holds == ()
    erasure.erase_agent(ws, agent_id, ErasureReason.AGENT_REQUEST, "Quastenbrück")
    assert count(ws, AgentRow) == 0


def test_a_pending_destruction_is_settled_by_the_erasure(ws: Workspace) -> None:
    agent_id = full_file(ws)
    [document] = [s.id for s in synthesis_service.list_syntheses(ws)]
    destruction.request_destruction(ws, document, TODAY, destruction.Requester.AGENT)
    erasure.erase_agent(ws, agent_id, ErasureReason.AGENT_REQUEST, "Quastenbrück")
    assert destruction.pending_destructions(ws) == []
    with ws.store.session() as s:
        assert s.execute(select(DestructionRequestRow.carried_out_at)).scalar_one() is not None


def test_provider_mode_transmits_what_the_agent_asked_then_erases_at_the_providers_initiative(
        ws: Workspace) -> None:
    destruction.set_provider_mode(ws, True)
    agent_id = full_file(ws)
    [document] = [s.id for s in synthesis_service.list_syntheses(ws)]
    consent = give_consent(ws, document, RecipientKind.AUTRE_CMC, "CMC de l'administration", "Document",
                           date(2026, 10, 1))
    [line] = [i for i in dashboard(ws) if i.kind == "fin_de_mission"]
    assert line.title == "Fin de mission : dossier de Zéphyrine QUASTENBRÜCK à effacer"
    assert line.detail.startswith("À l'initiative du prestataire") and "Transmettez d'abord" in line.detail
    assert "l'agent a demandé" not in line.detail.lower().replace("que l'agent a demandé", "")
    plan = erasure.plan_erasure(ws, agent_id)
    assert plan.reasons[0] is ErasureReason.PROVIDER
    assert plan.holds == ("L'agent a demandé que son document de synthèse soit transmis (Autre conseiller "
                          "mobilité-carrière « CMC de l'administration ») et il ne l'a pas encore été : "
                          "transmettez-le, ou enregistrez le retrait de son consentement, avant d'effacer.",)
    export_pdf(ws, document, for_recipient=consent)  # transmitted: in provider mode its destruction is now due
    [pending] = [i for i in dashboard(ws) if i.kind == "destruction_demandee"]
    assert pending.detail.startswith("À l'initiative du prestataire, le 16/11/2026")
    erased = erasure.erase_agent(ws, agent_id, ErasureReason.PROVIDER, "Quastenbrück")
    reader = PdfReader(__import__("io").BytesIO(erased.attestation))
    text_ = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "à l'initiative du prestataire" in text_ and "à la demande de l'agent" not in text_
    assert "transmis le" in text_ and "ne pouvant pas garder des documents et des données personnelles" in text_
    with ws.store.session() as s:
        assert s.execute(select(TombstoneRow.reason)).scalar_one() == "prestataire"
    assert [i for i in dashboard(ws) if i.kind in ("fin_de_mission", "destruction_prestataire")] == []
    assert compute_indicators(ws, *YEAR).access.accompaniments_closed.value == 1


def test_the_providers_reason_needs_provider_mode(ws: Workspace) -> None:
    agent_id = full_file(ws)
    with pytest.raises(DomainError, match="mode prestataire"):
        erasure.erase_agent(ws, agent_id, ErasureReason.PROVIDER, "Quastenbrück")


def test_the_erasure_reaches_the_backups_and_a_restore_does_not_bring_the_file_back(
        ws: Workspace, data_dir: Path, no_vault) -> None:
    agent_id = full_file(ws)
    info = backup.make_backup(ws)
    assert plaintext_hits(info.path, ws.store.raw_key, MARKER) > 0  # the check can see content
    erased = erasure.erase_agent(ws, agent_id, ErasureReason.AGENT_REQUEST, "Quastenbrück")
    assert erased.copies.complete
    assert plaintext_hits(info.path, ws.store.raw_key, MARKER) == 0
    text_ = " ".join(" ".join(page.extract_text().split())
                     for page in PdfReader(__import__("io").BytesIO(erased.attestation)).pages)
    assert info.path.name in text_  # the backup is named among the copies the file was erased from
    ws.store.close()
    report = restore.restore_backup(data_dir, info.path, PASSPHRASE, no_vault)
    assert report.reapplied.agents_removed == ()  # nothing left to remove: the backup was cleaned
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        restored = Workspace(store, ws.clock)
        assert search_agents(restored, "") == []
        assert plaintext_hits(data_dir / "store.db", store.raw_key, MARKER) == 0
    finally:
        store.close()


def test_a_backup_out_of_reach_is_named_in_the_attestation_and_stays_on_the_dashboard(
        ws: Workspace, tmp_path: Path) -> None:
    agent_id = full_file(ws)
    chosen = tmp_path / "cle-usb"
    info = backup.make_backup(ws, chosen)
    chosen.rename(tmp_path / "cle-usb-debranchee")  # the removable disk is not plugged in
    erased = erasure.erase_agent(ws, agent_id, ErasureReason.AGENT_REQUEST, "Quastenbrück")
    assert not erased.copies.complete
    text_ = " ".join(" ".join(page.extract_text().split())
                     for page in PdfReader(__import__("io").BytesIO(erased.attestation)).pages)
    assert "Destruction inachevée" in text_ and str(chosen) in text_
    assert any(item.kind == "copies_restantes" for item in dashboard(ws))
    assert plaintext_hits(tmp_path / "cle-usb-debranchee" / info.path.name, ws.store.raw_key, MARKER) > 0


def test_a_providers_destruction_receipt_says_it_was_at_the_providers_initiative(ws: Workspace) -> None:
    destruction.set_provider_mode(ws, True)
    full_file(ws)
    [document] = [s.id for s in synthesis_service.list_syntheses(ws)]
    consent = give_consent(ws, document, RecipientKind.AUTRE_CMC, "CMC de l'administration", "Document",
                           date(2026, 10, 1))
    export_pdf(ws, document, for_recipient=consent)
    [pending] = destruction.pending_destructions(ws)
    receipt = destruction.carry_out_destruction(ws, pending.request_id).receipt
    text_ = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(__import__("io").BytesIO(receipt)).pages)
    assert "destruction à l'initiative du prestataire" in text_
    assert "atteste avoir détruit, à l'initiative du prestataire" in text_
    assert "à la demande de l'agent" not in text_
