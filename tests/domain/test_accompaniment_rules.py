"""Rules of the demande d'accompagnement: the promised lead time, the first interview, the outcome; and the
strategy's words quoted as the strategy writes them."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from cmc_desktop.domain.accompaniment import (
    COMMITMENT_2,
    PROMISE_WARNING_DAYS,
    TAKING_CHARGE,
    Accompaniment,
    Level,
    ProjectKind,
    Result,
    TakeCharge,
    check_new_request,
)
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.indicators import ACCESS_RATE_TEXT, TAKE_CHARGE_DELAY_TEXT

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TODAY = date(2026, 11, 16)


def seed_text(name: str) -> str:
    """The kept copy of a seed, with its line-end hyphenation joined and its whitespace collapsed."""
    lines = [line for line in (SEEDS / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    text = re.sub(r"-\n", "", "\n".join(lines))
    return " ".join(text.split())


def request(on: date = date(2026, 11, 2), days: int | None = 15) -> Accompaniment:
    return Accompaniment(agent_id=1, requested_on=on, promised_days=days).validated(TODAY)


def test_the_strategy_is_quoted_word_for_word() -> None:
    strategy = seed_text("strategie-extraits.txt")
    for quoted in (COMMITMENT_2, TAKING_CHARGE, ACCESS_RATE_TEXT, TAKE_CHARGE_DELAY_TEXT,
                   *(level.label for level in Level)):
        assert quoted in strategy, quoted


def test_the_promised_date_counts_from_the_request() -> None:
    assert request(date(2026, 11, 2), 15).promised_on == date(2026, 11, 17)
    assert request(days=None).promised_on is None
    assert request(days=0).promised_on == date(2026, 11, 2)


def test_a_lead_time_outside_a_year_and_a_future_request_are_refused() -> None:
    with pytest.raises(ValidationError, match="entre 0 et 365 jours"):
        request(days=400)
    with pytest.raises(ValidationError, match="n'est pas plausible"):
        request(on=TODAY + timedelta(days=1))


def test_the_first_interview_on_or_after_the_request_takes_charge() -> None:
    acc = request(date(2026, 11, 2), 15)
    # An interview before the request (an E1 that led to it) does not answer it.
    state = acc.take_charge(TODAY, met_on=[date(2026, 10, 20), date(2026, 11, 9), date(2026, 11, 12)])
    assert (state.status, state.taken_on, state.within_promise) == (TakeCharge.TAKEN, date(2026, 11, 9), True)
    assert state.text == "Pris en charge le 09/11/2026"
    late = acc.take_charge(date(2026, 11, 30), met_on=[date(2026, 11, 20)])
    assert (late.status, late.within_promise) == (TakeCharge.TAKEN, False)
    assert late.text == "Pris en charge le 20/11/2026 — après le délai communiqué"


def test_before_the_promised_date_a_planned_interview_is_enough() -> None:
    acc = request(date(2026, 11, 2), 15)  # promised for 17/11
    planned = acc.take_charge(TODAY, met_on=[date(2026, 11, 17)])
    assert (planned.status, planned.planned_on) == (TakeCharge.PLANNED, date(2026, 11, 17))
    # Planned after the promised date: the promise is about to be broken.
    assert acc.take_charge(TODAY, met_on=[date(2026, 11, 25)]).status is TakeCharge.DUE_SOON


def test_the_warning_starts_a_week_before_the_promised_date_and_turns_urgent_after_it() -> None:
    acc = request(date(2026, 11, 2), 15)
    promised = date(2026, 11, 17)
    assert acc.take_charge(promised - timedelta(days=PROMISE_WARNING_DAYS + 1), met_on=[]).status is TakeCharge.WAITING
    assert acc.take_charge(promised - timedelta(days=PROMISE_WARNING_DAYS), met_on=[]).status is TakeCharge.DUE_SOON
    assert acc.take_charge(promised, met_on=[]).status is TakeCharge.DUE_SOON
    assert acc.take_charge(promised + timedelta(days=1), met_on=[]).status is TakeCharge.OVERDUE
    assert request(days=None).take_charge(TODAY, met_on=[]).status is TakeCharge.WAITING


def test_closing_needs_the_outcome_and_follows_the_request_and_the_last_interview() -> None:
    acc = request(date(2026, 10, 1))
    with pytest.raises(ValidationError, match="type de projet et le résultat"):
        acc.close(TODAY, None, Result.ABANDON, today=TODAY, last_met_on=None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="ne peut pas précéder la demande"):
        acc.close(date(2026, 9, 30), ProjectKind.MAINTIEN, Result.ABANDON, today=TODAY, last_met_on=None)
    with pytest.raises(ValidationError, match="dernier entretien \\(10/11/2026\\)"):
        acc.close(date(2026, 11, 9), ProjectKind.MAINTIEN, Result.ABANDON, today=TODAY, last_met_on=date(2026, 11, 10))
    acc.close(date(2026, 11, 10), ProjectKind.SECTEUR_PRIVE, Result.CEP, today=TODAY, last_met_on=date(2026, 11, 10))
    assert (acc.closed_on, acc.project_kind, acc.result) == (date(2026, 11, 10), ProjectKind.SECTEUR_PRIVE, Result.CEP)
    with pytest.raises(DomainError, match="déjà clos \\(le 10/11/2026\\)"):
        acc.close(TODAY, ProjectKind.MAINTIEN, Result.ABANDON, today=TODAY, last_met_on=None)


def test_one_accompaniment_at_a_time() -> None:
    open_one = request(date(2026, 10, 1))
    with pytest.raises(DomainError, match="déjà en cours \\(demande du 01/10/2026\\)"):
        check_new_request([open_one])
    open_one.close(TODAY, ProjectKind.MAINTIEN, Result.ABANDON, today=TODAY, last_met_on=None)
    check_new_request([open_one])


def test_the_results_name_the_schemes_of_the_issue() -> None:
    assert [r.label for r in Result][3:] == [
        "Orienté vers un bilan de compétences", "Orienté vers un conseil en évolution professionnelle (CEP)",
        "Orienté vers une immersion professionnelle", "Orienté vers une formation"]


def test_the_promised_date_stays_a_deadline_until_a_meeting_is_held_or_planned_by_then() -> None:
    """Commitment 2: the lead time told to the agent is an agenda deadline while the accompaniment is open and
    nothing is held or planned between the request and the promised date (services.agenda)."""
    request = Accompaniment(agent_id=1, requested_on=date(2026, 11, 10), promised_days=10)
    promised = date(2026, 11, 20)
    assert request.promise_pending([]) == promised
    assert request.promise_pending([date(2026, 11, 1)]) == promised  # a meeting before the request does not count
    assert request.promise_pending([date(2026, 11, 25)]) == promised  # after the promise: still missed that day
    assert request.promise_pending([date(2026, 11, 20)]) is None
    assert request.promise_pending([date(2026, 11, 10)]) is None
    assert Accompaniment(agent_id=1, requested_on=date(2026, 11, 10)).promise_pending([]) is None
    closed = Accompaniment(agent_id=1, requested_on=date(2026, 11, 10), promised_days=10,
                           closed_on=date(2026, 11, 12))
    assert closed.promise_pending([]) is None
