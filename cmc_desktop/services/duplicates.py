"""Two files for one person: the files a new one may duplicate, and merging a duplicate into the file kept.

A merge moves every row that points at the duplicate — whatever its table, so that a table added later moves
too — to the kept file, completes the kept identity (domain.duplicates.merged_identity), then deletes the
duplicate through the same path as a purge: one content-free tombstone, so that restoring an older backup
does not bring the second file back, one journal entry naming both pseudonymous ids.
"""

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ..data.models import AccompanimentRow, AgentRow, Base, DemandeRow
from ..data.repositories import agent_list, agents, audit, bpps
from ..domain.audit import AuditCode
from ..domain.demande import Decision
from ..domain.duplicates import MergeFacts, PersonKey, find_duplicates, merge_blockers, merged_identity
from ..domain.errors import DomainError, ValidationError
from .tombstones import Tombstone, TombstoneKind, TombstoneReason, remove_agents, write_tombstone
from .workspace import Workspace

# Enough to hold every same-name file of a caseload; the search is by name tokens, so it rarely returns more.
_CANDIDATES = 200


@dataclass(frozen=True)
class DuplicateView:
    """An existing file that may be the same person's."""

    id: int
    pseudo_id: str
    display_name: str
    """« Prénom NOM »."""
    birth_year: int | None
    service: str
    reasons: tuple[str, ...]
    certain: bool

    @property
    def reasons_text(self) -> str:
        return " ; ".join(self.reasons)


@dataclass(frozen=True)
class MergePreview:
    """What merging `merged` into `kept` would move, and what stops it for now."""

    kept_id: int
    kept_name: str
    merged_id: int
    merged_name: str
    moved: tuple[str, ...]
    blockers: tuple[str, ...]


def duplicates_of(session: Session, last_name: str, first_name: str, birth_year: int | None, email: str,
                  *, exclude: int | None = None) -> list[DuplicateView]:
    """The files find_duplicates matches with these names, birth year and e-mail (in the caller's session)."""
    match = agent_list.match_expression(f"{last_name} {first_name}")
    if match is None:
        return []
    ids = [line.id for line in agent_list.search(session, match, offset=0, limit=_CANDIDATES) if line.id != exclude]
    rows = {row.id: row for row in session.execute(select(AgentRow).where(AgentRow.id.in_(ids))).scalars()}
    existing = [PersonKey(r.last_name, r.first_name, r.birth_year, r.email, r.id) for r in rows.values()]
    found = find_duplicates(PersonKey(last_name, first_name, birth_year, email), existing)
    return [DuplicateView(_id(m.existing.id), rows[_id(m.existing.id)].pseudo_id,
                          agents.to_agent(rows[_id(m.existing.id)]).display_name, m.existing.birth_year,
                          rows[_id(m.existing.id)].service, m.reasons, m.certain) for m in found]


def duplicates_of_agent(ws: Workspace, agent_id: int) -> list[DuplicateView]:
    """The other files that may be this agent's (to offer a merge from the agent's file)."""
    with ws.store.session() as s:
        agent = agents.get(s, agent_id)
        return duplicates_of(s, agent.last_name, agent.first_name, agent.birth_year, agent.email, exclude=agent_id)


def merge_preview(ws: Workspace, kept_id: int, merged_id: int) -> MergePreview:
    with ws.store.session() as s:
        return _preview(s, kept_id, merged_id)


def merge_agents(ws: Workspace, kept_id: int, merged_id: int) -> None:
    """Move everything of `merged_id` to `kept_id` and delete the duplicate; all or nothing."""
    today, now = ws.clock.today(), ws.clock.now()
    with ws.store.session() as s:
        preview = _preview(s, kept_id, merged_id)
        if preview.blockers:
            raise ValidationError(" ".join(preview.blockers))
        kept, merged = agents.get(s, kept_id), agents.get(s, merged_id)
        combined = merged_identity(kept, merged).validated(today)
        for table, column in _agent_references():
            # OR IGNORE: a row the kept file already holds (the same séance's attendance) stays as it is; the
            # duplicate's copy is then deleted with the duplicate.
            s.execute(text(f"UPDATE OR IGNORE {table} SET {column} = :kept WHERE {column} = :merged"),
                      {"kept": kept_id, "merged": merged_id})
        s.expire_all()
        agents.save(s, combined)
        created = s.execute(select(AgentRow.created_at).where(AgentRow.id == merged_id)).scalar_one()
        # Nothing to clean in the copies: the duplicate's content lives on in the kept file (TombstoneReason.MERGE).
        write_tombstone(s, Tombstone(TombstoneKind.AGENT, merged.pseudo_id, now, TombstoneReason.MERGE,
                                     created_on=created.date(), requested_on=today, copies_settled_at=now))
        audit.append(s, AuditCode.AGENT_MERGED, now, subject=kept.pseudo_id, detail=f"fusionne={merged.pseudo_id}")
        remove_agents(s, [merged_id], keep_activity=False)
    ws.store.checkpoint()


def _preview(session: Session, kept_id: int, merged_id: int) -> MergePreview:
    if kept_id == merged_id:
        raise DomainError("Choisissez deux dossiers différents à fusionner.")
    kept, merged = agents.get(session, kept_id), agents.get(session, merged_id)
    moved = []
    for label, table, column in (("demande d'accompagnement", "accompaniments", "agent_id"),
                                 ("demande de BPP", "demandes", "agent_id"), ("entretien", "interviews", "agent_id"),
                                 ("BPP", "bpps", "agent_id"), ("document de synthèse", "syntheses", "agent_id"),
                                 ("questionnaire de satisfaction", "satisfactions", "agent_id")):
        count = session.execute(text(f"SELECT count(*) FROM {table} WHERE {column} = :id"),
                                {"id": merged_id}).scalar_one()
        if count:
            moved.append(f"{count} {label if count == 1 else _plural(label)}")
    blockers = merge_blockers(_facts(session, kept_id), _facts(session, merged_id))
    return MergePreview(kept_id, kept.display_name, merged_id, merged.display_name, tuple(moved), tuple(blockers))


def _facts(session: Session, agent_id: int) -> MergeFacts:
    open_accompaniment = session.execute(select(func.count()).select_from(AccompanimentRow).where(
        AccompanimentRow.agent_id == agent_id, AccompanimentRow.closed_on.is_(None))).scalar_one()
    pending = session.execute(select(func.count()).select_from(DemandeRow).where(
        DemandeRow.agent_id == agent_id, DemandeRow.decision == Decision.EN_ATTENTE)).scalar_one()
    return MergeFacts(open_bpp=bpps.has_open(session, agent_id), open_accompaniment=bool(open_accompaniment),
                      pending_demande=bool(pending))


def _agent_references() -> list[tuple[str, str]]:
    """(table, column) of every foreign key to agents.id, read from the models."""
    return sorted({(table.name, fk.parent.name) for table in Base.metadata.sorted_tables
                   for fk in table.foreign_keys if fk.column.table.name == AgentRow.__tablename__})


def _plural(label: str) -> str:
    return {"demande d'accompagnement": "demandes d'accompagnement", "demande de BPP": "demandes de BPP",
            "entretien": "entretiens", "BPP": "BPP", "document de synthèse": "documents de synthèse",
            "questionnaire de satisfaction": "questionnaires de satisfaction"}[label]


def _id(value: int | None) -> int:
    if value is None:
        raise ValueError("an existing file has an id")
    return value

