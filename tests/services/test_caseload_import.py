"""Importing a caseload: 200 realistic rows with 10 wrong ones, in every encoding French Excel writes, and as
XLSX; each refused row reported with its reason, duplicates shown, nothing written before the confirmation, all
or nothing; oversized files refused with a message."""

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from cmc_desktop.data.models import AgentRow
from cmc_desktop.domain.agent import Category, PriorityGround, Statut
from cmc_desktop.domain.caseload import Column, guess_mapping, parse_french_date, parse_priority
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.services import caseload_import
from cmc_desktop.services.audit_journal import list_entries
from cmc_desktop.services.caseload_files import MAX_ROWS, read_csv, read_table
from cmc_desktop.services.workspace import Workspace

from .caseload_samples import (
    BAD_ROWS,
    HEADERS,
    caseload_rows,
    csv_bytes,
    write_huge_sheet,
    write_xlsx,
    write_zip_bomb,
)
from .factories import make_agent


def _count(ws: Workspace) -> int:
    with ws.store.session() as s:
        return s.execute(select(func.count(AgentRow.id))).scalar_one()


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _check_preview(ws: Workspace, path: Path) -> caseload_import.ImportPreview:
    table = read_table(path)
    mapping = guess_mapping(table.headers)
    assert mapping[:10] == [Column.LAST_NAME, Column.FIRST_NAME, Column.CATEGORY, Column.STATUT, Column.FONCTION,
                            Column.SERVICE, Column.EMAIL, Column.PHONE, Column.DATE_PRISE_FONCTION, Column.PRIORITY]
    assert mapping[10] is Column.BIRTH_YEAR  # « Date de naissance »: only its year is kept
    result = caseload_import.preview(ws, table, mapping)
    assert len(result.rows) == 200 and len(result.accepted) == 190
    assert [r.line for r in result.refused] == [index + 2 for index, _, _ in BAD_ROWS]
    for row, (_, _, reason) in zip(result.refused, BAD_ROWS, strict=True):
        assert reason in row.reason, (row.line, row.reason)
    assert result.report().splitlines()[0].startswith(f"Ligne {BAD_ROWS[0][0] + 2} : ")
    return result


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_csv_of_200_rows_in_each_encoding(ws: Workspace, tmp_path: Path, encoding: str) -> None:
    rows = _cp1252_safe(caseload_rows()) if encoding == "cp1252" else caseload_rows()
    data = csv_bytes(rows, encoding=encoding)
    path = _file(tmp_path, f"suivi-{encoding}.csv", data)
    result = _check_preview(ws, path)
    first = result.accepted[0].agent
    assert first is not None and (first.last_name, first.first_name) == ("Arbousier", "Hélène")
    assert _count(ws) == 0 and not [e for e in list_entries(ws) if e.code.startswith("agent")]  # nothing written
    assert read_table(path).encoding == {"utf-8-sig": "UTF-8 (avec BOM)", "utf-8": "UTF-8",
                                         "cp1252": "Windows-1252"}[encoding]
    assert caseload_import.commit(ws, result) == 190
    assert _count(ws) == 190
    with ws.store.session() as s:
        stored = s.execute(select(AgentRow).where(AgentRow.last_name == "Châtaignier")).scalar_one()
    assert (stored.category, stored.statut, stored.date_prise_fonction) == (Category.C, Statut.STAGIAIRE,
                                                                           date(2007, 3, 3))
    assert stored.birth_year == 1962  # from « 01/01/1962 »: the year alone
    journal = [e for e in list_entries(ws) if e.code == "agents.imported"]
    assert [e.detail for e in journal] == ["crees=190 refuses=10 doublons_ecartes=0"]
    assert len([e for e in list_entries(ws) if e.code == "agent.created"]) == 190
    assert not list(ws.store.paths.root.rglob("suivi*"))  # the source file is never copied into the data folder


