"""The recovery code: made (or replaced) from the open store, used to set a new phrase secrète. Journaled."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..data.repositories import audit
from ..data.store import Store
from ..data.vault import KeyVault
from ..domain.audit import AuditCode
from ..domain.clock import Clock
from .workspace import Workspace


@dataclass(frozen=True)
class RecoveryKit:
    """What the CMC is shown once and may print: never the phrase secrète."""

    code: str
    store_id: str
    created: date


def create_recovery_code(ws: Workspace, passphrase: str) -> RecoveryKit:
    """A new recovery code for the open store (asks the phrase secrète); the previous code stops working."""
    replaced = ws.store.recovery_code_created is not None
    today = ws.clock.today()
    code = ws.store.set_recovery_code(passphrase, today)
    with ws.store.session() as s:
        audit.append(s, AuditCode.RECOVERY_CODE_CREATED, ws.clock.now(),
                     detail=f"remplace={'oui' if replaced else 'non'}")
    return RecoveryKit(code, ws.store.store_id, today)


def recover(root: Path, code: str, new_passphrase: str, *, vault: KeyVault | None = None,
            clock: Clock | None = None, defer_integrity: bool = False) -> Store:
    """Open the store with its recovery code and set `new_passphrase`; the store is returned open."""
    store = Store.recover(root, code, new_passphrase, vault=vault, defer_integrity=defer_integrity)
    if not store.read_only:
        try:
            with store.session() as s:
                audit.append(s, AuditCode.RECOVERY_CODE_USED, (clock or Clock()).now())
        except BaseException:
            store.close()
            raise
    return store
