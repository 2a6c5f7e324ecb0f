"""Use cases of the document de synthèse: create it prefilled, co-edit it, finalise, co-sign, reopen.

The document belongs to the agent. It is prefilled from the agent's file, the BPP and the promotion's séances,
never from the CMC's private notes (agent or interview notes), which only get into it if typed there.
Content edits are the autosave target: cheap and not journaled, but each field keeps its author and time.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..data.models import AgentRow, DestructionRequestRow, InterviewRow, ReopeningRow, SynthesisRow
from ..data.repositories import audit, bpps, promotions, syntheses
from ..domain.agent import Agent, PriorityGround
from ..domain.audit import AuditCode
from ..domain.bpp import Exercise, Phase, exercise_text
from ..domain.dates import check_order, check_plausible, format_fr
from ..domain.errors import DomainError
from ..domain.interview import InterviewType
from ..domain.synthesis import Author, PlanAction, Synthesis, SynthesisStatus
from ..domain.synthesis_schema import FieldKind, SynthesisKind, field_specs
from ..domain.text import clean_long
from .bpp import current_dates
from .workspace import Workspace

_PHASE_KEYS = {Phase.LANCEMENT: "phase1_date", Phase.ANALYSE: "phase2_date", Phase.PLAN_ACTION: "phase3_date",
               Phase.CONCLUSION: "phase4_date"}


@dataclass(frozen=True)
class SynthesisSummary:
    """A line of the list of documents de synthèse."""

    id: int
    pseudo_id: str
    agent_id: int
    agent_display_name: str
    kind: SynthesisKind
    status: SynthesisStatus
    updated_at: datetime
    destruction_pending: bool


def create_synthesis(ws: Workspace, agent_id: int, kind: SynthesisKind, bpp_id: int | None = None) -> int:
    """A new document for the agent, prefilled; a BPP document attaches to `bpp_id`, else the latest BPP."""
    now = ws.clock.now()
    with ws.store.session() as s:
        agent = _agent(s, agent_id)
        bpp_id = _bpp_for(s, agent_id, kind, bpp_id)
        doc = Synthesis(agent_id=agent_id, kind=kind, bpp_id=bpp_id)
        for key, text in _prefill(s, agent, kind, bpp_id, ws.clock.today()).items():
            doc.set_text(key, text, Author.CMC, now)
        syntheses.insert(s, doc, now)
        audit.append(s, AuditCode.SYNTHESIS_CREATED, now, subject=doc.pseudo_id,
                     detail=f"agent={agent.pseudo_id} type={kind.value}")
        assert doc.id is not None
        return doc.id


def refresh_prefill(ws: Workspace, synthesis_id: int) -> list[str]:
    """Fill the still-empty header and date fields from the records (dates known since creation, e.g.
    phase 4); what is already written is never overwritten. Returns the keys filled."""
    now = ws.clock.now()
    with ws.store.session() as s:
        stored = syntheses.row(s, synthesis_id)
        doc = syntheses.to_synthesis(s, stored)
        known = _prefill(s, _agent(s, doc.agent_id), doc.kind, doc.bpp_id, ws.clock.today())
        filled = [key for key, text in known.items()
                  if not doc.text(key) and doc.set_text(key, text, Author.CMC, now)]
        for key in filled:
            syntheses.save_field(s, doc, key)
        if filled:
            stored.updated_at = now
        return filled


def load_synthesis(ws: Workspace, synthesis_id: int) -> Synthesis:
    with ws.store.session() as s:
        return syntheses.get(s, synthesis_id)


def syntheses_for_agent(ws: Workspace, agent_id: int) -> list[SynthesisSummary]:
    """The agent's documents, most recently updated first."""
    with ws.store.session() as s:
        _agent(s, agent_id)
        return _summaries(s, agent_id)


def list_syntheses(ws: Workspace) -> list[SynthesisSummary]:
    """Every document, most recently updated first."""
    with ws.store.session() as s:
        return _summaries(s, None)


