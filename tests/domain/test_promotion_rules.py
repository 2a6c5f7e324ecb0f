"""Promotion rules without Qt or store: 6 to 12 participants, enrolment, phases advancing with their checks."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmc_desktop.domain.bpp import Bpp, BppForm, Phase, collective_phase_dates
from cmc_desktop.domain.demande import DemandeStatus
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.promotion import (
    MAX_PARTICIPANTS,
    Participant,
    Promotion,
    Seance,
    SeanceOutsideDates,
    SmallGroupReason,
    advance,
    advance_blockers,
    check_can_enrol,
    check_phases_in_time,
    free_places,
    phase_starts,
)

TODAY = date(2026, 11, 16)
SIGNED = date(2026, 9, 10)


def group(count: int, *, signed: bool = True, final: bool = False) -> list[Participant]:
    return [Participant(agent_id=i, bpp_id=100 + i, display_name=f"Agent {i:02d}",
                        contract_signed_on=SIGNED if signed else None,
                        final_interview_on=date(2026, 11, 2) if final else None) for i in range(1, count + 1)]


def seances_for(*phases: Phase) -> list[Seance]:
    """One séance a phase, a week apart from 20/09/2026, each taken place (attendance noted)."""
    return [Seance(promotion_id=1, held_on=date(2026, 9, 20) + timedelta(days=7 * n), phase=phase,
                   attendance={1: True}) for n, phase in enumerate(phases)]


def test_the_thirteenth_participant_is_refused() -> None:
    promotion = Promotion(name="Printemps 2027")
    for enrolled in range(MAX_PARTICIPANTS):
        check_can_enrol(promotion, enrolled, DemandeStatus.ACCORD)
    with pytest.raises(DomainError, match="complète : 12 participants au maximum"):
        check_can_enrol(promotion, MAX_PARTICIPANTS, DemandeStatus.ACCORD)
    assert free_places(MAX_PARTICIPANTS - 1) == 1 and free_places(MAX_PARTICIPANTS) == 0


@pytest.mark.parametrize("status", [None, DemandeStatus.EN_ATTENTE, DemandeStatus.REFUS, DemandeStatus.REPORT,
                                    DemandeStatus.REJET_IMPLICITE])
def test_only_accepted_demandes_enrol(status: DemandeStatus | None) -> None:
    with pytest.raises(DomainError, match="accord"):
        check_can_enrol(Promotion(name="P"), 3, status)


def test_no_enrolment_after_the_lancement_or_once_closed() -> None:
    with pytest.raises(DomainError, match="dépassé la phase de lancement"):
        check_can_enrol(Promotion(name="P", current_phase=Phase.ANALYSE), 3, DemandeStatus.ACCORD)
    with pytest.raises(DomainError, match="close"):
        check_can_enrol(Promotion(name="P", closed_on=TODAY), 3, DemandeStatus.ACCORD)


def test_under_six_participants_needs_a_reason_from_the_list_and_its_text() -> None:
    """Rule: 6 to 12 agents; fewer than 6 at the lancement is an exception justified by a reason chosen from a
    short list plus text."""
    promotion = Promotion(name="P")
    blockers = advance_blockers(promotion, group(5), seances_for(Phase.LANCEMENT), TODAY)
    assert blockers == ["La promotion compte 5 participants, moins de 6 : choisissez la raison de cet effectif "
                        "réduit et précisez-la."]
    with pytest.raises(ValidationError, match="dans la liste"):
        promotion.justify_small_group(None, "Service de petite taille")
    promotion.justify_small_group(SmallGroupReason.PUBLIC_RESTREINT, "")
    assert advance_blockers(promotion, group(5), seances_for(Phase.LANCEMENT), TODAY) == blockers
    promotion.justify_small_group(SmallGroupReason.PUBLIC_RESTREINT, " Service de cinq agents ")
    assert promotion.small_group_reason == "Service de cinq agents"
    assert advance_blockers(promotion, group(5), seances_for(Phase.LANCEMENT), TODAY) == []
    assert advance_blockers(Promotion(name="P"), group(6), seances_for(Phase.LANCEMENT), TODAY) == []


def test_a_one_agent_promotion_is_refused_whatever_the_reason() -> None:
    """Rule: a one-agent « promotion » is an individual BPP, not a collective one."""
    promotion = Promotion(name="P", small_group_kind=SmallGroupReason.AUTRE, small_group_reason="Seul inscrit")
    [blocker] = advance_blockers(promotion, group(1), seances_for(Phase.LANCEMENT), TODAY)
    assert blocker.startswith("Une promotion d'un seul agent n'est pas un bilan collectif")


def test_a_phase_begins_when_its_first_seance_has_taken_place_not_when_planned() -> None:
    """Rule: a phase begins when its first séance has taken place (date not in the future, attendance noted)."""
    promotion = Promotion(name="P")
    ahead = Seance(promotion_id=1, held_on=date(2026, 11, 20), phase=Phase.LANCEMENT)
    assert advance_blockers(promotion, group(6), [ahead], TODAY) == [
        "La phase de lancement n'a pas encore commencé : sa première séance, le 20/11/2026, est à venir."]
    unmarked = Seance(promotion_id=1, held_on=date(2026, 11, 9), phase=Phase.LANCEMENT)
    assert advance_blockers(promotion, group(6), [unmarked], TODAY) == [
        "Notez les présences de la séance du 09/11/2026 : la phase de lancement commence quand sa première séance "
        "a eu lieu."]
    assert phase_starts([ahead, unmarked], TODAY) == {}
    unmarked.attendance = {1: False}
    assert advance_blockers(promotion, group(6), [ahead, unmarked], TODAY) == []
    assert phase_starts([ahead, unmarked], TODAY) == {Phase.LANCEMENT: date(2026, 11, 9)}


def test_phase_dates_are_the_first_seances_held_and_the_final_interview() -> None:
    """Rule: a phase's date is its first séance taken place; the conclusion's is the agent's entretien final."""
    seances = seances_for(Phase.LANCEMENT, Phase.ANALYSE, Phase.ANALYSE, Phase.PLAN_ACTION)
    starts = phase_starts(seances, TODAY)
    assert starts == {Phase.LANCEMENT: date(2026, 9, 20), Phase.ANALYSE: date(2026, 9, 27),
                      Phase.PLAN_ACTION: date(2026, 10, 11)}
    assert collective_phase_dates(starts, date(2026, 11, 2), TODAY)[Phase.CONCLUSION] == date(2026, 11, 2)
    assert Phase.CONCLUSION not in collective_phase_dates(starts, date(2026, 11, 20), TODAY)  # planned, not held
    bpp = Bpp(agent_id=1, form=BppForm.COLLECTIF, promotion_id=1,
              phase_dates=collective_phase_dates(starts, date(2026, 10, 1), TODAY))
    with pytest.raises(ValidationError, match="conclusion ne peut pas commencer avant la phase d'appui à la réal"):
        bpp.validated(TODAY)


