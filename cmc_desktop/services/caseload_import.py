"""Importing a caseload: preview the spreadsheet with a column mapping, then, once the CMC confirms, create every
accepted file in one transaction — all or nothing. Nothing is written before the confirmation; the source file
stays where it is (never copied into the data folder) and the CMC is reminded to delete it.

Both are written as steps (domain/progress.py) so that the dialog runs them off the GUI thread with a progress
bar; `preview` and `commit` run them through.
"""

from dataclasses import dataclass, replace

from sqlalchemy import select

from ..data.models import AgentRow
from ..data.repositories import agents, audit
from ..domain.audit import AuditCode
from ..domain.caseload import Column, RowResult, mark_duplicates, read_row
from ..domain.duplicates import PersonKey
from ..domain.errors import DomainError
from ..domain.progress import Step, Steps, run_to_end
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


# A step every so many rows: often enough for the bar to move, rarely enough to cost nothing.
_ROWS_PER_STEP = 25


def preview(ws: Workspace, table: Table, mapping: list[Column]) -> ImportPreview:
    return run_to_end(preview_steps(ws, table, mapping))


def preview_steps(ws: Workspace, table: Table, mapping: list[Column]) -> Steps[ImportPreview]:
    """Read every row with `mapping` and look for duplicates of the files already in the store (read only)."""
    missing = [c.label for c in (Column.LAST_NAME, Column.FIRST_NAME) if c not in mapping]
    if missing:
        raise DomainError("Indiquez la colonne qui contient : " + " et ".join(missing) + ".")
    chosen = [c for c in mapping if c is not Column.IGNORE]
    doubled = sorted({c.label for c in chosen if chosen.count(c) > 1})
    if doubled:
        raise DomainError("Une même information est attribuée à plusieurs colonnes : " + ", ".join(doubled) + ".")
    today = ws.clock.today()
    lines = [(index + 2, cells) for index, cells in enumerate(table.rows) if any(cell.strip() for cell in cells)]
    rows: list[RowResult] = []
    for done, (line, cells) in enumerate(lines):
        if done % _ROWS_PER_STEP == 0:
            yield Step(80 * done // len(lines), f"Lecture de la ligne {line}")
        rows.append(read_row(line, cells, mapping, today))
    yield Step(80, "Recherche des doublons parmi les dossiers existants")
    with ws.store.session() as s:
        existing = [(PersonKey(r.last_name, r.first_name, r.birth_year, r.email, r.id),
                     f"{r.first_name} {r.last_name.upper()} ({r.pseudo_id})")
                    for r in s.execute(select(AgentRow.id, AgentRow.pseudo_id, AgentRow.last_name,
                                              AgentRow.first_name, AgentRow.birth_year, AgentRow.email))]
    return ImportPreview(mapping, mark_duplicates(rows, existing))


def commit(ws: Workspace, result: ImportPreview, *, include_duplicates: bool = False) -> int:
    return run_to_end(commit_steps(ws, result, include_duplicates=include_duplicates))


def commit_steps(ws: Workspace, result: ImportPreview, *, include_duplicates: bool = False) -> Steps[int]:
    """Create the accepted files in one transaction (each journaled, plus the import itself); returns how many.
    Stopped between two steps, the transaction is rolled back: nothing is created."""
    chosen = result.to_create(include_duplicates)
    if not chosen:
        raise DomainError("Aucune ligne à importer : corrigez le fichier ou l'attribution des colonnes.")
    now = ws.clock.now()
    with ws.store.session() as s:
        for done, row in enumerate(chosen):
            if done % _ROWS_PER_STEP == 0:
                yield Step(100 * done // len(chosen), f"Création du dossier {done + 1} sur {len(chosen)}")
            assert row.agent is not None
            agent = agents.save(s, replace(row.agent, id=None))  # a copy: the preview stays as it was shown
            audit.append(s, AuditCode.AGENT_CREATED, now, subject=agent.pseudo_id, detail="import")
        audit.append(s, AuditCode.CASELOAD_IMPORTED, now,
                     detail=f"crees={len(chosen)} refuses={len(result.refused)} "
                            f"doublons_ecartes={0 if include_duplicates else len(result.duplicates)}")
    return len(chosen)
