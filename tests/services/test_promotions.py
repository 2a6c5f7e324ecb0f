"""Promotion use cases on a real SQLCipher store: enrolment, séances, attendance, phases, the board."""

from datetime import date
from pathlib import Path

import pytest

from cmc_desktop.data.repositories import audit
from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.bpp import BppForm, Exercise, Phase
from cmc_desktop.domain.demande import Decision
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.promotion import Promotion, Seance, SeanceOutsideDates, SmallGroupReason
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


def hold(ws: Workspace, promotion_id: int, phase: Phase, held_on: date = date(2026, 11, 9)) -> Seance:
    """A séance that has taken place: planned, then every participant noted present."""
    seance = plan(ws, promotion_id, phase, held_on)
    for participant in service.promotion_board(ws, promotion_id).participants:
        seance = service.set_attendance(ws, seance.id or 0, participant.agent_id, True)
    return seance


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


def test_the_lancement_begins_with_its_first_seance_held_not_with_the_promotions_start(ws: Workspace) -> None:
    """Rule: a phase begins when its first séance has taken place; its date is that séance's date."""
    promotion_id = new_promotion(ws)
    [bpp_id] = enrol_people(ws, promotion_id, 1)
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {}
    seance = plan(ws, promotion_id, Phase.LANCEMENT, date(2026, 11, 4))
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {}  # planned is not held
    service.set_attendance(ws, seance.id or 0, bpp_service.get_bpp(ws, bpp_id).agent_id, False)
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {Phase.LANCEMENT: date(2026, 11, 4)}
    promotion = service.get_promotion(ws, promotion_id)
    promotion.start_date = date(2026, 11, 3)
    service.update_promotion(ws, promotion)
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {Phase.LANCEMENT: date(2026, 11, 4)}
    promotion.start_date = date(2026, 11, 5)
    with pytest.raises(SeanceOutsideDates, match="La séance du 04/11/2026 est hors des dates de la promotion"):
        service.update_promotion(ws, promotion)


def test_a_seance_outside_the_promotions_dates_is_refused_unless_the_cmc_moves_them(ws: Workspace) -> None:
    """Rule: a séance outside the promotion's dates is refused, or the dates are changed first with the CMC's
    confirmation."""
    promotion_id = new_promotion(ws)
    with pytest.raises(SeanceOutsideDates, match="hors des dates de la promotion \\(à partir du 02/11/2026\\)"):
        plan(ws, promotion_id, Phase.LANCEMENT, date(2026, 10, 30))
    assert service.list_seances(ws, promotion_id) == []
    service.plan_seance(ws, Seance(promotion_id, date(2026, 10, 30), Phase.LANCEMENT), move_dates=True)
    assert service.get_promotion(ws, promotion_id).start_date == date(2026, 10, 30)


def test_advancing_stamps_no_date_and_every_write_keeps_the_bpps_valid(ws: Workspace, clock) -> None:
    """Rule: a promotion cannot run through its four phases in one afternoon: each phase needs a séance that
    has taken place, a séance of a phase not yet entered gets no attendance, and the final interview or a
    corrected contract is still recorded afterwards."""
    promotion_id = new_promotion(ws, start=date(2026, 12, 2))
    bpp_ids = enrol_people(ws, promotion_id, 6)
    sign_all(ws, bpp_ids)
    ahead = plan(ws, promotion_id, Phase.LANCEMENT, date(2026, 12, 2))
    with pytest.raises(DomainError, match="sa première séance, le 02/12/2026, est à venir"):
        service.advance_phase(ws, promotion_id)
    early = plan(ws, promotion_id, Phase.ANALYSE, date(2026, 12, 3))
    clock.advance(days=20)  # 06/12/2026: both séances are past
    agent = bpp_service.get_bpp(ws, bpp_ids[0]).agent_id
    with pytest.raises(DomainError, match="pas encore entrée dans la phase d'appui à l'analyse"):
        service.set_attendance(ws, early.id or 0, agent, True)
    service.set_attendance(ws, ahead.id or 0, agent, True)
    assert service.advance_phase(ws, promotion_id).current_phase is Phase.ANALYSE
    assert bpp_service.get_bpp(ws, bpp_ids[0]).phase_dates == {Phase.LANCEMENT: date(2026, 12, 2)}
    with pytest.raises(DomainError, match="La phase d'appui à l'analyse du parcours professionnel n'a pas encore"
                                          "|Notez les présences de la séance du 03/12/2026"):
        service.advance_phase(ws, promotion_id)
    service.set_attendance(ws, early.id or 0, agent, True)
    assert bpp_service.get_bpp(ws, bpp_ids[0]).phase_dates == {Phase.LANCEMENT: date(2026, 12, 2),
                                                               Phase.ANALYSE: date(2026, 12, 3)}
    with pytest.raises(DomainError, match="précède le début de la phase d'appui à l'analyse"):
        plan(ws, promotion_id, Phase.PLAN_ACTION, date(2026, 12, 2))
    bpp_service.record_contract(ws, bpp_ids[1], date(2026, 11, 20))  # a correction: the BPP is still valid
    with pytest.raises(ValidationError, match="conclusion ne peut pas commencer avant la phase d'appui à la réal"):
        bpp_service.record_final_interview(ws, bpp_ids[0], date(2026, 12, 4))
    bpp_service.record_final_interview(ws, bpp_ids[0], date(2027, 1, 20))  # planned ahead: fine


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
    hold(ws, promotion_id, Phase.LANCEMENT)
    with pytest.raises(DomainError, match="compte 4 participants, moins de 6 : choisissez la raison"):
        service.advance_phase(ws, promotion_id)
    service.set_small_group_reason(ws, promotion_id, SmallGroupReason.CALENDRIER,
                                   "Service de petite taille, calendrier contraint.")
    stored = service.get_promotion(ws, promotion_id)
    assert (stored.small_group_kind, stored.small_group_reason) == (
        SmallGroupReason.CALENDRIER, "Service de petite taille, calendrier contraint.")
    assert service.advance_phase(ws, promotion_id).current_phase is Phase.ANALYSE


