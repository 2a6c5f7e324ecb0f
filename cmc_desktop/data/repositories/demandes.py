"""Demandes de BPP: ORM rows <-> domain objects."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.demande import Demande
from ...domain.errors import DomainError
from ..models import DemandeRow


def to_demande(row: DemandeRow) -> Demande:
    return Demande(agent_id=row.agent_id, request_date=row.request_date, initiative=row.initiative,
                   agent_agreement=row.agent_agreement, decision=row.decision, decision_date=row.decision_date,
                   reason=row.reason, hr_agreement_on=row.hr_agreement_on, source_interview_id=row.source_interview_id,
                   id=row.id, of_right=row.of_right, report_reason=row.report_reason, report_until=row.report_until)


def _row(session: Session, demande_id: int) -> DemandeRow:
    row = session.get(DemandeRow, demande_id)
    if row is None:
        raise DomainError("Cette demande de BPP n'existe pas ou a été supprimée.")
    return row


def get(session: Session, demande_id: int) -> Demande:
    return to_demande(_row(session, demande_id))


def save(session: Session, demande: Demande) -> Demande:
    """Insert (id None) or update the demande; returns it with its id."""
    row = DemandeRow() if demande.id is None else _row(session, demande.id)
    row.agent_id, row.request_date, row.initiative = demande.agent_id, demande.request_date, demande.initiative
    row.agent_agreement, row.decision, row.decision_date = demande.agent_agreement, demande.decision, (
        demande.decision_date)
    row.reason, row.hr_agreement_on = demande.reason, demande.hr_agreement_on
    row.source_interview_id, row.of_right = demande.source_interview_id, demande.of_right
    row.report_reason, row.report_until = demande.report_reason, demande.report_until
    if demande.id is None:
        session.add(row)
    session.flush()
    demande.id = row.id
    return demande


def for_agent(session: Session, agent_id: int) -> list[Demande]:
    """The agent's demandes, most recent first."""
    rows = session.execute(select(DemandeRow).where(DemandeRow.agent_id == agent_id)
                           .order_by(DemandeRow.request_date.desc(), DemandeRow.id.desc()))
    return [to_demande(row) for row in rows.scalars()]


def from_interview(session: Session, interview_id: int) -> Demande | None:
    """The demande an E2 or E4 interview's referral to a BPP opened, if any."""
    row = session.execute(select(DemandeRow).where(DemandeRow.source_interview_id == interview_id)
                          .order_by(DemandeRow.id)).scalars().first()
    return None if row is None else to_demande(row)
