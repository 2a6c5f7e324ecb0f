"""What may hold back the erasure of agent files (domain.erasure), read in the erasing transaction."""

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.consent import RecipientKind
from ...domain.erasure import ErasureFacts, erasure_holds
from ...domain.errors import DomainError, ValidationError
from ..models import AgentRow, BppRow, ConsentRow, SynthesisRow, TransmissionRow
from . import settings

PROVIDER_MODE_SETTING = "provider_mode"
# In provider mode, the professional of the administration the agent may ask the synthesis to be sent to.
ADMINISTRATION_PROFESSIONAL = RecipientKind.AUTRE_CMC


def erasure_facts(session: Session, agent_id: int) -> ErasureFacts:
    if session.get(AgentRow, agent_id) is None:
        raise DomainError("Agent introuvable : son dossier a peut-être déjà été effacé.")
    under_contract = session.execute(select(BppRow.id).where(
        BppRow.agent_id == agent_id, BppRow.closed_on.is_(None), BppRow.contract_signed_on.is_not(None))).first()
    asked: list[str] = []
    if settings.get_bool(session, PROVIDER_MODE_SETTING, False):
        consents = session.execute(
            select(ConsentRow.synthesis_id, ConsentRow.recipient_kind, ConsentRow.recipient_name)
            .join(SynthesisRow, SynthesisRow.id == ConsentRow.synthesis_id)
            .where(SynthesisRow.agent_id == agent_id, ConsentRow.withdrawn_on.is_(None),
                   ConsentRow.recipient_kind == ADMINISTRATION_PROFESSIONAL))
        sent = {(r.synthesis_id, r.recipient_kind, r.recipient_name.casefold()) for r in session.execute(
            select(TransmissionRow.synthesis_id, TransmissionRow.recipient_kind, TransmissionRow.recipient_name))}
        asked = [f"{kind.label} « {name} »" for synthesis_id, kind, name in consents
                 if (synthesis_id, kind, name.casefold()) not in sent]
    return ErasureFacts(bpp_under_contract=under_contract is not None, transmissions_asked=tuple(asked))


def check_erasable(session: Session, agent_ids: Collection[int]) -> None:
    """Raise the holds of the first file that has any (French message naming what to do first)."""
    for agent_id in sorted(agent_ids):
        holds = erasure_holds(erasure_facts(session, agent_id))
        if holds:
            raise ValidationError("Le dossier ne peut pas être effacé pour l'instant. " + " ".join(holds))
