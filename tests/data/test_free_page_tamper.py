"""A tampered free page is seen only by `cipher_integrity_check`: no query reads a page on the free list, and
`quick_check` walks the b-trees and the free list's trunk pages, not its leaves. The open must still report
the damage and the store open read-only."""

from pathlib import Path

import sqlcipher3
from sqlalchemy import delete

from cmc_desktop.data import engine as db
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import AgentState, Statut
from tests.conftest import PASSPHRASE

PAGE = 4096


def _quick_check(path: Path, key: bytes) -> list[str]:
    conn = db.raw_connect(path, key, read_only=True)
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlcipher3.DatabaseError as error:
        return [str(error)]
    finally:
        conn.close()


def _flipped(data: bytes, page: int) -> bytes:
    """`data` with one byte changed in the middle of page `page` (counted from 1)."""
    changed = bytearray(data)
    changed[(page - 1) * PAGE + PAGE // 2] ^= 0x5A
    return bytes(changed)


def test_a_tampered_free_page_is_reported_at_open_and_the_store_is_read_only(store: Store, data_dir: Path,
                                                                          tmp_path: Path, no_vault) -> None:
    with store.session() as s:
        s.add_all(AgentRow(pseudo_id=f"AG-{i:08d}", last_name="Nom", first_name="P", statut=Statut.TITULAIRE,
                           state=AgentState.ACTIF, private_notes="n" * 3000) for i in range(60))
    with store.session() as s:
        s.execute(delete(AgentRow).where(AgentRow.pseudo_id > "AG-00000010"))  # ~50 pages go to the free list
    store.checkpoint()
    key = store.raw_key
    store.close()
    path = data_dir / "store.db"
    data = path.read_bytes()
    # A free leaf page: one whose damage quick_check does not see (every other page is read by it).
    probe = tmp_path / "essai.db"
    free_page = None
    for page in range(len(data) // PAGE, 1, -1):
        probe.write_bytes(_flipped(data, page))
        if _quick_check(probe, key) == ["ok"]:
            free_page = page
            break
    assert free_page is not None
    assert any(problem.startswith("chiffrement") for problem in db.probe(probe, key))

    path.write_bytes(_flipped(data, free_page))
    reopened = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        assert reopened.read_only
        assert any(problem.startswith("chiffrement") for problem in reopened.problems)
    finally:
        reopened.close()
