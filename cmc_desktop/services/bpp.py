"""Use cases of a bilan de parcours professionnel: opening it, its dates, individual phases, exercises, the
référent handicap's association and the restitution to the group.

A collective BPP moves with its promotion (services.promotions); an individual one advances here. Phase dates
are never typed: a collective BPP's come from its promotion's séances and its own entretien final, an individual
one's from its E3 interviews that have taken place (dates_in). An individual bilan recorded before its interviews
were (no E3 interview at all) keeps the dates of its advances until its first interview is recorded.
"""

from datetime import date

from sqlalchemy.orm import Session

from ..data.repositories import agents, audit, bpps, interviews, promotions
from ..domain.agent import PriorityGround
from ..domain.audit import AuditCode
from ..domain.bpp import (
    Bpp,
    BppForm,
    Exercise,
    ReferentAgreement,
    ReferentPoint,
    check_can_start,
    collective_phase_dates,
    individual_phase_dates,
)
from ..domain.errors import DomainError
from ..domain.promotion import phase_starts
from .workspace import Workspace


def dates_in(session: Session, bpp: Bpp, today: date) -> Bpp:
    """Set a collective BPP's phase dates from its promotion's séances that have taken place and from its own
    entretien final once held; an individual BPP's from its E3 interviews that have taken place."""
    if bpp.form is BppForm.COLLECTIF and bpp.promotion_id is not None:
        starts = phase_starts(promotions.seances(session, bpp.promotion_id), today)
        bpp.phase_dates = collective_phase_dates(starts, bpp.final_interview_on, today)
    elif bpp.form is BppForm.INDIVIDUEL and bpp.id is not None:
        placements = interviews.e3_placements(session, bpp.id)
        if placements:
            bpp.phase_dates = individual_phase_dates(placements, today)
    return bpp


def current_dates(session: Session, bpp: Bpp, today: date) -> Bpp:
    """The bilan as read today: an individual one's phase dates from its interviews (one planned at the last
    write may have taken place since); a collective one's as its promotion's writes stored them."""
    return dates_in(session, bpp, today) if bpp.form is BppForm.INDIVIDUEL else bpp


def start_bpp(ws: Workspace, demande_id: int, form: BppForm = BppForm.COLLECTIF,
              individual_reason: str = "") -> Bpp:
    """Open the agent's BPP on an accepted demande; collective unless the situation requires otherwise."""
    today = ws.clock.today()
    with ws.store.session() as s:
        demande = bpps.demande(s, demande_id)
        check_can_start(demande.status(today), bpps.for_demande(s, demande_id) is not None,
                        bpps.has_open(s, demande.agent_id))
        # Its lancement begins with its first séance (collective) or its first interview held (individual).
        bpp = Bpp(agent_id=demande.agent_id, form=form, demande_id=demande_id,
                  individual_reason=individual_reason if form is BppForm.INDIVIDUEL else "")
        bpps.save(s, bpp.validated(today))
        audit.append(s, AuditCode.BPP_STARTED, ws.clock.now(), subject=bpps.agent_pseudo_id(s, bpp.agent_id),
                     detail=f"bpp={bpp.id} forme={form.value}")
        return bpp


def get_bpp(ws: Workspace, bpp_id: int) -> Bpp:
    """The bilan with its phase dates as of today (an interview planned yesterday may have taken place)."""
    with ws.store.session() as s:
        return current_dates(s, bpps.get(s, bpp_id), ws.clock.today())


def bpps_for_agent(ws: Workspace, agent_id: int) -> list[Bpp]:
    """The agent's bilans, most recent first, with their phase dates as of today."""
    today = ws.clock.today()
    with ws.store.session() as s:
        return [current_dates(s, bpp, today) for bpp in bpps.for_agent(s, agent_id)]


def update_bpp(ws: Workspace, bpp: Bpp) -> Bpp:
    """Save the dates (entretiens initial and final, contract) and the reason for the individual form.

    The form, the promotion, the current phase, the phase dates (dates_in) and the closing are not edited here:
    they have their own use cases, which check their rules.
    """
    today = ws.clock.today()
    with ws.store.session() as s:
        stored = bpps.get(s, _id(bpp))
        stored.record_contract(bpp.contract_signed_on)
        stored.initial_interview_on, stored.final_interview_on = bpp.initial_interview_on, bpp.final_interview_on
        if stored.form is BppForm.INDIVIDUEL:
            stored.individual_reason = bpp.individual_reason
        return bpps.save(s, dates_in(s, stored, today).validated(today))


