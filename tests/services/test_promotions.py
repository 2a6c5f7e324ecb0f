"""Promotion use cases on a real SQLCipher store: enrolment, séances, attendance, phases, the board."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from cmc_desktop.data.repositories import audit
from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.bpp import BppForm, Exercise, Phase
from cmc_desktop.domain.demande import Decision
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.promotion import Promotion, Seance
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import promotions as service
from cmc_desktop.services.workspace import Workspace

from ..conftest import PASSPHRASE
from .factories import accepted_agent, make_agent, make_demande

TODAY = date(2026, 11, 16)
START = date(2026, 11, 2)
NAMES = ["Hélène Lefèvre", "Émile Zola", "Anaïs Nguyen", "Bruno Côté", "Chloé Durand", "Denis Œuvray",
         "Fatou Diallo", "Gaël Le Goff", "Inès Haddad", "Jules Moreau", "Karima Benali", "Léa Petit",
         "Mathis Roux"]


def new_promotion(ws: Workspace, name: str = "Promotion automne 2026", start: date | None = START) -> int:
    promotion = service.create_promotion(ws, Promotion(name=name, start_date=start, place="Préfecture, salle 3"))
    assert promotion.id is not None
    return promotion.id


def enrol_people(ws: Workspace, promotion_id: int, count: int) -> list[int]:
    """Enrol `count` agents with an accepted demande; returns their BPP ids."""
    bpp_ids = []
    for full_name in NAMES[:count]:
        first, last = full_name.split(" ", 1)
        _, demande_id = accepted_agent(ws, last, first)
        bpp_ids.append(service.enrol(ws, promotion_id, demande_id).id or 0)
    return bpp_ids


def plan(ws: Workspace, promotion_id: int, phase: Phase, held_on: date = date(2026, 11, 9)) -> Seance:
    return service.plan_seance(ws, Seance(promotion_id, held_on, phase, place="Salle 3", topic=phase.short_label))


def sign_all(ws: Workspace, bpp_ids: list[int]) -> None:
    for bpp_id in bpp_ids:
        bpp_service.record_contract(ws, bpp_id, date(2026, 11, 9))


def test_create_update_and_list_with_counts(ws: Workspace) -> None:
    later = new_promotion(ws, "Promotion printemps 2027", date(2027, 3, 1))
    first = new_promotion(ws)
    enrol_people(ws, first, 2)
    plan(ws, first, Phase.LANCEMENT)
    summaries = service.list_promotions(ws)
    assert [(x.promotion.id, x.participants, x.seances, x.free_places) for x in summaries] == [
        (first, 2, 1, 10), (later, 0, 0, 12)]

    promotion = service.get_promotion(ws, later)
    promotion.name, promotion.online, promotion.place = "Printemps 2027 (à distance)", True, ""
    promotion.current_phase = Phase.CONCLUSION  # not editable here
    service.update_promotion(ws, promotion)
    stored = service.get_promotion(ws, later)
    assert (stored.name, stored.online, stored.place, stored.current_phase) == (
        "Printemps 2027 (à distance)", True, "", Phase.LANCEMENT)
    stored.end_date = date(2027, 2, 1)
    with pytest.raises(ValidationError, match="date de fin"):
        service.update_promotion(ws, stored)


def test_moving_the_start_moves_the_participants_lancement(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    [bpp_id] = enrol_people(ws, promotion_id, 1)
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {Phase.LANCEMENT: START}
    promotion = service.get_promotion(ws, promotion_id)
    promotion.start_date = date(2026, 11, 5)
    service.update_promotion(ws, promotion)
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {Phase.LANCEMENT: date(2026, 11, 5)}


def test_a_promotion_fills_to_twelve_and_refuses_the_thirteenth(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    bpp_ids = enrol_people(ws, promotion_id, 12)
    assert len(set(bpp_ids)) == 12
    _, demande_id = accepted_agent(ws, "Roux", "Mathis")
    with pytest.raises(DomainError, match="complète : 12 participants au maximum"):
        service.enrol(ws, promotion_id, demande_id)
    board = service.promotion_board(ws, promotion_id)
    assert len(board.participants) == 12 and board.free_places == 0
    assert "Mathis ROUX" not in [p.display_name for p in board.participants]
    with ws.store.session() as s:
        assert sum(e.code == AuditCode.BPP_ENROLLED for e in audit.entries(s)) == 12


def test_enrolment_refuses_a_demande_not_accepted(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    agent_id = make_agent(ws, "Martin")
    for demande_id in (make_demande(ws, agent_id, Decision.REFUS, reason="Nécessités du service"),
                       make_demande(ws, agent_id, Decision.EN_ATTENTE)):
        with pytest.raises(DomainError, match="accord"):
            service.enrol(ws, promotion_id, demande_id)
    assert service.promotion_board(ws, promotion_id).participants == []


def test_enrolment_attaches_the_collective_bpp_once(ws: Workspace) -> None:
    promotion_id, other_id = new_promotion(ws), new_promotion(ws, "Autre promotion")
    agent_id, demande_id = accepted_agent(ws, "Martin")
    started = bpp_service.start_bpp(ws, demande_id)
    enrolled = service.enrol(ws, promotion_id, demande_id)
    assert enrolled.id == started.id and enrolled.promotion_id == promotion_id
    assert service.enrol(ws, promotion_id, demande_id).id == started.id  # enrolling again changes nothing
    with pytest.raises(DomainError, match="déjà inscrit dans une autre promotion"):
        service.enrol(ws, other_id, demande_id)
    with pytest.raises(DomainError, match="déjà un BPP en cours"):
        service.enrol(ws, other_id, make_demande(ws, agent_id))
    assert len(bpp_service.bpps_for_agent(ws, agent_id)) == 1

    _, individual_demande = accepted_agent(ws, "Petit")
    bpp_service.start_bpp(ws, individual_demande, BppForm.INDIVIDUEL, "Horaires de travail atypiques")
    with pytest.raises(DomainError, match="individuel"):
        service.enrol(ws, promotion_id, individual_demande)


def test_unenrol_keeps_the_bpp_and_forgets_attendance(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    bpp_id, other_bpp = enrol_people(ws, promotion_id, 2)
    seance = plan(ws, promotion_id, Phase.LANCEMENT)
    agent_id = bpp_service.get_bpp(ws, bpp_id).agent_id
    service.set_attendance(ws, seance.id or 0, agent_id, True)
    left = service.unenrol(ws, promotion_id, bpp_id)
    assert left.promotion_id is None and bpp_service.get_bpp(ws, bpp_id).closed_on is None
    assert service.list_seances(ws, promotion_id)[0].attendance == {}
    assert [p.bpp_id for p in service.promotion_board(ws, promotion_id).participants] == [other_bpp]
    with pytest.raises(DomainError, match="ne participe pas"):
        service.unenrol(ws, promotion_id, bpp_id)
    # The agent can join the promotion again with the same BPP.
    demande_id = bpp_service.get_bpp(ws, bpp_id).demande_id or 0
    assert service.enrol(ws, promotion_id, demande_id).id == bpp_id


def test_under_six_participants_asks_for_a_reason(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    bpp_ids = enrol_people(ws, promotion_id, 4)
    sign_all(ws, bpp_ids)
    plan(ws, promotion_id, Phase.LANCEMENT)
    with pytest.raises(DomainError, match="compte 4 participant\\(s\\), moins de 6 : indiquez le motif"):
        service.advance_phase(ws, promotion_id)
    service.set_small_group_reason(ws, promotion_id, "Service de petite taille, calendrier contraint.")
    assert service.advance_phase(ws, promotion_id).current_phase is Phase.ANALYSE


def test_phase_two_is_refused_while_a_contract_is_missing_then_granted(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    bpp_ids = enrol_people(ws, promotion_id, 6)
    sign_all(ws, bpp_ids[:2] + bpp_ids[3:])  # Anaïs Nguyen has not signed
    with pytest.raises(DomainError) as error:
        service.advance_phase(ws, promotion_id)
    assert str(error.value) == (
        "Impossible de passer à la phase d'appui à l'analyse du parcours professionnel :\n"
        "• Aucune séance n'est planifiée pour la phase de lancement.\n"
        "• Contrat d'engagement et de confidentialité non signé : Anaïs NGUYEN.")
    board = service.promotion_board(ws, promotion_id)
    assert board.blockers == str(error.value).split("\n• ")[1:] and not board.can_advance
    assert service.get_promotion(ws, promotion_id).current_phase is Phase.LANCEMENT

    bpp_service.record_contract(ws, bpp_ids[2], date(2026, 11, 10))
    plan(ws, promotion_id, Phase.LANCEMENT)
    assert service.promotion_board(ws, promotion_id).can_advance
    assert service.advance_phase(ws, promotion_id).current_phase is Phase.ANALYSE
    for bpp_id in bpp_ids:
        bpp = bpp_service.get_bpp(ws, bpp_id)
        assert bpp.current_phase is Phase.ANALYSE
        assert bpp.phase_dates == {Phase.LANCEMENT: START, Phase.ANALYSE: TODAY}
    _, late_demande = accepted_agent(ws, "Roux", "Mathis")
    with pytest.raises(DomainError, match="dépassé la phase de lancement"):
        service.enrol(ws, promotion_id, late_demande)
    with pytest.raises(DomainError, match="ne peut plus être retiré"):
        bpp_service.record_contract(ws, bpp_ids[0], None)


def test_four_phases_and_closing_only_when_every_final_interview_is_done(ws: Workspace, clock) -> None:
    promotion_id = new_promotion(ws)
    bpp_ids = enrol_people(ws, promotion_id, 6)
    sign_all(ws, bpp_ids)
    for phase in Phase:
        plan(ws, promotion_id, phase)
    for expected in (Phase.ANALYSE, Phase.PLAN_ACTION, Phase.CONCLUSION):
        clock.advance(days=7)
        assert service.advance_phase(ws, promotion_id).current_phase is expected
    for bpp_id in bpp_ids[1:]:
        bpp_service.record_final_interview(ws, bpp_id, clock.today())
    with pytest.raises(DomainError, match="clore la promotion :\n• Entretien final non réalisé : Hélène LEFÈVRE.$"):
        service.advance_phase(ws, promotion_id)
    bpp_service.record_final_interview(ws, bpp_ids[0], clock.today())
    clock.advance(days=1)
    closed = service.advance_phase(ws, promotion_id)
    assert closed.closed_on == clock.today() and closed.current_phase is Phase.CONCLUSION
    bpp = bpp_service.get_bpp(ws, bpp_ids[0])
    assert bpp.closed_on == clock.today()
    assert bpp.phase_dates == {Phase.LANCEMENT: START, Phase.ANALYSE: date(2026, 11, 23),
                               Phase.PLAN_ACTION: date(2026, 11, 30), Phase.CONCLUSION: date(2026, 12, 7)}
    assert service.promotion_board(ws, promotion_id).blockers == ["La promotion est close."]
    with pytest.raises(DomainError, match="close"):
        plan(ws, promotion_id, Phase.CONCLUSION)
    with pytest.raises(DomainError, match="close"):
        service.unenrol(ws, promotion_id, bpp_ids[0])


def test_seances_and_attendance(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    bpp_ids = enrol_people(ws, promotion_id, 2)
    agents = [bpp_service.get_bpp(ws, b).agent_id for b in bpp_ids]
    first = plan(ws, promotion_id, Phase.LANCEMENT, date(2026, 11, 3))
    second = plan(ws, promotion_id, Phase.LANCEMENT, date(2026, 11, 10))
    future = plan(ws, promotion_id, Phase.ANALYSE, date(2026, 12, 1))
    service.set_attendance(ws, first.id or 0, agents[0], True)
    service.set_attendance(ws, first.id or 0, agents[1], False)
    service.set_attendance(ws, second.id or 0, agents[0], False)
    service.set_attendance(ws, second.id or 0, agents[0], True)  # corrected
    updated = service.set_attendance(ws, second.id or 0, agents[1], None)  # never marked: nothing to clear
    assert updated.attendance == {agents[0]: True}
    with pytest.raises(DomainError, match="n'a pas encore eu lieu"):
        service.set_attendance(ws, future.id or 0, agents[0], True)
    outsider = make_agent(ws, "Martin")
    with pytest.raises(DomainError, match="ne participe pas"):
        service.set_attendance(ws, first.id or 0, outsider, True)

    board = service.promotion_board(ws, promotion_id)
    rates = {p.agent_id: (p.seances_attended, p.seances_marked, p.attendance_rate) for p in board.participants}
    assert rates == {agents[0]: (2, 2, 1.0), agents[1]: (0, 1, 0.0)}
    assert [s.id for s in board.seances_by_phase[Phase.LANCEMENT]] == [first.id, second.id]
    assert [s.id for s in board.seances_by_phase[Phase.ANALYSE]] == [future.id]
    assert board.seances_by_phase[Phase.PLAN_ACTION] == board.seances_by_phase[Phase.CONCLUSION] == []

    future.held_on, future.topic = date(2026, 11, 12), "Rétrospective"
    service.update_seance(ws, future)
    service.delete_seance(ws, first.id or 0)
    assert [(s.held_on, s.topic) for s in service.list_seances(ws, promotion_id)] == [
        (date(2026, 11, 10), "Lancement"), (date(2026, 11, 12), "Rétrospective")]
    after = {p.agent_id: p.attendance_rate for p in service.promotion_board(ws, promotion_id).participants}
    assert after == {agents[0]: 1.0, agents[1]: None}


def test_board_counts_exercises_and_shows_contracts_and_phases(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    bpp_ids = enrol_people(ws, promotion_id, 2)
    bpp_service.record_contract(ws, bpp_ids[1], date(2026, 11, 9))
    bpp_service.add_exercise(ws, Exercise(bpp_ids[0], "Ligne de vie", date(2026, 11, 3), done_on=date(2026, 11, 9)))
    bpp_service.add_exercise(ws, Exercise(bpp_ids[0], "Valeurs au travail", date(2026, 11, 10)))
    board = service.promotion_board(ws, promotion_id)
    by_name = {p.display_name: p for p in board.participants}
    assert list(by_name) == ["Hélène LEFÈVRE", "Émile ZOLA"]
    helene, emile = by_name["Hélène LEFÈVRE"], by_name["Émile ZOLA"]
    assert (helene.exercises_given, helene.exercises_done, emile.exercises_given) == (2, 1, 0)
    assert (helene.contract_signed_on, emile.contract_signed_on) == (None, date(2026, 11, 9))
    assert helene.phase is emile.phase is Phase.LANCEMENT and helene.final_interview_on is None
    assert board.free_places == 10 and board.next_step.startswith("passer à la phase d'appui à l'analyse")
    assert "Contrat d'engagement et de confidentialité non signé : Hélène LEFÈVRE." in board.blockers


def test_confidential_points_of_the_group(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    assert service.add_confidential_point(ws, promotion_id, " Les situations de santé évoquées ") == [
        "Les situations de santé évoquées"]
    service.add_confidential_point(ws, promotion_id, "Les noms des encadrants cités")
    assert service.remove_confidential_point(ws, promotion_id, 0) == ["Les noms des encadrants cités"]
    assert service.confidential_points(ws, promotion_id) == ["Les noms des encadrants cités"]
    with pytest.raises(ValidationError, match="obligatoire"):
        service.add_confidential_point(ws, promotion_id, "   ")
    with pytest.raises(DomainError, match="n'existe plus"):
        service.remove_confidential_point(ws, promotion_id, 3)


def test_nearest_promotion_with_free_places(ws: Workspace) -> None:
    assert service.nearest_promotion_with_places(ws) is None
    new_promotion(ws, "Déjà commencée", date(2026, 11, 2))
    new_promotion(ws, "Sans date", None)
    full = new_promotion(ws, "Complète", TODAY)
    enrol_people(ws, full, 12)
    advanced = new_promotion(ws, "Déjà en phase 2", TODAY + timedelta(days=1))
    sign_all(ws, enrol_people(ws, advanced, 1))
    service.set_small_group_reason(ws, advanced, "Agent seul en attente depuis longtemps")
    plan(ws, advanced, Phase.LANCEMENT)
    service.advance_phase(ws, advanced)
    later = new_promotion(ws, "Printemps", date(2027, 3, 1))
    nearest = new_promotion(ws, "Janvier", date(2027, 1, 11))
    found = service.nearest_promotion_with_places(ws)
    assert found is not None and found.id == nearest
    enrol_people(ws, nearest, 12)
    found = service.nearest_promotion_with_places(ws)
    assert found is not None and found.id == later


def test_the_board_survives_closing_and_reopening_the_store(ws: Workspace, data_dir: Path) -> None:
    promotion_id = new_promotion(ws)
    bpp_ids = enrol_people(ws, promotion_id, 6)
    sign_all(ws, bpp_ids)
    plan(ws, promotion_id, Phase.LANCEMENT)
    service.add_confidential_point(ws, promotion_id, "Les situations de santé évoquées")
    service.advance_phase(ws, promotion_id)
    ws.store.close()
    reopened = Workspace(Store.unlock(data_dir, PASSPHRASE, vault=KeyVault()), ws.clock)
    try:
        board = service.promotion_board(reopened, promotion_id)
        assert board.promotion.current_phase is Phase.ANALYSE
        assert board.promotion.confidential_points == ["Les situations de santé évoquées"]
        assert all(p.phase is Phase.ANALYSE and p.contract_signed_on for p in board.participants)
    finally:
        reopened.store.close()
