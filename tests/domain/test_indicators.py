"""Indicator rules on plain records: period bounds, delays, silences, shares and the small-cell rule."""

import statistics
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmc_desktop.domain.agent import PriorityGround
from cmc_desktop.domain.bpp import BppForm
from cmc_desktop.domain.demande import Decision
from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.domain.indicator_facts import (
    AgentFacts,
    BppFacts,
    DemandeFacts,
    IndicatorInputs,
    PromotionFacts,
    SatisfactionFacts,
)
from cmc_desktop.domain.indicators import compute
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.published_figures import Count, Period, Share, Statistic
from cmc_desktop.domain.satisfaction import Commitment

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))
TODAY = date(2027, 3, 1)


def test_small_counts_are_shown_as_less_than_five() -> None:
    assert [Count(v).text for v in (0, 1, 4, 5, 12)] == ["< 5", "< 5", "< 5", "5", "12"]


def test_a_share_is_masked_when_either_count_is() -> None:
    assert Share(Count(5), Count(10)).text == "50"
    assert Share(Count(7), Count(7)).text == "100"  # nobody left out: nobody singled out
    assert Share(Count(4), Count(40)).text == "masqué"  # 10 % would reveal a count of 4
    assert Share(Count(5), Count(4)).suppressed
    assert Share(Count(7), Count(8)).text == "masqué"  # 87,5 % of 8 would reveal the one agent left out
    assert Share(Count(0), Count(0)).ratio is None and Share(Count(0), Count(0)).text == "masqué"
    assert Share(Count(2), Count(3)).ratio == pytest.approx(2 / 3)  # exact for the CMC's own screen


def test_a_statistic_on_fewer_than_five_values_is_masked() -> None:
    assert Statistic(29.0, Count(8)).text == "29"
    assert Statistic(59 / 7, Count(7)).text == "8,4"
    assert Statistic(8.45, Count(20)).text == "8,5"
    assert Statistic(9.0, Count(4)).text == "masqué"
    assert Statistic(None, Count(0)).text == "masqué"


def test_a_period_includes_both_ends_and_refuses_to_be_inverted() -> None:
    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    assert date(2026, 1, 1) in period and date(2026, 6, 30) in period
    assert date(2025, 12, 31) not in period and date(2026, 7, 1) not in period and None not in period
    assert period.label == "du 01/01/2026 au 30/06/2026"
    with pytest.raises(ValidationError, match=r"la fin \(31/12/2025\) précède le début \(01/01/2026\)"):
        Period(date(2026, 1, 1), date(2025, 12, 31))


def _bpp(agent: int, started: date | None, demande: int | None = None, *, form: BppForm = BppForm.COLLECTIF,
         promotion: int | None = None) -> BppFacts:
    return BppFacts(agent, form, started, demande, promotion)


def test_delay_runs_from_the_request_to_the_start_of_a_bpp_started_in_the_period() -> None:
    demandes = [DemandeFacts(1, date(2025, 12, 1), Decision.ACCORD, date(2025, 12, 5), id=10),
                DemandeFacts(2, date(2026, 3, 1), Decision.ACCORD, date(2026, 3, 2), id=20),
                DemandeFacts(3, date(2026, 11, 1), Decision.ACCORD, date(2026, 11, 2), id=30)]
    bpps = [_bpp(1, date(2026, 1, 10), 10),  # 40 days, requested before the period: counts
            _bpp(2, date(2026, 4, 30), 20),  # 60 days
            _bpp(3, date(2027, 1, 4), 30),  # starts after the period: not in it
            _bpp(4, date(2026, 5, 1))]  # no demande (BPP of right): no delay
    report = compute(IndicatorInputs(demandes=demandes, bpps=bpps), YEAR, TODAY)
    assert report.delay_median.value == 50 and report.delay_median.basis.value == 2
    assert [(bar.label, bar.count.value) for bar in report.delay_buckets] == [
        ("≤ 30 j", 0), ("31–60 j", 2), ("61–90 j", 0), ("> 90 j", 0)]
    assert report.delay_median.text == "masqué"


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=40))
def test_each_delay_falls_in_exactly_one_bucket_and_the_median_is_exact(delays: list[int]) -> None:
    start = date(2026, 12, 31)
    demandes = [DemandeFacts(i, start - timedelta(days=d), Decision.ACCORD, id=i) for i, d in enumerate(delays)]
    bpps = [_bpp(i, start, i) for i in range(len(delays))]
    report = compute(IndicatorInputs(demandes=demandes, bpps=bpps), YEAR, TODAY)
    counts = [bar.count.value for bar in report.delay_buckets]
    assert sum(counts) == len(delays)
    assert counts[0] == sum(1 for d in delays if d <= 30) and counts[3] == sum(1 for d in delays if d > 90)
    assert report.delay_median.value == statistics.median(delays)


