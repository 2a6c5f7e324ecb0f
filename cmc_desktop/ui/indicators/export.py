"""Exporting the indicators shown: the service's anonymised CSV or one-page PDF, written atomically where the
CMC chooses. The place is asked through a `PathChooser`, which tests replace by a direct answer."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...domain.indicators import IndicatorReport
from ...services.indicators import ExportFormat, export
from ...services.workspace import Workspace
from ..synthesis.save_file import write_atomically
from ..widgets.file_dialogs import CSV_FILTER, PDF_FILTER, FileChooser

PathChooser = Callable[[QWidget, ExportFormat, str], Path | None]
"""(parent, format, suggested file name) → the chosen path, or None when the CMC cancels."""

_FILTERS = {ExportFormat.CSV: CSV_FILTER, ExportFormat.PDF: PDF_FILTER}
_TITLES = {ExportFormat.CSV: "Exporter les indicateurs (CSV anonymisé)",
           ExportFormat.PDF: "Enregistrer le rapport PDF anonymisé"}


def suggested_name(report: IndicatorReport, fmt: ExportFormat) -> str:
    """Period only: a file name never holds anything personal."""
    return f"indicateurs_{report.period.start.isoformat()}_{report.period.end.isoformat()}.{fmt.value}"


def ask_export_path(parent: QWidget, fmt: ExportFormat, suggested: str) -> Path | None:
    """The application's save dialog (no history kept), starting in the Documents folder."""
    return FileChooser().save_path(parent, _TITLES[fmt], suggested, name_filter=_FILTERS[fmt])


def with_suffix(path: Path, fmt: ExportFormat) -> Path:
    """The chosen path, ending with the format's extension (added when the CMC left it out)."""
    return path if path.suffix.lower() == f".{fmt.value}" else path.with_name(f"{path.name}.{fmt.value}")


def export_to(ws: Workspace, report: IndicatorReport, fmt: ExportFormat, path: Path) -> Path:
    """Render, journal and write the export (all or nothing); returns where it was written."""
    write_atomically(path, lambda: export(ws, report, fmt))
    return path
