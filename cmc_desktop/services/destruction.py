"""Destruction of a document de synthèse at the agent's request, and the provider mode that requires it.

Carrying out a destruction deletes the document row; its fields, action plan, versions, fillable-PDF imports,
attachments, consents, transmissions and reopening requests cascade from it. secure_delete wipes the freed
pages. Then every copy the application knows of is cleaned (services.copies): the WAL, whose old frames would
otherwise still hold the content, is emptied and checked; every backup is rewritten without the document. What
remains is content-free: a tombstone, the request (pseudonymous id, dates, who asked, as a role) and the journal
entries. A restore re-applies them (services.tombstones). A copy that could not be reached is named in the
attestation, and the destruction stays open on the tableau de bord until a later attempt reaches it.

An external provider (prestataire) may not keep a document: in provider mode, transmitting it to the
administration's CMC records a destruction request, which the dashboard shows until it is carried out.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..data.models import (
    AgentRow,
    AttachmentRow,
    ConsentRow,
    DestructionRequestRow,
    PdfImportRow,
    ReopeningRow,
    SynthesisActionRow,
    SynthesisFieldRow,
    SynthesisRow,
    SynthesisVersionRow,
    TombstoneRow,
    TransmissionRow,
)
from ..data.repositories import audit, profile, settings
from ..domain.agent import Agent
from ..domain.audit import AuditCode
from ..domain.copies import CopiesReport
from ..domain.dates import check_plausible, format_fr
from ..domain.errors import DomainError, ValidationError
from ..domain.progress import Steps, run_to_end
from .copies import reach_steps
from .tombstones import Tombstone, TombstoneKind, TombstoneReason, write_tombstone
from .workspace import Workspace

PROVIDER_MODE_SETTING = "provider_mode"


class Requester(StrEnum):
    """Who asked for the destruction: a role, never a name (the request outlives the document)."""

    AGENT = "agent"
    PRESTATAIRE = "prestataire"

    @property
    def label(self) -> str:
        return {"agent": "l'agent",
                "prestataire": "le prestataire, après transmission au conseiller de l'administration"}[self.value]

    @property
    def initiative(self) -> str:
        """Who asked, said as it is: a provider's destruction is never « à la demande de l'agent »."""
        return {"agent": "à la demande de l'agent", "prestataire": "à l'initiative du prestataire"}[self.value]


@dataclass(frozen=True)
class PendingDestruction:
    """A destruction asked for and not yet carried out."""

    request_id: int
    synthesis_id: int | None  # None: the document is no longer in this store (restored from a backup)
    synthesis_pseudo_id: str
    agent_display_name: str
    requested_on: date
    requested_by: Requester


def request_destruction(ws: Workspace, synthesis_id: int, requested_on: date, requested_by: Requester | str) -> int:
    """Record that the destruction of the document was asked for; returns the request id."""
    requester = _requester(requested_by)
    check_plausible(requested_on, "Demande reçue le", today=ws.clock.today(), future_years=0)
    with ws.store.session() as s:
        stored = s.get(SynthesisRow, synthesis_id)
        if stored is None:
            raise DomainError("Ce document de synthèse n'existe pas ou a déjà été détruit.")
        if _pending_for(s, stored.id) is not None:
            raise DomainError("Une demande de destruction de ce document est déjà enregistrée : "
                              "effectuez-la depuis la liste des destructions à effectuer.")
        return record_request(s, stored, requested_on, requester, ws.clock.now())


def record_request(session: Session, stored: SynthesisRow, requested_on: date, requester: Requester,
                   now: datetime) -> int:
    """Add a destruction request in the caller's transaction (also used after a provider's transmission)."""
    request = DestructionRequestRow(synthesis_id=stored.id, synthesis_pseudo_id=stored.pseudo_id,
                                    requested_on=requested_on, requested_by=requester.value)
    session.add(request)
    session.flush()
    audit.append(session, AuditCode.DESTRUCTION_REQUESTED, now, subject=stored.pseudo_id,
                 detail=f"demande={request.id} par={requester.value}")
    return request.id


def request_after_provider_transmission(session: Session, stored: SynthesisRow, today: date, now: datetime) -> None:
    """In provider mode, a transmission to the administration's CMC makes destruction due (once)."""
    if settings.get_bool(session, PROVIDER_MODE_SETTING, False) and _pending_for(session, stored.id) is None:
        record_request(session, stored, today, Requester.PRESTATAIRE, now)


