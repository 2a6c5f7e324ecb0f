"""A writer killed with SIGKILL at random points never leaves a damaged store nor loses an acknowledged commit."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from cmc_desktop.data import engine as db
from cmc_desktop.data.models import AgentRow, AuditEventRow
from cmc_desktop.data.store import Store
from cmc_desktop.services.audit_journal import verify_journal
from cmc_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent.parent
ROUNDS = 30

# Each unit of work writes an agent and its audit entry, like a service; a checkpoint now and then puts
# some kills in the middle of copying the WAL back into the database.
WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.repositories import audit
from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.agent import AgentState, Statut
from cmc_desktop.domain.audit import AuditCode
store = Store.unlock(Path(sys.argv[1]), sys.argv[2], vault=KeyVault())
n = int(sys.argv[3])
print("ready", flush=True)
while True:
    pseudo_id = f"AG-{n:08d}"
    with store.session() as s:
        s.add(AgentRow(pseudo_id=pseudo_id, last_name="Nom" * 40, first_name="P", statut=Statut.TITULAIRE,
                       state=AgentState.ACTIF, private_notes="x" * (n % 7 * 1500)))
        audit.append(s, AuditCode.AGENT_CREATED, datetime.now(UTC), subject=pseudo_id)
    print(n, flush=True)
    n += 1
    if n % 16 == 0:
        store.checkpoint()
"""


def _check_raw(path: Path, key: bytes) -> None:
    """Integrity as the crash left it, WAL included, before anything reopens the store for writing."""
    conn = db.raw_connect(path, key, read_only=True)
    try:
        assert [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert list(conn.execute("PRAGMA cipher_integrity_check")) == []
    finally:
        conn.close()


def test_killed_writer_loses_no_acknowledged_commit(store: Store, data_dir: Path, no_vault) -> None:
    key = store.raw_key
    store.close()
    rng = random.Random(20261116)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    acknowledged: set[int] = set()
    next_number = 0
    for _ in range(ROUNDS):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), PASSPHRASE, str(next_number)],
                                  stdout=subprocess.PIPE, cwd=ROOT, env=env)
        assert writer.stdout is not None and writer.stdout.readline().strip() == b"ready"
        for _ in range(rng.randint(0, 40)):
            acknowledged.add(int(writer.stdout.readline()))
        time.sleep(rng.uniform(0, 0.004))  # where the kill lands inside the next commit is the point of the test
        writer.send_signal(signal.SIGKILL)
        tail, _ = writer.communicate()
        acknowledged.update(int(line) for line in tail.split())  # printed before the kill: acknowledged too

        _check_raw(data_dir / "store.db", key)
        reopened = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
        try:
            assert not reopened.read_only, reopened.problems
            with reopened.session() as s:
                agents = {int(p[3:]) for p in s.execute(select(AgentRow.pseudo_id)).scalars()}
                journaled = {int(p[3:]) for p in s.execute(select(AuditEventRow.subject)).scalars()}
            assert acknowledged <= agents
            assert journaled == agents  # each unit of work committed whole or not at all
            assert verify_journal(Workspace(reopened)).intact
        finally:
            reopened.close()
        next_number = max(agents, default=-1) + 1
    assert len(acknowledged) > ROUNDS
