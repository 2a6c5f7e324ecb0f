"""The editor of one interview. An E2 (entretien projet de mobilité) is guided through its three phases —
proposition d'accompagnement, appui, conclusion — with the CMC's private notes apart; an E1 records the answer
given, the aiguillage and the documents sent; an E4 its initiative and target public; E1, E3 and E4 interviews
keep the header, the conclusion and the private notes. Every edit is saved as it is made.

A value the store refuses (an implausible date, a text too long) shows its French message in the banner;
the input stays on screen for correction and nothing is stored.
"""

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda import parse_time
from ...domain.agent import AgentState
from ...domain.dates import format_fr
from ...domain.errors import ValidationError
from ...domain.interview import InterviewType, Mode
from ...services.agents import get_agent
from ...services.interviews import (
    InterviewInput,
    InterviewView,
    delete_interview,
    get_interview,
    interviews_for_agent,
    update_interview,
)
from ...services.workspace import Workspace
from ..agents.choices import enum_combo, enum_data, select_value
from ..navigation import AGENTS, Navigator
from ..resources import icon
from ..theme import set_property
from ..widgets import AutosaveLineEdit, AutosaveTextEdit, ErrorBanner, FrenchDateEdit, confirm
from ..widgets.tab_rows import TabRows
from ..widgets.vertical_scroll import vertical_scroll
from .header_grid import HeaderGrid
from .new_dialog import NewInterviewDialog
from .phases import (
    CareerPage,
    ConclusionPage,
    InfoMobilityPage,
    PhasePage,
    PrivateNotesPage,
    PropositionPage,
    SupportPage,
)
from .referral import ReferralBox
from .series import SeriesPanel

MAX_MINUTES = 8 * 60
SERIES_WIDTH = 260  # px: the series panel beside the interview, at least
TABS_LINES = 15  # a phase (which scrolls on its own) shows about as many lines, however tall the header


def phases_done(data: InterviewInput) -> tuple[bool, bool, bool]:
    """Whether each E2 phase holds something (its tab gets a tick)."""
    return (bool(data.proposition_items or data.proposition_notes.strip()),
            data.support_kind is not None,
            bool(data.progress_shared.strip() or data.next_actions.strip()))


