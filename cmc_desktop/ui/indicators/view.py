"""Indicateurs: the activity and quality figures of a period, as cards and charts, with the anonymised exports.

The screen shows exact values (the CMC's own data, inside the unlocked application); each figure that the
export suppresses says so ("export : < 5"). Figures are computed off the GUI thread.
"""

from datetime import date

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_fr
from ...domain.indicators import DELAY_BOUNDS, TAKE_CHARGE_BOUNDS, IndicatorReport
from ...domain.published_figures import SMALL_CELL
from ...domain.satisfaction import SATISFIED_FROM
from ...services.indicators import ExportFormat, compute_indicators, export
from ...services.workspace import Workspace
from .. import tasks
from ..navigation import Navigator, View
from ..text_zoom import set_style_sheet
from ..widgets import ErrorBanner
from .charts import BarChart, ChartValue, HistogramChart, HorizontalBarChart
from .export import PathChooser, ask_export_path, export_to, suggested_name, with_suffix
from .figures import STYLE, FigureSections, KeyFigure
from .formatting import count_text, export_note, percent_text, statistic_text
from .period import PeriodPicker

INTERVIEW_NAMES = {"E1": "Info-mobilité", "E2": "Projet de mobilité", "E3": "BPP", "E4": "Carrière"}
SCROLLBAR_STYLE = """
QScrollBar:vertical { background: #f6f6f6; width: 12px; margin: 0; }
QScrollBar::handle:vertical { background: #c1c1c1; border-radius: 5px; min-height: 32px; margin: 2px; }
QScrollBar::handle:vertical:hover { background: #929292; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }
"""