def test_phases_follow_each_other_in_time() -> None:
    """Rule: no phase date precedes the previous one, and no phase begins before the promotion has entered it."""
    promotion = Promotion(name="P", current_phase=Phase.ANALYSE)
    seances = seances_for(Phase.LANCEMENT, Phase.ANALYSE)
    check_phases_in_time(promotion, seances, TODAY)
    early = Seance(promotion_id=1, held_on=date(2026, 9, 19), phase=Phase.ANALYSE)
    with pytest.raises(DomainError, match="La séance du 19/09/2026 .* précède le début de la phase de lancement, le "
                                          "20/09/2026"):
        check_phases_in_time(promotion, [*seances, early], TODAY)
    not_entered = Seance(promotion_id=1, held_on=date(2026, 10, 30), phase=Phase.PLAN_ACTION, attendance={1: True})
    with pytest.raises(DomainError, match="pas encore entrée dans la phase d'appui à la réalisation"):
        check_phases_in_time(promotion, [*seances, not_entered], TODAY)
    skipping = Promotion(name="P", current_phase=Phase.PLAN_ACTION)
    with pytest.raises(DomainError, match="ne peut pas commencer avant la phase d'appui à l'analyse"):
        check_phases_in_time(skipping, [seances[0], not_entered], TODAY)


def test_a_seance_outside_the_promotions_dates_is_refused_with_the_dates_that_would_hold_it() -> None:
    promotion = Promotion(name="P", start_date=date(2026, 10, 1), end_date=date(2027, 1, 31))
    promotion.check_seance_dates(date(2026, 10, 1))
    with pytest.raises(SeanceOutsideDates, match="hors des dates de la promotion \\(du 01/10/2026 au 31/01/2027\\)") \
            as error:
        promotion.check_seance_dates(date(2026, 9, 28))
    assert (error.value.start, error.value.end) == (date(2026, 9, 28), date(2027, 1, 31))
    with pytest.raises(SeanceOutsideDates) as error:
        promotion.check_seance_dates(date(2027, 2, 3))
    assert (error.value.start, error.value.end) == (date(2026, 10, 1), date(2027, 2, 3))


