"""Indicators of a period and their anonymised export: a CSV for French spreadsheets, a one-page PDF report.

Exports hold the published figures only (IndicatorReport.lines): aggregates, small counts masked, no name,
no identifier, no free comment.
"""

import csv
import io
from datetime import date
from enum import StrEnum
from pathlib import Path

from ..data.repositories import audit
from ..data.repositories.indicators import load_inputs
from ..domain.audit import AuditCode
from ..domain.dates import format_fr
from ..domain.errors import DomainError
from ..domain.indicators import IndicatorReport, compute
from ..domain.profile import CmcProfile
from ..domain.published_figures import MASKED_TEXT, SMALL_CELL, SMALL_CELL_TEXT, Period
from .profile import get_profile
from .tombstones import TombstoneKind
from .workspace import Workspace

TITLE = "Indicateurs de l'accompagnement mobilité-carrière"
PRIVACY_NOTE = (f"Données agrégées et anonymisées : aucun nom, aucun identifiant, aucun commentaire libre. "
                f"Effectif inférieur à {SMALL_CELL} : « {SMALL_CELL_TEXT} » ; part, médiane ou moyenne calculée sur "
                f"un tel effectif, ou valeur qui permettrait de le retrouver : « {MASKED_TEXT} ».")


class ExportFormat(StrEnum):
    CSV = "csv"
    PDF = "pdf"

    @classmethod
    def for_path(cls, path: Path) -> "ExportFormat":
        try:
            return cls(path.suffix.lower().lstrip("."))
        except ValueError:
            raise DomainError("Le fichier d'export doit se terminer par .csv ou .pdf.") from None


def compute_indicators(ws: Workspace, start: date, end: date) -> IndicatorReport:
    period = Period(start, end)
    with ws.store.session() as s:
        inputs = load_inputs(s, destruction_kind=TombstoneKind.SYNTHESIS, today=ws.clock.today())
    return compute(inputs, period, ws.clock.today())


def export(ws: Workspace, report: IndicatorReport, fmt: ExportFormat) -> bytes:
    """The report rendered for sharing; the export is journaled (format and period only)."""
    data = export_csv(report) if fmt is ExportFormat.CSV else export_pdf(report, get_profile(ws))
    with ws.store.session() as s:
        audit.append(s, AuditCode.INDICATORS_EXPORTED, ws.clock.now(),
                     detail=f"{fmt.value} {report.period.start.isoformat()}/{report.period.end.isoformat()}")
    return data


def export_csv(report: IndicatorReport) -> bytes:
    """UTF-8 with a byte-order mark and ";" separators, which French Excel opens as columns with accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Rubrique", "Indicateur", "Valeur", "Unité"])
    settings = "Paramètres"
    writer.writerow([settings, "Début de la période", format_fr(report.period.start), "date"])
    writer.writerow([settings, "Fin de la période", format_fr(report.period.end), "date"])
    writer.writerow([settings, "Calculé le", format_fr(report.computed_on), "date"])
    writer.writerow([settings, "Confidentialité", PRIVACY_NOTE, ""])
    for line in report.lines():
        writer.writerow([line.section, line.label, line.value, line.unit])
    return buffer.getvalue().encode("utf-8-sig")


def export_pdf(report: IndicatorReport, profile: CmcProfile | None = None) -> bytes:
    """The one-page A4 report (pdf/indicators_pdf.py), under the CMC's letterhead when her profile is given."""
    from ..pdf.indicators_pdf import render_report  # reportlab and Pillow: ~0.2 s of imports, for this export only

    return render_report(report, TITLE, PRIVACY_NOTE, profile)