class IndicatorsView(QWidget, View):
    """Period picker, key figures, charts, every figure by section; exports of what is shown. Hook: refresh."""

    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None, *,
                 choose_path: PathChooser = ask_export_path) -> None:
        super().__init__(parent)
        self.ws, self.navigator, self.choose_path = ws, navigator, choose_path
        self.report: IndicatorReport | None = None
        self._generation = 0
        set_style_sheet(self, STYLE + SCROLLBAR_STYLE)

        title = QLabel("Indicateurs", self)
        title.setProperty("role", "title")
        self.csv_button = QPushButton("Exporter CSV", self)
        self.csv_button.setToolTip("Tableau anonymisé pour un tableur : agrégats seulement, petits effectifs masqués")
        self.pdf_button = QPushButton("Rapport PDF", self)
        self.pdf_button.setToolTip("Rapport anonymisé d'une page, pour le pilotage du service")
        for button, fmt in ((self.csv_button, ExportFormat.CSV), (self.pdf_button, ExportFormat.PDF)):
            button.setProperty("variant", "secondary")
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, fmt=fmt: self.export(fmt))
        self.print_button = QPushButton("Imprimer le rapport…", self)
        self.print_button.setToolTip("Le même rapport anonymisé, vers une imprimante")
        self.print_button.setProperty("variant", "secondary")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_report)
        self.period = PeriodPicker(ws.clock.today(), self)
        self.period.changed.connect(self.compute)
        privacy = QLabel(f"Chiffres exacts, pour vous seul·e. Les exports sont anonymisés : aucun nom ni "
                         f"identifiant, effectifs inférieurs à {SMALL_CELL} remplacés par « < {SMALL_CELL} », "
                         "valeurs qui permettraient de les retrouver masquées — chaque chiffre concerné l'indique "
                         "(« export : … »).", self)
        privacy.setProperty("role", "hint")
        privacy.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setProperty("role", "hint")
        self.banner = ErrorBanner(self)

        self.content = QWidget()
        self.accompanied = KeyFigure("des demandeurs d'un accompagnement de la période ont eu un entretien ou une "
                                     "séance collective (cible : 100 %)", "", self.content)
        self.delay = KeyFigure("délai médian entre l'expression de la demande et sa prise en charge effective",
                               "jours", self.content)
        self.mean = KeyFigure(f"satisfaction globale moyenne (cible : {SATISFIED_FROM} ou plus)", "/ 10",
                              self.content)
        self.satisfied = KeyFigure(f"des agents ont noté leur accompagnement {SATISFIED_FROM}/10 ou plus", "",
                                   self.content)
        self.interviews_chart = BarChart("Entretiens par type", self.content)
        self.delay_chart = HistogramChart("Délai demande de BPP → entrée en BPP", DELAY_BOUNDS, self.content)
        self.take_charge_chart = HistogramChart("Délai demande d'accompagnement → prise en charge",
                                                TAKE_CHARGE_BOUNDS, self.content)
        self.outcomes_chart = HorizontalBarChart("Issue des accompagnements clos", 100,
                                                 parent=self.content)
        self.bands_chart = BarChart("Note globale de satisfaction", self.content)
        self.shares_chart = HorizontalBarChart("Accès à l'accompagnement et satisfaction (parts)", 100,
                                               parent=self.content)
        self.items_chart = HorizontalBarChart("Satisfaction par engagement « Mon accompagnement en + »", 10,
                                              target=SATISFIED_FROM, target_text=f"cible {SATISFIED_FROM}/10",
                                              parent=self.content)
        self.sections = FigureSections(self.content)
        all_figures = QLabel("Tous les chiffres de la période", self.content)
        all_figures.setProperty("role", "section")

        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        for tile in (self.accompanied, self.delay, self.mean, self.satisfied):
            tiles.addWidget(tile, 1)
        charts = QGridLayout()
        charts.setSpacing(12)
        charts.addWidget(self.interviews_chart, 0, 0, 1, 2)
        charts.addWidget(self.delay_chart, 0, 2, 1, 2)
        charts.addWidget(self.bands_chart, 0, 4, 1, 2)
        charts.addWidget(self.shares_chart, 1, 0, 1, 3)
        charts.addWidget(self.items_chart, 1, 3, 1, 3)
        charts.addWidget(self.take_charge_chart, 2, 0, 1, 3)
        charts.addWidget(self.outcomes_chart, 2, 3, 1, 3)
        body = self.body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 4, 8, 12)
        body.setSpacing(12)
        body.addLayout(tiles)
        body.addLayout(charts)
        body.addSpacing(6)
        body.addWidget(all_figures)
        body.addWidget(self.sections)
        body.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.content)

        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.csv_button)
        heading.addWidget(self.pdf_button)
        heading.addWidget(self.print_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 20, 20, 8)
        column.setSpacing(8)
        column.addLayout(heading)
        column.addWidget(self.period)
        column.addWidget(privacy)
        column.addWidget(self.banner)
        column.addWidget(self.status)
        column.addWidget(self.scroll_area, 1)
        self.content.hide()
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_sections()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text zoom: the sections may no longer fit side by side
            QTimer.singleShot(0, self, self._fit_sections)

    def _fit_sections(self) -> None:
        margins = self.body.contentsMargins()
        self.sections.fit(self.scroll_area.viewport().width() - margins.left() - margins.right())

    # ----- navigator hook -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Back to this view: recompute the period shown (data may have changed elsewhere)."""
        period = self.period.period()
        if period is not None:
            self.compute(*period)

    # ----- computing ------------------------------------------------------------------------------------------
    def compute(self, start: date, end: date) -> None:
        self._generation += 1
        generation, ws = self._generation, self.ws
        self.status.setText(f"Calcul des indicateurs du {format_fr(start)} au {format_fr(end)}…")
        tasks.submit(lambda: compute_indicators(ws, start, end), owner=self,
                     on_done=lambda report: self._computed(generation, report),
                     on_error=lambda error: self._failed(generation, error), writes=False)

    def _computed(self, generation: int, report: IndicatorReport) -> None:
        if generation != self._generation:  # the period changed meanwhile: the later answer wins
            return
        self.report = report
        self.banner.clear()
        self.status.setText(f"Période {report.period.label} · calculé le {format_fr(report.computed_on)}")
        self._show(report)
        self.content.show()
        for button in (self.csv_button, self.pdf_button, self.print_button):
            button.setEnabled(True)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.report = None
        self.banner.show_error(error)
        self.status.setText("")
        self.content.hide()  # figures of another period must not pass for this one
        for button in (self.csv_button, self.pdf_button, self.print_button):
            button.setEnabled(False)

    def _show(self, report: IndicatorReport) -> None:
        access = report.access
        self.accompanied.show_value(percent_text(access.requesters_taken_in_charge),
                                    export_note(access.requesters_taken_in_charge))
        self.delay.show_value(statistic_text(access.take_charge_median), export_note(access.take_charge_median))
        self.mean.show_value(statistic_text(report.satisfaction_mean), export_note(report.satisfaction_mean))
        self.satisfied.show_value(percent_text(report.satisfaction_satisfied),
                                  export_note(report.satisfaction_satisfied))

        self.interviews_chart.set_values([
            ChartValue(f"{bar.label}\n{INTERVIEW_NAMES.get(bar.label, '')}".strip(), bar.count.value,
                       count_text(bar.count)) for bar in report.interviews_by_type])
        self.delay_chart.set_values([ChartValue(bar.label, bar.count.value, count_text(bar.count))
                                     for bar in report.delay_buckets])
        median = report.delay_median.value
        self.delay_chart.set_median(median, f"Médiane : {statistic_text(report.delay_median)} jours"
                                    if median is not None else "")
        self.take_charge_chart.set_values([ChartValue(bar.label, bar.count.value, count_text(bar.count))
                                           for bar in access.take_charge_buckets])
        take_charge = access.take_charge_median.value
        self.take_charge_chart.set_median(take_charge, f"Médiane : {statistic_text(access.take_charge_median)} "
                                          "jours" if take_charge is not None else "")
        closed = access.accompaniments_closed.value
        self.outcomes_chart.set_values([
            ChartValue(bar.caption, 100 * bar.count.value / closed if closed else None, count_text(bar.count))
            for bar in access.outcomes_by_result])
        self.bands_chart.set_values([ChartValue(bar.label, bar.count.value, count_text(bar.count))
                                     for bar in report.satisfaction_bands])
        shares = (("Demandeurs d'un accompagnement pris en charge", access.requesters_taken_in_charge),
                  ("Délai de prise en charge communiqué respecté", access.promise_kept),
                  ("Demandeurs de BPP entrés en BPP", report.requesters_accompanied),
                  ("Publics prioritaires parmi les entrées en BPP", report.priority_participants),
                  ("Référent handicap informé à temps (L. 5212-13)", report.handicap_in_time_share),
                  (f"Agents ayant noté {SATISFIED_FROM}/10 ou plus", report.satisfaction_satisfied),
                  ("Questionnaire proposé à la clôture", access.questionnaire_proposed))
        self.shares_chart.set_values([
            ChartValue(label, None if share.ratio is None else 100 * share.ratio, percent_text(share))
            for label, share in shares])
        self.items_chart.set_values([
            ChartValue(f"{item.number}. {item.short_label}", mean.value, statistic_text(mean))
            for item, mean in report.satisfaction_items])
        self.sections.show_figures(report.figures())

    # ----- exports --------------------------------------------------------------------------------------------
    def export(self, fmt: ExportFormat) -> None:
        """Ask where, then write the anonymised export of the figures shown (off the GUI thread)."""
        report = self.report
        if report is None:
            return
        chosen = self.choose_path(self, fmt, suggested_name(report, fmt))
        if chosen is None:
            return
        path, ws = with_suffix(chosen, fmt), self.ws
        for button in (self.csv_button, self.pdf_button, self.print_button):
            button.setEnabled(False)
        tasks.submit(lambda: export_to(ws, report, fmt, path), owner=self,
                     on_done=self._exported, on_error=self._export_failed)

    def print_report(self) -> None:
        """The anonymised PDF report through the system print dialog (journaled as an export)."""
        from ..widgets.printing import print_pdf

        if self.report is None:
            return
        try:
            print_pdf(self, export(self.ws, self.report, ExportFormat.PDF), "Indicateurs — rapport anonymisé")
        except Exception as error:  # said above the figures
            self.banner.show_error(error)

    def _exported(self, path: object) -> None:
        self._enable_exports()
        kind = "Rapport PDF" if str(path).lower().endswith(".pdf") else "Export CSV"
        self.navigator.notify(f"{kind} anonymisé enregistré : {getattr(path, 'name', path)}")

    def _export_failed(self, error: BaseException) -> None:
        self._enable_exports()
        self.banner.show_error(error)

    def _enable_exports(self) -> None:
        for button in (self.csv_button, self.pdf_button, self.print_button):
            button.setEnabled(self.report is not None)
