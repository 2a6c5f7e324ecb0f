"""A realistic caseload spreadsheet for the import tests: 200 fictitious agents, 10 of them wrong on purpose,
written as French Excel writes CSV (`;`, UTF-8 with BOM or Windows-1252) and as XLSX."""

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

HEADERS = ["Nom", "Prénom", "Catégorie", "Statut", "Fonction", "Service", "Courriel", "Téléphone",
           "Date de prise de fonction", "Motif prioritaire", "Date de naissance"]
_LAST = ["Arbousier", "Bruyère", "Châtaignier", "Dumoulin", "Frênaie", "Genévrier", "Houx", "Églantier", "Iris",
         "Jonquille", "Lavandin", "Mélèze", "Kermès", "N'Diaye", "Œuvray", "Le Goff", "Da Silva", "Müller",
         "Ørsted", "Ben Saïd"]
_FIRST = ["Hélène", "Noël", "Zoé", "Éloïse", "Maëlle", "François", "Anaïs", "Jérôme", "Loïc", "Bérénice"]
_FUNCTIONS = ["Gestionnaire budgétaire", "Assistante de direction", "Contrôleur des finances publiques",
              "Agent d'accueil", "Chargé de mission RH", "Technicien informatique"]
_SERVICES = ["DRFiP Lyon", "Préfecture du Rhône", "DDT de l'Ain", "Rectorat de Grenoble", "DREETS"]
_GROUNDS = ["", "", "", "RQTH", "usure professionnelle", "Restructuration ; usure", "L. 5212-13"]
# (row index among the 200, the cells to change, what the report must say)
BAD_ROWS = [
    (7, {"Nom": ""}, "« Nom » est obligatoire"),
    (23, {"Prénom": " "}, "« Prénom » est obligatoire"),
    (41, {"Date de prise de fonction": "31/02/2019"}, "n'existe pas dans le calendrier"),
    (58, {"Date de prise de fonction": "2019/13/45"}, "jj/mm/aaaa"),
    (77, {"Catégorie": "D"}, "A, B ou C attendu"),
    (96, {"Statut": "vacataire"}, "titulaire, stagiaire ou contractuel"),
    (115, {"Courriel": "jean.dupont"}, "pas une adresse valide"),
    (133, {"Motif prioritaire": "oui"}, "précisez lequel"),
    (151, {"Catégorie": "A", "Motif prioritaire": "C sans diplôme"}, "ne vaut que pour un agent de catégorie C"),
    (188, {"Date de prise de fonction": "01/01/2090"}, "n'est pas plausible"),
]


def caseload_rows() -> list[dict[str, str]]:
    rows = []
    for n in range(200):
        category = "ABC"[n % 3]
        day = date(2005 + n % 19, 1 + n % 12, 1 + n % 28)
        separator = "/-."[n % 3]
        rows.append({
            "Nom": _LAST[n % len(_LAST)] + ("" if n < 20 else f"-{n}"),
            "Prénom": _FIRST[n % len(_FIRST)],
            "Catégorie": category if n % 5 else f"Cat. {category}",
            "Statut": ["Titulaire", "Contractuel", "Fonctionnaire stagiaire", "titulaire"][n % 4],
            "Fonction": _FUNCTIONS[n % len(_FUNCTIONS)],
            "Service": _SERVICES[n % len(_SERVICES)],
            "Courriel": f"agent{n}@administration.gouv.fr" if n % 4 else "",
            "Téléphone": f"04 72 {n:02d} {n % 97:02d} 00"[:14],
            "Date de prise de fonction": day.strftime(f"%d{separator}%m{separator}%Y"),
            "Motif prioritaire": "C sans diplôme" if category == "C" and n % 7 == 0 else _GROUNDS[n % len(_GROUNDS)],
            "Date de naissance": f"01/01/{1960 + n % 40}",
        })
    for index, changes, _ in BAD_ROWS:
        rows[index] = {**rows[index], **changes}
    return rows


def csv_bytes(rows: list[dict[str, str]], encoding: str = "utf-8-sig", delimiter: str = ";") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, HEADERS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_xlsx(path: Path, rows: list[dict[str, str]]) -> None:
    """As Excel would keep it: dates as date cells, the rest as text."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        cells: list[object] = []
        for header in HEADERS:
            value = row[header]
            if header == "Date de prise de fonction" and value[:2].isdigit() and value[2:3] == "/":
                day, month, year = (int(x) for x in value.split("/"))
                try:
                    cells.append(date(year, month, day))
                    continue
                except ValueError:
                    pass
            cells.append(value)
        sheet.append(cells)
    book.save(path)


def write_huge_sheet(path: Path, rows: int) -> None:
    """An XLSX whose sheet has `rows` rows of one short cell, streamed into the archive (a few seconds)."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
        '/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
        '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org'
        '/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument'
        '/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org'
                        b'/spreadsheetml/2006/main"><sheetData>')
            for start in range(1, rows + 1, 20000):
                sheet.write(b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
                                     for n in range(start, min(start + 20000, rows + 1))))
            sheet.write(b"</sheetData></worksheet>")


def write_zip_bomb(path: Path) -> None:
    """A valid-looking .xlsx whose sheet unpacks to 300 MB of spaces (a few hundred kilobytes on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b" " * (1024 * 1024)
            for _ in range(300):
                sheet.write(block)
