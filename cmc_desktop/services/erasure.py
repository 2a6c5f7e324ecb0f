"""Erasing an agent's whole file: on the agent's request (RGPD, droit à l'effacement), when it was created by
mistake, or at the end of an external provider's mission.

The erasure goes through the same deletion and tombstone path as the retention purge (services.retention.purge,
with its reason): the same guarantees as a synthesis destruction — every row cascading from the agent, the
search index rewritten, the WAL truncated, a content-free tombstone that a restore re-applies to an older
backup — and whatever reaches the backups from that path reaches them for an erasure too. A legal hold
(domain.erasure) refuses it, re-checked in the erasing transaction.

The attestation is rendered before anything is deleted, so a failure erases nothing.
"""

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..data.models import (
    AccompanimentRow,
    AgentRow,
    BppRow,
    DemandeRow,
    InterviewRow,
    SatisfactionRow,
    SynthesisRow,
    TransmissionRow,
)
from ..data.repositories import agents, profile, settings
from ..data.repositories.erasure import PROVIDER_MODE_SETTING, erasure_facts
from ..domain.copies import CopiesReport
from ..domain.dates import format_fr
from ..domain.erasure import PROVIDER_RULE, ErasureReason, confirmation_matches, erasure_holds
from ..domain.errors import DomainError, ValidationError
from ..domain.progress import Steps, run_to_end
from .retention import purge_steps
from .tombstones import TombstoneReason
from .workspace import Workspace


@dataclass(frozen=True)
class ErasurePlan:
    """What erasing the file would remove, and what holds it back for now."""

    agent_id: int
    pseudo_id: str
    display_name: str
    last_name: str
    """What the CMC types to confirm."""
    holds: tuple[str, ...]
    inventory: tuple[str, ...]
    provider_mode: bool

    @property
    def reasons(self) -> tuple[ErasureReason, ...]:
        """The reasons the CMC may choose: a provider erases at the end of its mission."""
        if self.provider_mode:
            return (ErasureReason.PROVIDER, ErasureReason.AGENT_REQUEST, ErasureReason.MISTAKE)
        return (ErasureReason.AGENT_REQUEST, ErasureReason.MISTAKE)


@dataclass(frozen=True)
class Erased:
    pseudo_id: str
    attestation: bytes
    copies: CopiesReport
    odt: bytes = b""
    """The same attestation as an accessible OpenDocument text (documents/erasure.py)."""


def plan_erasure(ws: Workspace, agent_id: int) -> ErasurePlan:
    with ws.store.session() as s:
        return _plan(s, agent_id)


def erase_agent(ws: Workspace, agent_id: int, reason: ErasureReason, confirmation: str) -> Erased:
    """`erase_steps` run through."""
    return run_to_end(erase_steps(ws, agent_id, reason, confirmation))


def erase_steps(ws: Workspace, agent_id: int, reason: ErasureReason, confirmation: str) -> Steps[Erased]:
    """Erase the whole file once the CMC has typed the agent's last name, then every known copy of it; returns
    the attestation (PDF, and its accessible ODT), which says what was erased and what remains, copies included.

    The attestation is rendered once before anything is deleted (so a failure to produce it erases nothing),
    and again with the copies' outcome."""
    from ..documents.erasure import erasure_document
    from ..documents.odt import render_odt
    from ..pdf.erasure_attestation import ErasureAttestation, render_erasure_attestation

    reason = ErasureReason(reason)
    with ws.store.session() as s:
        plan = _plan(s, agent_id)
        if not confirmation_matches(confirmation, plan.last_name):
            raise ValidationError(f"Pour confirmer l'effacement, saisissez le nom de l'agent : « {plan.last_name} ».")
        if plan.holds:
            raise ValidationError("Le dossier ne peut pas être effacé pour l'instant. " + " ".join(plan.holds))
        if reason is ErasureReason.PROVIDER and not plan.provider_mode:
            raise DomainError("La fin de mission d'un prestataire ne vaut qu'en mode prestataire (Paramètres).")
        now = ws.clock.now()
        facts = ErasureAttestation(
            agent_display=plan.display_name, pseudo_id=plan.pseudo_id, reason=reason.label,
            initiative=reason.initiative, erased_at=now, items=list(plan.inventory),
            remains=what_remains(reason, None),
            rule=PROVIDER_RULE if reason is ErasureReason.PROVIDER else "")
        cmc = profile.get(s)
        render_erasure_attestation(facts, cmc)
        render_odt(erasure_document(facts, cmc), now=now)
    _, copies = yield from purge_steps(ws, [agent_id], TombstoneReason(reason.value))
    assert copies is not None  # one file was erased, so the copies were reached
    final = replace(facts, remains=what_remains(reason, copies))
    return Erased(plan.pseudo_id, render_erasure_attestation(final, cmc), copies,
                  render_odt(erasure_document(final, cmc), now=now))


