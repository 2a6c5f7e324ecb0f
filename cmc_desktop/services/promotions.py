"""Use cases of a BPP promotion: the group, its enrolments, séances, attendance, confidential points, phases.

Contracts, final interviews and exercises belong to each participant's own BPP (services.bpp).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data.models import AgentRow, BppRow, DemandeRow
from ..data.repositories import audit, bpps, promotions
from ..domain.agent import Agent, AgentState
from ..domain.audit import AuditCode
from ..domain.bpp import Bpp, BppForm, Phase, check_can_start
from ..domain.demande import Decision
from ..domain.errors import DomainError
from ..domain.promotion import (
    Promotion,
    Seance,
    advance,
    advance_blockers,
    check_can_enrol,
    free_places,
)
from ..domain.text import clean_short
from .workspace import Workspace


@dataclass(frozen=True)
class PromotionSummary:
    """A line of the list of promotions."""

    promotion: Promotion
    participants: int
    seances: int

    @property
    def free_places(self) -> int:
        return free_places(self.participants)


@dataclass(frozen=True)
class BoardParticipant:
    """One participant's state as the promotion board shows it."""

    agent_id: int
    bpp_id: int
    display_name: str
    phase: Phase
    contract_signed_on: date | None
    final_interview_on: date | None
    seances_attended: int
    seances_marked: int
    exercises_given: int
    exercises_done: int

    @property
    def attendance_rate(self) -> float | None:
        """Share of the séances where presence was noted that the agent attended; None before any mark."""
        return self.seances_attended / self.seances_marked if self.seances_marked else None


@dataclass(frozen=True)
class PromotionBoard:
    """The promotion across its four phases: who takes part, the séances, and what blocks the next step."""

    promotion: Promotion
    participants: list[BoardParticipant]
    seances_by_phase: dict[Phase, list[Seance]]
    blockers: list[str]
    free_places: int

    @property
    def next_step(self) -> str:
        return self.promotion.next_step

    @property
    def can_advance(self) -> bool:
        return not self.blockers


@dataclass(frozen=True)
class EnrolableDemande:
    """An accepted demande whose agent waits for a promotion."""

    demande_id: int
    agent_id: int
    display_name: str
    request_date: date
    priority: bool


def create_promotion(ws: Workspace, promotion: Promotion) -> Promotion:
    """A new promotion starts in the lancement phase, without participants."""
    if promotion.id is not None:
        raise ValueError("this promotion is already saved: use update_promotion")
    promotion.current_phase, promotion.closed_on = Phase.LANCEMENT, None
    with ws.store.session() as s:
        return promotions.save(s, promotion.validated(ws.clock.today()))


def update_promotion(ws: Workspace, promotion: Promotion) -> Promotion:
    """Save the name, dates, place and online flag (phases, reason and points have their own use cases)."""
    today = ws.clock.today()
    with ws.store.session() as s:
        stored = promotions.get(s, _id(promotion))
        stored.name, stored.place, stored.online = promotion.name, promotion.place, promotion.online
        moved_start = stored.start_date != promotion.start_date
        stored.start_date, stored.end_date = promotion.start_date, promotion.end_date
        promotions.save(s, stored.validated(today))
        if moved_start and stored.current_phase is Phase.LANCEMENT and stored.start_date:
            # The participants' lancement is the promotion's: keep their phase 1 date in step.
            for bpp in bpps.in_promotion(s, _id(stored)):
                bpp.phase_dates[Phase.LANCEMENT] = stored.start_date
                bpps.save(s, bpp.validated(today))
        return stored


def get_promotion(ws: Workspace, promotion_id: int) -> Promotion:
    with ws.store.session() as s:
        return promotions.get(s, promotion_id)


def list_promotions(ws: Workspace) -> list[PromotionSummary]:
    """Every promotion with its number of participants and séances; open ones first, by start date."""
    with ws.store.session() as s:
        enrolled, planned = promotions.participant_counts(s), promotions.seance_counts(s)
        return [PromotionSummary(p, enrolled.get(_id(p), 0), planned.get(_id(p), 0)) for p in promotions.listing(s)]


def nearest_promotion_with_places(ws: Workspace) -> Promotion | None:
    """The promotion an accepted agent joins: the earliest starting today or later, still in phase 1, not full."""
    today = ws.clock.today()
    with ws.store.session() as s:
        enrolled = promotions.participant_counts(s)
        candidates = [p for p in promotions.listing(s)
                      if p.start_date is not None and p.start_date >= today and not p.closed_on
                      and p.current_phase is Phase.LANCEMENT and free_places(enrolled.get(_id(p), 0)) > 0]
        return min(candidates, key=lambda p: (p.start_date, _id(p)), default=None)