def _cp1252_safe(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Windows-1252 has no Ø: a real Excel export would have replaced it."""
    return [{k: v.replace("Ø", "O") for k, v in row.items()} for row in rows]


def test_xlsx_with_date_cells(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "suivi.xlsx"
    write_xlsx(path, caseload_rows())
    result = _check_preview(ws, path)
    assert any(r.agent and r.agent.date_prise_fonction == date(2007, 3, 3) for r in result.accepted)
    assert caseload_import.commit(ws, result) == 190


def _with_birth_year(ws: Workspace, agent_id: int, year: int) -> None:
    with ws.store.session() as s:
        s.get(AgentRow, agent_id).birth_year = year


def test_duplicates_are_found_as_when_a_file_is_created(ws: Workspace) -> None:
    """domain.duplicates.find_duplicates decides: same names (accents, case, order aside) and the same birth year
    or e-mail is a duplicate; a same-name file without a birth year is one to check; two known birth years that
    differ are two people — with files in the store and between rows of the spreadsheet alike."""
    make_agent(ws, "Arbousier", "Hélène")  # no birth year: to check
    _with_birth_year(ws, make_agent(ws, "DUMOULIN", "eloise"), 1963)  # row 5's year
    _with_birth_year(ws, make_agent(ws, "Houx", "Anaïs"), 1990)  # row 8 was born in 1966: someone else
    rows = caseload_rows()[:7] + [
        {**caseload_rows()[1], "Nom": "BRUYERE", "Prénom": "noel"},  # line 9: line 3 again
        {**caseload_rows()[2], "Nom": "Zoé", "Prénom": "Châtaignier", "Courriel": "",
         "Date de naissance": "1990"},  # line 10: a namesake of line 4 (names swapped), born another year
        {**caseload_rows()[2], "Courriel": "autre@administration.gouv.fr", "Date de naissance": ""},  # line 11
    ]
    result = caseload_import.preview(ws, read_csv(csv_bytes(rows)), guess_mapping(HEADERS))
    flagged = {r.line: tuple(re.sub(r"AG-\w+", "AG-…", text) for text in r.duplicates) for r in result.duplicates}
    assert list(flagged) == [2, 5, 9, 11]
    assert flagged[2] == ("dossier existant : Hélène ARBOUSIER (AG-…), mêmes nom et prénom, année de "
                          "naissance ou courriel à vérifier",)
    assert flagged[5] == ("dossier existant : eloise DUMOULIN (AG-…), mêmes nom et prénom, même année de "
                          "naissance (1963)",)
    assert flagged[9] == ("ligne 3 : mêmes nom et prénom, même année de naissance (1961), même courriel",)
    assert flagged[11] == ("ligne 4 : mêmes nom et prénom, année de naissance ou courriel à vérifier",
                           "ligne 10 : mêmes nom et prénom, année de naissance ou courriel à vérifier")
    assert caseload_import.commit(ws, result) == 6 and _count(ws) == 9
    again = caseload_import.preview(ws, read_csv(csv_bytes(rows[2:3])), guess_mapping(HEADERS))
    assert [re.sub(r"AG-\w+", "AG-…", text) for text in again.rows[0].duplicates] == [
        "dossier existant : Zoé CHÂTAIGNIER (AG-…), mêmes nom et prénom, même année de naissance (1962), "
        "même courriel"]  # the namesake of line 10, imported too, is someone else
    assert caseload_import.commit(ws, again, include_duplicates=True) == 1


def test_preview_and_import_go_in_steps_and_a_stopped_import_creates_nothing(ws: Workspace) -> None:
    table = read_csv(csv_bytes(caseload_rows()))
    steps = caseload_import.preview_steps(ws, table, guess_mapping(table.headers))
    percents = []
    while True:
        try:
            percents.append(next(steps).percent)
        except StopIteration as stop:
            result = stop.value
            break
    assert percents == sorted(percents) and len(percents) >= 8 and percents[-1] == 80
    assert len(result.accepted) == 190
    importing = caseload_import.commit_steps(ws, result)
    for _ in range(3):
        next(importing)  # 50 files created in the transaction...
    importing.close()  # ...then stopped, as a cancelled task does: rolled back
    assert _count(ws) == 0 and not [e for e in list_entries(ws) if e.code == "agents.imported"]


def test_all_or_nothing(ws: Workspace) -> None:
    taken = make_agent(ws, "Existant", "Jean")
    with ws.store.session() as s:
        pseudo_id = s.get(AgentRow, taken).pseudo_id
    result = caseload_import.preview(ws, read_csv(csv_bytes(caseload_rows()[:20])), guess_mapping(HEADERS))
    # The last file would collide with a stored one: the whole import is rolled back.
    clash = replace(result.rows[-1], agent=replace(result.rows[-1].agent, pseudo_id=pseudo_id))
    broken = caseload_import.ImportPreview(result.mapping, [*result.rows[:-1], clash])
    with pytest.raises(IntegrityError):
        caseload_import.commit(ws, broken)
    assert _count(ws) == 1 and not [e for e in list_entries(ws) if e.code == "agents.imported"]


def test_mapping_needs_the_names_once(ws: Workspace) -> None:
    table = read_csv(csv_bytes(caseload_rows()[:3]))
    mapping = guess_mapping(table.headers)
    with pytest.raises(DomainError, match="Nom"):
        caseload_import.preview(ws, table, [Column.IGNORE, *mapping[1:]])
    with pytest.raises(DomainError, match="plusieurs colonnes"):
        caseload_import.preview(ws, table, [Column.LAST_NAME, Column.FIRST_NAME, Column.FIRST_NAME, *mapping[3:]])
    with pytest.raises(DomainError, match="Aucune ligne"):
        caseload_import.commit(ws, caseload_import.ImportPreview(mapping, []))


def test_comma_separated_and_windows_1252_without_bom(tmp_path: Path) -> None:
    table = read_csv("Nom,Prénom\nDurand,Émile\n".encode("cp1252"))
    assert table.headers == ["Nom", "Prénom"] and table.rows == [["Durand", "Émile"]]
    assert table.encoding == "Windows-1252"


def test_oversized_files_are_refused_with_a_message(tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.xlsx"
    write_zip_bomb(bomb)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(DomainError, match="anormalement compressé|dépasserait"):
        read_table(bomb)
    huge = tmp_path / "million.xlsx"
    write_huge_sheet(huge, 1_000_000)
    with pytest.raises(DomainError, match=f"plus de {MAX_ROWS} lignes"):
        read_table(huge)
    rows = "Nom;Prénom\n" + "Durand;Émile\n" * (MAX_ROWS + 5)
    with pytest.raises(DomainError, match="lignes"):
        read_csv(rows.encode())
    with pytest.raises(DomainError, match="CSV"):
        read_table(_file(tmp_path, "suivi.ods", b"PK"))
    with pytest.raises(DomainError, match="pas un classeur Excel valide"):
        read_table(_file(tmp_path, "faux.xlsx", b"ceci n'est pas un zip"))


def test_grounds_and_dates_in_french() -> None:
    assert parse_priority("RQTH ; usure professionnelle") == {PriorityGround.L5212_13,
                                                               PriorityGround.USURE_PROFESSIONNELLE}
    assert parse_priority("Non") == frozenset() and parse_priority("") == frozenset()
    with pytest.raises(ValidationError, match="non reconnu"):
        parse_priority("ancienneté")
    assert parse_french_date("1.3.2020", "Date") == date(2020, 3, 1)
    assert parse_french_date("2020-03-01", "Date") == date(2020, 3, 1)


@given(st.text(max_size=40))
def test_any_cell_text_is_read_or_refused_in_french(text: str) -> None:
    for parse in (lambda t: parse_french_date(t, "Date"), parse_priority):
        try:
            parse(text)
        except ValidationError as error:
            assert str(error)
