"""The installed `cmc-desktop` script, run as a shell runs it (`_` set to its path, stdin not a terminal):
`audit verify` fails on a damaged journal, `restore` says which journal entries it rolled back, `purge` names the
copies it could not reach, and `export-synthesis` never rebuilds a destroyed document from a backup."""

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from cmc_desktop.data import engine as db
from cmc_desktop.data.store import Store
from cmc_desktop.services import backup, destruction
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER, PASSPHRASE
from tests.services.copies_helpers import marked_synthesis
from tests.services.helpers import seed_agent

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".venv" / "bin" / "cmc-desktop"


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(data_dir.parent), "LANG": "C.UTF-8",
           "_": str(SCRIPT), "CMC_DESKTOP_PASSPHRASE": PASSPHRASE,
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(SCRIPT), "--data-dir", str(data_dir), *args], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(autouse=True)
def installed() -> None:
    if not SCRIPT.exists():
        pytest.skip("le script cmc-desktop n'est pas installé dans .venv")


def test_audit_verify_fails_on_a_truncated_journal(ws: Workspace, data_dir: Path) -> None:
    for _ in range(3):
        backup.make_backup(ws)
    ws.store.close()
    result = run(data_dir, "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Journal d'audit intact : 3 entrées, chaîne de contrôle et ancre vérifiées."
    store = Store.unlock(data_dir, PASSPHRASE)
    with store.session() as s:
        s.execute(text("DELETE FROM audit_events WHERE seq = 3"))
    store.close()
    result = run(data_dir, "audit", "verify")
    assert result.returncode == 1
    assert result.stdout.startswith("Journal d'audit altéré : il ne compte plus que 2 entrées alors que son ancre "
                                    "en atteste 3.")


def test_restore_says_which_journal_entries_it_rolled_back(ws: Workspace, data_dir: Path) -> None:
    older = backup.make_backup(ws).path  # entry 1 journals it
    backup.make_backup(ws)  # entry 2
    ws.store.close()
    result = run(data_dir, "restore", str(older))
    assert result.returncode == 0, result.stderr
    assert "Journal d'audit : les entrées n° 1 à 2, écrites après cette sauvegarde" in result.stdout
    assert run(data_dir, "audit", "verify").returncode == 0


def test_purge_names_the_copies_it_could_not_reach(ws: Workspace, data_dir: Path, tmp_path: Path) -> None:
    seed_agent(ws.store, "AG-ECHU0001", MARKER, ended_on=date(2020, 1, 31))
    usb = tmp_path / "usb"
    backup.make_backup(ws, usb)
    ws.store.close()
    usb.rename(tmp_path / "débranchée")
    result = run(data_dir, "purge", "--confirm")
    assert result.returncode == 1
    assert "1 dossier supprimé définitivement" in result.stdout
    assert f"le dossier de sauvegarde {usb} — dossier introuvable" in result.stderr
    assert "rebranchez le disque" in result.stderr


def test_export_never_rebuilds_a_destroyed_document_from_a_backup(ws: Workspace, data_dir: Path,
                                                                 tmp_path: Path) -> None:
    synthesis_id, pseudo_id = marked_synthesis(ws, MARKER)
    known = backup.make_backup(ws).path
    aside = tmp_path / "copie-hors-ligne.db"  # a copy the application could not reach (a disk left in a drawer)
    shutil.copy2(known, aside)
    destruction.carry_out_destruction(ws, destruction.request_destruction(ws, synthesis_id, date(2026, 11, 16),
                                                                          "agent"))
    key = ws.store.raw_key
    ws.store.close()
    live = (data_dir / "store.db").read_bytes()

    conn = db.raw_connect(known, key, read_only=True)  # the known backup was cleaned with the store
    try:
        assert conn.execute("SELECT count(*) FROM syntheses WHERE pseudo_id = ?", (pseudo_id,)).fetchone() == (0,)
    finally:
        conn.close()
    shutil.copy2(known, data_dir / "store.db")  # and put in place of the store, it is refused anyway
    result = run(data_dir, "export-synthesis", "--id", pseudo_id, "--out", str(tmp_path / "a.pdf"))
    assert result.returncode == 1 and not (tmp_path / "a.pdf").exists()
    assert "Journal d'audit altéré" in result.stderr

    shutil.copy2(aside, data_dir / "store.db")  # the unreached copy still holds it: its journal gives it away
    result = run(data_dir, "export-synthesis", "--id", pseudo_id, "--out", str(tmp_path / "b.pdf"))
    assert result.returncode == 1 and not (tmp_path / "b.pdf").exists()
    assert "Journal d'audit altéré" in result.stderr and "cmc-desktop restore" in result.stderr

    (data_dir / "store.db").write_bytes(live)
    result = run(data_dir, "export-synthesis", "--id", pseudo_id, "--out", str(tmp_path / "c.pdf"))
    assert result.returncode == 1 and "Aucun document de synthèse" in result.stderr  # the store holds none
