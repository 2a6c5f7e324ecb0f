"""Which document a destruction is about, as the destruction dialog shows it: from the document itself, or
from a request already recorded (the document may be gone after a restore)."""

from dataclasses import dataclass

from ...services import synthesis as synthesis_service
from ...services.destruction import PendingDestruction, pending_destructions
from ...services.workspace import Workspace


@dataclass(frozen=True)
class Target:
    """The document to destroy, as the dialog shows it."""

    pseudo_id: str
    description: str  # kind and agent, for the CMC to check she has the right document
    synthesis_id: int | None
    request: PendingDestruction | None  # None: the request is recorded by this dialog



def document_target(ws: Workspace, synthesis_id: int) -> Target:
    """The document as the dialog shows it, with its pending request if one was already recorded."""
    doc = synthesis_service.load_synthesis(ws, synthesis_id)
    summary = next((s for s in synthesis_service.syntheses_for_agent(ws, doc.agent_id) if s.id == synthesis_id), None)
    pending = next((p for p in pending_destructions(ws) if p.synthesis_id == synthesis_id), None)
    agent = summary.agent_display_name if summary else ""
    return Target(doc.pseudo_id, f"{doc.kind.label}{f' — agent : {agent}' if agent else ''}", synthesis_id, pending)


def request_target(request: PendingDestruction) -> Target:
    """The document of a recorded request (it may be gone already, after a restore)."""
    if request.synthesis_id is None:
        description = "ne figure plus dans le dossier (sauvegarde restaurée) : la destruction sera enregistrée"
    else:
        description = f"agent : {request.agent_display_name}" if request.agent_display_name else "document"
    return Target(request.synthesis_pseudo_id, description, request.synthesis_id, request)