def set_field(ws: Workspace, synthesis_id: int, key: str, text: str, author: Author) -> bool:
    """Write one field (autosave); False when the text is unchanged, so its authorship stays."""
    now = ws.clock.now()
    with ws.store.session() as s:
        stored = syntheses.row(s, synthesis_id)
        doc = syntheses.to_synthesis(s, stored, keys=[key])
        if not doc.set_text(key, text, author, now):
            return False
        syntheses.save_field(s, doc, key)
        stored.updated_at = now
        return True


def set_actions(ws: Workspace, synthesis_id: int, actions: list[PlanAction], author: Author) -> bool:
    """Replace the action plan; only actions whose content changed are attributed to `author`."""
    now = ws.clock.now()
    with ws.store.session() as s:
        stored = syntheses.row(s, synthesis_id)
        doc = syntheses.to_synthesis(s, stored)
        if not doc.set_actions(actions, author, now):
            return False
        syntheses.save_actions(s, doc)
        stored.updated_at = now
        return True


class EmptyRubrics(DomainError):
    """Finalising would leave rubrics empty: the agent is asked first (`headings`, in the document's order)."""

    def __init__(self, headings: list[str]) -> None:
        count = len(headings)
        super().__init__(f"{count} rubrique{'s' if count > 1 else ''} du document {'sont' if count > 1 else 'est'} "
                         f"vide{'s' if count > 1 else ''} : " + " ; ".join(headings) + ".")
        self.headings = headings


def empty_rubrics(ws: Workspace, synthesis_id: int) -> list[str]:
    """The headings of the rubrics nothing is written in yet (the action plan counts as one)."""
    with ws.store.session() as s:
        return syntheses.get(s, synthesis_id).empty_rubrics()


def finalise(ws: Workspace, synthesis_id: int, on: date, *, empty_accepted: bool = False) -> None:
    """The agent finalises the document on `on`: it is locked and a version is kept. It is the agent's document:
    rubrics may stay empty, but only once the agent has been told which (EmptyRubrics, unless
    `empty_accepted`); the finalised copy then reads « non renseigné » there."""
    now = ws.clock.now()
    check_plausible(on, "Date de finalisation", today=ws.clock.today(), future_years=0)
    with ws.store.session() as s:
        doc = syntheses.get(s, synthesis_id)
        empty = doc.empty_rubrics()
        if empty and not empty_accepted and not doc.locked:
            raise EmptyRubrics(empty)
        doc.finalise(on)
        syntheses.save_state(s, doc, now)
        number = syntheses.add_version(s, doc, "Finalisé par l'agent", now)
        audit.append(s, AuditCode.FINALISED, now, subject=doc.pseudo_id,
                     detail=f"version={number} rubriques_vides={len(empty)}")


def cosign(ws: Workspace, synthesis_id: int, agent_name: str, agent_on: date, cmc_name: str, cmc_on: date) -> None:
    """Record the co-signature (names and dates) of a finalised document."""
    now, today = ws.clock.now(), ws.clock.today()
    check_plausible(agent_on, "Date de signature de l'agent", today=today, future_years=0)
    check_plausible(cmc_on, "Date de signature du conseiller", today=today, future_years=0)
    with ws.store.session() as s:
        doc = syntheses.get(s, synthesis_id)
        doc.cosign(agent_name, agent_on, cmc_name, cmc_on)
        syntheses.save_state(s, doc, now)
        audit.append(s, AuditCode.COSIGNED, now, subject=doc.pseudo_id)


def reopen(ws: Workspace, synthesis_id: int, agent_request: str, on: date) -> None:
    """Reopen a finalised document at the agent's request, which is recorded; signatures no longer hold."""
    now = ws.clock.now()
    check_plausible(on, "Date de la demande", today=ws.clock.today(), future_years=0)
    agent_request = clean_long(agent_request, "Demande de l'agent").strip()
    with ws.store.session() as s:
        doc = syntheses.get(s, synthesis_id)
        check_order(doc.finalised_on, on, "La demande de réouverture ne peut pas précéder la finalisation.")
        doc.reopen(agent_request)
        s.add(ReopeningRow(synthesis_id=synthesis_id, requested_on=on, agent_request=agent_request))
        syntheses.save_state(s, doc, now)
        number = syntheses.add_version(s, doc, "Rouvert à la demande de l'agent", now)
        audit.append(s, AuditCode.REOPENED, now, subject=doc.pseudo_id, detail=f"version={number}")


