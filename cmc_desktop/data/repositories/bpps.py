"""BPPs and the exercises handed out between séances: ORM rows <-> domain objects."""

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ...domain.bpp import Bpp, Exercise, Phase, ReferentAgreement
from ...domain.demande import Demande
from ...domain.errors import DomainError
from ..models import AgentRow, BppRow, DemandeRow, ExerciseRow, ReferentAgreementRow
from .demandes import to_demande

_PHASE_COLUMNS = {Phase.LANCEMENT: "phase1_on", Phase.ANALYSE: "phase2_on", Phase.PLAN_ACTION: "phase3_on",
                  Phase.CONCLUSION: "phase4_on"}


def to_bpp(row: BppRow, agreements: list[ReferentAgreementRow] | None = None) -> Bpp:
    """The domain BPP; the référent handicap's agreements only when given (get() reads them)."""
    dates = {phase: getattr(row, column) for phase, column in _PHASE_COLUMNS.items()}
    return Bpp(agent_id=row.agent_id, form=row.form, demande_id=row.demande_id, promotion_id=row.promotion_id,
               individual_reason=row.individual_reason, current_phase=row.current_phase,
               phase_dates={phase: day for phase, day in dates.items() if day is not None},
               initial_interview_on=row.initial_interview_on, final_interview_on=row.final_interview_on,
               contract_signed_on=row.contract_signed_on, closed_on=row.closed_on, id=row.id,
               referent_wish=row.referent_wish, referent_wish_on=row.referent_wish_on,
               referent_agreements={a.point: ReferentAgreement(a.point, a.agreed_on, a.text) for a in agreements or []},
               restitution_on=row.restitution_on, restitution_notes=row.restitution_notes)


def _row(session: Session, bpp_id: int) -> BppRow:
    row = session.get(BppRow, bpp_id)
    if row is None:
        raise DomainError("Ce bilan de parcours professionnel n'existe pas ou a été supprimé.")
    return row


def get(session: Session, bpp_id: int) -> Bpp:
    agreements = session.execute(select(ReferentAgreementRow).where(ReferentAgreementRow.bpp_id == bpp_id))
    return to_bpp(_row(session, bpp_id), list(agreements.scalars()))


def save(session: Session, bpp: Bpp) -> Bpp:
    """Insert (id None) or update the BPP; returns it with its id."""
    row = BppRow() if bpp.id is None else _row(session, bpp.id)
    row.agent_id, row.form, row.demande_id = bpp.agent_id, bpp.form, bpp.demande_id
    row.promotion_id, row.individual_reason = bpp.promotion_id, bpp.individual_reason
    row.current_phase = bpp.current_phase
    for phase, column in _PHASE_COLUMNS.items():
        setattr(row, column, bpp.phase_dates.get(phase))
    row.initial_interview_on, row.final_interview_on = bpp.initial_interview_on, bpp.final_interview_on
    row.contract_signed_on, row.closed_on = bpp.contract_signed_on, bpp.closed_on
    row.referent_wish, row.referent_wish_on = bpp.referent_wish, bpp.referent_wish_on
    row.restitution_on, row.restitution_notes = bpp.restitution_on, bpp.restitution_notes
    if bpp.id is None:
        session.add(row)
        session.flush()
        bpp.id = row.id
    return bpp


def save_referent_agreements(session: Session, bpp: Bpp) -> None:
    """Replace the BPP's agreements with the référent handicap by those it holds (secure_delete wipes the old)."""
    session.execute(delete(ReferentAgreementRow).where(ReferentAgreementRow.bpp_id == bpp.id))
    session.add_all(ReferentAgreementRow(bpp_id=bpp.id, point=a.point, agreed_on=a.agreed_on, text=a.text)
                    for a in bpp.referent_agreements.values())
    session.flush()


def for_agent(session: Session, agent_id: int) -> list[Bpp]:
    """The agent's bilans, most recent first."""
    rows = session.execute(select(BppRow).where(BppRow.agent_id == agent_id).order_by(BppRow.id.desc()))
    return [to_bpp(r) for r in rows.scalars()]


