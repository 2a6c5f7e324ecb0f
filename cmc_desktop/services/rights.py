"""The agent's requests about their own data (RGPD): recorded with their date, so that the answer — the export
of everything held, or the erasure of the file — is given within the month and the dashboard says when it is
due. Exporting answers a request for access (services.agent_export); erasing the file removes its requests."""

from datetime import date

from ..data.repositories import accompaniments, agents, audit
from ..domain.audit import AuditCode
from ..domain.data_rights import RightsRequest, RightsRequestKind
from ..domain.dates import format_fr
from ..domain.errors import DomainError
from .workspace import Workspace


def record_rights_request(ws: Workspace, agent_id: int, kind: RightsRequestKind, requested_on: date) -> int:
    """Record that the agent asked for access to their data or for the erasure of their file."""
    request = RightsRequest(agent_id, kind, requested_on).validated(ws.clock.today())
    with ws.store.session() as s:
        pending = [r for r in accompaniments.rights_requests(s, agent_id)
                   if r.kind is request.kind and r.answered_on is None]
        if pending:
            raise DomainError(f"Une demande de ce type, reçue le {format_fr(pending[0].requested_on)}, attend déjà "
                              "sa réponse.")
        saved = accompaniments.save_rights_request(s, request)
        audit.append(s, AuditCode.RIGHTS_REQUESTED, ws.clock.now(), subject=agents.pseudo_id(s, agent_id),
                     detail=f"demande={kind.value}")
    if saved.id is None:
        raise ValueError("a saved request has an id")
    return saved.id
