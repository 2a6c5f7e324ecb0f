"""The documents around a promotion — convocations, the feuille d'émargement, the contrats d'engagement et de
confidentialité — and what the CMC records from them once signed: attendance, the contracts' dates.

Each rendering is journaled (which document, how many copies), never who is named in it.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data.models import AgentRow
from ..data.repositories import audit, bpps, profile, promotions
from ..domain.agenda import AgendaEvent, EventKind
from ..domain.audit import AuditCode
from ..domain.bpp import Phase
from ..domain.errors import DomainError
from ..domain.promotion import Participant, Promotion, Seance
from .workspace import Workspace

if TYPE_CHECKING:
    from ..pdf.blocks import SeanceFacts


@dataclass(frozen=True)
class SeanceDocuments:
    """What the documents dialog offers for one séance: its participants to convoke, sign and mark."""

    promotion: Promotion
    seance: Seance
    participants: list[Participant]


def what_to_bring(phase: Phase) -> list[str]:
    """The default « À apporter » of a convocation, by phase (the CMC may change it before printing)."""
    common = ["De quoi prendre des notes."]
    return {
        Phase.LANCEMENT: ["Cette convocation ; le contrat d'engagement et de confidentialité vous sera remis en "
                          "séance pour signature.", *common],
        Phase.ANALYSE: ["Votre document de synthèse en cours et les exercices réalisés depuis la dernière séance.",
                        *common],
        Phase.PLAN_ACTION: ["Votre document de synthèse en cours et vos premières pistes d'action.", *common],
        Phase.CONCLUSION: ["Votre document de synthèse en cours.", *common],
    }[phase]


def seance_documents(ws: Workspace, seance_id: int) -> SeanceDocuments:
    with ws.store.session() as s:
        seance = promotions.get_seance(s, seance_id)
        return SeanceDocuments(promotions.get(s, seance.promotion_id), seance,
                               promotions.participants(s, seance.promotion_id))


def convocations_pdf(ws: Workspace, seance_id: int, agent_ids: list[int], bring: list[str]) -> bytes:
    """One letter per agent of `agent_ids` (participants of the séance's promotion), in one PDF."""
    from ..pdf.convocation import Convocation, render_convocations

    today = ws.clock.today()
    with ws.store.session() as s:
        seance, facts, participants = _seance(s, seance_id)
        chosen = [p for p in participants if p.agent_id in set(agent_ids)]
        if not chosen or len(chosen) != len(set(agent_ids)):
            raise DomainError("Choisissez au moins un participant de la promotion à convoquer.")
        services = _services(s, [p.agent_id for p in chosen])
        letters = [Convocation(p.display_name, services[p.agent_id], facts, [b for b in bring if b.strip()], today)
                   for p in chosen]
        data = render_convocations(letters, profile.get(s))
        _journal(s, ws, "convocation", seance.promotion_id, f"seance={seance_id} exemplaires={len(letters)}")
    return data


def attendance_sheet_pdf(ws: Workspace, seance_id: int) -> bytes:
    from ..pdf.attendance_sheet import AttendanceSheet, render_attendance_sheet

    with ws.store.session() as s:
        seance, facts, participants = _seance(s, seance_id)
        if not participants:
            raise DomainError("La promotion n'a pas encore de participant : la feuille d'émargement serait vide.")
        data = render_attendance_sheet(AttendanceSheet(facts, [p.display_name for p in participants],
                                                       f"S-{seance_id}"), profile.get(s))
        _journal(s, ws, "emargement", seance.promotion_id, f"seance={seance_id}")
    return data


def contracts_pdf(ws: Workspace, promotion_id: int, bpp_ids: list[int]) -> bytes:
    """The contract pre-filled for each chosen participant (their BPP ids), one copy each."""
    from ..pdf.contract import ContractCopy, render_contracts

    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        chosen = [p for p in promotions.participants(s, promotion_id) if p.bpp_id in set(bpp_ids)]
        if not chosen:
            raise DomainError("Choisissez au moins un participant de la promotion.")
        rows = {r.id: r for r in s.execute(select(AgentRow).where(AgentRow.id.in_([p.agent_id for p in chosen])))
                .scalars()}
        copies = [ContractCopy(p.display_name, rows[p.agent_id].fonction, rows[p.agent_id].service, promotion.name,
                               promotion.start_date, promotion.end_date, promotion.confidential_points)
                  for p in chosen]
        data = render_contracts(copies, profile.get(s))
        _journal(s, ws, "contrat", promotion_id, f"exemplaires={len(copies)}")
    return data


def record_attendance_sheet(ws: Workspace, seance_id: int, marks: dict[int, bool]) -> Seance:
    """Report a signed feuille d'émargement: every participant present or absent, all at once or nothing."""
    with ws.store.session() as s:
        seance = promotions.get_seance(s, seance_id)
        seance.check_attendance_allowed(ws.clock.today())
        enrolled = {p.agent_id for p in promotions.participants(s, seance.promotion_id)}
        if set(marks) != enrolled:
            raise DomainError("La feuille ne correspond plus aux participants de la promotion : rouvrez-la.")
        for agent_id, present in marks.items():
            promotions.set_attendance(s, seance_id, agent_id, present)
        _journal(s, ws, "emargement_reporte", seance.promotion_id,
                 f"seance={seance_id} presents={sum(marks.values())} absents={len(marks) - sum(marks.values())}",
                 code=AuditCode.ATTENDANCE_SHEET_RECORDED)
        return promotions.get_seance(s, seance_id)


def record_contracts(ws: Workspace, promotion_id: int, signed: dict[int, date | None]) -> None:
    """Record the signature dates of several participants' contracts (BPP id → date, None to clear), all or
    nothing."""
    today = ws.clock.today()
    with ws.store.session() as s:
        enrolled = {p.bpp_id for p in promotions.participants(s, promotion_id)}
        for bpp_id, signed_on in signed.items():
            if bpp_id not in enrolled:
                raise DomainError("Cet agent ne participe pas à cette promotion.")
            bpp = bpps.get(s, bpp_id)
            bpp.record_contract(signed_on)
            bpps.save(s, bpp.validated(today))


def _seance(session: Session, seance_id: int) -> tuple[Seance, "SeanceFacts", list[Participant]]:
    from ..pdf.blocks import SeanceFacts  # reportlab: imported when a document is asked for

    seance = promotions.get_seance(session, seance_id)
    promotion = promotions.get(session, seance.promotion_id)
    event = AgendaEvent(f"seance-{seance_id}", EventKind.SEANCE, seance.slot, promotion.name)
    facts = SeanceFacts(promotion.name, seance.held_on, event.time_label() if event.timed else "",
                        seance.phase.label, seance.topic, seance.place, seance.link)
    return seance, facts, promotions.participants(session, seance.promotion_id)


def _services(session: Session, agent_ids: list[int]) -> dict[int, str]:
    rows = session.execute(select(AgentRow.id, AgentRow.service).where(AgentRow.id.in_(agent_ids)))
    return {agent_id: service for agent_id, service in rows}


def _journal(session: Session, ws: Workspace, document: str, promotion_id: int, detail: str, *,
             code: AuditCode = AuditCode.PROMOTION_DOCUMENTS) -> None:
    audit.append(session, code, ws.clock.now(), subject=f"promotion-{promotion_id}",
                 detail=f"document={document} {detail}")
