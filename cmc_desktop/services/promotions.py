"""Use cases of a BPP promotion: the group, its enrolments, séances, attendance, confidential points, phases.

Contracts, final interviews and exercises belong to each participant's own BPP (services.bpp). Every write that
touches the séances checks that the phases still follow each other in time and sets the participants' phase
dates again from the séances that have taken place, so that every BPP stays valid.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..data.repositories import audit, bpps, promotions
from ..domain.audit import AuditCode
from ..domain.bpp import Bpp, BppForm, Phase, check_can_start
from ..domain.errors import DomainError
from ..domain.promotion import (
    Promotion,
    Seance,
    SeanceOutsideDates,
    SmallGroupReason,
    advance,
    advance_blockers,
    check_can_enrol,
    check_phases_in_time,
    free_places,
    phase_starts,
)
from ..domain.text import clean_short
from .bpp import dates_in
from .enrolable import enrolable_demandes
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
    phase_starts: dict[Phase, date]
    """When each collective phase began (its first séance that has taken place)."""
    today: date

    @property
    def next_step(self) -> str:
        return self.promotion.next_step

    @property
    def can_advance(self) -> bool:
        return not self.blockers


def create_promotion(ws: Workspace, promotion: Promotion) -> Promotion:
    """A new promotion starts in the lancement phase, without participants."""
    if promotion.id is not None:
        raise ValueError("this promotion is already saved: use update_promotion")
    promotion.current_phase, promotion.closed_on = Phase.LANCEMENT, None
    with ws.store.session() as s:
        return promotions.save(s, promotion.validated(ws.clock.today()))


def update_promotion(ws: Workspace, promotion: Promotion) -> Promotion:
    """Save the name, dates, place and online flag (phases, reason and points have their own use cases).
    New dates must still hold every séance."""
    today = ws.clock.today()
    with ws.store.session() as s:
        stored = promotions.get(s, _id(promotion))
        stored.name, stored.place, stored.online = promotion.name, promotion.place, promotion.online
        stored.start_date, stored.end_date = promotion.start_date, promotion.end_date
        for seance in promotions.seances(s, _id(stored)):
            stored.check_seance_dates(seance.held_on)
        return promotions.save(s, stored.validated(today))


def get_promotion(ws: Workspace, promotion_id: int) -> Promotion:
    with ws.store.session() as s:
        return promotions.get(s, promotion_id)


def list_promotions(ws: Workspace) -> list[PromotionSummary]:
    """Every promotion with its number of participants and séances; open ones first, by start date."""
    with ws.store.session() as s:
        enrolled, planned = promotions.participant_counts(s), promotions.seance_counts(s)
        return [PromotionSummary(p, enrolled.get(_id(p), 0), planned.get(_id(p), 0)) for p in promotions.listing(s)]


def nearest_promotion_with_places(ws: Workspace, demande_id: int | None = None) -> Promotion | None:
    """The promotion an agent joins: the earliest starting today or later, still in phase 1, with a free place.

    With `demande_id`, the places go to the waiting agents in the order of the enrolment list — the priority
    publics first, then the oldest demande — so that a later agent gets the nearest promotion whose places the
    agents before them leave free."""
    today = ws.clock.today()
    queue = [d.demande_id for d in enrolable_demandes(ws)] if demande_id is not None else []
    with ws.store.session() as s:
        enrolled = promotions.participant_counts(s)
        candidates = sorted((p for p in promotions.listing(s)
                             if p.start_date is not None and p.start_date >= today and not p.closed_on
                             and p.current_phase is Phase.LANCEMENT and free_places(enrolled.get(_id(p), 0)) > 0),
                            key=lambda p: (p.start_date or today, _id(p)))
    if demande_id is None or demande_id not in queue:
        return candidates[0] if candidates else None
    ahead = queue.index(demande_id)
    for promotion in candidates:
        places = free_places(enrolled.get(_id(promotion), 0))
        if ahead < places:
            return promotion
        ahead -= places
    return None


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
        bpps.save(s, dates_in(s, bpp, today).validated(today))
        audit.append(s, AuditCode.BPP_ENROLLED, ws.clock.now(), subject=bpps.agent_pseudo_id(s, bpp.agent_id),
                     detail=f"bpp={bpp.id} promotion={promotion_id}")
        return bpp


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


def set_small_group_reason(ws: Workspace, promotion_id: int, kind: SmallGroupReason | None,
                           reason: str) -> Promotion:
    """Record why the promotion goes ahead with fewer than six participants: a reason from the list and its
    text."""
    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        promotion.justify_small_group(kind, reason)
        return promotions.save(s, promotion.validated(ws.clock.today()))


def plan_seance(ws: Workspace, seance: Seance, *, move_dates: bool = False) -> Seance:
    """Plan a group séance (date, phase, place, topic). A date outside the promotion's is refused
    (SeanceOutsideDates) unless `move_dates`: the CMC confirmed moving the promotion's dates to hold it."""
    if seance.id is not None:
        raise ValueError("this séance is already saved: use update_seance")
    today = ws.clock.today()
    with ws.store.session() as s:
        promotion = _open_promotion(s, seance.promotion_id)
        seance.attendance = {}
        seance.validated(today)
        _hold(s, promotion, seance.held_on, move_dates, today)
        check_phases_in_time(promotion, [*promotions.seances(s, seance.promotion_id), seance], today)
        return promotions.save_seance(s, seance)


