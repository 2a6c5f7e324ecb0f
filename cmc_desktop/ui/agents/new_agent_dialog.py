"""« Nouvel agent » (Ctrl+N): the few fields that open a file; the rest is filled in the file itself.

When the person may already have a file (same names, and the same birth year or e-mail), the dialog says which
and asks: open that file, or create a second one for someone else.
"""

from html import escape

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.agent import Category, Statut
from ...services.agents import AgentInput, PossibleDuplicate, create_agent
from ...services.duplicates import DuplicateView
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import WARNING, ErrorBanner, GuardedDialog
from .choices import enum_combo, enum_data


class NewAgentDialog(GuardedDialog):
    """Creates the agent through the service (its French messages say what is missing); `agent_id` once done,
    or `existing_id` when the CMC chose to open the file the person already has."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.agent_id: int | None = None
        self.existing_id: int | None = None
        self.duplicates: list[DuplicateView] = []
        self._confirmed_for: AgentInput | None = None
        self.setWindowTitle("Nouvel agent")
        self.setMinimumWidth(560)
        self.banner = ErrorBanner(self)
        intro = QLabel("Les champs marqués d'un astérisque (*) sont obligatoires. Le reste du dossier se complète "
                       "ensuite dans la fiche de l'agent, enregistrée au fil de la saisie.", self)
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.last_name = QLineEdit(self)
        self.first_name = QLineEdit(self)
        self.birth_year = QLineEdit(self)
        self.birth_year.setValidator(QIntValidator(0, 9999, self.birth_year))
        self.birth_year.setMaxLength(4)
        self.birth_year.setPlaceholderText("aaaa")
        self.email = QLineEdit(self)
        self.category: QComboBox = enum_combo(self, "Catégorie", [("Non renseignée", None)]
                                              + [(c.value, c) for c in Category])
        self.statut: QComboBox = enum_combo(self, "Statut", [(s.label, s) for s in Statut])
        self.fonction = QLineEdit(self)
        self.service = QLineEdit(self)
        form = QFormLayout()
        form.setSpacing(10)
        form.addRow("Nom * :", self.last_name)
        form.addRow("Prénom * :", self.first_name)
        form.addRow("Année de naissance :", self.birth_year)
        form.addRow("Courriel :", self.email)
        form.addRow("Catégorie :", self.category)
        form.addRow("Statut :", self.statut)
        form.addRow("Fonction :", self.fonction)
        form.addRow("Service d'affectation :", self.service)
        self.last_name.setAccessibleName("Nom (obligatoire)")
        self.first_name.setAccessibleName("Prénom (obligatoire)")
        self.duplicate_list = QLabel(self)
        self.duplicate_list.setWordWrap(True)
        self.duplicate_list.hide()
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton("Créer le dossier", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_existing_button: QPushButton = buttons.addButton("Ouvrir le dossier existant",
                                                                   QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(cancel, "variant", "secondary")  # button-box buttons are polished on creation
        set_property(self.open_existing_button, "variant", "secondary")
        cancel.setAutoDefault(False)
        self.open_existing_button.setAutoDefault(False)
        self.open_existing_button.hide()
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        self.open_existing_button.clicked.connect(self._open_existing)
        cancel.clicked.connect(self.request_close)
        for field in (self.last_name, self.first_name, self.birth_year, self.email):
            field.textEdited.connect(lambda _text: self._identity_changed())
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(14)
        column.addWidget(self.banner)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.duplicate_list)
        column.addWidget(buttons)
        self.last_name.setFocus()

    def values(self) -> AgentInput:
        year = self.birth_year.text().strip()
        return AgentInput(last_name=self.last_name.text(), first_name=self.first_name.text(),
                          category=enum_data(self.category, Category),
                          statut=enum_data(self.statut, Statut) or Statut.TITULAIRE,
                          fonction=self.fonction.text(), service=self.service.text(), email=self.email.text(),
                          birth_year=int(year) if year else None)

    def has_pending_input(self) -> bool:
        return self.agent_id is None and self.values() != AgentInput(last_name="", first_name="")

    def _identity_changed(self) -> None:
        """Names, year or e-mail edited after the warning: it no longer stands, the question is asked again."""
        if self.duplicates:
            self.duplicates, self._confirmed_for = [], None
            self.duplicate_list.hide()
            self.open_existing_button.hide()
            self.create_button.setText("Créer le dossier")
            self.banner.clear()

    def _create(self) -> None:
        data = self.values()
        try:
            self.agent_id = create_agent(self.ws, data, duplicate_confirmed=data == self._confirmed_for)
        except PossibleDuplicate as duplicate:
            self._ask(duplicate.matches, data)
            return
        except Exception as error:  # the service's French message; the dialog keeps what was typed
            self.banner.show_error(error)
            return
        self.accept()

    def _ask(self, matches: list[DuplicateView], data: AgentInput) -> None:
        self.duplicates, self._confirmed_for = matches, data
        certain = any(m.certain for m in matches)
        self.banner.show_message("Cette personne a sans doute déjà un dossier." if certain else
                                 "Un dossier porte déjà ces nom et prénom : vérifiez qu'il ne s'agit pas de la même "
                                 "personne.", WARNING)
        self.duplicate_list.setText("<ul>" + "".join(
            f"<li><b>{escape(m.display_name)}</b> ({escape(m.pseudo_id)}"
            f"{', née ou né en ' + str(m.birth_year) if m.birth_year else ''}"
            f"{', ' + escape(m.service) if m.service else ''}) — {escape(m.reasons_text)}</li>" for m in matches)
            + "</ul>Ouvrez son dossier, ou créez-en un second s'il s'agit d'une autre personne.")
        self.duplicate_list.show()
        self.open_existing_button.show()
        self.create_button.setText("Créer un second dossier")
        self.open_existing_button.setFocus()

    def _open_existing(self) -> None:
        if self.duplicates:
            self.existing_id = self.duplicates[0].id
            self.accept()
