"""What the indicators are computed from: plain records as the store gives them — no names, no content — so
that the rules (indicators.py) are tested without a store.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .accompaniment import Level, ProjectKind, Result
from .agent import PriorityGround
from .bpp import BppForm
from .demande import Decision
from .interview import InterviewType
from .satisfaction import Commitment
from .synthesis import SynthesisStatus


@dataclass(frozen=True)
class AgentFacts:
    id: int
    priority_grounds: frozenset[PriorityGround] = frozenset()
    referent_handicap_informed_on: date | None = None


@dataclass(frozen=True)
class DemandeFacts:
    agent_id: int
    request_date: date
    decision: Decision = Decision.EN_ATTENTE
    decision_date: date | None = None
    id: int | None = None
    of_right: bool = False


@dataclass(frozen=True)
class BppFacts:
    agent_id: int
    form: BppForm
    phase1_on: date | None = None
    demande_id: int | None = None
    promotion_id: int | None = None


@dataclass(frozen=True)
class PromotionFacts:
    id: int
    start_date: date | None = None
    end_date: date | None = None
    closed_on: date | None = None


@dataclass(frozen=True)
class SatisfactionFacts:
    recorded_on: date
    declined: bool = False
    overall: int | None = None
    scores: tuple[tuple[Commitment, int], ...] = ()


@dataclass(frozen=True)
class AccompanimentFacts:
    """A demande d'accompagnement and its outcome. `taken_on`: the first interview or collective séance
    attended on or after the request (None: not taken in charge yet)."""

    requested_on: date
    level: Level = Level.PERSONNALISE
    promised_on: date | None = None
    taken_on: date | None = None
    closed_on: date | None = None
    project_kind: ProjectKind | None = None
    result: Result | None = None
    questionnaire_proposed: bool = False
    questionnaire_answered: bool = False


@dataclass(frozen=True)
class IndicatorInputs:
    agents: Sequence[AgentFacts] = ()
    interviews: Sequence[tuple[InterviewType, date]] = ()
    demandes: Sequence[DemandeFacts] = ()
    bpps: Sequence[BppFacts] = ()
    promotions: Sequence[PromotionFacts] = ()
    syntheses: Sequence[tuple[SynthesisStatus, date | None]] = ()
    synthesis_destructions: Sequence[date] = ()
    satisfactions: Sequence[SatisfactionFacts] = ()
    accompaniments: Sequence[AccompanimentFacts] = ()
