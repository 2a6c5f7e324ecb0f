"""Use cases of a demande de BPP: recording it, the hierarchy's decision, and how close silence is to a rejection."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..data.repositories import agents, audit, bpps, demandes, interviews
from ..domain.audit import AuditCode
from ..domain.demande import (
    Decision,
    Demande,
    DemandeStatus,
    Initiative,
    Report,
    ReportReason,
    check_new_request,
)
from ..domain.errors import DomainError
from .workspace import Workspace


@dataclass(frozen=True)
class DemandeView:
    """A demande as the CMC sees it, with the date at which the hierarchy's silence becomes a rejection."""

    id: int
    agent_id: int
    request_date: date
    initiative: Initiative
    agent_agreement: bool
    decision: Decision
    decision_date: date | None
    reason: str
    hr_agreement_on: date | None
    source_interview_id: int | None
    status: DemandeStatus
    implicit_rejection_on: date
    days_before_implicit_rejection: int
    deadline_near: bool
    """Still awaiting an answer and the implicit rejection comes within 14 days."""
    deadline_past: bool
    """Two months of silence have passed: the demande is implicitly rejected."""
    bpp_id: int | None
    """The BPP opened on this demande, if any."""
    of_right: bool = False
    """A BPP de droit (restructuration): neither refused nor postponed, silence does not reject it."""
    report_reason: ReportReason | None = None
    report_until: date | None = None

    @classmethod
    def of(cls, demande: Demande, today: date, bpp_id: int | None) -> "DemandeView":
        if demande.id is None:
            raise ValueError("the demande has not been saved yet")
        status = demande.status(today)
        return cls(id=demande.id, agent_id=demande.agent_id, request_date=demande.request_date,
                   initiative=demande.initiative, agent_agreement=demande.agent_agreement,
                   decision=demande.decision, decision_date=demande.decision_date, reason=demande.reason,
                   hr_agreement_on=demande.hr_agreement_on, source_interview_id=demande.source_interview_id,
                   status=status, implicit_rejection_on=demande.deadline,
                   days_before_implicit_rejection=demande.days_before_implicit_rejection(today),
                   deadline_near=demande.deadline_near(today),
                   deadline_past=status is DemandeStatus.REJET_IMPLICITE, bpp_id=bpp_id, of_right=demande.of_right,
                   report_reason=demande.report_reason, report_until=demande.report_until)


def record_demande(ws: Workspace, agent_id: int, request_date: date, initiative: Initiative = Initiative.AGENT,
                   agent_agreement: bool = True, source_interview_id: int | None = None, *,
                   of_right: bool | None = None) -> int:
    """Record a demande de BPP, awaiting the hierarchy's answer, for an agent whose accompaniment is in
    progress; returns its id.

    With `source_interview_id`, the demande comes from that E2 or E4 interview, which is marked as having
    referred the agent to a BPP. `of_right`: the agent is concerned by a restructuring operation, the BPP is
    de droit (by default, as the agent's file says).
    """
    with ws.store.session() as s:
        return record_in(s, ws, agent_id, request_date, initiative, agent_agreement, source_interview_id,
                         of_right=of_right)


def record_in(session: Session, ws: Workspace, agent_id: int, request_date: date, initiative: Initiative,
              agent_agreement: bool, source_interview_id: int | None, *, of_right: bool | None = None) -> int:
    """record_demande inside the caller's session (so a referral and its demande commit together)."""
    today = ws.clock.today()
    agent = agents.get(session, agent_id)
    agent.check_active()
    demande = Demande(agent_id=agent_id, request_date=request_date, initiative=initiative,
                      agent_agreement=agent_agreement, source_interview_id=source_interview_id,
                      of_right=agent.bpp_of_right if of_right is None else of_right).validated(today)
    if demande.source_interview_id is not None:
        interview = interviews.get(session, demande.source_interview_id)
        if interview.agent_id != demande.agent_id:
            raise DomainError("Cet entretien concerne un autre agent.")
        interview.refer_to_bpp(demande.request_date)
        interviews.save(session, interview)
    existing = demandes.for_agent(session, demande.agent_id)
    check_new_request(existing, today, agent_has_open_bpp=bpps.has_open(session, demande.agent_id),
                      accepted_without_bpp=any(d.status(today) is DemandeStatus.ACCORD
                                               and bpps.for_demande(session, _id(d)) is None for d in existing))
    demandes.save(session, demande)
    detail = f"demande={demande.id} initiative={demande.initiative.value}"
    if demande.of_right:
        detail += " de_droit=oui"
    if demande.source_interview_id is not None:
        detail += f" entretien={demande.source_interview_id}"
    audit.append(session, AuditCode.DEMANDE_RECORDED, ws.clock.now(), subject=agent.pseudo_id, detail=detail)
    return _id(demande)


def decide_demande(ws: Workspace, demande_id: int, decision: Decision, decision_date: date, reason: str = "",
                   report: Report | None = None) -> None:
    """Record (or correct) the hierarchy's answer: an accord, a motivated refusal, or an exceptional report
    (its reason of continuity of the service, HR's prior agreement, its horizon). A BPP de droit is neither
    refused nor postponed. Once a BPP has been opened on the demande, its decision no longer changes."""
    today = ws.clock.today()
    with ws.store.session() as s:
        demande = demandes.get(s, demande_id)

        def state() -> tuple[object, ...]:
            return (demande.decision, demande.decision_date, demande.reason, demande.report_reason,
                    demande.hr_agreement_on, demande.report_until)

        before = state()
        demande.decide(decision, decision_date, reason=reason, report=report, today=today)
        if state() == before:
            return
        if bpps.for_demande(s, demande_id) is not None:
            raise DomainError("Un BPP a été ouvert sur cette demande : sa décision ne peut plus être modifiée.")
        demandes.save(s, demande)
        audit.append(s, AuditCode.DEMANDE_DECIDED, ws.clock.now(), subject=agents.pseudo_id(s, demande.agent_id),
                     detail=f"demande={demande_id} decision={decision.value}")


def get_demande(ws: Workspace, demande_id: int) -> DemandeView:
    with ws.store.session() as s:
        bpp = bpps.for_demande(s, demande_id)
        return DemandeView.of(demandes.get(s, demande_id), ws.clock.today(), None if bpp is None else bpp.id)


def demandes_for_agent(ws: Workspace, agent_id: int) -> list[DemandeView]:
    """The agent's demandes, most recent first."""
    with ws.store.session() as s:
        agents.get(s, agent_id)
        return views_for_agent(s, agent_id, ws.clock.today())


def views_for_agent(session: Session, agent_id: int, today: date) -> list[DemandeView]:
    """demandes_for_agent inside the caller's session."""
    bpp_of = {bpp.demande_id: bpp.id for bpp in bpps.for_agent(session, agent_id)}
    return [DemandeView.of(d, today, bpp_of.get(d.id)) for d in demandes.for_agent(session, agent_id)]


def _id(demande: Demande) -> int:
    if demande.id is None:
        raise ValueError("the demande has not been saved yet")
    return demande.id