def update_seance(ws: Workspace, seance: Seance, *, move_dates: bool = False) -> Seance:
    """Save a séance's date, time, duration, phase, place or link and topic; it stays in its promotion, with its
    attendance. Its participants' phase dates follow."""
    today = ws.clock.today()
    with ws.store.session() as s:
        stored = promotions.get_seance(s, _id(seance))
        promotion = _open_promotion(s, stored.promotion_id)
        if stored.attendance and seance.held_on > today:
            raise DomainError("Les présences de cette séance sont notées : elle a eu lieu, sa date ne peut pas être "
                              "dans le futur.")
        stored.held_on, stored.phase = seance.held_on, seance.phase
        stored.place, stored.topic = seance.place, seance.topic
        stored.starts_at, stored.duration_minutes, stored.link = seance.starts_at, seance.duration_minutes, seance.link
        stored.validated(today)
        _hold(s, promotion, stored.held_on, move_dates, today)
        others = [x for x in promotions.seances(s, stored.promotion_id) if x.id != stored.id]
        check_phases_in_time(promotion, [*others, stored], today)
        saved = promotions.save_seance(s, stored)
        _participants_dates(s, stored.promotion_id, today)
        return saved


def list_seances(ws: Workspace, promotion_id: int) -> list[Seance]:
    """The promotion's séances in date order, with attendance."""
    with ws.store.session() as s:
        promotions.get(s, promotion_id)
        return promotions.seances(s, promotion_id)


def delete_seance(ws: Workspace, seance_id: int) -> None:
    """Delete a séance (and its attendance), unless a later phase began after it and would no longer follow."""
    today = ws.clock.today()
    with ws.store.session() as s:
        promotion_id = promotions.get_seance(s, seance_id).promotion_id
        promotion = _open_promotion(s, promotion_id)
        check_phases_in_time(promotion, [x for x in promotions.seances(s, promotion_id) if x.id != seance_id], today)
        promotions.delete_seance(s, seance_id)
        _participants_dates(s, promotion_id, today)


def set_attendance(ws: Workspace, seance_id: int, agent_id: int, present: bool | None) -> Seance:
    """Note a participant present or absent at a séance that has taken place, or clear the mark (None). The
    first séance of a phase to get its attendance begins that phase for every participant."""
    today = ws.clock.today()
    with ws.store.session() as s:
        seance = promotions.get_seance(s, seance_id)
        if all(p.agent_id != agent_id for p in promotions.participants(s, seance.promotion_id)):
            raise DomainError("Cet agent ne participe pas à cette promotion.")
        seance.check_attendance_allowed(today)
        promotions.set_attendance(s, seance_id, agent_id, present)
        check_phases_in_time(promotions.get(s, seance.promotion_id), promotions.seances(s, seance.promotion_id),
                             today)
        _participants_dates(s, seance.promotion_id, today)
        return promotions.get_seance(s, seance_id)


def confidential_points(ws: Workspace, promotion_id: int) -> list[str]:
    """The points the group has agreed to keep confidential."""
    with ws.store.session() as s:
        return promotions.get(s, promotion_id).confidential_points


def add_confidential_point(ws: Workspace, promotion_id: int, point: str) -> list[str]:
    with ws.store.session() as s:
        promotion = promotions.get(s, promotion_id)
        promotion.confidential_points.append(clean_short(point, "Nouveau point confidentiel", required=True))
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
            # Each BPP follows the group's phase, whatever it held before; its dates are those of the séances.
            if promotion.closed_on:
                bpp.closed_on = today
            else:
                bpp.current_phase = promotion.current_phase
            bpps.save(s, dates_in(s, bpp, today).validated(today))
        return promotion


def promotion_board(ws: Workspace, promotion_id: int) -> PromotionBoard:
    today = ws.clock.today()
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
        blockers=advance_blockers(promotion, participants, seances, today), free_places=free_places(len(participants)),
        phase_starts=phase_starts(seances, today), today=today)


def _check_attachable(bpp: Bpp) -> None:
    if bpp.form is BppForm.INDIVIDUEL:
        raise DomainError("Le BPP ouvert sur cette demande est individuel : il ne rejoint pas de promotion.")
    if bpp.closed_on:
        raise DomainError("Le BPP ouvert sur cette demande est clos.")
    if bpp.promotion_id is not None:
        raise DomainError("L'agent est déjà inscrit dans une autre promotion : retirez-le d'abord de celle-ci.")


def _hold(session: Session, promotion: Promotion, day: date, move_dates: bool, today: date) -> None:
    """Check that the promotion's dates hold `day`, or widen them when the CMC confirmed it."""
    try:
        promotion.check_seance_dates(day)
    except SeanceOutsideDates as outside:
        if not move_dates:
            raise
        promotion.start_date, promotion.end_date = outside.start, outside.end
        promotions.save(session, promotion.validated(today))


def _participants_dates(session: Session, promotion_id: int, today: date) -> None:
    for bpp in bpps.in_promotion(session, promotion_id):
        bpps.save(session, dates_in(session, bpp, today).validated(today))


def _open_promotion(session: Session, promotion_id: int) -> Promotion:
    promotion = promotions.get(session, promotion_id)
    if promotion.closed_on:
        raise DomainError("Cette promotion est close : ses séances ne changent plus.")
    return promotion


def _id(entity: Promotion | Seance) -> int:
    if entity.id is None:
        raise ValueError(f"{type(entity).__name__} has not been saved yet")
    return entity.id