def test_a_silence_counts_as_rejection_in_the_period_its_two_months_end() -> None:
    demandes = [DemandeFacts(1, date(2025, 12, 31)),  # silence ends 28/02/2026 (shorter month)
                DemandeFacts(2, date(2026, 10, 31)),  # ends 31/12/2026
                DemandeFacts(3, date(2026, 11, 1)),  # ends 01/01/2027: next period
                DemandeFacts(4, date(2026, 3, 1), Decision.ACCORD, date(2026, 5, 15))]  # answered, even late
    february = Period(date(2026, 2, 1), date(2026, 2, 28))
    assert compute(IndicatorInputs(demandes=demandes), february, TODAY).implicit_rejections.value == 1
    assert compute(IndicatorInputs(demandes=demandes), YEAR, TODAY).implicit_rejections.value == 2
    # Seen on 30/12/2026, the second silence has not run its course yet.
    assert compute(IndicatorInputs(demandes=demandes), YEAR, date(2026, 12, 30)).implicit_rejections.value == 1


def test_decisions_count_in_the_period_they_were_taken() -> None:
    demandes = [DemandeFacts(1, date(2025, 11, 2), Decision.REFUS, date(2026, 1, 3)),
                DemandeFacts(2, date(2026, 12, 1), Decision.REPORT, date(2027, 1, 3)),
                DemandeFacts(3, date(2026, 2, 1), Decision.ACCORD, date(2026, 2, 3))]
    report = compute(IndicatorInputs(demandes=demandes), YEAR, TODAY)
    assert (report.demandes_received.value, report.accords.value, report.refusals.value,
            report.reports.value) == (2, 1, 1, 0)


def test_a_requester_is_accompanied_by_a_bpp_started_after_the_request() -> None:
    demandes = [DemandeFacts(1, date(2026, 2, 1), id=1), DemandeFacts(1, date(2026, 5, 1), id=2),
                DemandeFacts(2, date(2026, 3, 1), id=3), DemandeFacts(3, date(2026, 4, 1), id=4),
                DemandeFacts(4, date(2025, 6, 1), id=5)]
    bpps = [_bpp(1, date(2026, 6, 1), 2),  # asked twice, counted once
            _bpp(2, date(2024, 9, 1)),  # an earlier BPP does not answer the new request
            _bpp(4, date(2026, 1, 5), 5)]  # asked before the period: not a requester of this period
    share = compute(IndicatorInputs(demandes=demandes, bpps=bpps), YEAR, TODAY).requesters_accompanied
    assert (share.part.value, share.whole.value) == (1, 3)


def test_promotions_running_in_the_period_and_their_participants() -> None:
    promotions = [PromotionFacts(1, date(2025, 9, 1)),  # still open: runs through the period
                  PromotionFacts(2, date(2025, 9, 1), date(2026, 3, 1), closed_on=date(2025, 12, 31)),
                  PromotionFacts(3, None, date(2026, 6, 1)),  # not started
                  PromotionFacts(4, date(2026, 12, 31), date(2027, 4, 1))]
    bpps = [_bpp(1, date(2025, 9, 1), promotion=1), _bpp(1, date(2026, 12, 31), promotion=4),
            _bpp(2, date(2025, 9, 1), promotion=2), _bpp(3, date(2026, 12, 31), promotion=4)]
    report = compute(IndicatorInputs(promotions=promotions, bpps=bpps), YEAR, TODAY)
    assert (report.promotions.value, report.promotion_participants.value) == (2, 2)
    assert (report.bpp_collective.value, report.bpp_individual.value) == (2, 0)


def test_referent_handicap_is_in_time_when_informed_by_the_first_start() -> None:
    l5212 = frozenset({PriorityGround.L5212_13})
    agents = [AgentFacts(1, l5212, date(2026, 3, 1)), AgentFacts(2, l5212, date(2026, 3, 2)),
              AgentFacts(3, l5212), AgentFacts(4, frozenset({PriorityGround.USURE_PROFESSIONNELLE})),
              AgentFacts(5, l5212, date(2026, 4, 1))]
    bpps = [_bpp(1, date(2026, 3, 1)), _bpp(2, date(2026, 3, 1)), _bpp(3, date(2026, 3, 1)),
            _bpp(4, date(2026, 3, 1)),
            _bpp(5, date(2026, 3, 1), form=BppForm.INDIVIDUEL), _bpp(5, date(2026, 9, 1))]  # late for the first
    report = compute(IndicatorInputs(agents=agents, bpps=bpps), YEAR, TODAY)
    assert [bar.count.value for bar in report.handicap_referent] == [1, 2, 1]
    assert (report.priority_participants.part.value, report.priority_participants.whole.value) == (5, 5)
    assert report.priority_participants.text == "100"


