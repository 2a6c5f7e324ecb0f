"""`cmc-desktop indicators --from --to --out`, run in-process as a script would."""

import csv
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from cmc_desktop.cli import main
from cmc_desktop.data.store import Store
from tests.conftest import PASSPHRASE
from tests.services import indicator_dataset as dataset


@pytest.fixture
def closed(store: Store, data_dir: Path, monkeypatch) -> list[str]:
    secrets = dataset.seed(store)
    store.close()
    monkeypatch.setenv("CMC_DESKTOP_PASSPHRASE", PASSPHRASE)
    return secrets


def _run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "indicators", *args])


def test_writes_the_csv_and_exits_0(closed: list[str], data_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "indicateurs 2026.csv"
    assert _run(data_dir, "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)) == 0
    assert f"Indicateurs du 01/01/2026 au 30/06/2026 écrits dans {out}" in capsys.readouterr().out
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Demandes de BPP", "Rejets implicites (silence de deux mois)", "5", "nombre"] in rows
    assert ["Demandes de BPP", "Refus motivés", "< 5", "nombre"] in rows
    assert not any(secret in text for secret in closed)


def test_writes_the_pdf_and_exits_0(closed: list[str], data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "indicateurs.pdf"
    assert _run(data_dir, "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)) == 0
    page = PdfReader(out).pages[0].extract_text()
    assert "du 01/01/2026 au 30/06/2026" in page and not any(secret in page for secret in closed)


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2026-02-30", "--to", "2026-06-30"),
     "--from : « 2026-02-30 » n'est pas une date valide (format AAAA-MM-JJ"),
    (("--from", "2026-01-01", "--to", "30/06/2026"), "--to : « 30/06/2026 » n'est pas une date valide"),
    (("--from", "2026-07-01", "--to", "2026-06-30"),
     "La période est inversée : la fin (30/06/2026) précède le début (01/07/2026)."),
])
def test_a_bad_period_exits_1_with_a_french_message(closed: list[str], data_dir: Path, tmp_path: Path, capsys,
                                                    args: tuple[str, ...], message: str) -> None:
    out = tmp_path / "indicateurs.csv"
    assert _run(data_dir, *args, "--out", str(out)) == 1
    assert capsys.readouterr().err.startswith(f"cmc-desktop : {message}")
    assert not out.exists()


def test_an_unknown_file_type_or_folder_exits_1(closed: list[str], data_dir: Path, tmp_path: Path, capsys) -> None:
    period = ("--from", "2026-01-01", "--to", "2026-06-30")
    assert _run(data_dir, *period, "--out", str(tmp_path / "indicateurs.xlsx")) == 1
    assert "doit se terminer par .csv ou .pdf" in capsys.readouterr().err
    assert _run(data_dir, *period, "--out", str(tmp_path / "absent" / "indicateurs.csv")) == 1
    assert "n'existe pas" in capsys.readouterr().err


def test_a_missing_option_is_a_usage_error(closed: list[str], data_dir: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        _run(data_dir, "--from", "2026-01-01", "--out", "x.csv")
    assert caught.value.code == 2


def test_wrong_passphrase_exits_1(closed: list[str], data_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("CMC_DESKTOP_PASSPHRASE", "pas la bonne phrase")
    out = tmp_path / "indicateurs.csv"
    assert _run(data_dir, "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)) == 1
    assert "Phrase secrète incorrecte" in capsys.readouterr().err and not out.exists()
