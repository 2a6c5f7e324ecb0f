"""Reading the plain facts the indicators are computed from.

Only the columns the computation needs are selected: no name, no note, no comment leaves the store here.
A CMC's store holds at most a few thousand rows per table, so the period is applied by the computation.
The facts of erased files come from their anonymous activity records (repositories/activity.py).
"""

from collections.abc import Collection
from datetime import date

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from ...domain.accompaniment import first_on_or_after
from ...domain.indicator_facts import (
    AccompanimentFacts,
    AgentFacts,
    BppFacts,
    DemandeFacts,
    IndicatorInputs,
    PromotionFacts,
    SatisfactionFacts,
)
from ...domain.satisfaction import Commitment
from ..models import (
    AccompanimentRow,
    AgentRow,
    BppRow,
    DemandeRow,
    InterviewRow,
    PromotionRow,
    SatisfactionRow,
    SynthesisRow,
    TombstoneRow,
)
from . import activity
from .accompaniments import met_on_by_agent, to_accompaniment


def load_inputs(session: Session, *, destruction_kind: str, today: date) -> IndicatorInputs:
    """Every fact of the store; `destruction_kind` is the tombstone kind of a destroyed synthesis."""
    live = agent_facts(session, today)
    erased = activity.load(session)
    promotions = [PromotionFacts(r.id, r.start_date, r.end_date, r.closed_on) for r in session.execute(
        select(PromotionRow.id, PromotionRow.start_date, PromotionRow.end_date, PromotionRow.closed_on))]
    satisfactions = [
        SatisfactionFacts(r.recorded_on, r.declined, r.overall,
                          tuple((Commitment(key), int(score)) for key, score in sorted(r.scores.items())))
        for r in session.execute(select(SatisfactionRow.recorded_on, SatisfactionRow.declined,
                                        SatisfactionRow.overall, SatisfactionRow.scores))]
    destroyed = session.execute(select(TombstoneRow.destroyed_at).where(TombstoneRow.kind == destruction_kind))
    return IndicatorInputs(
        agents=[*live.agents, *erased.agents],
        interviews=[*live.interviews, *erased.interviews],
        demandes=[*live.demandes, *erased.demandes],
        bpps=[*live.bpps, *erased.bpps],
        promotions=promotions,
        syntheses=[*live.syntheses, *erased.syntheses],
        # Destruction times are stored in UTC; the UTC calendar day places them in a period.
        synthesis_destructions=[at.date() for at in destroyed.scalars()],
        satisfactions=satisfactions,
        accompaniments=[*live.accompaniments, *erased.accompaniments],
    )


def agent_facts(session: Session, today: date, agent_ids: Collection[int] | None = None) -> IndicatorInputs:
    """The facts held in the agents' own files (all of them, or those of `agent_ids`)."""

    def of(column: InstrumentedAttribute[int]) -> ColumnElement[bool]:
        return true() if agent_ids is None else column.in_(list(agent_ids))

    agents = [AgentFacts(r.id, r.priority_grounds, r.referent_handicap_informed_on) for r in session.execute(
        select(AgentRow.id, AgentRow.priority_grounds, AgentRow.referent_handicap_informed_on).where(of(AgentRow.id)))]
    demandes = [DemandeFacts(r.agent_id, r.request_date, r.decision, r.decision_date, r.id, r.of_right)
                for r in session.execute(select(DemandeRow.id, DemandeRow.agent_id, DemandeRow.request_date,
                                                DemandeRow.decision, DemandeRow.decision_date, DemandeRow.of_right)
                                         .where(of(DemandeRow.agent_id)))]
    bpps = [BppFacts(r.agent_id, r.form, r.phase1_on, r.demande_id, r.promotion_id) for r in session.execute(
        select(BppRow.agent_id, BppRow.form, BppRow.phase1_on, BppRow.demande_id, BppRow.promotion_id)
        .where(of(BppRow.agent_id)))]
    answered: dict[int, bool] = {}  # accompaniment id: a questionnaire filled (not merely declined)
    for accompaniment_id, declined in session.execute(select(SatisfactionRow.accompaniment_id,
                                                             SatisfactionRow.declined)
                                                      .where(SatisfactionRow.accompaniment_id.is_not(None))):
        answered[accompaniment_id] = answered.get(accompaniment_id, False) or not declined
    met = met_on_by_agent(session, today)
    accompaniments = []
    for row in session.execute(select(AccompanimentRow).where(of(AccompanimentRow.agent_id))).scalars():
        accompaniment = to_accompaniment(row)
        held = [day for day in met.get(row.agent_id, []) if day <= today]
        accompaniments.append(AccompanimentFacts(
            accompaniment.requested_on, accompaniment.level, accompaniment.promised_on,
            first_on_or_after(accompaniment.requested_on, held), accompaniment.closed_on, accompaniment.project_kind,
            accompaniment.result, accompaniment.questionnaire is not None or row.id in answered,
            answered.get(row.id, False)))
    return IndicatorInputs(
        agents=agents,
        interviews=[(r.type, r.held_on) for r in session.execute(
            select(InterviewRow.type, InterviewRow.held_on).where(of(InterviewRow.agent_id)))],
        demandes=demandes,
        bpps=bpps,
        syntheses=[(r.status, r.finalised_on) for r in session.execute(
            select(SynthesisRow.status, SynthesisRow.finalised_on).where(of(SynthesisRow.agent_id)))],
        accompaniments=accompaniments,
    )
