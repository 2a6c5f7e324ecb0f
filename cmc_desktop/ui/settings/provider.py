"""Paramètres › Cadre d'exercice: the CMC works for an external provider (prestataire)."""

from PySide6.QtWidgets import QCheckBox, QWidget

from ...data.errors import StoreError
from ...services.store_settings import PROVIDER_MODE, get_bool, set_bool
from ...services.workspace import Workspace
from ..navigation import Navigator
from .section import Section


class ProviderSection(Section):
    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Cadre d'exercice", ws, navigator, parent)
        self.toggle = QCheckBox("J'interviens comme prestataire externe", self)
        self.toggle.setChecked(get_bool(ws, PROVIDER_MODE, False))
        self.toggle.toggled.connect(self._toggled)
        self.column.addWidget(self.toggle)
        self.column.addWidget(self.hint(
            "Un prestataire ne conserve pas le document de synthèse : il le transmet, si l'agent le demande, à "
            "un conseiller de son administration, puis le détruit. L'application vous le rappellera."))

    def _toggled(self, enabled: bool) -> None:
        try:
            set_bool(self.ws, PROVIDER_MODE, enabled)
        except StoreError as error:
            self.banner.show_error(error)
            self.toggle.blockSignals(True)
            self.toggle.setChecked(not enabled)
            self.toggle.blockSignals(False)
