"""Importing a caseload: preview the spreadsheet with a column mapping, then, once the CMC confirms, create every
accepted file in one transaction — all or nothing. Nothing is written before the confirmation; the source file
stays where it is (never copied into the data folder) and the CMC is reminded to delete it.
"""

from dataclasses import dataclass, replace

from sqlalchemy import select

from ..data.models import AgentRow
from ..data.repositories import agents, audit
from ..domain.audit import AuditCode
from ..domain.caseload import Column, RowResult, mark_duplicates, name_key, read_row
from ..domain.errors import DomainError
from .caseload_files import Table
from .workspace import Workspace

REMINDER = ("Le fichier d'origine n'a pas été copié dans votre dossier chiffré : il reste en clair là où vous "
            "l'avez enregistré. Une fois l'import vérifié, supprimez-le (et videz la corbeille).")


@dataclass(frozen=True)
class ImportPreview:
    """Every data row, read with `mapping`: accepted (possibly a duplicate) or refused with its reason."""

    mapping: list[Column]
    rows: list[RowResult]

    @property
    def accepted(self) -> list[RowResult]:
        return [r for r in self.rows if r.accepted]

    @property
    def refused(self) -> list[RowResult]:
        return [r for r in self.rows if not r.accepted and r.reason]

    @property
    def duplicates(self) -> list[RowResult]:
        return [r for r in self.rows if r.accepted and r.duplicates]

    def to_create(self, include_duplicates: bool) -> list[RowResult]:
        return [r for r in self.accepted if include_duplicates or not r.duplicates]

    def report(self) -> str:
        """The refused rows, one per line, with their reason (to read or copy before confirming)."""
        return "\n".join(f"Ligne {r.line} : {r.reason}" for r in self.refused)


def preview(ws: Workspace, table: Table, mapping: list[Column]) -> ImportPreview:
    """Read every row with `mapping` and compare the names with the files already in the store (read only)."""
    missing = [c.label for c in (Column.LAST_NAME, Column.FIRST_NAME) if c not in mapping]
    if missing:
        raise DomainError("Indiquez la colonne qui contient : " + " et ".join(missing) + ".")
    chosen = [c for c in mapping if c is not Column.IGNORE]
    doubled = sorted({c.label for c in chosen if chosen.count(c) > 1})
    if doubled:
        raise DomainError("Une même information est attribuée à plusieurs colonnes : " + ", ".join(doubled) + ".")
    today = ws.clock.today()
    rows = [read_row(index + 2, cells, mapping, today) for index, cells in enumerate(table.rows)
            if any(cell.strip() for cell in cells)]
    existing: dict[str, list[str]] = {}
    with ws.store.session() as s:
        for last, first, pseudo_id in s.execute(select(AgentRow.last_name, AgentRow.first_name, AgentRow.pseudo_id)):
            existing.setdefault(name_key(last, first), []).append(f"{first} {last.upper()} ({pseudo_id})")
    return ImportPreview(mapping, mark_duplicates(rows, existing))


def commit(ws: Workspace, result: ImportPreview, *, include_duplicates: bool = False) -> int:
    """Create the accepted files in one transaction (each journaled, plus the import itself); returns how many."""
    chosen = result.to_create(include_duplicates)
    if not chosen:
        raise DomainError("Aucune ligne à importer : corrigez le fichier ou l'attribution des colonnes.")
    now = ws.clock.now()
    with ws.store.session() as s:
        for row in chosen:
            assert row.agent is not None
            agent = agents.save(s, replace(row.agent, id=None))  # a copy: the preview stays as it was shown
            audit.append(s, AuditCode.AGENT_CREATED, now, subject=agent.pseudo_id, detail="import")
        audit.append(s, AuditCode.CASELOAD_IMPORTED, now,
                     detail=f"crees={len(chosen)} refuses={len(result.refused)} "
                            f"doublons_ecartes={0 if include_duplicates else len(result.duplicates)}")
    return len(chosen)
