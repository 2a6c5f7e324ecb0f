"""Anonymous activity records: what an erased file still counts for in the indicators.

When a file is erased (end of a provider's mission, the agent's request, the end of the retention period), the
facts the indicators read from it — interview types and dates, demandes and decisions, BPP starts, synthesis
finalisations, demandes d'accompagnement and their outcome, the priority grounds — are written as one record
with no name, no pseudonymous id, no free text and no link to any other row: the indicators of a past period
stay the same, and nothing in the record says whose activity it was. Records are read back with negative agent
ids, one per record, so that the facts of one erased file still relate to each other (a BPP to its demande).
Questionnaire answers need no record: their row stays, detached from the agent and without its comment.
"""

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.accompaniment import Level, ProjectKind, Result
from ...domain.agent import PriorityGround
from ...domain.bpp import BppForm
from ...domain.demande import Decision
from ...domain.indicator_facts import AccompanimentFacts, AgentFacts, BppFacts, DemandeFacts, IndicatorInputs
from ...domain.interview import InterviewType
from ...domain.synthesis import SynthesisStatus
from ..models import ActivityRecordRow

VERSION = 1


def keep(session: Session, agent_ids: Collection[int], today: date) -> int:
    """Write the anonymous record of each agent about to be erased; returns how many were written (a file
    with no activity at all leaves none)."""
    from .indicators import agent_facts  # indicators reads these records back: imported here, not at the top

    written = 0
    for agent_id in sorted(agent_ids):
        facts = _to_json(agent_facts(session, today, [agent_id]))
        if facts is not None:
            session.add(ActivityRecordRow(facts=facts, version=VERSION))
            written += 1
    session.flush()
    return written


def load(session: Session) -> IndicatorInputs:
    """Every record's facts, each record standing for one erased agent with a negative id."""
    agents: list[AgentFacts] = []
    interviews: list[tuple[InterviewType, date]] = []
    demandes: list[DemandeFacts] = []
    bpps: list[BppFacts] = []
    syntheses: list[tuple[SynthesisStatus, date | None]] = []
    accompaniments: list[AccompanimentFacts] = []
    for record_id, facts in session.execute(select(ActivityRecordRow.id, ActivityRecordRow.facts)
                                            .order_by(ActivityRecordRow.id)):
        agent_id = -record_id
        agents.append(AgentFacts(agent_id, frozenset(PriorityGround(g) for g in facts["priority_grounds"]),
                                 _day(facts["referent_handicap_informed_on"])))
        interviews += [(InterviewType(kind), _date(day)) for kind, day in facts["interviews"]]
        # A demande's id is its position in the record, made unique by the record's (negative) id.
        demande_ids = [-(record_id * 10_000 + index) for index in range(len(facts["demandes"]))]
        demandes += [DemandeFacts(agent_id, _date(d["request_date"]), Decision(d["decision"]),
                                  _day(d["decision_date"]), demande_ids[index], d.get("of_right", False))
                     for index, d in enumerate(facts["demandes"])]
        bpps += [BppFacts(agent_id, BppForm(b["form"]), _day(b["phase1_on"]),
                          None if b["demande"] is None else demande_ids[b["demande"]], b["promotion_id"])
                 for b in facts["bpps"]]
        syntheses += [(SynthesisStatus(status), _day(day)) for status, day in facts["syntheses"]]
        accompaniments += [AccompanimentFacts(
            _date(a["requested_on"]), Level(a["level"]), _day(a["promised_on"]), _day(a["taken_on"]),
            _day(a["closed_on"]), None if a["project_kind"] is None else ProjectKind(a["project_kind"]),
            None if a["result"] is None else Result(a["result"]), a["questionnaire_proposed"],
            a["questionnaire_answered"]) for a in facts["accompaniments"]]
    return IndicatorInputs(agents=agents, interviews=interviews, demandes=demandes, bpps=bpps, syntheses=syntheses,
                           accompaniments=accompaniments)


def _to_json(inputs: IndicatorInputs) -> dict[str, Any] | None:
    if not (inputs.interviews or inputs.demandes or inputs.bpps or inputs.syntheses or inputs.accompaniments):
        return None
    [agent] = inputs.agents
    position = {d.id: index for index, d in enumerate(inputs.demandes)}
    return {
        "priority_grounds": sorted(str(g) for g in agent.priority_grounds),
        "referent_handicap_informed_on": _iso(agent.referent_handicap_informed_on),
        "interviews": sorted([str(kind), day.isoformat()] for kind, day in inputs.interviews),
        "demandes": [{"request_date": d.request_date.isoformat(), "decision": str(d.decision),
                      "decision_date": _iso(d.decision_date), "of_right": d.of_right} for d in inputs.demandes],
        "bpps": [{"form": str(b.form), "phase1_on": _iso(b.phase1_on), "demande": position.get(b.demande_id),
                  "promotion_id": b.promotion_id} for b in inputs.bpps],
        "syntheses": sorted(([str(status), _iso(day)] for status, day in inputs.syntheses),
                            key=lambda pair: (pair[0], pair[1] or "")),
        "accompaniments": [{"requested_on": a.requested_on.isoformat(), "level": int(a.level),
                            "promised_on": _iso(a.promised_on), "taken_on": _iso(a.taken_on),
                            "closed_on": _iso(a.closed_on),
                            "project_kind": None if a.project_kind is None else str(a.project_kind),
                            "result": None if a.result is None else str(a.result),
                            "questionnaire_proposed": a.questionnaire_proposed,
                            "questionnaire_answered": a.questionnaire_answered} for a in inputs.accompaniments],
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str) -> date:
    return date.fromisoformat(text)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
