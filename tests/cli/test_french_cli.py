"""The command line speaks French, including argparse's own usage and errors."""

import pytest

from cmc_desktop.cli import main


def test_help_is_in_french(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["-h"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : cmc-desktop")
    assert "afficher cette aide et quitter" in out and "commandes" in out
    assert "usage" not in out and "show this help" not in out


@pytest.mark.parametrize(("argv", "expected"), [
    (["backup", "--inconnu"], "arguments non reconnus : --inconnu"),
    (["export-synthesis", "--out", "x.pdf"], "l'un des arguments --id --first est obligatoire"),
    (["restore"], "arguments obligatoires manquants : FICHIER"),
    (["audit", "effacer"], "argument ACTION : choix invalide : 'effacer' (choisir parmi 'verify')"),
])
def test_usage_errors_are_in_french(argv: list[str], expected: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and "erreur" in err and "usage" not in err


def test_a_data_dir_without_value_is_reported_with_the_whole_usage(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("utilisation : cmc-desktop [-h] [--data-dir DOSSIER] COMMANDE")
    assert "argument --data-dir : une valeur est attendue" in err
