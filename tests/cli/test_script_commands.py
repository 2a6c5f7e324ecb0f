"""Every other command through the installed script as a shell runs it: backup, restore, audit verify, purge,
export-synthesis, indicators, the window's usage errors; `--data-dir` anywhere; no abbreviated option."""

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from cmc_desktop.data.errors import StoreCorrupted
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.repositories import audit
from cmc_desktop.data.store import Store
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.services.backup import list_backups
from tests.conftest import PASSPHRASE
from tests.data.helpers import digest_tree
from tests.services import indicator_dataset
from tests.services.helpers import seed_agent

from .run import cmc

SECRET = {"CMC_DESKTOP_PASSPHRASE": PASSPHRASE}


@pytest.fixture
def closed(store: Store, data_dir: Path) -> Path:
    seed_agent(store, "AG-ECHU0001", "Échu", ended_on=date(2020, 1, 31))
    seed_agent(store, "AG-ENCOURS1", "En cours")
    store.close()
    return data_dir


def _agents(data_dir: Path, no_vault) -> set[str]:
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        with store.session() as s:
            return set(s.execute(select(AgentRow.pseudo_id)).scalars())
    finally:
        store.close()


def test_backup_then_restore(closed: Path, tmp_path: Path, no_vault) -> None:
    result = cmc("backup", "--data-dir", closed, **SECRET)
    [written] = list_backups(closed / "backups")
    assert result.code == 0 and result.out.startswith(f"Sauvegarde écrite et vérifiée : {written.path}")
    outside = cmc("--data-dir", closed, "backup", "--dest", tmp_path / "clé", **SECRET)
    assert outside.code == 0 and len(list_backups(tmp_path / "clé")) == 1
    store = Store.unlock(closed, PASSPHRASE, vault=no_vault)
    seed_agent(store, "AG-NOUVEAU1", "Nouveau")
    store.close()
    restored = cmc("restore", written.path, "--data-dir", closed, **SECRET)
    assert restored.code == 0 and f"Sauvegarde « {written.path.name} » restaurée." in restored.out
    assert _agents(closed, no_vault) == {"AG-ECHU0001", "AG-ENCOURS1"}


def test_restore_of_a_file_that_is_no_backup_changes_nothing(closed: Path, tmp_path: Path) -> None:
    bad = tmp_path / "pas une sauvegarde.db"
    bad.write_bytes(os.urandom(8192))
    before = digest_tree(closed)
    result = cmc("restore", bad, "--data-dir", closed, **SECRET)
    assert result.code == 1 and result.message.startswith("cmc-desktop : ")
    assert digest_tree(closed) == before


def test_audit_verify_with_data_dir_after_the_nested_command(closed: Path) -> None:
    """`audit verify --data-dir D` exited 2 although the README says --data-dir goes before or after."""
    for args in (("audit", "verify", "--data-dir", closed), ("audit", "--data-dir", closed, "verify"),
                 ("--data-dir", closed, "audit", "verify")):
        result = cmc(*args, **SECRET)
        assert result.code == 0, (args, result.err)
        assert result.out.startswith("Journal d'audit intact")


def test_purge_lists_then_deletes_only_with_confirm(closed: Path, no_vault) -> None:
    listed = cmc("purge", "--data-dir", closed, **SECRET)
    assert listed.code == 0 and "AG-ECHU0001" in listed.out and "AG-ENCOURS1" not in listed.out
    assert _agents(closed, no_vault) == {"AG-ECHU0001", "AG-ENCOURS1"}
    purged = cmc("purge", "--confirm", "--data-dir", closed, **SECRET)
    assert purged.code == 0
    assert _agents(closed, no_vault) == {"AG-ENCOURS1"}