def for_demande(session: Session, demande_id: int) -> Bpp | None:
    row = session.execute(select(BppRow).where(BppRow.demande_id == demande_id)).scalars().first()
    return None if row is None else to_bpp(row)


def has_open(session: Session, agent_id: int, *, besides: int | None = None) -> bool:
    """Whether the agent has a BPP not yet closed (other than the one with id `besides`)."""
    query = select(BppRow.id).where(BppRow.agent_id == agent_id, BppRow.closed_on.is_(None))
    if besides is not None:
        query = query.where(BppRow.id != besides)
    return session.execute(query.limit(1)).first() is not None


def in_promotion(session: Session, promotion_id: int) -> list[Bpp]:
    rows = session.execute(select(BppRow).where(BppRow.promotion_id == promotion_id).order_by(BppRow.id))
    return [to_bpp(r) for r in rows.scalars()]


def demande(session: Session, demande_id: int) -> Demande:
    row = session.get(DemandeRow, demande_id)
    if row is None:
        raise DomainError("Cette demande de BPP n'existe pas ou a été supprimée.")
    return to_demande(row)


def agent_pseudo_id(session: Session, agent_id: int) -> str:
    """The pseudonymous id the audit journal uses for the agent."""
    pseudo_id = session.execute(select(AgentRow.pseudo_id).where(AgentRow.id == agent_id)).scalar()
    if pseudo_id is None:
        raise DomainError("Cet agent n'existe pas ou a été supprimé.")
    return pseudo_id


def to_exercise(row: ExerciseRow) -> Exercise:
    return Exercise(bpp_id=row.bpp_id, title=row.title, given_on=row.given_on, due_on=row.due_on,
                    done_on=row.done_on, instructions=row.instructions, id=row.id,
                    animator_comment=row.animator_comment)


def _exercise_row(session: Session, exercise_id: int) -> ExerciseRow:
    row = session.get(ExerciseRow, exercise_id)
    if row is None:
        raise DomainError("Cet exercice n'existe pas ou a été supprimé.")
    return row


def get_exercise(session: Session, exercise_id: int) -> Exercise:
    return to_exercise(_exercise_row(session, exercise_id))


def save_exercise(session: Session, exercise: Exercise) -> Exercise:
    row = ExerciseRow() if exercise.id is None else _exercise_row(session, exercise.id)
    row.bpp_id, row.title, row.instructions = exercise.bpp_id, exercise.title, exercise.instructions
    row.given_on, row.due_on, row.done_on = exercise.given_on, exercise.due_on, exercise.done_on
    row.animator_comment = exercise.animator_comment
    if exercise.id is None:
        session.add(row)
        session.flush()
        exercise.id = row.id
    return exercise


def delete_exercise(session: Session, exercise_id: int) -> None:
    session.delete(_exercise_row(session, exercise_id))


def exercises(session: Session, bpp_id: int) -> list[Exercise]:
    """The exercises of a BPP in the order they were handed out."""
    rows = session.execute(select(ExerciseRow).where(ExerciseRow.bpp_id == bpp_id)
                           .order_by(ExerciseRow.given_on, ExerciseRow.id))
    return [to_exercise(r) for r in rows.scalars()]


def exercise_counts(session: Session, bpp_ids: list[int]) -> dict[int, tuple[int, int]]:
    """For each BPP id: (exercises given, exercises done)."""
    rows = session.execute(
        select(ExerciseRow.bpp_id, func.count(), func.count(ExerciseRow.done_on))
        .where(ExerciseRow.bpp_id.in_(bpp_ids)).group_by(ExerciseRow.bpp_id))
    counts = {bpp_id: (given, done) for bpp_id, given, done in rows}
    return {bpp_id: counts.get(bpp_id, (0, 0)) for bpp_id in bpp_ids}