def what_remains(reason: ErasureReason, copies: CopiesReport | None) -> list[str]:
    """What the application still holds once the file is erased, said exactly (the attestation prints it):
    the content-free traces, and each copy the clean-up could not reach (`copies`, None before it ran)."""
    from ..pdf.receipt import COVERAGE, erased_lines, remaining_lines

    remains = [
        "Une trace sans contenu : la référence pseudonyme du dossier, les dates de sa création et de son "
        "effacement et le motif. Elle empêche le dossier de réapparaître si une sauvegarde antérieure est "
        "restaurée : l'effacement y est alors aussitôt réappliqué.",
        "Le journal des actions sensibles, qui ne désigne l'agent que par cette référence pseudonyme et ne "
        "contient aucun nom ni aucun contenu.",
    ]
    if reason.keeps_activity:
        remains.append("Pour les indicateurs d'activité, des comptes anonymes : dates et types des entretiens, "
                       "des demandes et de leur issue, notes du questionnaire de satisfaction sans commentaire — sans "
                       "nom, sans référence, sans lien avec cette attestation.")
    if copies is None:
        return remains
    if copies.complete:
        remains.append("Aucune des copies que l'application connaît ne contient plus ce dossier ; il a été effacé "
                       "de : " + " ; ".join(erased_lines(copies)) + ".")
    else:
        remains.append("Destruction inachevée : l'application n'a pas pu atteindre ces copies, qui peuvent encore "
                       "contenir le dossier — " + " ".join(remaining_lines(copies)) + " Elles seront effacées dès "
                       "que l'application pourra les atteindre (tableau de bord, « Copies restantes »).")
    remains.append(COVERAGE)
    return remains


def attestation_filename(pseudo_id: str) -> str:
    """A name for the attestation file that says nothing about the agent."""
    return f"attestation-effacement-{pseudo_id}.pdf"


def _plan(session: Session, agent_id: int) -> ErasurePlan:
    agent = agents.get(session, agent_id)
    holds = erasure_holds(erasure_facts(session, agent_id))
    return ErasurePlan(agent_id, agent.pseudo_id, agent.display_name, agent.last_name, tuple(holds),
                       tuple(_inventory(session, agent_id)),
                       settings.get_bool(session, PROVIDER_MODE_SETTING, False))


def _inventory(session: Session, agent_id: int) -> list[str]:
    """What the erasure removes, counted and named by kind only (the attestation holds no content)."""

    def count(model: type) -> int:
        column = model.agent_id  # type: ignore[attr-defined]
        return session.execute(select(func.count()).select_from(model).where(column == agent_id)).scalar_one()

    created = session.execute(select(AgentRow.created_at).where(AgentRow.id == agent_id)).scalar_one()
    items = [f"Le dossier de l'agent (identité, coordonnées, motifs d'accès prioritaire, notes du conseiller), "
             f"ouvert le {format_fr(created.date())}"]
    for model, singular, plural in (
            (AccompanimentRow, "demande d'accompagnement et son issue", "demandes d'accompagnement et leur issue"),
            (DemandeRow, "demande de BPP et sa décision", "demandes de BPP et leurs décisions"),
            (InterviewRow, "entretien avec ses notes", "entretiens avec leurs notes"),
            (BppRow, "bilan de parcours professionnel (présences, exercices)",
             "bilans de parcours professionnel (présences, exercices)")):
        if held := count(model):  # what the file does not hold is not listed
            items.append(_n(held, singular, plural))
    documents = session.execute(select(SynthesisRow.id, SynthesisRow.pseudo_id, SynthesisRow.kind)
                                .where(SynthesisRow.agent_id == agent_id).order_by(SynthesisRow.id)).all()
    for synthesis_id, pseudo_id, kind in documents:
        sent = session.execute(select(TransmissionRow.recipient_kind, TransmissionRow.sent_at)
                               .where(TransmissionRow.synthesis_id == synthesis_id)
                               .order_by(TransmissionRow.sent_at)).all()
        told = "; ".join(f"transmis le {format_fr(at.date())} ({recipient.label})" for recipient, at in sent)
        items.append(f"Document de synthèse {pseudo_id} ({kind.label}), avec ses versions, consentements et "
                     f"pièces jointes — {told or 'non transmis'}")
    answered = count(SatisfactionRow)
    if answered:
        items.append(_n(answered, "questionnaire de satisfaction", "questionnaires de satisfaction"))
    return items


def _n(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count <= 1 else plural}"