@pytest.mark.parametrize("args", [
    ("purge", "--c"), ("purge", "--conf"), ("--data", "{dir}", "audit", "verify"), ("backup", "--de", "{dir}"),
    ("export-synthesis", "--fir", "--out", "x.pdf"),
])
def test_abbreviated_options_are_refused(closed: Path, no_vault, args: tuple[str, ...]) -> None:
    """`purge --c` ran `purge --confirm`: an abbreviation must never do what only the whole word may."""
    before = digest_tree(closed)
    result = cmc(*[arg.format(dir=closed) for arg in args], "--data-dir", closed, **SECRET)
    assert result.code == 2 and " : erreur : " in result.err
    assert digest_tree(closed) == before


def test_export_synthesis_through_the_script(closed: Path, tmp_path: Path) -> None:
    out = tmp_path / "copie.pdf"
    result = cmc("export-synthesis", "--id", "DS-ENCOURS1", "--out", out, "--data-dir", closed, **SECRET)
    assert (result.code, result.out) == (0, f"Document DS-ENCOURS1 exporté : {out}\n")
    assert "page 1/" in PdfReader(out).pages[0].extract_text()
    unknown = cmc("export-synthesis", "--id", "DS-INCONNU", "--out", out, "--data-dir", closed, **SECRET)
    assert unknown.code == 1 and "DS-INCONNU" in unknown.message


def test_indicators_through_the_script(store: Store, data_dir: Path, tmp_path: Path) -> None:
    indicator_dataset.seed(store)
    store.close()
    out = tmp_path / "indicateurs.csv"
    result = cmc("indicators", "--from", "2026-01-01", "--to", "2026-06-30", "--out", out, "--data-dir", data_dir,
                 **SECRET)
    assert result.code == 0 and out.read_bytes().decode("utf-8-sig").count("\n") > 5
    bad = cmc("indicators", "--from", "2026-02-30", "--to", "2026-06-30", "--out", out, "--data-dir", data_dir,
              **SECRET)
    assert bad.code == 1 and "n'est pas une date valide" in bad.message


@pytest.mark.parametrize("damage", [-1, +100], ids=["tronquee", "allongee"])
def test_a_store_truncated_or_lengthened_gives_a_french_message(store: Store, data_dir: Path, damage: int) -> None:
    """Reading the damaged last page printed a Python traceback; then, when that page was not one of the
    journal's, the store opened read-only on its failed check and the command said « Journal d'audit intact »."""
    with store.session() as s:
        for number in range(60):
            audit.append(s, AuditCode.BACKUP, datetime(2026, 1, 1, tzinfo=UTC), detail=f"{number:04d}" * 100)
    store.close()
    db = data_dir / "store.db"
    os.truncate(db, db.stat().st_size + damage)
    result = cmc("audit", "verify", "--data-dir", data_dir, **SECRET)
    assert result.code == 1
    assert result.message == f"cmc-desktop : {StoreCorrupted()}"


@pytest.mark.parametrize(("args", "expected"), [
    (("--data-dir",), "argument --data-dir : une valeur est attendue"),
    (("--inconnu",), "arguments non reconnus : --inconnu"),
    (("--data-dir", "d", "--data-dir"), "argument --data-dir : une valeur est attendue"),
])
def test_window_launch_usage_errors_exit_2_before_any_window(args: tuple[str, ...], expected: str) -> None:
    result = cmc(*args, QT_QPA_PLATFORM="offscreen")
    assert result.code == 2
    assert result.err.startswith("utilisation : cmc-desktop") and expected in result.err


def test_window_launch_on_a_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    """It opened the first-run dialog."""
    a_file = tmp_path / "fichier"
    a_file.write_text("rien")
    result = cmc("--data-dir", a_file, QT_QPA_PLATFORM="offscreen")
    assert result.code == 1 and "Le dossier de données indiqué est un fichier" in result.message
    assert a_file.read_text() == "rien"


def test_help_through_the_script() -> None:
    result = cmc("-h")
    assert result.code == 0 and result.out.startswith("utilisation : cmc-desktop")
    for command in ("demo", "passphrase", "recover", "rekey", "backup", "restore", "audit", "purge",
                    "export-synthesis", "indicators"):
        assert command in result.out