def exercises_to_bring(ws: Workspace, synthesis_id: int) -> list[Exercise]:
    """The exercises of the document's bilan (with the animator's comments), which the agent may choose to bring
    into the document: nothing of them gets there otherwise."""
    with ws.store.session() as s:
        doc = syntheses.row(s, synthesis_id)
        return [] if doc.bpp_id is None else bpps.exercises(s, doc.bpp_id)


@dataclass(frozen=True)
class ExerciseChoice:
    """One exercise the agent chose to bring: the exercise itself, the animator's comment, or both."""

    exercise_id: int
    exercise: bool = True
    comment: bool = False


def bring_exercises(ws: Workspace, synthesis_id: int, key: str, choices: list[ExerciseChoice], author: Author) -> bool:
    """Add, at the end of rubric `key`, the exercises and comments the agent chose; False if nothing was chosen."""
    now = ws.clock.now()
    with ws.store.session() as s:
        stored = syntheses.row(s, synthesis_id)
        spec = field_specs(stored.kind).get(key)
        if spec is None or spec.kind is not FieldKind.TEXT:
            raise DomainError("Choisissez la rubrique du document où reprendre les exercices.")
        own = {e.id: e for e in ([] if stored.bpp_id is None else bpps.exercises(s, stored.bpp_id))}
        if any(c.exercise_id not in own for c in choices):
            raise DomainError("Cet exercice n'appartient pas au bilan de ce document.")
        paragraphs = [exercise_text(own[c.exercise_id], with_exercise=c.exercise, with_comment=c.comment)
                      for c in choices if c.exercise or c.comment]
        paragraphs = [p for p in paragraphs if p]
        if not paragraphs:
            return False
        doc = syntheses.to_synthesis(s, stored, keys=[key])
        current = doc.text(key).rstrip()
        doc.set_text(key, "\n\n".join([current, *paragraphs] if current else paragraphs), author, now)
        syntheses.save_field(s, doc, key)
        stored.updated_at = now
        return True


def referent_prompt(ws: Workspace, synthesis_id: int) -> str:
    """For the agent of a BPP covered by art. L. 5212-13, what rubric 1.2 invites (the material arrangements,
    and what was agreed with the référent handicap, for the agent to write or not); '' otherwise."""
    with ws.store.session() as s:
        doc = syntheses.row(s, synthesis_id)
        grounds = s.execute(select(AgentRow.priority_grounds).where(AgentRow.id == doc.agent_id)).scalar()
        if doc.kind is not SynthesisKind.BPP or PriorityGround.L5212_13 not in (grounds or frozenset()):
            return ""
        bpp = None if doc.bpp_id is None else bpps.get(s, doc.bpp_id)
    text = ("L'agent est bénéficiaire de l'obligation d'emploi (article L. 5212-13 du code du travail) : la rubrique "
            "1.2. peut indiquer, s'il le souhaite, les modalités matérielles de son bilan.")
    if bpp is not None and bpp.referent_agreements:
        agreed = "; ".join(f"{a.point.label} (convenu le {format_fr(a.agreed_on)}) : {a.text}"
                           for a in bpp.referent_agreements.values())
        text += f" Convenu avec le référent handicap : {agreed}."
    return text + " Cette rubrique n'est transmise à un tiers que si l'agent la coche dans son consentement."


def private_notes_free(ws: Workspace, synthesis_id: int) -> bool:
    """Whether no paragraph of the CMC's private notes on this agent (file or interviews) appears in the
    document: the UI warns before an export otherwise, since only the agent may decide to include them."""
    with ws.store.session() as s:
        doc = syntheses.get(s, synthesis_id)
        notes = [s.execute(select(AgentRow.private_notes).where(AgentRow.id == doc.agent_id)).scalar() or ""]
        notes += s.execute(select(InterviewRow.private_notes).where(InterviewRow.agent_id == doc.agent_id)).scalars()
    body = "\n".join([v.text for v in doc.values.values()]
                     + [f"{a.title}\n{a.duree}\n{a.date_realisation}\n" + "\n".join(a.steps) for a in doc.actions])
    paragraphs = {line.strip() for note in notes for line in note.splitlines()}
    # Very short lines ("RAS", a date) would match by chance: they say nothing private on their own.
    return not any(len(p) >= 12 and p in body for p in paragraphs)