def enrol(ws: Workspace, promotion_id: int, demande_id: int) -> Bpp:
    """Enrol the agent of an accepted demande: their collective BPP is created, or attached, in the promotion."""
    today = ws.clock.today()
    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        demande = bpps.demande(s, demande_id)
        existing = bpps.for_demande(s, demande_id)
        if existing is not None and existing.promotion_id == promotion_id:
            return existing
        if existing is not None:
            _check_attachable(existing)
        elif bpps.has_open(s, demande.agent_id):
            check_can_start(demande.status(today), False, True)
        check_can_enrol(promotion, len(bpps.in_promotion(s, promotion_id)), demande.status(today))
        bpp = existing or Bpp(agent_id=demande.agent_id, form=BppForm.COLLECTIF, demande_id=demande_id)
        # The BPP follows this promotion from its lancement, whatever an earlier group had reached.
        bpp.promotion_id, bpp.current_phase = promotion_id, promotion.current_phase
        bpp.phase_dates = {Phase.LANCEMENT: promotion.start_date or today}
        bpps.save(s, bpp.validated(today))
        audit.append(s, AuditCode.BPP_ENROLLED, ws.clock.now(), subject=bpps.agent_pseudo_id(s, bpp.agent_id),
                     detail=f"bpp={bpp.id} promotion={promotion_id}")
        return bpp


def enrolable_demandes(ws: Workspace) -> list[EnrolableDemande]:
    """Accepted demandes that `enrol` can place, oldest request first: the agent is still accompanied and has
    no BPP yet, or the demande's collective BPP is open and outside any promotion (the agent left one)."""
    with ws.store.session() as s:
        rows = s.execute(select(DemandeRow, AgentRow).join(AgentRow, AgentRow.id == DemandeRow.agent_id)
                         .where(DemandeRow.decision == Decision.ACCORD, AgentRow.state == AgentState.ACTIF)
                         .order_by(DemandeRow.request_date, DemandeRow.id)).all()
        agent_ids = {agent.id for _, agent in rows}
        bpp_rows = s.execute(select(BppRow).where(BppRow.agent_id.in_(agent_ids))).scalars().all()
        by_demande = {b.demande_id: b for b in bpp_rows if b.demande_id is not None}
        with_open_bpp = {b.agent_id for b in bpp_rows if b.closed_on is None}
        enrolable = []
        for demande, agent in rows:
            bpp = by_demande.get(demande.id)
            if bpp is None:
                ok = agent.id not in with_open_bpp
            else:
                ok = bpp.form is BppForm.COLLECTIF and bpp.closed_on is None and bpp.promotion_id is None
            if ok:
                name = Agent(agent.last_name, agent.first_name, pseudo_id=agent.pseudo_id).display_name
                enrolable.append(EnrolableDemande(demande.id, agent.id, name, demande.request_date,
                                                  bool(agent.priority_grounds)))
        return enrolable


def unenrol(ws: Workspace, promotion_id: int, bpp_id: int) -> Bpp:
    """Take a participant out of the promotion; their BPP stays open, awaiting another promotion."""
    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        bpp = bpps.get(s, bpp_id)
        if bpp.promotion_id != promotion_id:
            raise DomainError("Cet agent ne participe pas à cette promotion.")
        if promotion.closed_on:
            raise DomainError("Cette promotion est close : sa liste de participants ne change plus.")
        bpp.promotion_id = None
        promotions.forget_attendance(s, promotion_id, bpp.agent_id)
        bpps.save(s, bpp)
        audit.append(s, AuditCode.BPP_UNENROLLED, ws.clock.now(), subject=bpps.agent_pseudo_id(s, bpp.agent_id),
                     detail=f"bpp={bpp.id} promotion={promotion_id}")
        return bpp


def set_small_group_reason(ws: Workspace, promotion_id: int, reason: str) -> Promotion:
    """Record why the promotion goes ahead with fewer than six participants."""
    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        promotion.small_group_reason = reason
        return promotions.save(s, promotion.validated(ws.clock.today()))


def plan_seance(ws: Workspace, seance: Seance) -> Seance:
    """Plan a group séance (date, phase, place, topic)."""
    if seance.id is not None:
        raise ValueError("this séance is already saved: use update_seance")
    with ws.store.session() as s:
        _open_promotion(s, seance.promotion_id)
        seance.attendance = {}
        return promotions.save_seance(s, seance.validated(ws.clock.today()))


def update_seance(ws: Workspace, seance: Seance) -> Seance:
    """Save a séance's date, time, duration, phase, place or link and topic; it stays in its promotion, with
    its attendance."""
    with ws.store.session() as s:
        stored = promotions.get_seance(s, _id(seance))
        _open_promotion(s, stored.promotion_id)
        stored.held_on, stored.phase = seance.held_on, seance.phase
        stored.place, stored.topic = seance.place, seance.topic
        stored.starts_at, stored.duration_minutes, stored.link = seance.starts_at, seance.duration_minutes, seance.link
        return promotions.save_seance(s, stored.validated(ws.clock.today()))


