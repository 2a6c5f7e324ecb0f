"""« Nouvel agent » (Ctrl+N): the few fields that open a file; the rest is filled in the file itself."""

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain.agent import Category, Statut
from ...services.agents import AgentInput, create_agent
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import ErrorBanner, GuardedDialog
from .choices import enum_combo, enum_data


class NewAgentDialog(GuardedDialog):
    """Creates the agent through the service (its French messages say what is missing); `agent_id` once done."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.agent_id: int | None = None
        self.setWindowTitle("Nouvel agent")
        self.setMinimumWidth(520)
        self.banner = ErrorBanner(self)
        intro = QLabel("Les champs marqués d'un astérisque (*) sont obligatoires. Le reste du dossier se complète "
                       "ensuite dans la fiche de l'agent, enregistrée au fil de la saisie.", self)
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.last_name = QLineEdit(self)
        self.first_name = QLineEdit(self)
        self.category: QComboBox = enum_combo(self, "Catégorie", [("Non renseignée", None)]
                                              + [(c.value, c) for c in Category])
        self.statut: QComboBox = enum_combo(self, "Statut", [(s.label, s) for s in Statut])
        self.fonction = QLineEdit(self)
        self.service = QLineEdit(self)
        form = QFormLayout()
        form.setSpacing(10)
        form.addRow("Nom * :", self.last_name)
        form.addRow("Prénom * :", self.first_name)
        form.addRow("Catégorie :", self.category)
        form.addRow("Statut :", self.statut)
        form.addRow("Fonction :", self.fonction)
        form.addRow("Service d'affectation :", self.service)
        self.last_name.setAccessibleName("Nom (obligatoire)")
        self.first_name.setAccessibleName("Prénom (obligatoire)")
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton("Créer le dossier", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(cancel, "variant", "secondary")  # button-box buttons are polished on creation
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        cancel.clicked.connect(self.request_close)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(14)
        column.addWidget(self.banner)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(buttons)
        self.last_name.setFocus()

    def values(self) -> AgentInput:
        return AgentInput(last_name=self.last_name.text(), first_name=self.first_name.text(),
                          category=enum_data(self.category, Category),
                          statut=enum_data(self.statut, Statut) or Statut.TITULAIRE,
                          fonction=self.fonction.text(), service=self.service.text())

    def has_pending_input(self) -> bool:
        return self.agent_id is None and self.values() != AgentInput(last_name="", first_name="")

    def _create(self) -> None:
        try:
            self.agent_id = create_agent(self.ws, self.values())
        except Exception as error:  # the service's French message; the dialog keeps what was typed
            self.banner.show_error(error)
            return
        self.accept()
