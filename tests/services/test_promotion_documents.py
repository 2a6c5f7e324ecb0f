"""Convocations, feuille d'émargement, contracts: their text checked with the profile's data and every
participant; attendance and contract dates recorded from them; nothing but counts in the journal."""

import re
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from cmc_desktop.domain import contract
from cmc_desktop.domain.bpp import Phase
from cmc_desktop.domain.errors import DomainError
from cmc_desktop.domain.profile import CmcProfile
from cmc_desktop.domain.promotion import Promotion, Seance
from cmc_desktop.services import promotion_documents as docs
from cmc_desktop.services.audit_journal import list_entries
from cmc_desktop.services.profile import save_profile
from cmc_desktop.services.promotions import (
    add_confidential_point,
    create_promotion,
    enrol,
    plan_seance,
    promotion_board,
)
from cmc_desktop.services.workspace import Workspace
from tests.pdf.samples import all_text, page_texts

from .factories import make_agent, make_demande

SEED = Path(__file__).resolve().parents[1] / "pdf" / "seeds" / "guide_001_extraits.txt"
PROFILE = CmcProfile(last_name="Lefèvre", first_name="Anne", function="Conseillère mobilité-carrière",
                     administration="Ministère de l'Économie", service="Plateforme RH de Lyon",
                     address="12 rue de la Charité\n69002 Lyon", phone="04 72 00 00 00",
                     email="anne.lefevre@finances.gouv.fr")
NAMES = [("Quastenbrück", "Zéphyrine"), ("Durand", "Émile"), ("N'Diaye", "Aïssatou")]


def _promotion(ws: Workspace) -> tuple[int, Seance, list[int], list[int]]:
    promotion = create_promotion(ws, Promotion("Cap Hiver", start_date=date(2026, 11, 2),
                                               end_date=date(2027, 2, 1), place="Salle 204"))
    pid = promotion.id or 0
    agent_ids, bpp_ids = [], []
    for last, first in NAMES:
        agent_id = make_agent(ws, last, first)
        bpp_ids.append(enrol(ws, pid, make_demande(ws, agent_id)).id or 0)
        agent_ids.append(agent_id)
    seance = plan_seance(ws, Seance(promotion_id=pid, held_on=date(2026, 11, 9), phase=Phase.LANCEMENT,
                                    starts_at=time(9, 30), duration_minutes=180, place="Salle 204",
                                    topic="Présentation du bilan", link="https://visio.example.fr/cap"))
    return pid, seance, agent_ids, bpp_ids


def test_convocations_one_letter_per_participant_each_naming_only_its_addressee(ws: Workspace) -> None:
    save_profile(ws, PROFILE)
    pid, seance, agent_ids, _ = _promotion(ws)
    bring = docs.what_to_bring(Phase.LANCEMENT)
    data = docs.convocations_pdf(ws, seance.id or 0, agent_ids, bring)
    pages = page_texts(data)
    assert len(pages) == 3
    for page, (last, first) in zip(pages, sorted(NAMES), strict=True):
        for expected in (f"{first} {last.upper()}", "Convocation à une séance", "Lundi 9 novembre 2026",
                         "09 h 30 – 12 h 30", "Salle 204", "https://visio.example.fr/cap", "Phase de lancement",
                         "Présentation du bilan", "Cap Hiver", "Anne LEFÈVRE", "Plateforme RH de Lyon",
                         "69002 Lyon", "04 72 00 00 00", "anne.lefevre@finances.gouv.fr", "À apporter",
                         "contrat d'engagement et de confidentialité"):
            assert expected in page, (expected, page)
        others = [n for n in NAMES if n != (last, first)]
        assert all(o[0].upper() not in page for o in others)  # a letter names its addressee only
    one = page_texts(docs.convocations_pdf(ws, seance.id or 0, agent_ids[:1], ["Votre agenda."]))
    assert len(one) == 1 and "ZÉPHYRINE" not in one[0] and "Zéphyrine QUASTENBRÜCK" in one[0]
    with pytest.raises(DomainError, match="au moins un participant"):
        docs.convocations_pdf(ws, seance.id or 0, [], bring)
    journal = [e for e in list_entries(ws) if e.code == "promotion.documents"]
    assert [e.detail for e in journal] == [f"document=convocation seance={seance.id} exemplaires=3",
                                           f"document=convocation seance={seance.id} exemplaires=1"]
    assert all(e.subject == f"promotion-{pid}" for e in journal)