def test_a_one_agent_promotion_is_refused(ws: Workspace) -> None:
    """Rule: a one-agent « promotion » is refused: that is an individual BPP."""
    promotion_id = new_promotion(ws)
    sign_all(ws, enrol_people(ws, promotion_id, 1))
    hold(ws, promotion_id, Phase.LANCEMENT)
    service.set_small_group_reason(ws, promotion_id, SmallGroupReason.AUTRE, "Un seul inscrit")
    with pytest.raises(DomainError, match="Une promotion d'un seul agent n'est pas un bilan collectif"):
        service.advance_phase(ws, promotion_id)


def test_phase_two_is_refused_while_a_contract_is_missing_then_granted(ws: Workspace) -> None:
    promotion_id = new_promotion(ws)
    bpp_ids = enrol_people(ws, promotion_id, 6)
    sign_all(ws, bpp_ids[:2] + bpp_ids[3:])  # Anaïs Nguyen has not signed
    with pytest.raises(DomainError) as error:
        service.advance_phase(ws, promotion_id)
    assert str(error.value) == (
        "Impossible de passer à la phase d'appui à l'analyse du parcours professionnel :\n"
        "• La phase de lancement n'a pas commencé : aucune de ses séances n'a eu lieu. Planifiez-en une, puis notez "
        "les présences.\n"
        "• Contrat d'engagement et de confidentialité non signé : Anaïs NGUYEN.")
    board = service.promotion_board(ws, promotion_id)
    assert board.blockers == str(error.value).split("\n• ")[1:] and not board.can_advance
    assert service.get_promotion(ws, promotion_id).current_phase is Phase.LANCEMENT

    bpp_service.record_contract(ws, bpp_ids[2], date(2026, 11, 10))
    hold(ws, promotion_id, Phase.LANCEMENT)
    assert service.promotion_board(ws, promotion_id).can_advance
    assert service.advance_phase(ws, promotion_id).current_phase is Phase.ANALYSE
    for bpp_id in bpp_ids:
        bpp = bpp_service.get_bpp(ws, bpp_id)
        assert bpp.current_phase is Phase.ANALYSE
        # Phase 2 has begun for the promotion, not yet in time: its date comes with its first séance held.
        assert bpp.phase_dates == {Phase.LANCEMENT: date(2026, 11, 9)}
    _, late_demande = accepted_agent(ws, "Roux", "Mathis")
    with pytest.raises(DomainError, match="dépassé la phase de lancement"):
        service.enrol(ws, promotion_id, late_demande)
    with pytest.raises(DomainError, match="ne peut plus être retiré"):
        bpp_service.record_contract(ws, bpp_ids[0], None)


def test_four_phases_and_closing_with_every_individual_final_interview_no_seance(ws: Workspace, clock) -> None:
    """Rule: phase 4 is the individual final interviews: closing needs each participant's, not a séance."""
    promotion_id = new_promotion(ws)
    bpp_ids = enrol_people(ws, promotion_id, 6)
    sign_all(ws, bpp_ids)
    hold(ws, promotion_id, Phase.LANCEMENT)
    for expected in (Phase.ANALYSE, Phase.PLAN_ACTION, Phase.CONCLUSION):
        clock.advance(days=7)
        assert service.advance_phase(ws, promotion_id).current_phase is expected
        if expected is not Phase.CONCLUSION:
            hold(ws, promotion_id, expected, clock.today())
    for bpp_id in bpp_ids[1:]:
        bpp_service.record_final_interview(ws, bpp_id, clock.today())
    with pytest.raises(DomainError, match="clore la promotion :\n• Entretien final individuel pas encore réalisé : "
                                          "Hélène LEFÈVRE.$"):
        service.advance_phase(ws, promotion_id)
    bpp_service.record_final_interview(ws, bpp_ids[0], clock.today())
    clock.advance(days=1)
    closed = service.advance_phase(ws, promotion_id)
    assert closed.closed_on == clock.today() and closed.current_phase is Phase.CONCLUSION
    bpp = bpp_service.get_bpp(ws, bpp_ids[0])
    assert bpp.closed_on == clock.today()
    assert bpp.phase_dates == {Phase.LANCEMENT: date(2026, 11, 9), Phase.ANALYSE: date(2026, 11, 23),
                               Phase.PLAN_ACTION: date(2026, 11, 30), Phase.CONCLUSION: date(2026, 12, 7)}
    assert service.list_seances(ws, promotion_id)[-1].phase is Phase.PLAN_ACTION  # none for the conclusion
    assert service.promotion_board(ws, promotion_id).blockers == ["La promotion est close."]
    with pytest.raises(DomainError, match="close"):
        plan(ws, promotion_id, Phase.PLAN_ACTION)
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
    assert board.phase_starts == {Phase.LANCEMENT: date(2026, 11, 3)}

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
    advanced = new_promotion(ws, "Déjà en phase 2", TODAY)
    sign_all(ws, enrol_people(ws, advanced, 2))
    service.set_small_group_reason(ws, advanced, SmallGroupReason.AUTRE, "Agents en attente depuis longtemps")
    hold(ws, advanced, Phase.LANCEMENT, TODAY)
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
    hold(ws, promotion_id, Phase.LANCEMENT)
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