@dataclass(frozen=True)
class DestructionOutcome:
    """The attestation for the agent, and what became of every copy the application knows of."""

    receipt: bytes
    copies: CopiesReport
    odt: bytes
    """The same attestation as an ODT a screen reader can navigate (documents/destruction.py)."""

    @property
    def complete(self) -> bool:
        return self.copies.complete


def carry_out_destruction(ws: Workspace, request_id: int) -> DestructionOutcome:
    """`destruction_steps` run through."""
    return run_to_end(destruction_steps(ws, request_id))


def destruction_steps(ws: Workspace, request_id: int) -> Steps[DestructionOutcome]:
    """Destroy the document of the request and everything holding its content, in the store and then in every
    known copy (services.copies); returns the attestation, which says what was erased and what remains.

    The attestation is rendered once before anything is deleted (so a failure to produce it destroys nothing),
    and again with the copies' outcome."""
    from ..documents.destruction import destruction_document
    from ..documents.odt import render_odt
    from ..pdf.receipt import DestructionReceipt, render_destruction_receipt

    now = ws.clock.now()
    with ws.store.session() as s:
        request = s.get(DestructionRequestRow, request_id)
        if request is None:
            raise DomainError("Cette demande de destruction n'existe pas.")
        if request.carried_out_at is not None:
            raise DomainError(f"Cette destruction a déjà été effectuée le {format_fr(request.carried_out_at.date())}.")
        requester = _requester(request.requested_by)
        stored = s.get(SynthesisRow, request.synthesis_id) if request.synthesis_id is not None else None
        agent_display = ""
        if stored is not None:
            agent = s.get(AgentRow, stored.agent_id)
            agent_display = Agent(agent.last_name, agent.first_name, pseudo_id="").display_name if agent else ""
        facts = DestructionReceipt(
            synthesis_pseudo_id=request.synthesis_pseudo_id, agent_display=agent_display,
            requested_on=request.requested_on, requested_by=requester.label, destroyed_at=now,
            items=_inventory(s, stored), initiative=requester.initiative)
        cmc = profile.get(s)
        render_destruction_receipt(facts, cmc)
        render_odt(destruction_document(facts, cmc), now=now)
        created_on = None
        if stored is not None:
            created_on = stored.created_at.date()
            s.delete(stored)
            s.flush()
        # Every pending request for this document is settled by the same destruction.
        s.execute(update(DestructionRequestRow)
                  .where(DestructionRequestRow.synthesis_pseudo_id == request.synthesis_pseudo_id,
                         DestructionRequestRow.carried_out_at.is_(None))
                  .values(carried_out_at=now, synthesis_id=None))
        reason = TombstoneReason.PROVIDER if requester is Requester.PRESTATAIRE else TombstoneReason.AGENT_REQUEST
        write_tombstone(s, Tombstone(TombstoneKind.SYNTHESIS, request.synthesis_pseudo_id, now, reason,
                                     created_on=created_on, requested_on=request.requested_on))
        audit.append(s, AuditCode.DESTROYED, now, subject=request.synthesis_pseudo_id,
                     detail=f"demande={request_id} motif={reason.value}")
    copies = yield from reach_steps(ws)
    final = replace(facts, copies=copies)
    return DestructionOutcome(render_destruction_receipt(final, cmc), copies,
                              render_odt(destruction_document(final, cmc), now=now))


def copies_attestation(ws: Workspace, synthesis_pseudo_id: str, copies: CopiesReport) -> bytes:
    """The complementary attestation for a document whose remaining copies a later clean-up reached."""
    from ..pdf.receipt import render_copies_attestation

    with ws.store.session() as s:
        tombstone = s.execute(select(TombstoneRow).where(
            TombstoneRow.kind == TombstoneKind.SYNTHESIS, TombstoneRow.pseudo_id == synthesis_pseudo_id,
            TombstoneRow.copies_settled_at.is_not(None))).scalar()
        cmc = profile.get(s)
    if tombstone is None:
        raise DomainError(f"Le document {synthesis_pseudo_id} n'est pas encore effacé de toutes les copies.")
    requester = Requester.PRESTATAIRE if tombstone.reason == TombstoneReason.PROVIDER else Requester.AGENT
    return render_copies_attestation(synthesis_pseudo_id, tombstone.destroyed_at, copies, requester.initiative, cmc)


