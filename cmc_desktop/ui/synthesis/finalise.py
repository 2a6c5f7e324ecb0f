"""The document's life after writing: finalisation by the agent, co-signature, reopening at the agent's request.

Each function shows a modal dialog and returns True once the store has recorded the step. A refused step
(a date before the finalisation, no request text…) keeps the dialog open with the service's French message.
Finalising with empty rubrics asks first: it is the agent's document, they may leave some empty, and the
finalised copy then reads « non renseigné » there.
"""

from datetime import date

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import ValidationError
from ...services import synthesis as service
from ...services.profile import get_profile
from ...services.synthesis import EmptyRubrics
from ...services.workspace import Workspace
from ..widgets import ErrorBanner, FrenchDateEdit, GuardedDialog, confirm
from ..widgets.tab_order import buttons_last


class StepDialog(GuardedDialog):
    """A short form: an explanation, fields, the step's button; Échap and Annuler ask before dropping typed
    text (a lock closes it without asking)."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, action_label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(560)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        heading = QLabel(title, self)
        heading.setProperty("role", "section")
        text = QLabel(intro, self)
        text.setWordWrap(True)
        self.banner = ErrorBanner(self)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        column.addWidget(heading)
        column.addWidget(text)
        column.addWidget(self.banner)
        column.addLayout(self.form)
        self.buttons = buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(action_label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setProperty("variant", "secondary")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.request_close)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        column.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        buttons_last(self, self.buttons)  # the box is built before the subclass's fields
        super().showEvent(event)

    def date_field(self, label: str, value: date | None) -> FrenchDateEdit:
        field = FrenchDateEdit(self, accessible_name=label, optional=False)
        field.setDate(value)
        self.form.addRow(f"{label} :", field)
        return field

    def has_pending_input(self) -> bool:
        return False

    def apply(self) -> None:
        raise NotImplementedError

    def submit(self) -> None:
        self.banner.clear()
        try:
            self.apply()
        except Exception as error:  # shown in French; nothing was recorded
            self.banner.show_error(error)
            return
        self.accept()


def _checked_date(field: FrenchDateEdit, label: str) -> date:
    """The date in `field`, or a ValidationError naming what is wrong (the typed text is kept)."""
    day = field.date()
    if field.error_text:
        raise ValidationError(f"{label} : {field.error_text}")
    if day is None:
        raise ValidationError(f"Indiquez la date : « {label} ».")
    return day


class FinaliseDialog(StepDialog):
    def __init__(self, ws: Workspace, synthesis_id: int, parent: QWidget | None, *, agent_facing: bool) -> None:
        if agent_facing:
            super().__init__(parent, "Finaliser mon document",
                             "Vous êtes sur le point de finaliser votre document de synthèse. Son contenu ne "
                             "pourra plus être modifié, sauf si vous en demandez la réouverture à votre "
                             "conseiller.", "Finaliser mon document")
        else:
            super().__init__(parent, "Finaliser le document (par l'agent)",
                             "Le document est finalisé par l'agent, à sa demande. Son contenu sera verrouillé : "
                             "il ne pourra être modifié qu'après une demande de réouverture de l'agent. Une "
                             "version du texte finalisé est conservée.", "Finaliser le document")
        self.ws, self.synthesis_id, self.agent_facing = ws, synthesis_id, agent_facing
        self.day = None if agent_facing else self.date_field("Date de finalisation", ws.clock.today())

    def apply(self) -> None:
        on = self.ws.clock.today() if self.day is None else _checked_date(self.day, "Date de finalisation")
        try:
            service.finalise(self.ws, self.synthesis_id, on)
        except EmptyRubrics as empty:
            if not confirm(self, "Rubriques vides", self._empty_text(empty.headings),
                           confirm_label="Finaliser quand même", cancel_label="Compléter d'abord"):
                raise ValidationError("Document non finalisé : complétez les rubriques voulues, puis finalisez."
                                      ) from None
            service.finalise(self.ws, self.synthesis_id, on, empty_accepted=True)

    def _empty_text(self, headings: list[str]) -> str:
        listed = "\n".join(f"• {heading}" for heading in headings)
        who = "Vous avez" if self.agent_facing else "L'agent a"
        return (f"{who} laissé vides {len(headings)} rubrique{'s' if len(headings) > 1 else ''} :\n{listed}\n\n"
                "C'est possible : le document finalisé y portera la mention « non renseigné ». Finaliser quand "
                "même ?")


class CosignDialog(StepDialog):
    def __init__(self, ws: Workspace, synthesis_id: int, parent: QWidget | None) -> None:
        super().__init__(parent, "Co-signature du document",
                         "Le document finalisé est co-signé par l'agent et par le conseiller mobilité-carrière : "
                         "indiquez les noms et les dates de signature.", "Enregistrer la co-signature")
        self.ws, self.synthesis_id = ws, synthesis_id
        doc = service.load_synthesis(ws, synthesis_id)
        today = ws.clock.today()
        self.agent_name = self._name("Nom de l'agent", doc.agent_signatory or doc.text("agent"))
        self.agent_day = self.date_field("Date de signature de l'agent", doc.agent_signed_on or today)
        # The CMC's name comes from her profile: not retyped at each co-signature.
        self.cmc_name = self._name("Nom du conseiller", doc.cmc_signatory or get_profile(ws).display_name)
        self.cmc_day = self.date_field("Date de signature du conseiller", doc.cmc_signed_on or today)
        self._initial = (self.agent_name.text(), self.cmc_name.text())

    def _name(self, label: str, value: str) -> QLineEdit:
        field = QLineEdit(value, self)
        field.setMaxLength(200)
        self.form.addRow(f"{label} :", field)
        return field

    def has_pending_input(self) -> bool:
        return (self.agent_name.text(), self.cmc_name.text()) != self._initial

    def apply(self) -> None:
        service.cosign(self.ws, self.synthesis_id,
                       self.agent_name.text(), _checked_date(self.agent_day, "Date de signature de l'agent"),
                       self.cmc_name.text(), _checked_date(self.cmc_day, "Date de signature du conseiller"))


class ReopenDialog(StepDialog):
    def __init__(self, ws: Workspace, synthesis_id: int, parent: QWidget | None) -> None:
        super().__init__(parent, "Rouvrir à la demande de l'agent",
                         "Un document finalisé n'est rouvert qu'à la demande de l'agent. Sa demande est "
                         "enregistrée avec le document ; les signatures éventuelles ne valent plus.",
                         "Rouvrir le document")
        self.ws, self.synthesis_id = ws, synthesis_id
        self.request = QPlainTextEdit(self)
        self.request.setTabChangesFocus(True)
        self.request.setPlaceholderText("Par exemple : l'agent souhaite compléter son plan d'action après son "
                                        "entretien avec le service RH.")
        self.request.setMinimumHeight(110)
        self.form.addRow("Demande de l'agent :", self.request)
        self.day = self.date_field("Date de la demande", ws.clock.today())

    def has_pending_input(self) -> bool:
        return bool(self.request.toPlainText().strip())

    def apply(self) -> None:
        service.reopen(self.ws, self.synthesis_id, self.request.toPlainText(),
                       _checked_date(self.day, "Date de la demande"))


def _run(dialog: StepDialog) -> bool:
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def finalise_dialog(parent: QWidget | None, ws: Workspace, synthesis_id: int, *, agent_facing: bool = False) -> bool:
    """Finalisation by the agent (asked by the CMC in the editor, or by the agent in mode séance)."""
    return _run(FinaliseDialog(ws, synthesis_id, parent, agent_facing=agent_facing))


def cosign_dialog(parent: QWidget | None, ws: Workspace, synthesis_id: int) -> bool:
    return _run(CosignDialog(ws, synthesis_id, parent))


def reopen_dialog(parent: QWidget | None, ws: Workspace, synthesis_id: int) -> bool:
    """Reopen a finalised document; the agent's request text is required and recorded."""
    return _run(ReopenDialog(ws, synthesis_id, parent))
