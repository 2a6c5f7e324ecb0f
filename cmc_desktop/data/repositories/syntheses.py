"""Documents de synthèse: ORM rows <-> domain Synthesis, with their fields, action plan and versions."""

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ...domain.bpp import BppForm
from ...domain.errors import DomainError
from ...domain.synthesis import FieldValue, PlanAction, Synthesis
from ..models import BppRow, SynthesisActionRow, SynthesisFieldRow, SynthesisRow, SynthesisVersionRow


def row(session: Session, synthesis_id: int) -> SynthesisRow:
    found = session.get(SynthesisRow, synthesis_id)
    if found is None:
        raise DomainError("Ce document de synthèse n'existe pas ou a été détruit.")
    return found


def to_synthesis(session: Session, synthesis: SynthesisRow, keys: list[str] | None = None) -> Synthesis:
    """The domain document; with `keys`, only those fields are loaded (and no action plan)."""
    fields = select(SynthesisFieldRow).where(SynthesisFieldRow.synthesis_id == synthesis.id)
    if keys is not None:
        fields = fields.where(SynthesisFieldRow.key.in_(keys))
    values = {f.key: FieldValue(f.text, f.author, f.updated_at) for f in session.execute(fields).scalars()}
    actions = [] if keys is not None else [
        PlanAction(a.title, a.duree, a.date_realisation, list(a.steps or []), a.author, a.updated_at, a.criteria)
        for a in session.execute(select(SynthesisActionRow).where(SynthesisActionRow.synthesis_id == synthesis.id)
                                 .order_by(SynthesisActionRow.position)).scalars()]
    return Synthesis(agent_id=synthesis.agent_id, kind=synthesis.kind, values=values, actions=actions,
                     status=synthesis.status, finalised_on=synthesis.finalised_on,
                     agent_signatory=synthesis.agent_signatory, agent_signed_on=synthesis.agent_signed_on,
                     cmc_signatory=synthesis.cmc_signatory, cmc_signed_on=synthesis.cmc_signed_on,
                     bpp_id=synthesis.bpp_id, id=synthesis.id, pseudo_id=synthesis.pseudo_id,
                     collective=_collective(session, synthesis.bpp_id))


def _collective(session: Session, bpp_id: int | None) -> bool:
    """A BPP is collective by default: only a bilan recorded as individual is not."""
    form = None if bpp_id is None else session.execute(select(BppRow.form).where(BppRow.id == bpp_id)).scalar()
    return form is not BppForm.INDIVIDUEL


def get(session: Session, synthesis_id: int) -> Synthesis:
    return to_synthesis(session, row(session, synthesis_id))


def insert(session: Session, synthesis: Synthesis, now: datetime) -> Synthesis:
    """Store a new document with its fields and action plan; returns it with its id."""
    new = SynthesisRow(pseudo_id=synthesis.pseudo_id, agent_id=synthesis.agent_id, bpp_id=synthesis.bpp_id,
                       kind=synthesis.kind, created_at=now)
    _copy_state(new, synthesis, now)
    session.add(new)
    session.flush()
    synthesis.id = new.id
    for key in synthesis.values:
        save_field(session, synthesis, key)
    save_actions(session, synthesis)
    return synthesis


def save_state(session: Session, synthesis: Synthesis, now: datetime) -> None:
    """Status, finalisation and signatures; also marks the document as updated at `now`."""
    _copy_state(row(session, _id(synthesis)), synthesis, now)


def _copy_state(stored: SynthesisRow, synthesis: Synthesis, now: datetime) -> None:
    # updated_at is always set from the workspace clock: the model's onupdate default is the machine's.
    stored.status, stored.finalised_on = synthesis.status, synthesis.finalised_on
    stored.agent_signatory, stored.agent_signed_on = synthesis.agent_signatory, synthesis.agent_signed_on
    stored.cmc_signatory, stored.cmc_signed_on = synthesis.cmc_signatory, synthesis.cmc_signed_on
    stored.updated_at = now


def save_field(session: Session, synthesis: Synthesis, key: str) -> None:
    value = synthesis.values[key]
    stored = session.get(SynthesisFieldRow, (_id(synthesis), key))
    if stored is None:
        stored = SynthesisFieldRow(synthesis_id=_id(synthesis), key=key)
        session.add(stored)
    stored.text, stored.author, stored.updated_at = value.text, value.author, value.updated_at


def save_actions(session: Session, synthesis: Synthesis) -> None:
    """Replace the action plan rows (secure_delete wipes the old ones)."""
    session.execute(delete(SynthesisActionRow).where(SynthesisActionRow.synthesis_id == _id(synthesis)))
    for position, action in enumerate(synthesis.actions):
        session.add(SynthesisActionRow(synthesis_id=_id(synthesis), position=position, title=action.title,
                                       duree=action.duree, date_realisation=action.date_realisation,
                                       steps=list(action.steps), author=action.author,
                                       updated_at=action.updated_at, criteria=action.criteria))
    session.flush()


def add_version(session: Session, synthesis: Synthesis, label: str, now: datetime) -> int:
    """Snapshot the content as the next version; returns its number (1, 2, …)."""
    last = session.execute(select(func.max(SynthesisVersionRow.number))
                           .where(SynthesisVersionRow.synthesis_id == _id(synthesis))).scalar()
    number = (last or 0) + 1
    session.add(SynthesisVersionRow(synthesis_id=_id(synthesis), number=number, created_at=now, label=label,
                                    snapshot=synthesis.snapshot()))
    session.flush()
    return number


def versions(session: Session, synthesis_id: int) -> list[SynthesisVersionRow]:
    return list(session.execute(select(SynthesisVersionRow).where(SynthesisVersionRow.synthesis_id == synthesis_id)
                                .order_by(SynthesisVersionRow.number)).scalars())


def version_snapshot(session: Session, synthesis_id: int, number: int) -> dict[str, Any]:
    snapshot = session.execute(select(SynthesisVersionRow.snapshot).where(
        SynthesisVersionRow.synthesis_id == synthesis_id, SynthesisVersionRow.number == number)).scalar()
    if snapshot is None:
        raise DomainError(f"La version {number} de ce document n'existe pas.")
    return snapshot


def _id(synthesis: Synthesis) -> int:
    if synthesis.id is None:
        raise ValueError("this synthesis has not been saved yet")
    return synthesis.id