def pending_destructions(ws: Workspace) -> list[PendingDestruction]:
    """Destructions asked for and not carried out yet, the oldest request first (for the dashboard)."""
    with ws.store.session() as s:
        rows = s.execute(
            select(DestructionRequestRow, AgentRow.last_name, AgentRow.first_name)
            .outerjoin(SynthesisRow, SynthesisRow.id == DestructionRequestRow.synthesis_id)
            .outerjoin(AgentRow, AgentRow.id == SynthesisRow.agent_id)
            .where(DestructionRequestRow.carried_out_at.is_(None))
            .order_by(DestructionRequestRow.requested_on, DestructionRequestRow.id))
        return [PendingDestruction(r.id, r.synthesis_id, r.synthesis_pseudo_id,
                                   Agent(last, first, pseudo_id="").display_name if last is not None else "",
                                   r.requested_on, _requester(r.requested_by))
                for r, last, first in rows]


def is_provider_mode(ws: Workspace) -> bool:
    with ws.store.session() as s:
        return settings.get_bool(s, PROVIDER_MODE_SETTING, False)


def set_provider_mode(ws: Workspace, on: bool) -> None:
    with ws.store.session() as s:
        if settings.get_bool(s, PROVIDER_MODE_SETTING, False) == on:
            return
        settings.put(s, PROVIDER_MODE_SETTING, bool(on))
        audit.append(s, AuditCode.PROVIDER_MODE_CHANGED, ws.clock.now(), detail=f"actif={'oui' if on else 'non'}")


def receipt_filename(synthesis_pseudo_id: str) -> str:
    """A name for the receipt file that says nothing about the agent."""
    return f"recepisse-destruction-{synthesis_pseudo_id}.pdf"


def _requester(value: Requester | str) -> Requester:
    try:
        return Requester(value)
    except ValueError:
        raise ValidationError("La destruction est demandée par l'agent ou par le prestataire.") from None


def _pending_for(session: Session, synthesis_id: int) -> int | None:
    return session.execute(select(DestructionRequestRow.id).where(
        DestructionRequestRow.synthesis_id == synthesis_id, DestructionRequestRow.carried_out_at.is_(None))).scalar()


def _inventory(session: Session, stored: SynthesisRow | None) -> list[str]:
    """What the destruction removes, counted and named by kind only (the receipt holds no content)."""
    if stored is None:
        return ["Le document ne figurait plus dans le dossier (restauration d'une sauvegarde) : "
                "la destruction est enregistrée."]

    def count(model: type) -> int:
        column = model.synthesis_id  # type: ignore[attr-defined]
        return session.execute(select(func.count()).select_from(model).where(column == stored.id)).scalar_one()

    filled = session.execute(select(func.count()).select_from(SynthesisFieldRow).where(
        SynthesisFieldRow.synthesis_id == stored.id, SynthesisFieldRow.text != "")).scalar_one()
    return [
        f"Document de synthèse {stored.pseudo_id} ({stored.kind.label}), créé le "
        f"{format_fr(stored.created_at.date())} : {_n(filled, 'rubrique renseignée', 'rubriques renseignées')}, "
        f"plan d'action de {_n(count(SynthesisActionRow), 'action', 'actions')}",
        _n(count(SynthesisVersionRow), "version enregistrée", "versions enregistrées"),
        _n(count(PdfImportRow), "import de PDF complété par l'agent", "imports de PDF complétés par l'agent"),
        _n(count(AttachmentRow), "pièce jointe", "pièces jointes"),
        _n(count(ConsentRow), "consentement enregistré", "consentements enregistrés"),
        _n(count(TransmissionRow), "transmission enregistrée", "transmissions enregistrées"),
        _n(count(ReopeningRow), "demande de réouverture", "demandes de réouverture"),
    ]


def _n(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count <= 1 else plural}"
