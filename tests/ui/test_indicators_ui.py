"""Indicateurs: the figures of the known dataset on screen equal the service's; charts render; exports are
anonymous and written where the (injected) chooser says."""

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from cmc_desktop.services.demo import populate
from cmc_desktop.services.indicators import ExportFormat, compute_indicators
from cmc_desktop.ui import tasks, theme
from cmc_desktop.ui.indicators import IndicatorsView
from cmc_desktop.ui.indicators.formatting import exact_text
from cmc_desktop.ui.navigation import INDICATORS
from tests.conftest import MARKER
from tests.services import indicator_dataset as dataset
from tests.ui.helpers import assert_accessible

from .helpers import save_screenshot


class RecordingNavigator:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def open(self, view_key: str, target_id: int | None = None) -> None:
        raise AssertionError("the indicators open nothing")

    def notify(self, message: str, kind: str = "success") -> None:
        self.messages.append(message)


class Chooser:
    """Answers the save dialog with a path in tmp_path; remembers what was asked."""

    def __init__(self, folder: Path, name: str | None = None) -> None:
        self.folder, self.name = folder, name
        self.asked: list[tuple[ExportFormat, str]] = []

    def __call__(self, parent: QWidget, fmt: ExportFormat, suggested: str) -> Path | None:
        self.asked.append((fmt, suggested))
        return self.folder / (self.name or suggested)


@pytest.fixture
def secrets(ws) -> list[str]:
    return dataset.seed(ws.store)


def _view(qtbot, ws, chooser=None, navigator=None) -> IndicatorsView:
    view = IndicatorsView(ws, navigator or RecordingNavigator(), choose_path=chooser or Chooser(Path("/nonexistent")))
    qtbot.addWidget(view)
    view.resize(1300, 740)
    view.show()
    return view


def _ink(widget: QWidget, colour: str | None = None) -> int:
    """Pixels of `colour` (or anything but the white background) in the widget's rendering."""
    image = widget.grab().toImage()
    wanted = QColor(colour).rgb() if colour else None
    background = QColor("#ffffff").rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if (image.pixel(x, y) == wanted if wanted is not None else image.pixel(x, y) != background))


def test_the_figures_on_screen_are_the_services_exact_figures(qtbot, ws, secrets) -> None:
    view = _view(qtbot, ws)
    view.period.set_period(dataset.START, dataset.END)
    report = compute_indicators(ws, dataset.START, dataset.END)
    assert view.report == report
    assert view.status.text() == "Période du 01/01/2026 au 30/06/2026 · calculé le 16/11/2026"
    figures = report.figures()
    assert len(view.sections.values) == len(figures)
    for figure in figures:
        shown = view.sections.values[(figure.section, figure.label)].text()
        assert shown == exact_text(figure), figure.label
        if not figure.figure.suppressed:  # what is published is what the CMC sees
            assert shown.split("\u202f")[0].split(" ")[0] == figure.line.value, figure.label
        note = view.sections.notes[(figure.section, figure.label)].text()
        assert note == (f"export : {figure.line.value}" if figure.figure.suppressed else "")
    values = {label: view.sections.values[(section, label)].text() for section, label in view.sections.values}
    # Hand-computed (indicator_dataset.py): exact on screen, even where the export says "< 5".
    assert values["E3 — Bilan de parcours professionnel"] == "3"
    assert values["Demandes reçues"] == "18"
    assert values["Délai médian entre la demande de BPP et l'entrée en BPP"] == "29 jours"
    assert values["Demandeurs de BPP ayant commencé un BPP"] == "44,4\u202f%"
    assert values["Délai de prise en charge communiqué à l'agent respecté"] == "85,7\u202f%"  # 6 / 7, masked in exports
    assert values["Publics prioritaires parmi les entrées en BPP"] == "66,7\u202f%"  # restructuration apart
    assert values["Note globale moyenne"] == "8,1\u202f/\u202f10"
    assert view.sections.notes[("Entretiens", "E3 — Bilan de parcours professionnel")].text() == "export : < 5"
    # Key figures in large type.
    # From the demande d'accompagnement to its taking charge (A1–A15): 8 / 13 and a median of 14 days.
    assert (view.accompanied.value.text(), view.delay.value.text()) == ("61,5\u202f%", "14")
    assert view.take_charge_chart.median == 14 and [v.text for v in view.take_charge_chart.values] == ["4", "0", "3",
                                                                                                        "1"]
    assert (view.mean.value.text(), view.satisfied.value.text()) == ("8,1", "50\u202f%")
    assert view.delay_chart.median == 29
    assert [v.text for v in view.delay_chart.values] == ["5", "2", "0", "1"]
    assert view.csv_button.isEnabled() and view.pdf_button.isEnabled()
    assert_accessible(view)


def test_the_charts_render(qtbot, ws, secrets) -> None:
    view = _view(qtbot, ws)
    view.period.set_period(dataset.START, dataset.END)
    for chart in (view.interviews_chart, view.delay_chart, view.bands_chart, view.shares_chart, view.items_chart,
                  view.take_charge_chart, view.outcomes_chart):
        assert chart.isVisible() and chart.height() >= 150, chart.title
        assert _ink(chart, theme.BLUE_FRANCE) > 100, chart.title  # bars drawn
        assert _ink(chart) > 400, chart.title
    assert _ink(view.delay_chart, theme.RED_MARIANNE) > 20  # the median line and its label
    assert view.interviews_chart.accessibleDescription() == ("E1 Info-mobilité : 6 ; E2 Projet de mobilité : 8 ; "
                                                              "E3 BPP : 3 ; E4 Carrière : 0")
    # The median of 29 days falls just before the end of the first bin (≤ 30 days).
    assert 0.9 < view.delay_chart.median_position() < 1.0