def test_attendance_sheet_lists_every_participant_then_reporting_it_marks_them(ws: Workspace, clock) -> None:
    save_profile(ws, PROFILE)
    pid, seance, agent_ids, _ = _promotion(ws)
    text = all_text(docs.attendance_sheet_pdf(ws, seance.id or 0))
    for expected in ("Feuille d'émargement", f"Séance S-{seance.id}", "Signature", "Anne LEFÈVRE",
                     "Conseillère mobilité-carrière", "sur 3", *(f"{f} {last.upper()}" for last, f in NAMES)):
        assert expected in text, expected
    marks = dict(zip(agent_ids, (True, False, True), strict=True))
    after = docs.record_attendance_sheet(ws, seance.id or 0, marks)
    assert after.attendance == marks
    with pytest.raises(DomainError, match="ne correspond plus"):
        docs.record_attendance_sheet(ws, seance.id or 0, dict(list(marks.items())[:2]))
    assert [e.detail for e in list_entries(ws) if e.code == "promotion.attendance_sheet"] == [
        f"document=emargement_reporte seance={seance.id} presents=2 absents=1"]


def test_attendance_is_not_reported_before_the_seance(ws: Workspace) -> None:
    pid, _, agent_ids, _ = _promotion(ws)
    later = plan_seance(ws, Seance(promotion_id=pid, held_on=date(2026, 12, 7), phase=Phase.LANCEMENT))
    with pytest.raises(DomainError, match="n'a pas encore eu lieu"):
        docs.record_attendance_sheet(ws, later.id or 0, dict.fromkeys(agent_ids, True))


def test_contracts_prefilled_for_each_participant_with_the_guide_words(ws: Workspace) -> None:
    save_profile(ws, PROFILE)
    pid, _, _, bpp_ids = _promotion(ws)
    add_confidential_point(ws, pid, "Les situations familiales évoquées en séance")
    data = docs.contracts_pdf(ws, pid, bpp_ids)
    text = all_text(data)
    assert text.count("Contrat d'engagement et de confidentialité") >= 3
    for last, first in NAMES:
        assert f"{first} {last.upper()}" in text
    for expected in ("Cap Hiver (du 02/11/2026 au 01/02/2027)", "Anne LEFÈVRE", "Article 3 — Confidentialité",
                     "Les situations familiales évoquées en séance", "Phase de conclusion", "Signatures"):
        assert expected in text, expected
    for quote in contract.QUOTES:
        assert _squash(quote) in _squash(text), quote
    assert len(PdfReader(__import__("io").BytesIO(data)).pages) >= 3


def test_contract_quotes_are_the_guide_word_for_word() -> None:
    source = _squash(SEED.read_text(encoding="utf-8").replace("**", ""))
    for quote in contract.QUOTES:
        assert _squash(quote) in source, quote


def test_contract_dates_recorded_from_the_board_all_or_nothing(ws: Workspace) -> None:
    pid, _, _, bpp_ids = _promotion(ws)
    docs.record_contracts(ws, pid, {bpp_ids[0]: date(2026, 11, 9), bpp_ids[1]: date(2026, 11, 9)})
    signed = {p.bpp_id: p.contract_signed_on for p in promotion_board(ws, pid).participants}
    assert signed == {bpp_ids[0]: date(2026, 11, 9), bpp_ids[1]: date(2026, 11, 9), bpp_ids[2]: None}
    with pytest.raises(DomainError):
        docs.record_contracts(ws, pid, {bpp_ids[2]: date(2026, 11, 9), 9999: date(2026, 11, 9)})
    assert {p.bpp_id: p.contract_signed_on for p in promotion_board(ws, pid).participants} == signed


def test_without_a_profile_the_documents_leave_room_to_write(ws: Workspace) -> None:
    _, seance, agent_ids, _ = _promotion(ws)
    text = all_text(docs.convocations_pdf(ws, seance.id or 0, agent_ids[:1], []))
    assert "Le conseiller mobilité-carrière" in text and "Nom :" in text.replace("\u00a0", " ")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_the_indicators_report_carries_the_letterhead_and_stays_one_page(ws: Workspace) -> None:
    from cmc_desktop.services.indicators import ExportFormat, compute_indicators, export

    save_profile(ws, PROFILE)
    data = export(ws, compute_indicators(ws, date(2026, 1, 1), date(2026, 6, 30)), ExportFormat.PDF)
    pages = page_texts(data)
    assert len(pages) == 1 and "Anne LEFÈVRE" in pages[0] and "Indicateurs" in pages[0]
