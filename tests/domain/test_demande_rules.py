"""The demande de BPP without Qt or store: two months of silence, motivated refusal, exceptional report."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmc_desktop.domain.demande import (
    DEADLINE_WARNING_DAYS,
    Decision,
    Demande,
    DemandeStatus,
    Initiative,
    Report,
    ReportReason,
    check_new_request,
    implicit_rejection_date,
)
from cmc_desktop.domain.errors import DomainError, ValidationError

TODAY = date(2026, 11, 16)
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


@pytest.mark.parametrize(("request_date", "deadline"), [
    (date(2026, 9, 16), date(2026, 11, 16)),
    (date(2026, 12, 31), date(2027, 2, 28)),
    (date(2027, 12, 31), date(2028, 2, 29)),
    (date(2026, 8, 31), date(2026, 10, 31)),
    (date(2026, 11, 30), date(2027, 1, 30)),
])
def test_silence_becomes_a_rejection_two_calendar_months_after_the_request(request_date: date,
                                                                           deadline: date) -> None:
    assert implicit_rejection_date(request_date) == deadline == Demande(1, request_date).deadline


@given(days)
def test_the_implicit_rejection_date_is_two_months_later_clamped_to_the_month_end(request_date: date) -> None:
    deadline = implicit_rejection_date(request_date)
    assert 59 <= (deadline - request_date).days <= 62
    assert (deadline.year * 12 + deadline.month) - (request_date.year * 12 + request_date.month) == 2
    last_day = calendar.monthrange(deadline.year, deadline.month)[1]
    assert deadline.day == min(request_date.day, last_day)


@given(days, st.integers(min_value=-100, max_value=100))
def test_status_and_warning_of_an_unanswered_demande(request_date: date, shift: int) -> None:
    demande = Demande(1, request_date)
    today = demande.deadline + timedelta(days=shift)
    status = demande.status(today)
    assert status is (DemandeStatus.REJET_IMPLICITE if shift >= 0 else DemandeStatus.EN_ATTENTE)
    assert demande.days_before_implicit_rejection(today) == -shift
    assert demande.deadline_near(today) is (-DEADLINE_WARNING_DAYS <= shift < 0)


@given(days, st.integers(min_value=-100, max_value=100), st.sampled_from([Decision.ACCORD, Decision.REFUS,
                                                                          Decision.REPORT]))
def test_an_answered_demande_keeps_its_decision_whatever_the_date(request_date: date, shift: int,
                                                                  decision: Decision) -> None:
    demande = Demande(1, request_date, decision=decision)
    today = demande.deadline + timedelta(days=shift)
    assert demande.status(today).value == decision.value
    assert not demande.deadline_near(today)


def test_the_warning_starts_fourteen_days_ahead() -> None:
    assert DEADLINE_WARNING_DAYS == 14
    demande = Demande(1, date(2026, 9, 30))  # silence is a rejection from 30/11/2026
    assert demande.deadline_near(TODAY)
    assert not Demande(1, date(2026, 10, 1)).deadline_near(TODAY)  # 15 days left


def test_a_refusal_must_be_motivated() -> None:
    demande = Demande(1, date(2026, 10, 1))
    with pytest.raises(ValidationError, match="Un refus doit être motivé"):
        demande.decide(Decision.REFUS, date(2026, 10, 20), reason="   ", today=TODAY)
    assert demande.decision is Decision.EN_ATTENTE and demande.decision_date is None
    demande.decide(Decision.REFUS, date(2026, 10, 20), reason=" Nécessités du service ", today=TODAY)
    assert (demande.decision, demande.reason, demande.hr_agreement_on) == (Decision.REFUS, "Nécessités du service",
                                                                           None)


REPORT = Report(ReportReason.ECHEANCE, date(2026, 10, 18), date(2027, 1, 15))


def test_a_report_needs_its_continuity_reason_hrs_prior_agreement_and_a_horizon() -> None:
    """Rule: a report is possible for « continuité de fonctionnement du service » with the HR service's prior
    agreement (dated, not after the decision); it has a horizon date."""
    demande = Demande(1, date(2026, 10, 1))
    with pytest.raises(ValidationError, match="à titre exceptionnel"):
        demande.decide(Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire", today=TODAY)
    with pytest.raises(ValidationError, match="choisissez-en la raison"):
        demande.decide(Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire",
                       report=Report(None, date(2026, 10, 18), date(2027, 1, 15)), today=TODAY)
    with pytest.raises(ValidationError, match="accord préalable du service RH"):
        demande.decide(Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire",
                       report=Report(ReportReason.ECHEANCE, None, date(2027, 1, 15)), today=TODAY)
    with pytest.raises(ValidationError, match="doit précéder la décision de report : accord du 21/10/2026"):
        demande.decide(Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire",
                       report=Report(ReportReason.ECHEANCE, date(2026, 10, 21), date(2027, 1, 15)), today=TODAY)
    with pytest.raises(ValidationError, match="jusqu'à quand"):
        demande.decide(Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire",
                       report=Report(ReportReason.ECHEANCE, date(2026, 10, 18), None), today=TODAY)
    assert demande.decision is Decision.EN_ATTENTE
    demande.decide(Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire", report=REPORT, today=TODAY)
    assert (demande.report_reason, demande.hr_agreement_on, demande.report_until) == (
        ReportReason.ECHEANCE, date(2026, 10, 18), date(2027, 1, 15))
    assert demande.status(TODAY) is DemandeStatus.REPORT and not demande.status(TODAY).opens_bpp


def test_a_report_comes_back_at_its_horizon_and_can_then_be_enrolled() -> None:
    """Rule: a postponed demande never disappears: at its horizon it comes back, and the agent can be enrolled."""
    demande = Demande(1, date(2026, 10, 1))
    demande.decide(Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire", report=REPORT, today=TODAY)
    assert demande.status(date(2027, 1, 14)) is DemandeStatus.REPORT
    assert demande.status(date(2027, 1, 15)) is DemandeStatus.REPORT_ECHU
    assert demande.status(date(2030, 1, 1)).opens_bpp


def test_a_bpp_of_right_is_neither_refused_nor_postponed_and_silence_does_not_reject_it() -> None:
    """Rule: restructuration — « ce bilan est de droit » (décret n° 2019-1441)."""
    demande = Demande(1, date(2026, 6, 1), of_right=True)
    assert demande.status(TODAY) is DemandeStatus.DE_DROIT and demande.status(TODAY).opens_bpp
    assert not demande.deadline_near(date(2026, 7, 25))
    for decision in (Decision.REFUS, Decision.REPORT):
        with pytest.raises(DomainError, match="ni refusé ni reporté"):
            demande.decide(decision, date(2026, 10, 20), reason="Nécessités du service", report=REPORT, today=TODAY)
    demande.decide(Decision.ACCORD, date(2026, 10, 20), today=TODAY)
    assert demande.status(TODAY) is DemandeStatus.ACCORD


def test_decision_dates_and_choices() -> None:
    demande = Demande(1, date(2026, 10, 1))
    with pytest.raises(DomainError, match="Choisissez une décision"):
        demande.decide(Decision.EN_ATTENTE, date(2026, 10, 20), today=TODAY)
    with pytest.raises(ValidationError, match="ne peut pas précéder la demande \\(01/10/2026\\)"):
        demande.decide(Decision.ACCORD, date(2026, 9, 30), today=TODAY)
    with pytest.raises(ValidationError, match="Date de la décision"):
        demande.decide(Decision.ACCORD, TODAY + timedelta(days=1), today=TODAY)
    # An accord keeps nothing of a report: those dates belong to a report.
    demande.decide(Decision.ACCORD, date(2026, 11, 11), report=REPORT, today=TODAY)
    assert demande.status(TODAY) is DemandeStatus.ACCORD and demande.hr_agreement_on is demande.report_until is None


def test_an_employer_initiative_needs_the_agents_agreement() -> None:
    with pytest.raises(ValidationError, match="suppose l'accord de l'agent"):
        Demande(1, date(2026, 10, 1), initiative=Initiative.EMPLOYEUR, agent_agreement=False).validated(TODAY)
    Demande(1, date(2026, 10, 1), initiative=Initiative.EMPLOYEUR).validated(TODAY)
    with pytest.raises(ValidationError, match="Date de la demande"):
        Demande(1, TODAY + timedelta(days=1)).validated(TODAY)


def test_one_demande_in_progress_at_a_time() -> None:
    pending = Demande(1, date(2026, 10, 1))
    with pytest.raises(DomainError, match="attend déjà la réponse .*rejet implicite le 01/12/2026"):
        check_new_request([pending], TODAY, agent_has_open_bpp=False, accepted_without_bpp=False)
    rejected = Demande(1, date(2026, 8, 1))  # implicitly rejected on 01/10/2026: a new demande is possible
    check_new_request([rejected], TODAY, agent_has_open_bpp=False, accepted_without_bpp=False)
    with pytest.raises(DomainError, match="déjà un BPP en cours"):
        check_new_request([], TODAY, agent_has_open_bpp=True, accepted_without_bpp=False)
    with pytest.raises(DomainError, match="ouvrez-le plutôt"):
        check_new_request([], TODAY, agent_has_open_bpp=False, accepted_without_bpp=True)
    postponed = Demande(1, date(2026, 8, 1))
    postponed.decide(Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire", report=REPORT, today=TODAY)
    with pytest.raises(DomainError, match="reportée jusqu'au 15/01/2027"):
        check_new_request([postponed], TODAY, agent_has_open_bpp=False, accepted_without_bpp=False)