def list_seances(ws: Workspace, promotion_id: int) -> list[Seance]:
    """The promotion's séances in date order, with attendance."""
    with ws.store.session() as s:
        promotions.get(s, promotion_id)
        return promotions.seances(s, promotion_id)


def delete_seance(ws: Workspace, seance_id: int) -> None:
    with ws.store.session() as s:
        _open_promotion(s, promotions.get_seance(s, seance_id).promotion_id)
        promotions.delete_seance(s, seance_id)


def set_attendance(ws: Workspace, seance_id: int, agent_id: int, present: bool | None) -> Seance:
    """Note a participant present or absent at a séance that has taken place, or clear the mark (None)."""
    with ws.store.session() as s:
        seance = promotions.get_seance(s, seance_id)
        if all(p.agent_id != agent_id for p in promotions.participants(s, seance.promotion_id)):
            raise DomainError("Cet agent ne participe pas à cette promotion.")
        seance.check_attendance_allowed(ws.clock.today())
        promotions.set_attendance(s, seance_id, agent_id, present)
        return promotions.get_seance(s, seance_id)


def confidential_points(ws: Workspace, promotion_id: int) -> list[str]:
    """The points the group has agreed to keep confidential."""
    with ws.store.session() as s:
        return promotions.get(s, promotion_id).confidential_points


def add_confidential_point(ws: Workspace, promotion_id: int, point: str) -> list[str]:
    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        promotion.confidential_points.append(clean_short(point, "Point confidentiel", required=True))
        return promotions.save(s, promotion.validated(ws.clock.today())).confidential_points


def remove_confidential_point(ws: Workspace, promotion_id: int, index: int) -> list[str]:
    """Remove the point at `index` (as listed by confidential_points)."""
    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        if not 0 <= index < len(promotion.confidential_points):
            raise DomainError("Ce point confidentiel n'existe plus : rechargez la liste.")
        del promotion.confidential_points[index]
        return promotions.save(s, promotion).confidential_points


def advance_phase(ws: Workspace, promotion_id: int) -> Promotion:
    """Move the promotion and every participant's BPP to the next phase, or close them after the conclusion.

    Raises a DomainError listing everything that is missing (contracts, reason, séance, final interviews).
    """
    today = ws.clock.today()
    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        advance(promotion, promotions.participants(s, promotion_id), promotions.seances(s, promotion_id), today)
        promotions.save(s, promotion)
        for bpp in bpps.in_promotion(s, promotion_id):
            # Each BPP follows the group's phase, whatever it held before.
            if promotion.closed_on:
                bpp.closed_on = today
            else:
                bpp.current_phase = promotion.current_phase
                bpp.phase_dates[promotion.current_phase] = today
            bpps.save(s, bpp)
        return promotion


def promotion_board(ws: Workspace, promotion_id: int) -> PromotionBoard:
    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        participants = promotions.participants(s, promotion_id)
        seances = promotions.seances(s, promotion_id)
        phases = {b.id: b.current_phase for b in bpps.in_promotion(s, promotion_id)}
        exercises = bpps.exercise_counts(s, [p.bpp_id for p in participants])
    board_participants = [
        BoardParticipant(
            agent_id=p.agent_id, bpp_id=p.bpp_id, display_name=p.display_name, phase=phases[p.bpp_id],
            contract_signed_on=p.contract_signed_on, final_interview_on=p.final_interview_on,
            seances_attended=sum(1 for x in seances if x.attendance.get(p.agent_id)),
            seances_marked=sum(1 for x in seances if p.agent_id in x.attendance),
            exercises_given=exercises[p.bpp_id][0], exercises_done=exercises[p.bpp_id][1])
        for p in participants]
    return PromotionBoard(
        promotion=promotion, participants=board_participants,
        seances_by_phase={phase: [x for x in seances if x.phase is phase] for phase in Phase},
        blockers=advance_blockers(promotion, participants, seances), free_places=free_places(len(participants)))


def _check_attachable(bpp: Bpp) -> None:
    if bpp.form is BppForm.INDIVIDUEL:
        raise DomainError("Le BPP ouvert sur cette demande est individuel : il ne rejoint pas de promotion.")
    if bpp.closed_on:
        raise DomainError("Le BPP ouvert sur cette demande est clos.")
    if bpp.promotion_id is not None:
        raise DomainError("L'agent est déjà inscrit dans une autre promotion : retirez-le d'abord de celle-ci.")


def _open_promotion(session: Session, promotion_id: int) -> Promotion:
    promotion = promotions.get(session, promotion_id)
    if promotion.closed_on:
        raise DomainError("Cette promotion est close : ses séances ne changent plus.")
    return promotion


def _id(entity: Promotion | Seance) -> int:
    if entity.id is None:
        raise ValueError(f"{type(entity).__name__} has not been saved yet")
    return entity.id