def test_satisfaction_counts_answers_and_declines_of_the_period() -> None:
    answers = [SatisfactionFacts(date(2026, 5, 1), overall=score, scores=((Commitment.OUTILS, score),))
               for score in (10, 9, 8, 4, 9, 10)]
    answers += [SatisfactionFacts(date(2026, 5, 2), declined=True), SatisfactionFacts(date(2025, 5, 2), overall=0)]
    report = compute(IndicatorInputs(satisfactions=answers), YEAR, TODAY)
    assert (report.satisfaction_responses.value, report.satisfaction_declined.value) == (6, 1)
    assert report.satisfaction_mean.value == pytest.approx(50 / 6) and report.satisfaction_mean.text == "8,3"
    assert (report.satisfaction_satisfied.part.value, report.satisfaction_satisfied.text) == (4, "masqué")
    assert [bar.count.value for bar in report.satisfaction_bands] == [1, 1, 4]
    assert dict(report.satisfaction_items)[Commitment.OUTILS].text == "8,3"


def test_a_lone_masked_bar_of_a_published_total_takes_the_smallest_other_with_it() -> None:
    answers = [SatisfactionFacts(date(2026, 5, 1), overall=v) for v in [3] + [7] * 6 + [10] * 9]
    report = compute(IndicatorInputs(satisfactions=answers), YEAR, TODAY)
    assert report.satisfaction_responses.text == "16"
    # Shown as 6 and 9, the masked band would be 16 - 6 - 9 = 1.
    assert [(bar.count.value, bar.count.text) for bar in report.satisfaction_bands] == [
        (1, "< 5"), (6, "masqué"), (9, "9")]
    assert report.satisfaction_satisfied.text == "56,3"  # 56,25 rounded half up; a rest of 7 is published


def test_interviews_and_documents_of_the_period() -> None:
    inputs = IndicatorInputs(
        interviews=[(InterviewType.E4, date(2026, 1, 1)), (InterviewType.E4, date(2027, 1, 1))],
        syntheses=[],
        synthesis_destructions=[date(2026, 12, 31), date(2025, 12, 31)],
    )
    report = compute(inputs, YEAR, TODAY)
    assert [bar.count.value for bar in report.interviews_by_type] == [0, 0, 0, 1]
    assert report.synthesis_destructions.value == 1


small = st.integers(min_value=0, max_value=12)


@given(st.lists(st.tuples(small, small, st.booleans()), max_size=25),
       st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=10)), max_size=15))
def test_no_published_figure_reveals_a_count_below_five(people: list[tuple[int, int, bool]],
                                                      scores: list[int | None]) -> None:
    day = date(2026, 6, 1)
    agents = [AgentFacts(i, frozenset({PriorityGround.L5212_13}) if flag else frozenset(), day)
              for i, (_, _, flag) in enumerate(people)]
    demandes = [DemandeFacts(i, day - timedelta(days=d), id=i) for i, (d, _, _) in enumerate(people)]
    bpps = [_bpp(i, day + timedelta(days=delay), i) for i, (_, delay, _) in enumerate(people) if delay % 3]
    satisfactions = [SatisfactionFacts(day, declined=s is None, overall=s) for s in scores]
    report = compute(IndicatorInputs(agents=agents, demandes=demandes, bpps=bpps, satisfactions=satisfactions),
                     YEAR, TODAY)
    for line in report.lines():
        if line.unit == "nombre":
            # « masqué »: a count that would reveal a small one by subtraction from a published total
            assert line.value in ("< 5", "masqué") or int(line.value) >= 5
    for share in (report.requesters_accompanied, report.priority_participants, report.handicap_in_time_share,
                  report.satisfaction_satisfied):
        if share.text != "masqué":
            rest = share.whole.value - share.part.value
            assert share.part.value >= 5 and share.whole.value >= 5 and (rest == 0 or rest >= 5)
    for bars, total_shown in ((report.satisfaction_bands, not report.satisfaction_responses.suppressed),
                              (report.handicap_referent, not report.handicap_in_time_share.suppressed)):
        if total_shown:
            assert sum(bar.count.suppressed for bar in bars) != 1
    for statistic in (report.delay_median, report.satisfaction_mean):
        assert statistic.text == "masqué" or statistic.basis.value >= 5
