"""The BPP without Qt or store: who may start one, its form, its four phases, its exercises."""

from datetime import date, timedelta

import pytest

from cmc_desktop.domain.bpp import (
    Bpp,
    BppForm,
    Exercise,
    Phase,
    check_can_start,
    check_interviews_in_time,
    individual_phase_dates,
    next_step_label,
)
from cmc_desktop.domain.demande import DemandeStatus
from cmc_desktop.domain.errors import DomainError, ValidationError

TODAY = date(2026, 11, 16)


def individual(**changes: object) -> Bpp:
    bpp = Bpp(agent_id=1, form=BppForm.INDIVIDUEL, individual_reason="Situation de santé incompatible avec un groupe",
              phase_dates={Phase.LANCEMENT: date(2026, 9, 1)})
    for name, value in changes.items():
        setattr(bpp, name, value)
    return bpp


def test_collective_is_the_default_and_individual_needs_a_reason() -> None:
    assert Bpp(agent_id=1).validated(TODAY).form is BppForm.COLLECTIF
    with pytest.raises(ValidationError, match="collectif par défaut"):
        Bpp(agent_id=1, form=BppForm.INDIVIDUEL, individual_reason="   ").validated(TODAY)
    assert individual().validated(TODAY).individual_reason


@pytest.mark.parametrize("status", [DemandeStatus.EN_ATTENTE, DemandeStatus.REFUS, DemandeStatus.REPORT,
                                    DemandeStatus.REJET_IMPLICITE])
def test_only_an_accepted_demande_starts_a_bpp(status: DemandeStatus) -> None:
    with pytest.raises(DomainError, match="demande acceptée") as error:
        check_can_start(status, demande_has_bpp=False, agent_has_open_bpp=False)
    assert status.label.lower() in str(error.value)
    check_can_start(DemandeStatus.ACCORD, demande_has_bpp=False, agent_has_open_bpp=False)


def test_one_bpp_per_demande_and_one_open_bpp_per_agent() -> None:
    with pytest.raises(DomainError, match="déjà été ouvert"):
        check_can_start(DemandeStatus.ACCORD, demande_has_bpp=True, agent_has_open_bpp=True)
    with pytest.raises(DomainError, match="déjà un BPP en cours"):
        check_can_start(DemandeStatus.ACCORD, demande_has_bpp=False, agent_has_open_bpp=True)


def test_individual_bpp_goes_through_the_four_phases_then_closes() -> None:
    """Each phase is left once it has begun — dated by its first E3 interview held (individual_phase_dates), as a
    promotion's phase by its first séance held; advancing dates nothing."""
    bpp = individual(phase_dates={})
    with pytest.raises(DomainError) as error:
        bpp.advance_individually(date(2026, 9, 15))
    assert str(error.value) == ("Impossible de passer à la phase d'appui à l'analyse du parcours professionnel :\n"
                                "• La phase de lancement n'a pas commencé : aucun de ses entretiens n'a encore eu "
                                "lieu (enregistrez-le dans le bilan de l'agent).\n"
                                "• Le contrat d'engagement et de confidentialité n'est pas signé.")
    assert bpp.current_phase is Phase.LANCEMENT

    held = [(Phase.LANCEMENT, date(2026, 9, 1))]
    bpp.record_contract(date(2026, 9, 10))
    for day, phase in ((date(2026, 9, 15), Phase.ANALYSE), (date(2026, 10, 1), Phase.PLAN_ACTION),
                       (date(2026, 10, 20), Phase.CONCLUSION)):
        bpp.phase_dates = individual_phase_dates(held, day)
        bpp.advance_individually(day)
        assert bpp.current_phase is phase and phase not in bpp.phase_dates
        held.append((phase, day + timedelta(days=2)))

    with pytest.raises(DomainError, match="clore le bilan :\n• L'entretien final n'a pas eu lieu \\(prévu le "
                                          "02/11/2026\\)."):
        bpp.final_interview_on = date(2026, 11, 2)
        bpp.advance_individually(date(2026, 11, 1))
    bpp.advance_individually(date(2026, 11, 3))
    assert bpp.closed_on == date(2026, 11, 3) and bpp.current_phase is Phase.CONCLUSION
    assert bpp.validated(TODAY).individual_advance_blockers(TODAY) == ["Le bilan est clos."]


