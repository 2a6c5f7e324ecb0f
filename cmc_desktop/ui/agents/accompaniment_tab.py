"""The « Accompagnement » tab of the agent's file: the demandes d'accompagnement, when each was taken in charge
against the lead time promised to the agent, and how each ended."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.accompaniment import TAKING_CHARGE, Questionnaire, TakeCharge
from ...domain.agent import AgentState
from ...domain.dates import format_fr
from ...services.accompaniments import AccompanimentView, delete_request
from ...services.agents import AgentFile
from ...services.workspace import Workspace
from .. import theme
from ..widgets import WARNING, ErrorBanner, confirm
from ..widgets.flow_layout import FlowLayout
from .accompaniment_dialog import RequestDialog
from .record_table import RecordTable


def take_charge_cell(view: AccompanimentView) -> str:
    """Where the request stands, in a few words (the details below the table say it whole)."""
    state = view.take_charge
    if state.status is TakeCharge.TAKEN:
        return f"le {format_fr(state.taken_on)}" + (" (après le délai)" if state.within_promise is False else "")
    if state.status is TakeCharge.PLANNED:
        return f"prévue le {format_fr(state.planned_on)}"
    if state.status is TakeCharge.OVERDUE:
        return "délai dépassé"
    if state.status is TakeCharge.DUE_SOON:
        return f"à faire avant le {format_fr(view.promised_on)}"
    return "en attente"


def questionnaire_cell(view: AccompanimentView) -> str:
    if view.open:
        return ""
    if view.questionnaire is Questionnaire.DECLINE:
        return "décliné"
    if view.answered:
        return "recueilli"
    if view.questionnaire is Questionnaire.PAPIER:
        return "papier attendu"
    return "proposé à l'écran, sans réponse" if view.questionnaire is Questionnaire.ECRAN else "à proposer"


def details_text(view: AccompanimentView) -> str:
    """Everything of one accompaniment, for the pane under the table."""
    request = view.request
    lines = [f"Demande du {format_fr(request.requested_on)} — {request.channel.label} — {request.level.label}",
             f"Besoin exprimé : {request.need or 'non renseigné'}",
             f"Premier diagnostic partagé : {request.diagnosis or 'non renseigné'}",
             "Délai de prise en charge communiqué : " + (f"{request.promised_days} jours, soit le "
                                                         f"{format_fr(view.promised_on)}" if view.promised_on
                                                         else "non communiqué"),
             f"Prise en charge : {view.take_charge.text}"]
    if not view.open:
        kind = view.project_kind.label if view.project_kind else "non renseigné"
        result = view.result.label if view.result else "non renseigné"
        lines.append(f"Clos le {format_fr(view.closed_on)} — projet : {kind} ; résultat : {result}")
        lines.append(f"Questionnaire de satisfaction : {questionnaire_cell(view)}")
    return "\n".join(lines)


class AccompanimentTab(QWidget):
    """`changed(message)` once a request was stored or removed; `close_requested` for « Clore avec son issue »
    (the file runs the closing, which also asks for the questionnaire); `questionnaire_requested(id)` to put the
    questionnaire of a closed accompaniment on screen for the agent."""

    changed = Signal(str)
    close_requested = Signal()
    questionnaire_requested = Signal(int)

    def __init__(self, ws: Workspace, agent_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id = ws, agent_id
        self.views: list[AccompanimentView] = []
        self.active = True
        self.dialog: RequestDialog | None = None
        self.banner = ErrorBanner(self)
        self.warning = ErrorBanner(self, closable=False)
        self.new_button = QPushButton("Nouvelle demande d'accompagnement", self)
        self.edit_button = QPushButton("Corriger la demande", self)
        self.close_button = QPushButton("Clore avec son issue…", self)
        self.delete_button = QPushButton("Supprimer la demande", self)
        self.questionnaire_button = QPushButton("Questionnaire à l'écran…", self)
        self.questionnaire_button.setToolTip("L'agent répond maintenant sur cet écran ; vous reprenez la main avec "
                                             "votre phrase secrète")
        for button in (self.edit_button, self.close_button, self.delete_button, self.questionnaire_button):
            button.setProperty("variant", "secondary")
        self.table = RecordTable(["Demandée le", "Origine", "Niveau", "Délai communiqué", "Prise en charge", "Issue",
                                  "Questionnaire"], "Demandes d'accompagnement de l'agent", self, stretch_column=5,
                                 empty_text="Aucune demande d'accompagnement enregistrée pour cet agent.",
                                 optional=(6,))  # the details under the table say where the questionnaire is
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("Détail de la demande choisie")
        self.table.opened.connect(self.edit)
        self.table.itemSelectionChanged.connect(self._enable)
        self.new_button.clicked.connect(self.new_request)
        self.edit_button.clicked.connect(lambda: self.edit(self.table.current_id()))
        self.close_button.clicked.connect(self.close_requested)
        self.delete_button.clicked.connect(lambda: self.delete(self.table.current_id()))
        self.questionnaire_button.clicked.connect(self._questionnaire)
        buttons = FlowLayout()  # on two lines when the texts are enlarged, instead of a wider window
        for button in (self.new_button, self.edit_button, self.close_button, self.delete_button,
                       self.questionnaire_button):
            buttons.addWidget(button)
        hint = QLabel(f"Prendre en charge : « {TAKING_CHARGE} » Le délai de prise en charge communiqué à l'agent "
                      "court à partir de sa demande ; un entretien ou une séance collective suivie le tient.", self)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 12)
        column.addWidget(self.banner)
        column.addWidget(self.warning)
        column.addLayout(buttons)
        column.addWidget(hint)
        column.addWidget(self.table, 1)
        column.addWidget(self.details)
        QWidget.setTabOrder(self.questionnaire_button, self.table)

    def load(self, file: AgentFile) -> None:
        self.views = file.accompaniments
        self.active = file.agent.state is AgentState.ACTIF
        colours = {r: theme.ERROR if v.take_charge.status is TakeCharge.OVERDUE else theme.WARNING
                   for r, v in enumerate(self.views)
                   if v.open and v.take_charge.status in (TakeCharge.OVERDUE, TakeCharge.DUE_SOON)}
        self.table.set_rows([(v.id, [
            format_fr(v.request.requested_on), v.request.channel.short_label, f"Niveau {int(v.request.level)}",
            f"{v.request.promised_days} j (le {format_fr(v.promised_on)})" if v.promised_on else "non communiqué",
            take_charge_cell(v), "en cours" if v.open else v.result.label if v.result else "",
            questionnaire_cell(v)]) for v in self.views], colours=colours)
        if self.views and self.table.currentRow() < 0:
            self.table.selectRow(0)
        current = next((v for v in self.views if v.open), None)
        if current is not None and current.take_charge.status in (TakeCharge.OVERDUE, TakeCharge.DUE_SOON):
            self.warning.show_message(f"{current.take_charge.text} : le premier entretien était promis à l'agent "
                                      f"pour le {format_fr(current.promised_on)}.", WARNING)
        else:
            self.warning.clear()
        self.new_button.setEnabled(self.active and current is None)
        self.new_button.setToolTip("" if self.active else "L'accompagnement est terminé : reprenez-le pour "
                                                          "enregistrer une demande.")
        self.close_button.setEnabled(self.active)
        self._enable()

    def _selected(self) -> AccompanimentView | None:
        return next((v for v in self.views if v.id == self.table.current_id()), None)

    def _enable(self) -> None:
        selected = self._selected()
        self.details.setText("" if selected is None else details_text(selected))
        self.details.setVisible(selected is not None)
        self.edit_button.setEnabled(selected is not None)
        self.delete_button.setEnabled(selected is not None and selected.open)
        self.questionnaire_button.setEnabled(selected is not None and not selected.open and not selected.answered)

    def _questionnaire(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.questionnaire_requested.emit(selected.id)

    def new_request(self) -> None:
        self._open(RequestDialog(self.ws, self.agent_id, self), "Demande d'accompagnement enregistrée.")

    def edit(self, accompaniment_id: int | None) -> None:
        view = next((v for v in self.views if v.id == accompaniment_id), None)
        if view is not None:
            self._open(RequestDialog(self.ws, self.agent_id, self, existing=view), "Demande corrigée.")

    def delete(self, accompaniment_id: int | None) -> None:
        view = next((v for v in self.views if v.id == accompaniment_id), None)
        if view is None or not confirm(self, "Supprimer la demande", f"Supprimer la demande d'accompagnement du "
                                       f"{format_fr(view.request.requested_on)} ? Réservé à une demande enregistrée "
                                       "par erreur ou en double.", confirm_label="Supprimer la demande",
                                       destructive=True):
            return
        try:
            delete_request(self.ws, view.id)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.changed.emit("Demande d'accompagnement supprimée.")
        self.table.setFocus()  # on the list, never left on « Supprimer la demande »

    def _open(self, dialog: RequestDialog, message: str) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.changed.emit(message))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
