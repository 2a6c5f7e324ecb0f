"""A demande de BPP: recording a new one, or the hierarchy's decision on an existing one.

Also opened by the Entretiens view (« orienter vers un BPP », from an E2 or an E4) with `source_interview_id`:
keep the signature. A BPP de droit (restructuration) offers no refusal and no report; a report records its
reason of continuity of the service, the date of HR's prior agreement and its horizon.
"""

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_fr
from ...domain.demande import (
    OF_RIGHT,
    Decision,
    DemandeStatus,
    Initiative,
    Report,
    ReportReason,
    implicit_rejection_date,
)
from ...domain.errors import ValidationError
from ...domain.interview import InterviewType
from ...services.agents import get_agent
from ...services.demandes import DemandeView, decide_demande, get_demande, record_demande
from ...services.interviews import get_interview
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import ErrorBanner, FrenchDateEdit, GuardedDialog, parse_french_date
from ..widgets.dates import DateInputError
from ..widgets.vertical_scroll import vertical_scroll
from .choices import enum_combo, enum_data, select_value

_DECISIONS = [Decision.ACCORD, Decision.REFUS, Decision.REPORT]


def status_text(demande: DemandeView) -> str:
    """The status as the CMC needs it: when silence becomes a rejection, or since when it is one."""
    if demande.status is DemandeStatus.EN_ATTENTE:
        days = demande.days_before_implicit_rejection
        return (f"En attente — rejet implicite le {format_fr(demande.implicit_rejection_on)} "
                f"(dans {days} jour{'s' if days > 1 else ''})")
    if demande.status is DemandeStatus.REJET_IMPLICITE:
        return f"Rejet implicite depuis le {format_fr(demande.implicit_rejection_on)} (silence de deux mois)"
    opened = " · BPP ouvert" if demande.bpp_id is not None else ""
    if demande.status is DemandeStatus.REPORT:
        until = demande.report_until
        return f"Reportée jusqu'au {format_fr(until)}" if until else "Reportée, sans date de fin : à préciser"
    if demande.status is DemandeStatus.REPORT_ECHU:
        return f"Report terminé le {format_fr(demande.report_until)} : à inscrire" + opened
    return demande.status.label + opened


def _typed_date(field: FrenchDateEdit) -> date | None:
    """The date typed in `field` now; None while it is empty or not a date."""
    try:
        return parse_french_date(field.edit.text())
    except DateInputError:
        return None


