"""Paramètres › Agenda: what the exported calendar files may show."""

from PySide6.QtWidgets import QCheckBox, QWidget

from ...data.errors import StoreError
from ...services.calendar_export import INCLUDE_AGENT_NAME
from ...services.store_settings import get_bool, set_bool
from ...services.workspace import Workspace
from ..navigation import Navigator
from .section import Section


class CalendarSection(Section):
    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Agenda", ws, navigator, parent)
        self.toggle = QCheckBox("Nommer l'agent dans les fichiers d'agenda exportés", self)
        self.toggle.setChecked(get_bool(ws, INCLUDE_AGENT_NAME, False))
        self.toggle.toggled.connect(self._toggled)
        self.column.addWidget(self.toggle)
        self.column.addWidget(self.hint(
            "Par défaut, un entretien exporté vers un agenda s'intitule « Entretien — cmc-desktop », sans nom ni "
            "objet : un agenda partagé ou synchronisé n'en montre pas davantage. Cochez seulement si le fichier "
            "reste dans votre agenda personnel."))

    def _toggled(self, enabled: bool) -> None:
        try:
            set_bool(self.ws, INCLUDE_AGENT_NAME, enabled)
        except StoreError as error:
            self.banner.show_error(error)
            self.toggle.blockSignals(True)
            self.toggle.setChecked(not enabled)
            self.toggle.blockSignals(False)
