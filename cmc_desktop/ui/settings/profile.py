"""Paramètres › Mon profil: who signs the documents, shown in short, edited in the profile dialog."""

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget

from ...services.profile import get_profile
from ...services.workspace import Workspace
from ..navigation import Navigator
from ..profile.dialog import ProfileDialog
from .section import Section

EMPTY = ("Profil non renseigné : les documents que vous remettez laissent la place d'écrire votre nom et vos "
         "coordonnées.")


class ProfileSection(Section):
    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Mon profil", ws, navigator, parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.column.addWidget(self.summary)
        self.edit_button = QPushButton("Modifier mon profil…", self)
        self.edit_button.setProperty("variant", "secondary")
        self.edit_button.clicked.connect(self.edit)
        self.column.addWidget(self.edit_button)
        self.dialog: ProfileDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        profile = get_profile(self.ws)
        lines = profile.identity_lines() if profile.display_name else []
        logo = " · logo enregistré" if profile.logo_png else ""
        self.summary.setText("\n".join(lines) + logo if lines else EMPTY)

    def edit(self) -> None:
        self.dialog = ProfileDialog(self.ws, self)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self, result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        if result == QDialog.DialogCode.Accepted:
            self.refresh()
            self.navigator.notify("Profil enregistré : il figure désormais sur vos documents.")
