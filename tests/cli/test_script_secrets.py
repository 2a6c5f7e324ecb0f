"""The commands that read or set a secret, through the installed script as a shell runs it: `demo`,
`passphrase`, `recover`, `rekey`. A secret comes from its own variable or a terminal, never from `_`."""

from pathlib import Path

import pytest
from sqlalchemy import select

from cmc_desktop.data.errors import WrongPassphrase
from cmc_desktop.data.models import AuditEventRow
from cmc_desktop.data.store import Store
from cmc_desktop.services.recovery import create_recovery_code
from cmc_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.data.helpers import digest_tree
from tests.services.helpers import seed_agent, tiny_tmpfs

from .run import SCRIPT, cmc, cmc_on_terminal

NEW = "une nouvelle phrase secrète"


@pytest.fixture
def closed(store: Store, data_dir: Path) -> Path:
    seed_agent(store, "AG-00000001", "Dupont")
    store.close()
    return data_dir


def _journal(data_dir: Path, passphrase: str, no_vault) -> list[str]:
    store = Store.unlock(data_dir, passphrase, vault=no_vault)
    try:
        with store.session() as s:
            return list(s.execute(select(AuditEventRow.code).order_by(AuditEventRow.seq)).scalars())
    finally:
        store.close()


def _opens_with(data_dir: Path, passphrase: str, no_vault) -> bool:
    try:
        Store.unlock(data_dir, passphrase, vault=no_vault).close()
    except WrongPassphrase:
        return False
    return True


# ----- passphrase ---------------------------------------------------------------------------------------------

def test_passphrase_from_a_shell_without_the_variable_is_refused_and_changes_nothing(closed: Path, no_vault) -> None:
    """Today's bug: the new phrase was read from `_`, the program's path, and the change reported as done."""
    before = digest_tree(closed)
    result = cmc("passphrase", "--data-dir", closed, CMC_DESKTOP_PASSPHRASE=PASSPHRASE)
    assert result.code == 1
    assert result.message == ("cmc-desktop : Nouvelle phrase secrète : aucun terminal pour la saisir. Lancez la "
                              "commande dans un terminal, ou définissez la variable CMC_DESKTOP_NEW_PASSPHRASE "
                              "(scripts).")
    assert digest_tree(closed) == before
    assert not _opens_with(closed, str(SCRIPT), no_vault)


def test_passphrase_piped_on_stdin_is_not_read_either(closed: Path) -> None:
    before = digest_tree(closed)
    result = cmc("passphrase", "--data-dir", closed, stdin=f"{NEW}\n{NEW}\n", CMC_DESKTOP_PASSPHRASE=PASSPHRASE)
    assert result.code == 1 and "aucun terminal" in result.message
    assert digest_tree(closed) == before


def test_passphrase_from_the_variable_changes_it_and_journals_it(closed: Path, no_vault) -> None:
    result = cmc("passphrase", "--data-dir", closed, CMC_DESKTOP_PASSPHRASE=PASSPHRASE,
                 CMC_DESKTOP_NEW_PASSPHRASE=NEW)
    assert result.code == 0, result.err
    assert result.out == "Phrase secrète changée : utilisez la nouvelle dès la prochaine ouverture.\n"
    assert _opens_with(closed, NEW, no_vault) and not _opens_with(closed, PASSPHRASE, no_vault)
    assert _journal(closed, NEW, no_vault)[-1] == "store.passphrase_changed"


@pytest.mark.parametrize(("new", "message"), [
    ("trop courte", "La phrase secrète doit compter au moins 12 caractères."),
    (PASSPHRASE, "La nouvelle phrase secrète est identique à l'actuelle : rien n'a été changé."),
])
def test_passphrase_follows_the_rule_of_the_first_run(closed: Path, new: str, message: str) -> None:
    before = digest_tree(closed)
    result = cmc("passphrase", "--data-dir", closed, CMC_DESKTOP_PASSPHRASE=PASSPHRASE, CMC_DESKTOP_NEW_PASSPHRASE=new)
    assert (result.code, result.message) == (1, f"cmc-desktop : {message}")
    assert digest_tree(closed) == before


