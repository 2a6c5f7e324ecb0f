"""Changing the phrase secrète, or the database key, of the open store: journaled."""

from ..data.repositories import audit
from ..data.vault import KeyVault
from ..domain.audit import AuditCode
from .workspace import Workspace


def change_passphrase(ws: Workspace, old: str, new: str) -> None:
    """Rewrap the database key under `new` (raises WrongPassphrase / WeakPassphrase, changing nothing)."""
    ws.store.change_passphrase(old, new)
    if not ws.store.read_only:  # a damaged store opened read-only cannot take the journal entry
        with ws.store.session() as s:
            audit.append(s, AuditCode.PASSPHRASE_CHANGED, ws.clock.now())


def rekey(ws: Workspace, passphrase: str, *, vault: KeyVault | None = None) -> bool:
    """Encrypt the database under a new random key; True when this revoked a recovery code (see Store.rekey)."""
    had_code = ws.store.recovery_code_created is not None
    ws.store.rekey(passphrase, vault=vault)
    with ws.store.session() as s:
        audit.append(s, AuditCode.REKEYED, ws.clock.now(),
                     detail=f"code_recuperation_revoque={'oui' if had_code else 'non'}")
    return had_code
