"""Reading the plain facts the indicators are computed from.

Only the columns the computation needs are selected: no name, no note, no comment leaves the store here.
A CMC's store holds at most a few thousand rows per table, so the period is applied by the computation.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.indicators import (
    AgentFacts,
    BppFacts,
    DemandeFacts,
    IndicatorInputs,
    PromotionFacts,
    SatisfactionFacts,
)
from ...domain.satisfaction import Commitment
from ..models import (
    AgentRow,
    BppRow,
    DemandeRow,
    InterviewRow,
    PromotionRow,
    SatisfactionRow,
    SynthesisRow,
    TombstoneRow,
)


def load_inputs(session: Session, *, destruction_kind: str) -> IndicatorInputs:
    """Every fact of the store; `destruction_kind` is the tombstone kind of a destroyed synthesis."""
    agents = [AgentFacts(r.id, r.priority_grounds, r.referent_handicap_informed_on) for r in session.execute(
        select(AgentRow.id, AgentRow.priority_grounds, AgentRow.referent_handicap_informed_on))]
    demandes = [DemandeFacts(r.agent_id, r.request_date, r.decision, r.decision_date, r.id, r.of_right)
                for r in session.execute(select(DemandeRow.id, DemandeRow.agent_id, DemandeRow.request_date,
                                                DemandeRow.decision, DemandeRow.decision_date, DemandeRow.of_right))]
    bpps = [BppFacts(r.agent_id, r.form, r.phase1_on, r.demande_id, r.promotion_id) for r in session.execute(
        select(BppRow.agent_id, BppRow.form, BppRow.phase1_on, BppRow.demande_id, BppRow.promotion_id))]
    promotions = [PromotionFacts(r.id, r.start_date, r.end_date, r.closed_on) for r in session.execute(
        select(PromotionRow.id, PromotionRow.start_date, PromotionRow.end_date, PromotionRow.closed_on))]
    satisfactions = [
        SatisfactionFacts(r.recorded_on, r.declined, r.overall,
                          tuple((Commitment(key), int(score)) for key, score in sorted(r.scores.items())))
        for r in session.execute(select(SatisfactionRow.recorded_on, SatisfactionRow.declined,
                                        SatisfactionRow.overall, SatisfactionRow.scores))]
    destroyed = session.execute(select(TombstoneRow.destroyed_at).where(TombstoneRow.kind == destruction_kind))
    return IndicatorInputs(
        agents=agents,
        interviews=[(r.type, r.held_on) for r in session.execute(select(InterviewRow.type, InterviewRow.held_on))],
        demandes=demandes,
        bpps=bpps,
        promotions=promotions,
        syntheses=[(r.status, r.finalised_on)
                   for r in session.execute(select(SynthesisRow.status, SynthesisRow.finalised_on))],
        # Destruction times are stored in UTC; the UTC calendar day places them in a period.
        synthesis_destructions=[at.date() for at in destroyed.scalars()],
        satisfactions=satisfactions,
    )
