"""Changing the recovery passphrase of the open store, journaled."""

from ..data.repositories import audit
from ..domain.audit import AuditCode
from .workspace import Workspace


def change_passphrase(ws: Workspace, old: str, new: str) -> None:
    """Rewrap the database key under `new` (raises WrongPassphrase / WeakPassphrase, changing nothing)."""
    ws.store.change_passphrase(old, new)
    if not ws.store.read_only:  # a damaged store opened read-only cannot take the journal entry
        with ws.store.session() as s:
            audit.append(s, AuditCode.PASSPHRASE_CHANGED, ws.clock.now())
