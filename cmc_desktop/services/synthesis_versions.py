"""Versions of a document de synthèse: snapshots of its content, listed and compared field by field.

Besides the versions the CMC saves, one is kept automatically at finalisation, reopening, fillable-PDF
export and accepted import. Versions hold content: they are destroyed with the document.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ..data.repositories import syntheses
from ..domain.synthesis import Change, diff_snapshots
from ..domain.text import clean_short
from .workspace import Workspace


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: datetime
    label: str


def save_version(ws: Workspace, synthesis_id: int, label: str) -> int:
    """Keep the current content as a new version; returns its number."""
    label = clean_short(label, "Libellé de la version à conserver")
    with ws.store.session() as s:
        return syntheses.add_version(s, syntheses.get(s, synthesis_id), label, ws.clock.now())


def list_versions(ws: Workspace, synthesis_id: int) -> list[VersionInfo]:
    """The versions, oldest first."""
    with ws.store.session() as s:
        syntheses.row(s, synthesis_id)
        return [VersionInfo(v.number, v.created_at, v.label) for v in syntheses.versions(s, synthesis_id)]


def compare(ws: Workspace, synthesis_id: int, number_a: int | None, number_b: int | None) -> list[Change]:
    """What changed from version `number_a` to version `number_b`; None stands for the current content."""
    with ws.store.session() as s:
        doc = syntheses.get(s, synthesis_id)
        before, after = (_snapshot(s, synthesis_id, n, doc.snapshot()) for n in (number_a, number_b))
    return diff_snapshots(doc.kind, before, after)


def _snapshot(session: Session, synthesis_id: int, number: int | None, current: dict[str, Any]) -> dict[str, Any]:
    return current if number is None else syntheses.version_snapshot(session, synthesis_id, number)
