"""`cmc-desktop backup | restore FILE | audit verify | purge`, run in-process as a script would."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text

from cmc_desktop.cli import main
from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.store import Store
from cmc_desktop.services.backup import list_backups
from tests.conftest import PASSPHRASE
from tests.services.helpers import seed_agent


@pytest.fixture
def closed(store: Store, data_dir: Path, monkeypatch) -> Path:
    seed_agent(store, "AG-ECHU0001", "Échu", ended_on=date(2020, 1, 31))
    seed_agent(store, "AG-ENCOURS1", "En cours")
    store.close()
    monkeypatch.setenv("CMC_DESKTOP_PASSPHRASE", PASSPHRASE)
    return data_dir


def _run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def _agents(data_dir: Path, no_vault) -> set[str]:
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        with store.session() as s:
            return set(s.execute(select(AgentRow.pseudo_id)).scalars())
    finally:
        store.close()


def test_backup_then_restore(closed: Path, tmp_path: Path, capsys, no_vault) -> None:
    assert _run(closed, "backup") == 0
    [written] = list_backups(closed / "backups")
    assert f"Sauvegarde écrite et vérifiée : {written.path}" in capsys.readouterr().out
    assert _run(closed, "backup", "--dest", str(tmp_path / "externe")) == 0
    assert len(list_backups(tmp_path / "externe")) == 1

    store = Store.unlock(closed, PASSPHRASE, vault=no_vault)
    seed_agent(store, "AG-NOUVEAU1", "Nouveau")
    store.close()
    assert _run(closed, "restore", str(written.path)) == 0
    out = capsys.readouterr().out
    assert "restaurée" in out and "avant-restauration" in out
    assert _agents(closed, no_vault) == {"AG-ECHU0001", "AG-ENCOURS1"}


def test_restore_of_a_bad_file_fails_with_a_french_message(closed: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "pas une sauvegarde.db"
    bad.write_bytes(b"\x00" * 8192)
    assert _run(closed, "restore", str(bad)) == 1
    assert capsys.readouterr().err.startswith("cmc-desktop : La clé actuelle ne déchiffre pas cette sauvegarde")


def test_audit_verify_detects_an_edited_row(closed: Path, capsys, no_vault) -> None:
    assert _run(closed, "backup") == 0  # journals one entry
    assert _run(closed, "audit", "verify") == 0
    assert "Journal d'audit intact : 1 entrée, chaîne de contrôle et ancre vérifiées." in capsys.readouterr().out
    store = Store.unlock(closed, PASSPHRASE, vault=no_vault)
    with store.session() as s:
        s.execute(text("UPDATE audit_events SET detail = 'retouché' WHERE seq = 1"))
    store.close()
    assert _run(closed, "audit", "verify") == 1
    assert "Journal d'audit altéré" in capsys.readouterr().out


def test_purge_lists_first_and_deletes_only_when_confirmed(closed: Path, capsys, no_vault) -> None:
    assert _run(closed, "purge") == 0
    out = capsys.readouterr().out
    assert "AG-ECHU0001  fin d'accompagnement 31/01/2020  conservation échue le 31/01/2022" in out
    assert "AG-ENCOURS1" not in out and "--confirm" in out
    assert _agents(closed, no_vault) == {"AG-ECHU0001", "AG-ENCOURS1"}
    assert _run(closed, "purge", "--confirm") == 0
    assert "1 dossier supprimé définitivement" in capsys.readouterr().out
    assert _agents(closed, no_vault) == {"AG-ENCOURS1"}
    assert _run(closed, "purge") == 0
    assert "Aucun dossier n'a dépassé la durée de conservation (24 mois)" in capsys.readouterr().out


def test_wrong_passphrase_exits_1_with_a_french_message(closed: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("CMC_DESKTOP_PASSPHRASE", "pas la bonne phrase")
    assert _run(closed, "audit", "verify") == 1
    assert "Phrase secrète incorrecte" in capsys.readouterr().err


def test_audit_needs_an_action(closed: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        _run(closed, "audit")
    assert caught.value.code == 2
