"""Promotion rules without Qt or store: 6 to 12 participants, enrolment, phases advancing with their checks."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmc_desktop.domain.bpp import Phase
from cmc_desktop.domain.demande import DemandeStatus
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.promotion import (
    MAX_PARTICIPANTS,
    Participant,
    Promotion,
    Seance,
    advance,
    advance_blockers,
    check_can_enrol,
    free_places,
)

TODAY = date(2026, 11, 16)
SIGNED = date(2026, 9, 10)


def group(count: int, *, signed: bool = True, final: bool = False) -> list[Participant]:
    return [Participant(agent_id=i, bpp_id=100 + i, display_name=f"Agent {i:02d}",
                        contract_signed_on=SIGNED if signed else None,
                        final_interview_on=date(2026, 11, 2) if final else None) for i in range(1, count + 1)]


def seances_for(*phases: Phase) -> list[Seance]:
    return [Seance(promotion_id=1, held_on=date(2026, 9, 20), phase=phase) for phase in phases]


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


def test_under_six_participants_asks_for_a_reason() -> None:
    promotion = Promotion(name="P")
    blockers = advance_blockers(promotion, group(5), seances_for(Phase.LANCEMENT))
    assert blockers == ["La promotion compte 5 participant(s), moins de 6 : indiquez le motif de cet effectif réduit."]
    promotion.small_group_reason = "Service de petite taille"
    assert advance_blockers(promotion, group(5), seances_for(Phase.LANCEMENT)) == []
    assert advance_blockers(Promotion(name="P"), group(6), seances_for(Phase.LANCEMENT)) == []


def test_phase_two_waits_for_every_contract_and_a_seance() -> None:
    promotion = Promotion(name="P")
    participants = group(7)
    participants[4].contract_signed_on = None
    participants[1].contract_signed_on = None
    with pytest.raises(DomainError) as error:
        advance(promotion, participants, seances_for(Phase.ANALYSE), TODAY)
    assert str(error.value) == (
        "Impossible de passer à la phase d'appui à l'analyse du parcours professionnel :\n"
        "• Aucune séance n'est planifiée pour la phase de lancement.\n"
        "• Contrat d'engagement et de confidentialité non signé : Agent 02, Agent 05.")
    assert promotion.current_phase is Phase.LANCEMENT


def test_four_phases_then_closing_only_with_every_final_interview() -> None:
    promotion = Promotion(name="P")
    seances = seances_for(*Phase)
    for phase in (Phase.ANALYSE, Phase.PLAN_ACTION, Phase.CONCLUSION):
        advance(promotion, group(6), seances, TODAY)
        assert promotion.current_phase is phase
    assert promotion.next_step == "clore la promotion"
    participants = group(6, final=True)
    participants[2].final_interview_on = None
    with pytest.raises(DomainError, match="clore la promotion :\n• Entretien final non réalisé : Agent 03.$"):
        advance(promotion, participants, seances, TODAY)
    participants[2].final_interview_on = TODAY
    advance(promotion, participants, seances, TODAY)
    assert promotion.closed_on == TODAY
    assert advance_blockers(promotion, participants, seances) == ["La promotion est close."]


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
    blockers = advance_blockers(Promotion(name="P"), participants, seances_for(Phase.LANCEMENT))
    unsigned = [p.display_name for p, has_signed in zip(participants, signed, strict=True) if not has_signed]
    assert blockers == ([f"Contrat d'engagement et de confidentialité non signé : {', '.join(unsigned)}."]
                        if unsigned else [])
