"""`cmc-desktop export-agent`, run as the installed script from a shell: the agent's PDF and JSON, nothing about
anyone else, private notes only when asked, a clear French refusal otherwise."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.services.agents import AgentInput, create_agent
from cmc_desktop.services.audit_journal import list_entries
from cmc_desktop.services.workspace import Workspace
from tests.conftest import FAST_KDF, MARKER

SCRIPT = Path(sys.executable).parent / "cmc-desktop"
PASSPHRASE = "phrase secrète de la ligne de commande"


@pytest.fixture
def store_dir(tmp_path: Path, no_vault) -> tuple[Path, str]:
    data_dir = tmp_path / "donnees"
    store = Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    try:
        ws = Workspace(store)
        create_agent(ws, AgentInput("Arbousier", "Hélène", private_notes="Note privée de la conseillère"))
        create_agent(ws, AgentInput("Zanzibar", "Autre", private_notes=MARKER))
        with store.session() as s:
            pseudo = s.execute(select(AgentRow.pseudo_id).where(AgentRow.last_name == "Arbousier")).scalar_one()
    finally:
        store.close()
    return data_dir, pseudo


def run(*args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed script as a shell runs it: `_` holds the program's path, stdin is not a terminal."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CMC_DESKTOP")}
    env.update({"_": str(SCRIPT), "CMC_DESKTOP_PASSPHRASE": PASSPHRASE,
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", **(extra_env or {})})
    return subprocess.run([str(SCRIPT), *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120)


def test_export_agent_by_id_writes_the_pdf_and_the_json(store_dir: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, pseudo = store_dir
    out = tmp_path / "remise"
    result = run("export-agent", "--data-dir", str(data_dir), "--id", pseudo, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Données exportées (notes privées non incluses)" in result.stdout
    pdf, data = out / f"donnees-{pseudo}.pdf", out / f"donnees-{pseudo}.json"
    assert pdf.read_bytes().startswith(b"%PDF") and stat.S_IMODE(pdf.stat().st_mode) == 0o600
    exported = json.loads(data.read_text(encoding="utf-8"))
    assert (exported["format"], exported["reference"], exported["identite"]["nom"]) == (
        "cmc-desktop/export-agent", pseudo, "Arbousier")
    text = data.read_text(encoding="utf-8")
    assert "Note privée" not in text and MARKER not in text and "Zanzibar" not in text
    assert sorted(p.name for p in out.iterdir()) == sorted([pdf.name, data.name])


def test_private_notes_and_a_protected_pdf_on_request(store_dir: tuple[Path, str], tmp_path: Path,
                                                       no_vault) -> None:
    data_dir, pseudo = store_dir
    out = tmp_path / "remise"
    result = run("--data-dir", str(data_dir), "export-agent", "--first", "--out", str(out), "--notes-privees",
                 "--proteger", extra_env={"CMC_DESKTOP_EXPORT_PASSWORD": "mot de passe du PDF"})
    assert result.returncode == 0, result.stderr
    assert "notes privées incluses, PDF protégé" in result.stdout
    exported = json.loads((out / f"donnees-{pseudo}.json").read_text(encoding="utf-8"))
    assert exported["identite"]["notes_privees"] == "Note privée de la conseillère"
    assert b"/Encrypt" in (out / f"donnees-{pseudo}.pdf").read_bytes()
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        [entry] = [e for e in list_entries(Workspace(store)) if e.code == AuditCode.AGENT_EXPORTED]
        assert (entry.subject, entry.detail) == (pseudo, "notes_privees=oui protection=oui")
    finally:
        store.close()


def test_an_unknown_agent_or_an_existing_export_is_refused_in_french(store_dir: tuple[Path, str],
                                                                    tmp_path: Path) -> None:
    data_dir, pseudo = store_dir
    out = tmp_path / "remise"
    unknown = run("export-agent", "--data-dir", str(data_dir), "--id", "AG-INCONNU", "--out", str(out))
    assert unknown.returncode == 1 and "Aucun agent n'a l'identifiant AG-INCONNU." in unknown.stderr
    assert not out.exists()
    assert run("export-agent", "--data-dir", str(data_dir), "--id", pseudo, "--out", str(out)).returncode == 0
    again = run("export-agent", "--data-dir", str(data_dir), "--id", pseudo, "--out", str(out))
    assert again.returncode == 1 and "contient déjà" in again.stderr
    no_password = run("export-agent", "--data-dir", str(data_dir), "--id", pseudo, "--out", str(tmp_path / "b"),
                      "--proteger")
    assert no_password.returncode == 1 and "CMC_DESKTOP_EXPORT_PASSWORD" in no_password.stderr
    usage = run("export-agent", "--data-dir", str(data_dir), "--out", str(out))
    assert usage.returncode == 2 and "--id" in usage.stderr