class DemandeDialog(GuardedDialog):
    """Without `demande_id`: a new demande for the agent (from the E2 interview `source_interview_id`, if
    given). With it: the hierarchy's decision. A rule broken (a refusal without its reason…) shows the
    service's French message here; the dialog stays open with the input kept and nothing is stored.
    `saved(demande_id)` then `accepted` once stored; `demande_id` holds the id."""

    saved = Signal(int)

    def __init__(self, ws: Workspace, agent_id: int, parent: QWidget | None = None, *, demande_id: int | None = None,
                 source_interview_id: int | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id, self.source_interview_id = ws, agent_id, source_interview_id
        self.demande_id = demande_id
        self._stored = False
        self.demande: DemandeView | None = None if demande_id is None else get_demande(ws, demande_id)
        agent = get_agent(ws, agent_id)
        self.setMinimumWidth(560)
        self.banner = ErrorBanner(self)
        who = QLabel(f"Agent : <b>{escape(agent.display_name)}</b>", self)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above the fields at 200 %
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        column.addWidget(self.banner)
        column.addWidget(who)
        if self.demande is None:
            self._build_new_demande(column)
        else:
            self._build_decision(column, self.demande)
        column.addLayout(self.form)
        column.addStretch(1)
        # The fields scroll when the texts are enlarged (RGAA 10.4); the buttons stay in view under them (made
        # after the page joined the window: Tab reaches them last).
        scrolling = vertical_scroll(page, self, page_width=True)
        buttons = QDialogButtonBox(self)
        label = "Enregistrer la demande" if self.demande is None else "Enregistrer la décision"
        self.save_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.cancel_button, "variant", "secondary")  # polished on creation: re-polish
        self.cancel_button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.request_close)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(14)
        outer.addWidget(scrolling, 1)
        outer.addWidget(buttons)
        self._initial = self._snapshot()

    # ----- a new demande ------------------------------------------------------------------------------------
    def _build_new_demande(self, column: QVBoxLayout) -> None:
        self.setWindowTitle("Nouvelle demande de BPP")
        if self.source_interview_id is not None:
            source = get_interview(self.ws, self.source_interview_id)
            kind = "de carrière" if source.type is InterviewType.E4 else "projet de mobilité"
            origin = QLabel(f"Orientation vers un bilan de parcours professionnel décidée lors de l'entretien "
                            f"{kind} du {format_fr(source.data.held_on)}.", self)
            origin.setWordWrap(True)
            column.addWidget(origin)
        self.request_date = FrenchDateEdit(self, accessible_name="Date de la demande", optional=False)
        self.request_date.setDate(self.ws.clock.today())
        self.initiative: QComboBox = enum_combo(self, "Initiative", [(i.label, i) for i in Initiative])
        self.agent_agreement = QCheckBox("L'agent a donné son accord", self)
        self.agent_agreement.setChecked(True)
        # A check box does not wrap: its short text, then the rest of the sentence in a label that wraps.
        self.of_right = QCheckBox("BPP de droit :", self)
        of_right_reason = QLabel("l'agent est concerné par une opération de restructuration de service "
                                 "(décret n° 2019-1441)", self)
        of_right_reason.setWordWrap(True)
        self.of_right.setAccessibleName(f"{self.of_right.text()} {of_right_reason.text()}")
        self.of_right.setChecked(get_agent(self.ws, self.agent_id).bpp_of_right)
        self.of_right.toggled.connect(lambda _checked: self._show_deadline())
        self.deadline = QLabel(self)
        self.deadline.setWordWrap(True)
        self.deadline.setProperty("role", "hint")
        self.form.addRow("Date de la demande :", self.request_date)
        self.form.addRow("Initiative :", self.initiative)
        self.form.addRow("", self.agent_agreement)
        of_right_row = QHBoxLayout()
        of_right_row.addWidget(self.of_right, 0, Qt.AlignmentFlag.AlignTop)
        of_right_row.addWidget(of_right_reason, 1)
        self.form.addRow("", of_right_row)
        self.form.addRow("", self.deadline)
        # From what is typed, as it is typed: the date of the last valid input stayed under « 31/02/2026 ».
        self.request_date.edit.textChanged.connect(lambda _text: self._show_deadline())
        self._show_deadline()

    def _show_deadline(self) -> None:
        if self.of_right.isChecked():
            self.deadline.setText(f"{OF_RIGHT} : il ne peut être ni refusé ni reporté, et le silence de la "
                                  "hiérarchie ne vaut pas rejet. Il est à organiser.")
        else:
            requested = _typed_date(self.request_date)
            self.deadline.setText("" if requested is None else
                                  "Sans réponse de la hiérarchie dans les deux mois, la demande sera implicitement "
                                  f"rejetée le {format_fr(implicit_rejection_date(requested))}.")
        self.deadline.setVisible(bool(self.deadline.text()))

    # ----- the hierarchy's decision -------------------------------------------------------------------------
    def _build_decision(self, column: QVBoxLayout, demande: DemandeView) -> None:
        self.setWindowTitle("Décision de la hiérarchie")
        summary = QLabel(f"Demande du {format_fr(demande.request_date)} · {escape(demande.initiative.label)}<br>"
                         f"Statut : {escape(status_text(demande))}", self)
        summary.setWordWrap(True)
        column.addWidget(summary)
        if demande.of_right:
            right = QLabel(f"{OF_RIGHT} : il ne peut être ni refusé ni reporté.", self)
            right.setWordWrap(True)
            right.setProperty("role", "hint")
            column.addWidget(right)
        decisions = [Decision.ACCORD] if demande.of_right else _DECISIONS
        self.decision: QComboBox = enum_combo(self, "Décision", [("Choisir la décision…", None)]
                                              + [(d.label, d) for d in decisions])
        self.decision_date = FrenchDateEdit(self, accessible_name="Date de la décision", optional=False)
        self.reason = QPlainTextEdit(self)
        self.reason.setAccessibleName("Motif")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("Le motif communiqué par la hiérarchie (obligatoire pour un refus ou un report)")
        self.reason.setFixedHeight(90)
        self.report_reason: QComboBox = enum_combo(
            self, "Raison du report", [("Choisir la raison de continuité du service…", None)]
            + [(r.label, r) for r in ReportReason])
        self.hr_agreement = FrenchDateEdit(self, accessible_name="Accord préalable du service RH le")
        self.report_until = FrenchDateEdit(self, accessible_name="Reporté jusqu'au")
        self.form.addRow("Décision :", self.decision)
        self.form.addRow("Date de la décision :", self.decision_date)
        self.form.addRow("Motif :", self.reason)
        self.form.addRow("Raison du report :", self.report_reason)
        self.form.addRow("Accord préalable du service RH le :", self.hr_agreement)
        self.form.addRow("Reporté jusqu'au :", self.report_until)
        if demande.decision is not Decision.EN_ATTENTE:
            select_value(self.decision, demande.decision)
        self.decision_date.setDate(demande.decision_date or self.ws.clock.today())
        self.reason.setPlainText(demande.reason)
        if demande.report_reason is not None:
            select_value(self.report_reason, demande.report_reason)
        self.hr_agreement.setDate(demande.hr_agreement_on)
        self.report_until.setDate(demande.report_until)
        self.decision.currentIndexChanged.connect(self._show_report_fields)
        self._show_report_fields()

    def _show_report_fields(self) -> None:
        report = enum_data(self.decision, Decision) is Decision.REPORT
        for field in (self.report_reason, self.hr_agreement, self.report_until):
            self.form.setRowVisible(field, report)

    # ----- saving -------------------------------------------------------------------------------------------
    def _snapshot(self) -> tuple[object, ...]:
        if self.demande is None:
            return (self.request_date.date(), self.request_date.edit.text(), self.initiative.currentIndex(),
                    self.agent_agreement.isChecked(), self.of_right.isChecked())
        return (self.decision.currentIndex(), self.decision_date.date(), self.decision_date.edit.text(),
                self.reason.toPlainText(), self.report_reason.currentIndex(), self.hr_agreement.edit.text(),
                self.report_until.edit.text())

    def has_pending_input(self) -> bool:
        return not self._stored and self._snapshot() != self._initial

    def _save(self) -> None:
        self.banner.clear()
        date_edit = self.request_date if self.demande is None else self.decision_date
        try:  # what is in the field now, even if it was never validated by leaving it
            day = parse_french_date(date_edit.edit.text())
        except DateInputError as problem:
            self.banner.show_until_fixed(f"{date_edit.accessibleName()} : {problem}",
                                         lambda: _typed_date(date_edit) is not None, date_edit)
            return
        if day is None:
            self.banner.show_until_fixed(f"La {date_edit.accessibleName().lower()} est obligatoire.",
                                         lambda: _typed_date(date_edit) is not None, date_edit)
            return
        try:
            self.demande_id = self._store(day)
        except Exception as error:  # the service's French message; nothing stored, the input stays
            self.banner.show_error(error)
            return
        self._stored = True
        self.saved.emit(self.demande_id)
        self.accept()

    def _store(self, day: date) -> int:
        if self.demande is None:
            initiative = enum_data(self.initiative, Initiative) or Initiative.AGENT
            return record_demande(self.ws, self.agent_id, day, initiative, self.agent_agreement.isChecked(),
                                  self.source_interview_id, of_right=self.of_right.isChecked())
        for field in (self.hr_agreement, self.report_until):
            if field.isVisible() and field.error_text:
                raise ValidationError(f"{field.accessibleName()} : {field.error_text}")
        decision = enum_data(self.decision, Decision) or Decision.EN_ATTENTE
        report = Report(enum_data(self.report_reason, ReportReason), self.hr_agreement.date(),
                        self.report_until.date()) if decision is Decision.REPORT else None
        decide_demande(self.ws, self.demande.id, decision, day, reason=self.reason.toPlainText(), report=report)
        return self.demande.id