def test_the_conclusion_has_no_collective_seance() -> None:
    with pytest.raises(ValidationError, match="entretiens finaux individuels"):
        Seance(promotion_id=1, held_on=TODAY, phase=Phase.CONCLUSION).validated(TODAY)


def test_phase_two_waits_for_every_contract_and_a_seance() -> None:
    promotion = Promotion(name="P")
    participants = group(7)
    participants[4].contract_signed_on = None
    participants[1].contract_signed_on = None
    with pytest.raises(DomainError) as error:
        advance(promotion, participants, [], TODAY)
    assert str(error.value) == (
        "Impossible de passer à la phase d'appui à l'analyse du parcours professionnel :\n"
        "• La phase de lancement n'a pas commencé : aucune de ses séances n'a eu lieu. Planifiez-en une, puis notez "
        "les présences.\n"
        "• Contrat d'engagement et de confidentialité non signé : Agent 02, Agent 05.")
    assert promotion.current_phase is Phase.LANCEMENT


def test_four_phases_then_closing_with_every_individual_final_interview_not_a_seance() -> None:
    """Rule: phase 4 is the individual final interviews: closing needs each participant's, held, and no
    collective séance."""
    promotion = Promotion(name="P")
    seances = seances_for(Phase.LANCEMENT, Phase.ANALYSE, Phase.PLAN_ACTION)
    for phase in (Phase.ANALYSE, Phase.PLAN_ACTION, Phase.CONCLUSION):
        advance(promotion, group(6), seances, TODAY)
        assert promotion.current_phase is phase
    assert promotion.next_step == "clore la promotion"
    participants = group(6, final=True)
    participants[2].final_interview_on = None
    participants[4].final_interview_on = date(2026, 11, 20)
    with pytest.raises(DomainError, match="clore la promotion :\n• Entretien final individuel pas encore réalisé : "
                                          "Agent 03, Agent 05 \\(prévu le 20/11/2026\\).$"):
        advance(promotion, participants, seances, TODAY)
    participants[2].final_interview_on = participants[4].final_interview_on = TODAY
    advance(promotion, participants, seances, TODAY)
    assert promotion.closed_on == TODAY
    assert advance_blockers(promotion, participants, seances, TODAY) == ["La promotion est close."]


def test_attendance_is_taken_after_the_seance() -> None:
    Seance(promotion_id=1, held_on=TODAY, phase=Phase.LANCEMENT).check_attendance_allowed(TODAY)
    with pytest.raises(DomainError, match="n'a pas encore eu lieu"):
        Seance(promotion_id=1, held_on=date(2026, 11, 17), phase=Phase.LANCEMENT).check_attendance_allowed(TODAY)


def test_promotion_validation() -> None:
    promotion = Promotion(name=" Automne ", confidential_points=["  Santé de chacun ", "", "   "]).validated(TODAY)
    assert promotion.name == "Automne" and promotion.confidential_points == ["Santé de chacun"]
    with pytest.raises(ValidationError, match="date de fin"):
        Promotion(name="P", start_date=date(2026, 12, 1), end_date=date(2026, 11, 1)).validated(TODAY)
    with pytest.raises(ValidationError, match="obligatoire"):
        Promotion(name="  ").validated(TODAY)


@given(signed=st.lists(st.booleans(), min_size=6, max_size=MAX_PARTICIPANTS))
def test_the_unsigned_are_named_and_only_they(signed: list[bool]) -> None:
    participants = group(len(signed))
    for participant, has_signed in zip(participants, signed, strict=True):
        participant.contract_signed_on = SIGNED if has_signed else None
    blockers = advance_blockers(Promotion(name="P"), participants, seances_for(Phase.LANCEMENT), TODAY)
    unsigned = [p.display_name for p, has_signed in zip(participants, signed, strict=True) if not has_signed]
    assert blockers == ([f"Contrat d'engagement et de confidentialité non signé : {', '.join(unsigned)}."]
                        if unsigned else [])
