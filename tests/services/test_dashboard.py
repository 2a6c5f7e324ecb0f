"""The tableau de bord on a real SQLCipher store: each kind of line, when it appears and when it goes away."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from cmc_desktop.data.models import (
    DemandeRow,
    DestructionRequestRow,
    SynthesisActionRow,
    SynthesisFieldRow,
    SynthesisRow,
    TransmissionRow,
)
from cmc_desktop.data.repositories import audit, settings
from cmc_desktop.domain.agent import PriorityGround
from cmc_desktop.domain.bpp import COLLECTIVE_PHASES, Bpp, BppForm, Phase
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.demande import Decision
from cmc_desktop.domain.interview import E3Role
from cmc_desktop.domain.promotion import Promotion, Seance, SmallGroupReason
from cmc_desktop.domain.synthesis import SynthesisStatus
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import promotions
from cmc_desktop.services.agents import AgentInput, create_agent, end_accompaniment, get_agent, update_agent
from cmc_desktop.services.dashboard import PROVIDER_MODE_SETTING, DashboardItem, dashboard
from cmc_desktop.services.demandes import decide_demande, record_demande
from cmc_desktop.services.interviews import add_e3_interview
from cmc_desktop.services.workspace import Workspace

TODAY = date(2026, 11, 16)


def lines(ws: Workspace, kind: str) -> list[DashboardItem]:
    return [item for item in dashboard(ws) if item.kind == kind]


def agent(ws: Workspace, last_name: str, first_name: str = "Camille", **fields: object) -> int:
    return create_agent(ws, AgentInput(last_name, first_name, **fields))


def accepted(ws: Workspace, agent_id: int, request_date: date = date(2026, 10, 1)) -> int:
    demande_id = record_demande(ws, agent_id, request_date)
    decide_demande(ws, demande_id, Decision.ACCORD, request_date + timedelta(days=10))
    return demande_id


def test_an_empty_store_needs_nothing(ws: Workspace) -> None:
    assert dashboard(ws) == []


def test_unanswered_demandes_near_or_past_their_implicit_rejection(ws: Workspace) -> None:
    near = record_demande(ws, agent(ws, "Lefèvre", "Hélène"), date(2026, 9, 30))  # rejected from 30/11: 14 days
    record_demande(ws, agent(ws, "Martin"), date(2026, 10, 1))  # 15 days left: not yet
    past = record_demande(ws, agent(ws, "Petit"), date(2026, 8, 1))  # rejected since 01/10
    answered = record_demande(ws, agent(ws, "Durand"), date(2026, 9, 20))
    decide_demande(ws, answered, Decision.REFUS, date(2026, 10, 1), reason="Nécessités du service")
    superseded_agent = agent(ws, "Roux")
    record_demande(ws, superseded_agent, date(2026, 7, 1))
    record_demande(ws, superseded_agent, date(2026, 11, 10))  # a new demande replaces the rejected one
    ended_agent = agent(ws, "Simon")
    record_demande(ws, ended_agent, date(2026, 8, 1))
    end_accompaniment(ws, ended_agent, TODAY)

    [rejection] = lines(ws, "rejet_implicite")
    assert (rejection.severity, rejection.target_view, rejection.target_id, rejection.due) == (
        "urgent", "demande", past, date(2026, 10, 1))
    assert rejection.title == "Rejet implicite de la demande de BPP de Camille PETIT"
    assert "implicitement rejetée depuis le 01/10/2026" in rejection.detail
    [warning] = lines(ws, "demande_delai")
    assert (warning.severity, warning.target_view, warning.target_id, warning.due) == (
        "a_faire", "demande", near, date(2026, 11, 30))
    assert "Hélène LEFÈVRE" in warning.title and "rejetée le 30/11/2026 (dans 14 jours)" in warning.detail

    decide_demande(ws, past, Decision.ACCORD, TODAY)  # a late answer
    assert lines(ws, "rejet_implicite") == []


def test_referent_handicap_to_inform_for_l5212_13_agents(ws: Workspace) -> None:
    covered = frozenset({PriorityGround.L5212_13})
    started = agent(ws, "Lefèvre", "Hélène", priority_grounds=covered)
    bpp_service.start_bpp(ws, accepted(ws, started))
    waiting = agent(ws, "Martin", priority_grounds=covered)
    accepted(ws, waiting)
    agent(ws, "Petit", priority_grounds=covered)  # an E2 accompaniment only: nothing to do
    other_ground = agent(ws, "Durand", priority_grounds=frozenset({PriorityGround.USURE_PROFESSIONNELLE}))
    bpp_service.start_bpp(ws, accepted(ws, other_ground))

    items = lines(ws, "referent_handicap")
    assert [(i.severity, i.target_view, i.target_id) for i in items] == [
        ("urgent", "agent", started), ("a_faire", "agent", waiting)]
    assert items[0].title == "Référent handicap à informer pour Hélène LEFÈVRE"

    update_agent(ws, started, replace(AgentInput.of(get_agent(ws, started)), referent_handicap_informed_on=TODAY))
    assert [i.target_id for i in lines(ws, "referent_handicap")] == [waiting]


def _id(entity: Bpp | Promotion | Seance) -> int:
    assert entity.id is not None
    return entity.id


def _promotion(ws: Workspace, name: str, start: date) -> int:
    return _id(promotions.create_promotion(ws, Promotion(name, start_date=start)))


def test_seances_of_the_next_fourteen_days(ws: Workspace) -> None:
    promotion_id = _promotion(ws, "Promotion d'automne", date(2026, 11, 1))
    for day, topic in ((TODAY, "Lancement"), (TODAY + timedelta(days=14), "Retrospective"),
                       (TODAY + timedelta(days=15), "Trop tard"), (TODAY - timedelta(days=1), "Passée")):
        promotions.plan_seance(ws, Seance(promotion_id, day, Phase.LANCEMENT, place="Salle 12", topic=topic))
    items = lines(ws, "seance")
    assert [(i.due, i.severity, i.target_view, i.target_id) for i in items] == [
        (TODAY, "a_faire", "promotion", promotion_id), (date(2026, 11, 30), "info", "promotion", promotion_id)]
    assert items[0].title == "Séance du 16/11/2026 — Promotion d'automne"
    assert items[0].detail == "Phase de lancement — Lancement — Salle 12"


def test_promotions_blocked_by_a_missing_contract_or_final_interview(ws: Workspace) -> None:
    promotion_id = _promotion(ws, "Promotion d'automne", date(2026, 11, 2))
    bpps = [_id(promotions.enrol(ws, promotion_id, accepted(ws, agent(ws, name)))) for name in ("Martin", "Petit")]
    promotions.set_small_group_reason(ws, promotion_id, SmallGroupReason.PUBLIC_RESTREINT, "Service de petite taille")
    seances = [promotions.plan_seance(ws, Seance(promotion_id, date(2026, 11, 2) + timedelta(days=phase), phase))
               for phase in COLLECTIVE_PHASES]
    agents = [p.agent_id for p in promotions.promotion_board(ws, promotion_id).participants]
    bpp_service.record_contract(ws, bpps[0], date(2026, 11, 3))

    [blocked] = lines(ws, "promotion_bloquee")
    assert (blocked.severity, blocked.target_view, blocked.target_id) == ("a_faire", "promotion", promotion_id)
    assert blocked.title == ("Promotion « Promotion d'automne » : impossible de passer à la phase d'appui à "
                             "l'analyse du parcours professionnel")
    assert "Contrat d'engagement et de confidentialité non signé : Camille PETIT." in blocked.detail

    bpp_service.record_contract(ws, bpps[1], date(2026, 11, 3))
    assert lines(ws, "promotion_bloquee") == []
    for seance in seances:
        promotions.set_attendance(ws, _id(seance), agents[0], True)
        promotions.advance_phase(ws, promotion_id)
    [blocked] = lines(ws, "promotion_bloquee")
    assert "Entretien final individuel pas encore réalisé : Camille MARTIN, Camille PETIT." in blocked.detail
    assert blocked.title.endswith("impossible de clore la promotion")
    for bpp_id in bpps:
        bpp_service.record_final_interview(ws, bpp_id, TODAY)
    assert lines(ws, "promotion_bloquee") == []


def test_a_promotion_whose_phase_has_not_begun_is_only_information(ws: Workspace) -> None:
    promotion_id = _promotion(ws, "Promotion de printemps", date(2027, 3, 1))
    promotions.enrol(ws, promotion_id, accepted(ws, agent(ws, "Martin")))
    promotions.plan_seance(ws, Seance(promotion_id, date(2027, 3, 1), Phase.LANCEMENT))
    [blocked] = lines(ws, "promotion_bloquee")
    assert (blocked.severity, blocked.due) == ("info", date(2027, 3, 1))


def test_individual_bpps_blocked(ws: Workspace) -> None:
    agent_id = agent(ws, "Lefèvre", "Hélène")
    bpp_id = _id(bpp_service.start_bpp(ws, accepted(ws, agent_id), BppForm.INDIVIDUEL, "Situation de santé"))
    [blocked] = lines(ws, "bpp_bloque")
    assert (blocked.severity, blocked.target_view, blocked.target_id) == ("a_faire", "agent", agent_id)
    assert blocked.detail == ("La phase de lancement n'a pas commencé : aucun de ses entretiens n'a encore eu lieu "
                              "(enregistrez-le dans le bilan de l'agent). Le contrat d'engagement et de "
                              "confidentialité n'est pas signé.")
    bpp_service.record_contract(ws, bpp_id, TODAY)
    assert lines(ws, "bpp_bloque") == []


def _synthesis(ws: Workspace, agent_id: int, pseudo_id: str, *, text: str = "", action: bool = False,
               status: SynthesisStatus = SynthesisStatus.EN_COURS, bpp_id: int | None = None) -> int:
    with ws.store.session() as s:
        row = SynthesisRow(pseudo_id=pseudo_id, agent_id=agent_id, bpp_id=bpp_id, kind=SynthesisKind.BPP,
                           status=status)
        s.add(row)
        s.flush()
        s.add(SynthesisFieldRow(synthesis_id=row.id, key="1.1", text=text))
        if action:
            s.add(SynthesisActionRow(synthesis_id=row.id, position=0, title="Préparer le concours"))
        return row.id


def test_syntheses_waiting_for_finalisation(ws: Workspace) -> None:
    agent_id = agent(ws, "Lefèvre", "Hélène")
    written = _synthesis(ws, agent_id, "DS-ECRIT001", text="Projet d'évolution")
    planned = _synthesis(ws, agent_id, "DS-PLAN0001", action=True)
    _synthesis(ws, agent_id, "DS-VIDE0001")
    _synthesis(ws, agent_id, "DS-FINI0001", text="Projet", status=SynthesisStatus.FINALISE)
    items = lines(ws, "synthese_a_finaliser")
    assert sorted((i.target_view, i.target_id, i.severity) for i in items) == [
        ("synthesis", written, "info"), ("synthesis", planned, "info")]
    assert items[0].title == "Document de synthèse de Hélène LEFÈVRE à finaliser"


def test_a_synthesis_is_pressing_once_its_bpp_reaches_the_conclusion(ws: Workspace) -> None:
    agent_id = agent(ws, "Lefèvre", "Hélène")
    bpp_id = _id(bpp_service.start_bpp(ws, accepted(ws, agent_id), BppForm.INDIVIDUEL, "Situation de santé"))
    synthesis_id = _synthesis(ws, agent_id, "DS-BILAN001", text="Projet", bpp_id=bpp_id)
    assert [i.severity for i in lines(ws, "synthese_a_finaliser")] == ["info"]
    bpp_service.record_contract(ws, bpp_id, TODAY)
    add_e3_interview(ws, agent_id, bpp_id, Phase.LANCEMENT, E3Role.INITIAL, TODAY)
    for phase in (Phase.ANALYSE, Phase.PLAN_ACTION):
        bpp_service.advance_bpp(ws, bpp_id)
        add_e3_interview(ws, agent_id, bpp_id, phase, E3Role.SEANCE, TODAY)
    bpp_service.advance_bpp(ws, bpp_id)
    assert [(i.severity, i.target_id) for i in lines(ws, "synthese_a_finaliser")] == [("a_faire", synthesis_id)]


def test_destruction_requests_not_carried_out(ws: Workspace) -> None:
    agent_id = agent(ws, "Lefèvre", "Hélène")
    synthesis_id = _synthesis(ws, agent_id, "DS-DETRUIR1", text="Projet")
    with ws.store.session() as s:
        s.add(DestructionRequestRow(synthesis_id=synthesis_id, synthesis_pseudo_id="DS-DETRUIR1",
                                    requested_on=date(2026, 11, 12), requested_by="agent"))
    [item] = lines(ws, "destruction_demandee")
    assert (item.severity, item.target_view, item.target_id, item.due) == (
        "urgent", "synthesis", synthesis_id, date(2026, 11, 12))
    assert lines(ws, "synthese_a_finaliser") == []  # listed once, as a destruction
    with ws.store.session() as s:
        s.execute(update(DestructionRequestRow).values(carried_out_at=datetime(2026, 11, 13, tzinfo=UTC)))
    assert lines(ws, "destruction_demandee") == []


@pytest.mark.parametrize("provider", [False, True])
def test_a_provider_is_reminded_insistently_to_destroy_transmitted_syntheses(ws: Workspace, provider: bool) -> None:
    agent_id = agent(ws, "Lefèvre", "Hélène")
    synthesis_id = _synthesis(ws, agent_id, "DS-TRANSMI1", status=SynthesisStatus.FINALISE)
    _synthesis(ws, agent_id, "DS-GARDE001", status=SynthesisStatus.FINALISE)
    with ws.store.session() as s:
        s.add(TransmissionRow(synthesis_id=synthesis_id, recipient_kind=RecipientKind.AUTRE_CMC,
                              recipient_name="CMC de la DREETS fictive",
                              sent_at=datetime(2026, 11, 10, 14, tzinfo=UTC)))
        settings.put(s, PROVIDER_MODE_SETTING, provider)
    items = lines(ws, "destruction_prestataire")
    if not provider:
        assert items == []
        return
    [item] = items
    assert (item.severity, item.target_view, item.target_id, item.due) == (
        "urgent", "synthesis", synthesis_id, date(2026, 11, 10))
    assert item.title == "Document transmis de Hélène LEFÈVRE à détruire"


def test_lines_come_most_pressing_first_and_nothing_is_journaled(ws: Workspace) -> None:
    record_demande(ws, agent(ws, "Petit"), date(2026, 8, 1))
    record_demande(ws, agent(ws, "Martin"), date(2026, 9, 30))
    promotion_id = _promotion(ws, "Promotion d'automne", date(2026, 11, 1))
    promotions.plan_seance(ws, Seance(promotion_id, TODAY + timedelta(days=3), Phase.LANCEMENT))
    with ws.store.session() as s:
        before = len(audit.entries(s))
    items = dashboard(ws)
    assert [i.severity for i in items] == ["urgent", "a_faire", "info"]
    assert [i.kind for i in items] == ["rejet_implicite", "demande_delai", "seance"]
    with ws.store.session() as s:
        assert len(audit.entries(s)) == before


def test_a_report_without_a_horizon_asks_for_one(ws: Workspace) -> None:
    """Rule: a postponed demande never disappears — one recorded before horizons existed asks for its date."""
    agent_id = agent(ws, "Garnier", "Luc")
    demande_id = record_demande(ws, agent_id, date(2026, 9, 1))
    with ws.store.session() as s:
        s.execute(update(DemandeRow).where(DemandeRow.id == demande_id).values(
            decision=Decision.REPORT, decision_date=date(2026, 9, 20), reason="Clôture budgétaire"))
    [item] = lines(ws, "report_sans_echeance")
    assert (item.target_view, item.target_id, item.severity) == ("demande", demande_id, "a_faire")
    assert "sans date de fin" in item.detail