class _Panes(QSplitter):
    """The interview and its series: no taller than they must be, so that the editor's page scrolls only when
    the window is too short for their minimum (a scroll area sizes its page by preferred heights)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())


class E2InterviewEditor(QWidget):
    """`back_requested` (« ← Entretiens », Alt+←), `open_requested(id)` for another interview, `deleted` once
    this one is deleted."""

    back_requested = Signal()
    open_requested = Signal(int)
    deleted = Signal()

    def __init__(self, ws: Workspace, navigator: Navigator, interview_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator, self.interview_id = ws, navigator, interview_id
        self.interview: InterviewView = get_interview(ws, interview_id)  # raises (French) if it was deleted
        self.data: InterviewInput = self.interview.data
        self.agent = get_agent(ws, self.interview.agent_id)
        self.is_e2 = self.interview.type is InterviewType.E2
        self.new_dialog: NewInterviewDialog | None = None
        self.gone = False  # deleted: edits flushed while the editor goes away have nowhere to go

        self.banner = ErrorBanner(self)
        heading = self._build_heading()
        header = self._build_header()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Phases de l'entretien")
        # Every phase's title stays whole: on several rows (TabRows) when one row is not wide enough.
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.pages: list[PhasePage] = []
        if self.is_e2:
            self.proposition, self.support = PropositionPage(), SupportPage()
            self.conclusion = ConclusionPage()
            for page, label in ((self.proposition, "1 · Proposition d'accompagnement"), (self.support, "2 · Appui"),
                                (self.conclusion, "3 · Conclusion")):
                self._add_page(page, label)
        else:
            if self.interview.type is InterviewType.E1:
                self._add_page(InfoMobilityPage(), "Réponse et aiguillage")
            elif self.interview.type is InterviewType.E4:
                self._add_page(CareerPage(), "Initiative et public")
            self.conclusion = ConclusionPage(heading="Compte rendu de l'entretien",
                                             guidance="Ce qui a été partagé avec l'agent et la suite convenue.")
            self._add_page(self.conclusion, "Compte rendu")
        self.private = PrivateNotesPage()
        self._add_page(self.private, "Notes privées du conseiller")
        self.tabs.setTabIcon(self.tabs.indexOf(self.private), icon("verrou"))
        self.tabs.setTabToolTip(self.tabs.indexOf(self.private), "Jamais dans le document de synthèse")
        for index, phase in enumerate(self.pages[:-1]):
            phase.next_requested.connect(lambda i=index: self.tabs.setCurrentIndex(i + 1))

        self.series = SeriesPanel(self)
        self.series.open_requested.connect(self.open_requested)
        self.series.new_requested.connect(self.new_in_series)
        self.series.delete_requested.connect(self.delete)
        self.series.file_requested.connect(lambda: self.navigator.open(AGENTS, self.interview.agent_id))
        self.referral: ReferralBox | None = None
        if self.interview.type in (InterviewType.E2, InterviewType.E4):
            # Visible whatever the phase shown: the decision may come at any time of the interview.
            self.referral = ReferralBox(ws, self.series)
            self.referral.changed.connect(self._referral_changed)
            self.series.boxes.addWidget(self.referral)
            # Tab follows the panel from top to bottom.
            for first, then in ((self.series.new_button, self.referral.refer_button),
                                (self.referral.refer_button, self.referral.demande_button),
                                (self.referral.demande_button, self.series.file_button)):
                QWidget.setTabOrder(first, then)
        main = QWidget(self)
        main_column = QVBoxLayout(main)
        main_column.setContentsMargins(0, 0, 0, 0)
        main_column.setSpacing(8)
        main_column.addLayout(header)
        self.tab_rows = TabRows(self.tabs, main)
        main_column.addWidget(self.tab_rows)
        main_column.addWidget(self.tabs, 1)
        splitter = _Panes(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(main)
        splitter.addWidget(self.series)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([800, 320])
        self.splitter = splitter
        # With the texts enlarged the interview and the series side by side are wider than a laptop: the series
        # then goes under the interview, and the whole editor scrolls vertically.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(vertical_scroll(body, self))
        column = self.body = QVBoxLayout(body)
        column.setContentsMargins(20, 12, 20, 12)
        column.setSpacing(8)
        column.addLayout(heading)
        column.addWidget(self.banner)
        column.addWidget(splitter, 1)
        QShortcut(QKeySequence("Alt+Left"), self, self.back_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._load_fields()
        self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._fit_width(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "splitter"):
            self._fit_width(self.width())

    def _fit_width(self, width: int) -> None:
        """The series beside the interview when both fit in `width`, else under it; the header's fields three a
        row when they fit, else one a row."""
        self.tabs.setMinimumHeight(TABS_LINES * self.fontMetrics().lineSpacing())  # follows the text zoom
        series = max(SERIES_WIDTH, self.series.minimumSizeHint().width())
        self.series.setMinimumWidth(series)
        margins = self.body.contentsMargins()
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        inner = width - margins.left() - margins.right() - scroll_bar
        wide_header = self.header.width_for(3)
        per_row = 3 if inner >= wide_header else 1
        if per_row != self.header.per_row:
            self.header.place(per_row=per_row)
        main = max(wide_header, self.tabs.minimumSizeHint().width())
        beside = inner >= main + series + self.splitter.handleWidth()
        if beside != (self.splitter.orientation() == Qt.Orientation.Horizontal):
            self.splitter.setOrientation(Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical)
        # Under the interview, as tall as its wrapped texts need at the full width (a splitter knows no
        # height-for-width).
        self.series.setMinimumHeight(0 if beside else max(self.series.heightForWidth(inner),
                                                          self.series.minimumSizeHint().height()))

    # ----- building -------------------------------------------------------------------------------------------
    def _build_heading(self) -> QHBoxLayout:
        self.back_button = QPushButton("← Entretiens", self)
        self.back_button.setProperty("variant", "tertiary")
        self.back_button.setAccessibleName("Revenir à la liste des entretiens")
        self.back_button.setToolTip("Revenir à la liste des entretiens (Alt+←)")
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle = QLabel(self)
        self.subtitle.setProperty("role", "hint")
        self.subtitle.setWordWrap(True)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(texts, 1)
        return row

    def _build_header(self) -> HeaderGrid:
        self.held_on = FrenchDateEdit(self, accessible_name="Date de l'entretien", optional=False)
        self.held_on.committed.connect(lambda day: self.save("held_on", day, self.held_on))
        self.mode: QComboBox = enum_combo(self, "Modalité", [(m.label, m) for m in Mode])
        self.mode.activated.connect(lambda _i: self.save("mode", enum_data(self.mode, Mode), self.mode))
        self.duration = QSpinBox(self)
        self.duration.setAccessibleName("Durée de l'entretien en minutes")
        self.duration.setRange(0, MAX_MINUTES)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setSpecialValueText("Non précisée")
        self.duration.setKeyboardTracking(False)  # one save when the typing is done, not one per digit
        self.duration.valueChanged.connect(lambda v: self.save("duration_minutes", v or None, self.duration))
        # The agenda: a time of day, and a place or a link for a remote interview.
        self.starts_at = AutosaveLineEdit(self, accessible_name="Heure de début de l'entretien")
        self.starts_at.setPlaceholderText("9h30")
        self.starts_at.setMaxLength(5)
        self.starts_at.committed.connect(self._time_committed)
        self.place = AutosaveLineEdit(self, accessible_name="Lieu de l'entretien")
        self.place.setPlaceholderText("Bureau, salle")
        self.place.setMaxLength(200)
        self.place.committed.connect(lambda text: self.save("place", text, self.place))
        self.link = AutosaveLineEdit(self, accessible_name="Lien de connexion (entretien à distance)")
        self.link.setPlaceholderText("https://…")
        self.link.setMaxLength(500)
        self.link.committed.connect(lambda text: self.save("link", text, self.link))
        self.subject = AutosaveLineEdit(self, accessible_name="Objet de l'entretien")
        self.subject.setPlaceholderText("En quelques mots : le sujet de cet entretien")
        self.subject.setMaxLength(200)
        self.subject.committed.connect(lambda text: self.save("subject", text, self.subject))
        fields: list[tuple[QLabel, QWidget]] = []
        for label, widget in (("Date :", self.held_on), ("Modalité :", self.mode), ("Durée :", self.duration),
                              ("Heure :", self.starts_at), ("Lieu :", self.place), ("Lien :", self.link),
                              ("Objet :", self.subject)):
            caption = QLabel(label, self)
            caption.setBuddy(widget.focusProxy() or widget)
            fields.append((caption, widget))
        for caption, _widget in fields[:3]:
            caption.setContentsMargins(0, 8, 0, 0)  # on the line of the field (its error goes below)
        self.header = HeaderGrid(fields)
        return self.header

    def _add_page(self, page: PhasePage, label: str) -> None:
        page.edited.connect(self.save)
        self.pages.append(page)
        self.tabs.addTab(page, label)

    # ----- showing --------------------------------------------------------------------------------------------
    def _load_fields(self) -> None:
        data = self.data
        self.held_on.setDate(data.held_on)
        select_value(self.mode, data.mode)
        self.duration.blockSignals(True)
        self.duration.setValue(data.duration_minutes or 0)
        self.duration.blockSignals(False)
        self.subject.load(data.subject)
        self.starts_at.load(f"{data.starts_at:%H:%M}" if data.starts_at else "")
        self.place.load(data.place)
        self.link.load(data.link)
        for page in self.pages:
            page.load(data)
        self._show_progress()

    def reload(self) -> None:
        """Read again what may change elsewhere (the series, the referral, the agent's state); never the fields
        being edited."""
        try:
            self.interview = replace(get_interview(self.ws, self.interview_id), data=self.data)
            self.agent = get_agent(self.ws, self.interview.agent_id)
            interviews = interviews_for_agent(self.ws, self.interview.agent_id)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.title.setText(self.agent.display_name)
        self._show_subtitle()
        if self.referral is not None:
            self.referral.load(self.interview)
        self.series.load(self.interview, interviews, can_add=self.agent.state is AgentState.ACTIF)

    def _show_subtitle(self) -> None:
        interview = self.interview
        parts = [interview.type.label, f"du {format_fr(self.data.held_on)}"]
        if interview.bpp_phase is not None and interview.e3_role is not None:
            parts.append(f"· {interview.e3_role.label}, phase {int(interview.bpp_phase)} "
                         f"({interview.bpp_phase.label.lower()})")
        if interview.referred_to_bpp:
            parts.append("· Orienté vers un BPP")
        if self.agent.state is AgentState.TERMINE:
            parts.append(f"· Accompagnement terminé le {format_fr(self.agent.accompaniment_ended_on)}")
        self.subtitle.setText(" ".join(parts))

    def _show_progress(self) -> None:
        if not self.is_e2:
            return
        for index, done in enumerate(phases_done(self.data)):
            self.tabs.setTabIcon(index, icon("succes") if done else QIcon())
            self.tabs.setTabToolTip(index, "Phase renseignée" if done else "Phase à renseigner")
        self.tab_rows.show_titles()

    # ----- saving ---------------------------------------------------------------------------------------------
    def _time_committed(self, text: str) -> None:
        try:
            starts_at = parse_time(text, "Heure")
        except ValidationError as error:
            self.banner.show_error(error)
            self.starts_at.mark_unsaved()
            return
        self.save("starts_at", starts_at, self.starts_at)

    def save(self, name: str, value: object, widget: QWidget | None = None) -> bool:
        """Store one field of the interview; on a refusal, say why and keep the input for correction."""
        if self.gone:
            return False
        change: dict[str, Any] = {name: value}  # one field, whose type depends on its name
        data = replace(self.data, **change)
        try:
            update_interview(self.ws, self.interview_id, data)
        except Exception as error:
            self.banner.show_error(error)
            if isinstance(widget, AutosaveTextEdit | AutosaveLineEdit):
                widget.mark_unsaved()  # offered again on the next flush
            if isinstance(widget, FrenchDateEdit):
                set_property(widget.edit, "invalid", True)
            return False
        self.banner.clear()
        if isinstance(widget, FrenchDateEdit):
            set_property(widget.edit, "invalid", False)
        self.data = data
        if name == "held_on":
            self._show_subtitle()
            self.reload()  # the series' order and dates
        self._show_progress()
        return True

    # ----- the series and the referral ------------------------------------------------------------------------
    def new_in_series(self) -> None:
        """The next interview of the series, of the same type and agent; its date is asked first (an E3 is also
        placed in the bilan): one made at once, dated today, would stay in the series if the click was a slip."""
        dialog = NewInterviewDialog(self.ws, self, agent_id=self.interview.agent_id,
                                    interview_type=self.interview.type, bpp_id=self.interview.bpp_id)
        self.new_dialog = dialog
        dialog.accepted.connect(lambda: self._created(dialog.interview_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _created(self, interview_id: int | None) -> None:
        if interview_id is not None:
            self.navigator.notify("Entretien créé.")
            self.open_requested.emit(interview_id)

    def _referral_changed(self, message: str) -> None:
        self.reload()
        self.navigator.notify(message)

    def delete(self) -> None:
        if not confirm(self, "Supprimer l'entretien",
                       f"Supprimer l'entretien du {format_fr(self.data.held_on)} avec {self.agent.display_name} ?\n\n"
                       "Ses notes, y compris vos notes privées, seront effacées définitivement.",
                       confirm_label="Supprimer l'entretien", destructive=True):
            return
        try:
            delete_interview(self.ws, self.interview_id)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.gone = True
        self.navigator.notify("Entretien supprimé.")
        self.deleted.emit()