def test_an_individual_bpps_phases_are_dated_by_its_interviews_held() -> None:
    """Rule (issue 13): a phase begins with its first interview that has taken place — not one planned — and
    the interviews keep the phases in order in time."""
    interviews = [(Phase.LANCEMENT, date(2026, 9, 3)), (Phase.LANCEMENT, date(2026, 9, 1)),
                  (Phase.ANALYSE, date(2026, 9, 20)), (Phase.PLAN_ACTION, date(2026, 12, 1))]
    assert individual_phase_dates(interviews, TODAY) == {Phase.LANCEMENT: date(2026, 9, 1),
                                                        Phase.ANALYSE: date(2026, 9, 20)}
    check_interviews_in_time(Phase.ANALYSE, interviews, TODAY)  # phase 3 is only planned
    with pytest.raises(DomainError, match="pas encore entré dans la phase d'appui à l'analyse"):
        check_interviews_in_time(Phase.LANCEMENT, interviews, TODAY)
    with pytest.raises(DomainError, match="analyse du parcours professionnel ne peut pas commencer avant la "
                                          "phase de lancement"):
        check_interviews_in_time(Phase.ANALYSE, interviews[2:], TODAY)
    early = [*interviews, (Phase.ANALYSE, date(2026, 8, 30))]
    with pytest.raises(DomainError, match="L'entretien du 30/08/2026 .* précède le début de la phase de lancement, "
                                          "le 01/09/2026"):
        check_interviews_in_time(Phase.ANALYSE, early, TODAY)


def test_a_collective_bpp_does_not_advance_on_its_own() -> None:
    with pytest.raises(DomainError, match="avance avec sa promotion"):
        Bpp(agent_id=1).advance_individually(TODAY)


def test_contract_is_not_withdrawn_after_the_lancement_nor_signed_in_the_future() -> None:
    bpp = individual(contract_signed_on=date(2026, 9, 10))  # its lancement began on 01/09/2026
    bpp.record_contract(None)
    bpp.record_contract(date(2026, 9, 11))
    bpp.advance_individually(date(2026, 9, 15))
    bpp.record_contract(date(2026, 9, 12))  # a correction stays possible
    with pytest.raises(DomainError, match="ne peut plus être retiré"):
        bpp.record_contract(None)
    with pytest.raises(ValidationError, match="Contrat signé le"):
        individual(contract_signed_on=date(2026, 11, 17)).validated(TODAY)


def test_dates_must_follow_each_other() -> None:
    with pytest.raises(ValidationError, match="phase d'appui à l'analyse .* avant la phase de lancement"):
        individual(phase_dates={Phase.LANCEMENT: date(2026, 9, 1), Phase.ANALYSE: date(2026, 8, 1)}).validated(TODAY)
    # Rule: phases follow each other in time — none begins without the one before it having begun.
    with pytest.raises(ValidationError, match="plan d'action ne peut pas commencer avant la phase d'appui à l'analyse"):
        individual(phase_dates={Phase.LANCEMENT: date(2026, 9, 1),
                                Phase.PLAN_ACTION: date(2026, 10, 1)}).validated(TODAY)
    with pytest.raises(ValidationError, match="entretien final ne peut pas précéder"):
        individual(initial_interview_on=date(2026, 9, 2), final_interview_on=date(2026, 9, 1)).validated(TODAY)
    with pytest.raises(ValidationError, match="entretien final"):
        individual(closed_on=date(2026, 11, 1)).validated(TODAY)


def test_next_step_labels() -> None:
    assert next_step_label(Phase.PLAN_ACTION, "clore") == "passer à la phase de conclusion"
    assert next_step_label(Phase.CONCLUSION, "clore le bilan") == "clore le bilan"


def test_exercise_rules() -> None:
    exercise = Exercise(bpp_id=1, title="  Ligne de vie  ", given_on=date(2026, 10, 1), due_on=date(2026, 10, 8))
    assert exercise.validated(TODAY).title == "Ligne de vie"
    with pytest.raises(ValidationError, match="obligatoire"):
        Exercise(bpp_id=1, title=" ", given_on=date(2026, 10, 1)).validated(TODAY)
    with pytest.raises(ValidationError, match="échéance"):
        Exercise(bpp_id=1, title="x", given_on=date(2026, 10, 1), due_on=date(2026, 9, 1)).validated(TODAY)
    with pytest.raises(ValidationError, match="avant d'avoir été remis"):
        Exercise(bpp_id=1, title="x", given_on=date(2026, 10, 1), done_on=date(2026, 9, 1)).validated(TODAY)
    with pytest.raises(ValidationError, match="Fait le"):
        Exercise(bpp_id=1, title="x", given_on=date(2026, 10, 1), done_on=date(2026, 12, 1)).validated(TODAY)