def test_figures_are_computed_off_the_gui_thread_and_the_latest_period_wins(qtbot, ws, secrets) -> None:
    previous = tasks.set_executor(tasks.thread_pool)
    try:
        view = _view(qtbot, ws)
        view.period.set_period(date(2025, 1, 1), date(2025, 12, 31))
        view.period.set_period(dataset.START, dataset.END)
        qtbot.waitUntil(lambda: view.report is not None and view.report.period.start == dataset.START)
        assert view.status.text().startswith("Période du 01/01/2026 au 30/06/2026")
    finally:
        tasks.wait_for_all()
        tasks.set_executor(previous)


def test_presets_and_a_bad_period(qtbot, ws, secrets) -> None:
    view = _view(qtbot, ws)
    assert view.period.period() == (date(2025, 11, 17), date(2026, 11, 16))  # 12 derniers mois by default
    assert view.report is not None and view.report.period.start == date(2025, 11, 17)
    view.period.choose_preset(view.period.preset.findText("Année civile 2026"))
    assert view.report.period.start == date(2026, 1, 1) and view.report.period.end == date(2026, 12, 31)
    view.period.end.edit.setText("31/12/2025")
    view.period.end.edit.editingFinished.emit()
    assert view.period.preset.currentText() == "Période personnalisée"
    assert view.banner.isVisible() and "La période est inversée" in view.banner.text
    assert view.report is None and not view.content.isVisible()
    assert not view.csv_button.isEnabled()
    view.period.end.edit.setText("31/12/2026")
    view.period.end.edit.editingFinished.emit()
    assert not view.banner.isVisible() and view.content.isVisible() and view.csv_button.isEnabled()


def test_csv_export_is_anonymous_and_suppresses_small_cells(qtbot, ws, secrets, tmp_path) -> None:
    navigator, chooser = RecordingNavigator(), Chooser(tmp_path, "rapport")  # no extension typed
    view = _view(qtbot, ws, chooser, navigator)
    view.period.set_period(dataset.START, dataset.END)
    view.csv_button.click()
    assert chooser.asked == [(ExportFormat.CSV, "indicateurs_2026-01-01_2026-06-30.csv")]
    written = tmp_path / "rapport.csv"
    data = written.read_bytes()
    text = data.decode("utf-8-sig")
    for secret in secrets:
        assert secret.encode() not in data and secret not in text, secret
    assert MARKER not in text
    rows = {(row[0], row[1]): row[2] for row in csv.reader(io.StringIO(text), delimiter=";")}
    assert rows[("Entretiens", "E3 — Bilan de parcours professionnel")] == "< 5"
    assert rows[("Demandes de BPP", "Refus motivés")] == "< 5"
    assert rows[("Accès à l'accompagnement", "Publics prioritaires parmi les entrées en BPP")] == "masqué"
    assert rows[("Demandes de BPP", "Demandes reçues")] == "18"
    assert navigator.messages == ["Export CSV anonymisé enregistré : rapport.csv"]
    assert oct(written.stat().st_mode & 0o777) == "0o600"


def test_pdf_report_is_one_anonymous_page(qtbot, ws, secrets, tmp_path) -> None:
    navigator = RecordingNavigator()
    view = _view(qtbot, ws, Chooser(tmp_path), navigator)
    view.period.set_period(dataset.START, dataset.END)
    view.pdf_button.click()
    written = tmp_path / "indicateurs_2026-01-01_2026-06-30.pdf"
    reader = PdfReader(written)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Indicateurs de l'accompagnement" in text
    for secret in secrets:
        assert secret not in text, secret
    assert navigator.messages == ["Rapport PDF anonymisé enregistré : indicateurs_2026-01-01_2026-06-30.pdf"]


def test_an_unwritable_place_is_reported_and_nothing_is_written(qtbot, ws, secrets, tmp_path) -> None:
    view = _view(qtbot, ws, Chooser(tmp_path / "absent"))
    view.period.set_period(dataset.START, dataset.END)
    view.csv_button.click()
    assert view.banner.isVisible() and "Impossible d'écrire à cet emplacement" in view.banner.text
    assert not (tmp_path / "absent").exists()
    assert view.csv_button.isEnabled()


def test_the_view_in_the_window_refreshes_when_shown_again(window, ws) -> None:
    view = window.show_view(INDICATORS)
    assert isinstance(view, IndicatorsView)
    before = view.sections.values[("Demandes de BPP", "Demandes reçues")].text()
    populate(ws)
    window.show_view(INDICATORS)
    after = view.sections.values[("Demandes de BPP", "Demandes reçues")].text()
    assert (before, after) == ("0", "21")
    assert_accessible(view)


@pytest.mark.screenshot
def test_screenshot(window, ws) -> None:
    populate(ws)
    window.show_view(INDICATORS)
    save_screenshot(window, "indicateurs.png")
