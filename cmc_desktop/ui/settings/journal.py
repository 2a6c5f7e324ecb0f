"""Paramètres › Journal d'audit: do the hash chain and its anchors verify?"""

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ...services.audit_journal import JournalStatus, verify_journal
from ...services.workspace import Workspace
from ..navigation import Navigator
from ..widgets import ERROR, SUCCESS
from .section import Section


class JournalSection(Section):
    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Journal d'audit", ws, navigator, parent)
        self.column.addWidget(self.hint(
            "Chaque action sensible (ouverture d'un dossier, export, transmission, destruction, restauration…) "
            "est inscrite dans un journal chaîné : une entrée modifiée hors de l'application rompt la chaîne, et "
            "son ancre, gardée dans la base et à côté du fichier de clé, révèle des entrées supprimées ou un "
            "dossier remplacé par une copie plus ancienne. Le journal ne contient ni nom ni contenu, seulement "
            "des identifiants pseudonymes."))
        self.verify_button = QPushButton("Vérifier le journal", self)
        self.verify_button.setProperty("variant", "secondary")
        self.verify_button.clicked.connect(self.verify)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addStretch(1)
        self.column.addLayout(row)

    def verify(self) -> None:
        ws = self.ws
        self.run(lambda: verify_journal(ws), self._verified, disable=[self.verify_button])

    def _verified(self, status: JournalStatus) -> None:
        self.banner.show_message(status.verdict, SUCCESS if status.intact else ERROR)
