"""Closing an accompaniment: its outcome (kind of project, result) and what becomes of the satisfaction
questionnaire, proposed then to every accompanied agent (engagement 8 of « Mon accompagnement en + »)."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.accompaniment import ProjectKind, Questionnaire, Result
from ...domain.dates import format_fr
from ...services.accompaniments import Outcome, close_accompaniment, list_for_agent
from ...services.agents import get_agent
from ...services.destruction import is_provider_mode
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import WARNING, ErrorBanner, FrenchDateEdit, GuardedDialog, parse_french_date
from ..widgets.dates import DateInputError
from ..widgets.vertical_scroll import vertical_scroll
from .accompaniment_dialog import RequestFields
from .choices import enum_combo, enum_data

QUESTIONNAIRE_CHOICES = (
    (Questionnaire.ECRAN, "L'agent répond maintenant, sur cet écran"),
    (Questionnaire.PAPIER, "L'agent répondra sur papier (vous saisirez ses réponses à leur retour)"),
    (Questionnaire.DECLINE, "L'agent ne souhaite pas répondre"),
)
SCREEN_HINT = ("Le questionnaire occupe alors tout l'écran et ne montre rien d'autre ; vous reprenez la main avec "
               "votre phrase secrète.")


class OutcomeDialog(GuardedDialog):
    """Close the agent's accompaniment; `accompaniment_id` and `questionnaire` once stored (the caller opens the
    full-screen questionnaire when the agent answers now)."""

    def __init__(self, ws: Workspace, agent_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id = ws, agent_id
        self.accompaniment_id: int | None = None
        self.questionnaire: Questionnaire | None = None
        self._stored = False
        today = ws.clock.today()
        agent = get_agent(ws, agent_id)
        current = next((a for a in list_for_agent(ws, agent_id) if a.open), None)
        self.setWindowTitle("Clore l'accompagnement")
        self.setMinimumWidth(680)
        page = QWidget()
        self.banner = ErrorBanner(page)
        who = QLabel(f"Agent : <b>{escape(agent.display_name)}</b>", page)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(self.banner)
        column.addWidget(who)
        form = QFormLayout()
        form.setSpacing(10)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.request: RequestFields | None = None
        if current is None:
            note = QLabel("Aucune demande d'accompagnement n'a été enregistrée pour cet agent : indiquez quand et "
                          "comment il l'a formulée, pour que l'accompagnement compte dans les indicateurs.", page)
            note.setWordWrap(True)
            note.setProperty("role", "hint")
            column.addWidget(note)
            self.request = RequestFields(page, form, today, with_texts=False)
        else:
            column.addWidget(QLabel(f"Demande d'accompagnement du {format_fr(current.request.requested_on)} · "
                                    f"{escape(current.request.level.label)}", page))
        self.closed_on = FrenchDateEdit(page, accessible_name="Fin de l'accompagnement", optional=False,
                                        maximum=today)
        self.closed_on.setDate(today)
        self.project_combo: QComboBox = enum_combo(page, "Type de projet", [("Choisir…", None)]
                                                   + [(k.label, k) for k in ProjectKind])
        self.result_combo: QComboBox = enum_combo(page, "Résultat", [("Choisir…", None)]
                                                  + [(r.label, r) for r in Result])
        form.addRow("Fin de l'accompagnement * :", self.closed_on)
        form.addRow("Type de projet * :", self.project_combo)
        form.addRow("Résultat * :", self.result_combo)
        column.addLayout(form)

        box = QGroupBox("Questionnaire de satisfaction « Mon accompagnement en + »", page)
        choices = QVBoxLayout(box)
        self.choice = QButtonGroup(self)
        self.choices: dict[Questionnaire, QRadioButton] = {}
        for value, label in QUESTIONNAIRE_CHOICES:
            button = QRadioButton(label, box)
            self.choice.addButton(button)
            self.choices[value] = button
            choices.addWidget(button)
        self.choices[Questionnaire.ECRAN].setChecked(True)
        hint = QLabel(SCREEN_HINT, box)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        choices.insertWidget(1, hint)
        column.addWidget(box)
        if is_provider_mode(ws):
            self.banner.show_message(
                "Mode prestataire : une fois l'accompagnement clos, le tableau de bord vous demandera d'effacer le "
                "dossier (fin de mission), après avoir transmis le document de synthèse si l'agent le demande.",
                WARNING)
        # The fields scroll when the texts are enlarged (RGAA 10.4); the buttons stay in view under them (made
        # after the page joined the window: Tab reaches them last).
        scrolling = vertical_scroll(page, self, page_width=True)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("Clore l'accompagnement", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.cancel_button, "variant", "secondary")
        self.cancel_button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.request_close)
        column.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(12)
        outer.addWidget(scrolling, 1)
        outer.addWidget(buttons)
        self._initial = self._snapshot()
        (self.request.requested_on if self.request else self.closed_on).setFocus(Qt.FocusReason.OtherFocusReason)

    def _snapshot(self) -> tuple[object, ...]:
        return (self.closed_on.edit.text(), self.project_combo.currentIndex(), self.result_combo.currentIndex(),
                self.request.snapshot() if self.request else ())

    def has_pending_input(self) -> bool:
        return not self._stored and self._snapshot() != self._initial

    def chosen_questionnaire(self) -> Questionnaire:
        return next(value for value, button in self.choices.items() if button.isChecked())

    def _save(self) -> None:
        self.banner.clear()
        try:
            closed_on = parse_french_date(self.closed_on.edit.text())
            if closed_on is None:
                raise DateInputError("la date de fin de l'accompagnement est obligatoire.")
            request = self.request.read() if self.request else None
        except DateInputError as problem:
            self.banner.show_message(f"Date : {problem}")
            return
        project, result = enum_data(self.project_combo, ProjectKind), enum_data(self.result_combo, Result)
        if project is None or result is None:
            self.banner.show_until_fixed(
                "Indiquez le type de projet et le résultat de l'accompagnement.",
                lambda: None not in (enum_data(self.project_combo, ProjectKind), enum_data(self.result_combo, Result)),
                self.project_combo, self.result_combo)
            (self.project_combo if project is None else self.result_combo).setFocus()
            return
        questionnaire = self.chosen_questionnaire()
        try:
            self.accompaniment_id = close_accompaniment(self.ws, self.agent_id, Outcome(closed_on, project, result),
                                                        request=request, questionnaire=questionnaire)
        except Exception as error:  # the rule's French message; nothing stored, the input stays
            self.banner.show_error(error)
            return
        self.questionnaire, self._stored = questionnaire, True
        self.accept()