def record_contract(ws: Workspace, bpp_id: int, signed_on: date | None) -> Bpp:
    """Record the date the contrat d'engagement et de confidentialité was signed, or clear it (None)."""
    today = ws.clock.today()
    with ws.store.session() as s:
        bpp = bpps.get(s, bpp_id)
        bpp.record_contract(signed_on)
        return bpps.save(s, bpp.validated(today))


def record_final_interview(ws: Workspace, bpp_id: int, held_on: date | None) -> Bpp:
    """Record the date of the individual entretien final (phase 4), or clear it (None). In a promotion it opens
    the agent's conclusion once held: it cannot come before the phase d'appui à la réalisation d'un plan
    d'action has begun."""
    today = ws.clock.today()
    with ws.store.session() as s:
        bpp = bpps.get(s, bpp_id)
        bpp.final_interview_on = held_on
        return bpps.save(s, dates_in(s, bpp, today).validated(today))


def record_referent(ws: Workspace, bpp_id: int, wish: bool | None, wish_on: date | None,
                    agreements: list[ReferentAgreement]) -> Bpp:
    """For an agent covered by art. L. 5212-13: whether the agent wishes the référent handicap associated with
    the bilan (and since when), and what was agreed on the guide's three points, each with its date."""
    today = ws.clock.today()
    with ws.store.session() as s:
        bpp = bpps.get(s, bpp_id)
        if PriorityGround.L5212_13 not in agents.get(s, bpp.agent_id).priority_grounds:
            raise DomainError("L'association du référent handicap concerne un agent bénéficiaire de l'obligation "
                              "d'emploi (art. L. 5212-13 du code du travail).")
        by_point: dict[ReferentPoint, ReferentAgreement] = {}
        for agreement in agreements:
            if agreement.point in by_point:
                raise DomainError(f"« {agreement.point.label} » figure deux fois.")
            by_point[agreement.point] = agreement
        bpp.referent_wish, bpp.referent_wish_on, bpp.referent_agreements = wish, wish_on, by_point
        bpps.save(s, bpp.validated(today))
        bpps.save_referent_agreements(s, bpp)
        return bpp


def record_restitution(ws: Workspace, bpp_id: int, on: date | None, notes: str = "") -> Bpp:
    """Record the agent's restitution to the group, which concludes the plan d'action (phase 3), or clear it."""
    today = ws.clock.today()
    with ws.store.session() as s:
        bpp = dates_in(s, bpps.get(s, bpp_id), today)
        bpp.restitution_on, bpp.restitution_notes = on, notes
        return bpps.save(s, bpp.validated(today))


def advance_bpp(ws: Workspace, bpp_id: int) -> Bpp:
    """Move an individual BPP into its next phase (or close it); the DomainError says what is missing."""
    today = ws.clock.today()
    with ws.store.session() as s:
        bpp = dates_in(s, bpps.get(s, bpp_id), today)
        bpp.advance_individually(today)
        return bpps.save(s, bpp.validated(today))


def add_exercise(ws: Workspace, exercise: Exercise) -> Exercise:
    """Record an exercise handed to the agent between séances."""
    today = ws.clock.today()
    with ws.store.session() as s:
        if exercise.id is not None:
            raise ValueError("this exercise is already saved: use update_exercise")
        bpps.get(s, exercise.bpp_id)
        return bpps.save_exercise(s, exercise.validated(today))


def update_exercise(ws: Workspace, exercise: Exercise) -> Exercise:
    """Save the exercise's text and dates (e.g. mark it done); it stays attached to its BPP."""
    today = ws.clock.today()
    with ws.store.session() as s:
        stored = bpps.get_exercise(s, _id(exercise))
        exercise.bpp_id = stored.bpp_id
        return bpps.save_exercise(s, exercise.validated(today))


def delete_exercise(ws: Workspace, exercise_id: int) -> None:
    with ws.store.session() as s:
        bpps.delete_exercise(s, exercise_id)


def exercises_for_bpp(ws: Workspace, bpp_id: int) -> list[Exercise]:
    """The BPP's exercises in the order they were handed out."""
    with ws.store.session() as s:
        bpps.get(s, bpp_id)
        return bpps.exercises(s, bpp_id)


def _id(entity: Bpp | Exercise) -> int:
    if entity.id is None:
        raise ValueError(f"{type(entity).__name__} has not been saved yet")
    return entity.id