def test_passphrase_typed_on_a_terminal_twice(closed: Path, no_vault) -> None:
    result = cmc_on_terminal("passphrase", "--data-dir", closed, answers=[
        ("Phrase secrète actuelle : ", PASSPHRASE), ("Nouvelle phrase secrète : ", NEW),
        ("Confirmez la nouvelle phrase secrète : ", NEW)])
    assert result.code == 0, result.err
    assert NEW not in result.out  # not echoed
    assert _opens_with(closed, NEW, no_vault)


def test_passphrase_typed_differently_twice_is_refused(closed: Path) -> None:
    before = digest_tree(closed)
    result = cmc_on_terminal("passphrase", "--data-dir", closed, answers=[
        ("Phrase secrète actuelle : ", PASSPHRASE), ("Nouvelle phrase secrète : ", NEW),
        ("Confirmez la nouvelle phrase secrète : ", NEW + " bis")])
    assert result.code == 1
    assert "Les deux saisies de la nouvelle phrase secrète diffèrent" in result.message
    assert digest_tree(closed) == before


def test_the_current_passphrase_is_not_read_without_terminal_nor_variable(closed: Path) -> None:
    result = cmc("audit", "verify", "--data-dir", closed)
    assert result.code == 1
    assert "Phrase secrète : aucun terminal pour la saisir" in result.message
    assert "CMC_DESKTOP_PASSPHRASE" in result.message


def test_a_wrong_current_passphrase_changes_nothing(closed: Path) -> None:
    before = digest_tree(closed)
    result = cmc("passphrase", "--data-dir", closed, CMC_DESKTOP_PASSPHRASE="pas la bonne phrase",
                 CMC_DESKTOP_NEW_PASSPHRASE=NEW)
    assert (result.code, result.message) == (1, f"cmc-desktop : {WrongPassphrase()}")
    assert digest_tree(closed) == before


# ----- recover ------------------------------------------------------------------------------------------------

@pytest.fixture
def with_code(store: Store, data_dir: Path) -> tuple[Path, str]:
    seed_agent(store, "AG-00000001", "Dupont")
    kit = create_recovery_code(Workspace(store), PASSPHRASE)
    store.close()
    return data_dir, kit.code


def test_recover_with_the_code_sets_a_new_passphrase(with_code: tuple[Path, str], no_vault) -> None:
    data_dir, code = with_code
    result = cmc("recover", "--data-dir", data_dir, CMC_DESKTOP_RECOVERY_CODE=code.lower().replace("-", " "),
                 CMC_DESKTOP_NEW_PASSPHRASE=NEW)
    assert result.code == 0, result.err
    assert result.out.startswith("Nouvelle phrase secrète enregistrée : le dossier s'ouvre désormais avec elle.")
    assert _opens_with(data_dir, NEW, no_vault) and not _opens_with(data_dir, PASSPHRASE, no_vault)
    assert _journal(data_dir, NEW, no_vault)[-2:] == ["store.recovery_code_created", "store.recovered"]


def test_recover_on_a_terminal(with_code: tuple[Path, str], no_vault) -> None:
    data_dir, code = with_code
    result = cmc_on_terminal("recover", "--data-dir", data_dir, answers=[
        ("Code de récupération", code), ("Nouvelle phrase secrète : ", NEW),
        ("Confirmez la nouvelle phrase secrète : ", NEW)])
    assert result.code == 0, result.err
    assert _opens_with(data_dir, NEW, no_vault)


@pytest.mark.parametrize(("typed", "message"), [
    ("ABCD-EFGH", "Ce code de récupération est mal saisi : il compte 28 caractères en 7 groupes de 4, il en a été "
                  "saisi 8."),
    ("0000-0000-0000-0000-0000-0000-0000", "Ce code de récupération est mal saisi : un caractère au moins ne "
                                           "correspond pas"),
])
def test_a_mistyped_code_is_refused_and_changes_nothing(with_code: tuple[Path, str], typed: str,
                                                        message: str) -> None:
    data_dir, _ = with_code
    before = digest_tree(data_dir)
    result = cmc("recover", "--data-dir", data_dir, CMC_DESKTOP_RECOVERY_CODE=typed, CMC_DESKTOP_NEW_PASSPHRASE=NEW)
    assert result.code == 1 and result.message.startswith(f"cmc-desktop : {message}")
    assert digest_tree(data_dir) == before


