"""« Prendre en charge »: the demande d'accompagnement, recorded when the agent asks, corrected later."""

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.accompaniment import COMMITMENT_2, TAKING_CHARGE, Channel, Level
from ...domain.dates import format_fr
from ...services.accompaniments import AccompanimentView, RequestInput, record_request, update_request
from ...services.agents import get_agent
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import ErrorBanner, FrenchDateEdit, GuardedDialog, parse_french_date
from ..widgets.dates import DateInputError
from ..widgets.vertical_scroll import vertical_scroll
from .choices import enum_combo, enum_data, select_value

NOT_TOLD = -1  # the spin box's value for « not communicated yet »


def level_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName("Niveau d'interaction")
    for level in Level:
        combo.addItem(level.label, int(level))
    return combo


class RequestFields:
    """The request's fields, laid out in a form (also used by the outcome dialog for a request never recorded)."""

    def __init__(self, parent: QWidget, form: QFormLayout, today: date, *, with_texts: bool = True) -> None:
        self.requested_on = FrenchDateEdit(parent, accessible_name="Date de la demande", optional=False,
                                           maximum=today)
        self.requested_on.setDate(today)
        self.channel: QComboBox = enum_combo(parent, "Origine de la demande", [(c.label, c) for c in Channel])
        self.level = level_combo(parent)
        self.level.setCurrentIndex(1)
        form.addRow("Date de la demande * :", self.requested_on)
        form.addRow("Origine de la demande :", self.channel)
        form.addRow("Niveau d'interaction :", self.level)
        self.need: QPlainTextEdit | None = None
        self.diagnosis: QPlainTextEdit | None = None
        self.promised: QSpinBox | None = None
        if with_texts:
            self.need = self._text(parent, "Besoin exprimé", "Ce que l'agent demande, avec ses mots")
            self.diagnosis = self._text(parent, "Premier diagnostic partagé",
                                        "Sa situation et son besoin, tels que vous les avez analysés ensemble")
            self.promised = QSpinBox(parent)
            self.promised.setRange(NOT_TOLD, 365)
            self.promised.setSpecialValueText("non communiqué")
            self.promised.setSuffix(" jours")
            self.promised.setValue(NOT_TOLD)
            self.promised.setAccessibleName("Délai de prise en charge communiqué à l'agent")
            self.promise_hint = QLabel(parent)
            self.promise_hint.setProperty("role", "hint")
            self.promise_hint.setWordWrap(True)
            form.addRow("Besoin exprimé :", self.need)
            form.addRow("Premier diagnostic partagé :", self.diagnosis)
            form.addRow("Délai de prise en charge communiqué :", self.promised)
            form.addRow("", self.promise_hint)
            self.promised.valueChanged.connect(lambda _v: self._show_promise())
            self.requested_on.committed.connect(lambda _d: self._show_promise())
            self._show_promise()

    @staticmethod
    def _text(parent: QWidget, name: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(parent)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(76)
        return edit

    def _show_promise(self) -> None:
        if self.promised is None:
            return
        requested = self.requested_on.date()
        days = self.promised.value()
        if days == NOT_TOLD:
            self.promise_hint.setText(f"Engagement 2 de « Mon accompagnement en + » : « {COMMITMENT_2} »")
        elif requested is not None:
            self.promise_hint.setText(f"Premier entretien au plus tard le {format_fr(requested + timedelta(days))} : "
                                      "le tableau de bord vous prévient une semaine avant.")

    def load(self, request: RequestInput) -> None:
        self.requested_on.setDate(request.requested_on)
        select_value(self.channel, request.channel)
        self.level.setCurrentIndex(max(self.level.findData(int(request.level)), 0))
        if self.need is not None and self.diagnosis is not None and self.promised is not None:
            self.need.setPlainText(request.need)
            self.diagnosis.setPlainText(request.diagnosis)
            self.promised.setValue(NOT_TOLD if request.promised_days is None else request.promised_days)

    def read(self) -> RequestInput:
        """The request as typed; a DateInputError (French) when the date is not one."""
        requested = parse_french_date(self.requested_on.edit.text())
        if requested is None:
            raise DateInputError("La date de la demande est obligatoire.")
        days = NOT_TOLD if self.promised is None else self.promised.value()
        return RequestInput(requested, enum_data(self.channel, Channel) or Channel.AGENT,
                            Level(self.level.currentData()), self.need.toPlainText() if self.need else "",
                            self.diagnosis.toPlainText() if self.diagnosis else "",
                            None if days == NOT_TOLD else days)

    def snapshot(self) -> tuple[object, ...]:
        return (self.requested_on.edit.text(), self.channel.currentIndex(), self.level.currentIndex(),
                self.need.toPlainText() if self.need else "", self.diagnosis.toPlainText() if self.diagnosis else "",
                NOT_TOLD if self.promised is None else self.promised.value())


class RequestDialog(GuardedDialog):
    """A new demande d'accompagnement for the agent, or the correction of `existing`; `accompaniment_id` once
    stored. A refused value shows the service's French message; nothing is stored and the input stays."""

    def __init__(self, ws: Workspace, agent_id: int, parent: QWidget | None = None, *,
                 existing: AccompanimentView | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id, self.existing = ws, agent_id, existing
        self.accompaniment_id: int | None = None if existing is None else existing.id
        self._stored = False
        agent = get_agent(ws, agent_id)
        self.setWindowTitle("Demande d'accompagnement" if existing is None else "Corriger la demande d'accompagnement")
        self.setMinimumWidth(640)
        page = QWidget()
        self.banner = ErrorBanner(page)
        who = QLabel(f"Agent : <b>{escape(agent.display_name)}</b>", page)
        intro = QLabel(f"Prendre en charge : « {TAKING_CHARGE} »", page)
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        form = QFormLayout()
        form.setSpacing(10)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields = RequestFields(page, form, ws.clock.today())
        if existing is not None:
            self.fields.load(existing.request)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(self.banner)
        column.addWidget(who)
        column.addWidget(intro)
        column.addLayout(form)
        column.addStretch(1)
        # The fields scroll when the texts are enlarged (RGAA 10.4); the buttons stay in view under them (made
        # after the page joined the window: Tab reaches them last).
        scrolling = vertical_scroll(page, self, page_width=True)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("Enregistrer la demande" if existing is None else "Enregistrer",
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.cancel_button, "variant", "secondary")
        self.cancel_button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.request_close)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(12)
        outer.addWidget(scrolling, 1)
        outer.addWidget(buttons)
        self._initial = self.fields.snapshot()
        self.fields.requested_on.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_pending_input(self) -> bool:
        return not self._stored and self.fields.snapshot() != self._initial

    def _save(self) -> None:
        self.banner.clear()
        try:
            data = self.fields.read()
            if self.existing is None:
                self.accompaniment_id = record_request(self.ws, self.agent_id, data)
            else:
                update_request(self.ws, self.existing.id, data)
        except DateInputError as problem:
            self.banner.show_message(f"Date de la demande : {problem}")
            self.fields.requested_on.setFocus()
            return
        except Exception as error:  # the service's French message; nothing stored, the input stays
            self.banner.show_error(error)
            return
        self._stored = True
        self.accept()