def _agent(session: Session, agent_id: int) -> AgentRow:
    agent = session.get(AgentRow, agent_id)
    if agent is None:
        raise DomainError("Agent introuvable : son dossier a peut-être été supprimé.")
    return agent


def _bpp_for(session: Session, agent_id: int, kind: SynthesisKind, bpp_id: int | None) -> int | None:
    if kind is not SynthesisKind.BPP:
        if bpp_id is not None:
            raise DomainError(f"Le document de synthèse « {kind.label} » ne se rattache pas à un BPP.")
        return None
    if bpp_id is None:
        latest = bpps.for_agent(session, agent_id)
        if not latest:
            return None
        bpp_id = latest[0].id
    elif bpps.get(session, bpp_id).agent_id != agent_id:
        raise DomainError("Ce bilan de parcours professionnel appartient à un autre agent.")
    if session.execute(select(SynthesisRow.id).where(SynthesisRow.bpp_id == bpp_id)).first() is not None:
        raise DomainError("Ce bilan a déjà son document de synthèse : ouvrez-le plutôt que d'en créer un autre.")
    return bpp_id


def _prefill(session: Session, agent: AgentRow, kind: SynthesisKind, bpp_id: int | None,
             today: date) -> dict[str, str]:
    """Header and dates from the records; empty values are left out."""
    values = {
        "agent": _display_name(agent.last_name, agent.first_name),
        "fonction": agent.fonction,
        "categorie": agent.category.value if agent.category else "",
        "date_prise_fonction": format_fr(agent.date_prise_fonction),
    }
    if kind is SynthesisKind.E2:
        first = session.execute(select(InterviewRow.held_on).where(
            InterviewRow.agent_id == agent.id, InterviewRow.type == InterviewType.E2)
            .order_by(InterviewRow.held_on).limit(1)).scalar()
        values["date_lancement"] = format_fr(first)
    elif kind is SynthesisKind.E4:
        latest = session.execute(select(InterviewRow.held_on).where(
            InterviewRow.agent_id == agent.id, InterviewRow.type == InterviewType.E4)
            .order_by(InterviewRow.held_on.desc()).limit(1)).scalar()
        values["date_lancement"] = format_fr(latest)
    elif bpp_id is not None:
        bpp = current_dates(session, bpps.get(session, bpp_id), today)  # phases dated as of today
        values["date_lancement"] = format_fr(bpp.phase_dates.get(Phase.LANCEMENT))
        values |= {key: format_fr(bpp.phase_dates.get(phase)) for phase, key in _PHASE_KEYS.items()}
        values["entretien_initial_date"] = format_fr(bpp.initial_interview_on)
        values["entretien_final_date"] = format_fr(bpp.final_interview_on)
        if bpp.promotion_id is not None:
            # Annexe 2 lists the séances under phase 2; a séance the agent missed is not theirs.
            values["seances_dates"] = ", ".join(
                format_fr(x.held_on) for x in promotions.seances(session, bpp.promotion_id)
                if x.phase is Phase.ANALYSE and x.attendance.get(agent.id) is not False)
    return {key: text for key, text in values.items() if text}


def _summaries(session: Session, agent_id: int | None) -> list[SynthesisSummary]:
    pending = exists().where(DestructionRequestRow.synthesis_id == SynthesisRow.id,
                             DestructionRequestRow.carried_out_at.is_(None))
    query = (select(SynthesisRow, AgentRow.last_name, AgentRow.first_name, pending)
             .join(AgentRow, AgentRow.id == SynthesisRow.agent_id)
             .order_by(SynthesisRow.updated_at.desc(), SynthesisRow.id.desc()))
    if agent_id is not None:
        query = query.where(SynthesisRow.agent_id == agent_id)
    return [SynthesisSummary(row.id, row.pseudo_id, row.agent_id, _display_name(last, first), row.kind,
                             row.status, row.updated_at, bool(is_pending))
            for row, last, first, is_pending in session.execute(query)]


def _display_name(last_name: str, first_name: str) -> str:
    return Agent(last_name, first_name, pseudo_id="").display_name