def test_recover_without_code_or_terminal_is_refused(with_code: tuple[Path, str]) -> None:
    data_dir, _ = with_code
    result = cmc("recover", "--data-dir", data_dir, CMC_DESKTOP_NEW_PASSPHRASE=NEW)
    assert result.code == 1 and "CMC_DESKTOP_RECOVERY_CODE" in result.message


# ----- rekey --------------------------------------------------------------------------------------------------

def test_rekey_through_the_script_revokes_the_recovery_code(with_code: tuple[Path, str], no_vault) -> None:
    data_dir, code = with_code
    old_key = (data_dir / "store.key").read_bytes()
    result = cmc("rekey", "--data-dir", data_dir, CMC_DESKTOP_PASSPHRASE=PASSPHRASE)
    assert result.code == 0, result.err
    assert "Le code de récupération a été révoqué" in result.out
    assert (data_dir / "store.key").read_bytes() != old_key
    assert _journal(data_dir, PASSPHRASE, no_vault)[-1] == "store.rekeyed"
    refused = cmc("recover", "--data-dir", data_dir, CMC_DESKTOP_RECOVERY_CODE=code, CMC_DESKTOP_NEW_PASSPHRASE=NEW)
    assert refused.code == 1 and "Aucun code de récupération" in refused.message


def test_rekey_without_the_passphrase_is_refused(closed: Path) -> None:
    before = digest_tree(closed)
    result = cmc("rekey", "--data-dir", closed)
    assert result.code == 1 and "aucun terminal" in result.message
    assert digest_tree(closed) == before


# ----- demo ---------------------------------------------------------------------------------------------------

def test_demo_through_the_script(tmp_path: Path, no_vault) -> None:
    target = tmp_path / "démo"
    result = cmc("demo", "--data-dir", target, CMC_DESKTOP_PASSPHRASE="démonstration 2026")
    assert (result.code, result.out) == (0, f"Dossier de démonstration créé dans {target}\n")
    assert "agent.created" in _journal(target, "démonstration 2026", no_vault)
    again = cmc("demo", "--data-dir", target, CMC_DESKTOP_PASSPHRASE="démonstration 2026")
    assert again.code == 1 and "existe déjà" in again.message


def test_demo_without_passphrase_or_terminal_creates_nothing(tmp_path: Path) -> None:
    result = cmc("demo", "--data-dir", tmp_path / "démo")
    assert result.code == 1 and "CMC_DESKTOP_PASSPHRASE" in result.message
    assert not (tmp_path / "démo").exists()


def test_demo_pointed_at_a_file_says_so(tmp_path: Path) -> None:
    a_file = tmp_path / "un fichier"
    a_file.write_bytes(b"contenu")
    result = cmc("demo", "--data-dir", a_file, CMC_DESKTOP_PASSPHRASE="démonstration 2026")
    assert (result.code, result.message) == (1, "cmc-desktop : Le dossier de données indiqué est un fichier, pas un "
                                                "dossier. Rien n'a été créé ni modifié ; indiquez un dossier.")
    assert a_file.read_bytes() == b"contenu"


def test_demo_on_a_full_disk_says_so_and_leaves_nothing_half_made(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "disque", 256) as disk:
        result = cmc("demo", "--data-dir", disk / "démo", CMC_DESKTOP_PASSPHRASE="démonstration 2026")
        assert result.code == 1
        assert result.message.startswith(("cmc-desktop : Le disque du dossier de données est plein",
                                          "cmc-desktop : L'écriture a échoué (disque plein"))
        assert not [p for p in (disk / "démo").rglob("*") if p.is_file()]

