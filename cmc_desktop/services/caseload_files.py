"""Reading the spreadsheet the CMC chose — CSV as French Excel writes it, or XLSX — within limits.

The file is read where it is and never copied into the data folder. Limits keep a hostile or mistaken file
from exhausting the laptop: its size, its rows and columns, and for XLSX (a zip archive) the uncompressed size
and compression ratio of each part, checked before openpyxl parses anything (a « zip bomb » of a few hundred
kilobytes can unpack to gigabytes).
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

from ..domain.errors import DomainError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000  # a CMC follows a few hundred agents; a bigger file is not a caseload
MAX_COLUMNS = 60
MAX_CELL = 2000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # XML compresses ~10-30×; a part packed 200× or more is refused


@dataclass(frozen=True)
class Table:
    """The header row and the data rows, every cell as text; `encoding` says how a CSV was read."""

    headers: list[str]
    rows: list[list[str]]
    encoding: str = ""


def read_table(path: Path) -> Table:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DomainError(f"Ce fichier pèse {size // (1024 * 1024)} Mo : {MAX_FILE_BYTES // (1024 * 1024)} Mo "
                              "au plus pour un fichier de suivi.")
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return read_xlsx(path)
        if path.suffix.lower() in (".csv", ".txt"):
            return read_csv(path.read_bytes())
    except OSError:
        raise DomainError("Le fichier n'a pas pu être lu : vérifiez qu'il existe et qu'il n'est pas ouvert dans "
                          "un autre logiciel.") from None
    raise DomainError("Choisissez un fichier CSV (séparateur point-virgule) ou un classeur Excel .xlsx.")


def read_csv(data: bytes) -> Table:
    """UTF-8 (with or without BOM) or Windows-1252, whichever reads the bytes; `;` unless another separator is
    plainly the one used."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="strict"), "UTF-8 (avec BOM)"
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "Windows-1252"
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=lambda d: (first_line.count(d), d == ";"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    for row in reader:
        rows.append(_checked_row(row, len(rows)))
    return _table(rows, encoding)


def read_xlsx(path: Path) -> Table:
    _check_archive(path)
    import openpyxl  # ~0.1 s of imports, for this import only

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise DomainError("Ce classeur Excel n'a pas pu être lu (fichier endommagé ou d'un autre format).") from None
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        # Bounded in columns too: a sheet claiming 16 384 columns would otherwise yield them all, empty.
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            rows.append(_checked_row([_cell(v) for v in values], len(rows)))
    finally:
        book.close()
    return _table(rows, "")


def _check_archive(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(members)
            for member in members:
                if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                    _check_rows(archive, member)
    except zipfile.BadZipFile:
        raise DomainError("Ce fichier .xlsx n'est pas un classeur Excel valide.") from None


def _check_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Count a sheet's rows as its XML streams in, stopping past MAX_ROWS: openpyxl, even read-only, parses a
    whole sheet to find its size (measured: 6 s for a sheet of a million one-cell rows)."""
    parser: ElementTree.XMLPullParser = ElementTree.XMLPullParser(events=("start",))
    rows = 0
    with archive.open(member) as stream:
        while chunk := stream.read(64 * 1024):
            try:
                parser.feed(chunk)
            except ElementTree.ParseError:
                raise DomainError("Ce classeur Excel est endommagé : une de ses feuilles est illisible.") from None
            for *_event, element in parser.read_events():
                if not isinstance(element, ElementTree.Element):
                    continue
                if element.tag.endswith("}row"):
                    rows += 1
                    if rows > MAX_ROWS + 1:  # the header row and MAX_ROWS agents
                        raise _too_many_rows()
                element.clear()


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > 2000:
        raise DomainError("Ce classeur contient un nombre anormal de parties : il est refusé.")
    unpacked = 0
    for member in members:
        unpacked += member.file_size
        if member.compress_size and member.file_size / member.compress_size > MAX_RATIO and member.file_size > 1e6:
            raise DomainError("Ce classeur est anormalement compressé (il décompresserait en un volume démesuré) : "
                              "il est refusé.")
    if unpacked > MAX_UNPACKED_BYTES:
        raise DomainError(f"Ce classeur décompressé dépasserait {MAX_UNPACKED_BYTES // (1024 * 1024)} Mo : il est "
                          "refusé.")


def _checked_row(row: list[str], index: int) -> list[str]:
    if index > MAX_ROWS:
        raise _too_many_rows()
    if any(cell.strip() for cell in row[MAX_COLUMNS:]):
        raise DomainError(f"Ce fichier compte plus de {MAX_COLUMNS} colonnes remplies : il est refusé.")
    return [cell[:MAX_CELL] for cell in row[:MAX_COLUMNS]]


def _too_many_rows() -> DomainError:
    return DomainError(f"Ce fichier compte plus de {MAX_ROWS} lignes : ce n'est pas un fichier de suivi d'agents. "
                       "Importez-le en plusieurs fois ou vérifiez qu'il s'agit du bon fichier.")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(rows: list[list[str]], encoding: str) -> Table:
    """Line 1 holds the headers; data rows keep their place (line n is rows[n - 2]) so reports match the
    spreadsheet; trailing empty rows are dropped."""
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise DomainError("Ce fichier est vide.")
    if len(rows) == 1:
        raise DomainError("Ce fichier n'a qu'une ligne d'en-têtes : aucun agent à importer.")
    width = len(rows[0])
    return Table([h.strip() for h in rows[0]], [row + [""] * (width - len(row)) for row in rows[1:]], encoding)
