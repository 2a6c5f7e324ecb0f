"""The profile dialog: asked once after the store is created (« Plus tard » skips it), then from Paramètres."""

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ...data.errors import StoreError
from ...domain.profile import CmcProfile
from ...services.profile import get_profile, save_profile, skip_profile
from ...services.workspace import Workspace
from ..widgets.button_dialog import ButtonDialog
from ..widgets.file_choice import choose_file
from ..widgets.guarded_dialog import grow_to_content
from ..widgets.vertical_scroll import vertical_scroll
from .logo import prepare_logo

LOGO_FILTERS = ["Images PNG ou SVG (*.png *.svg)"]
INTRO = ("Ces informations figurent en tête de chaque PDF, sur les convocations, les contrats, les feuilles "
         "d'émargement, l'attestation de destruction, et préremplissent votre nom à la co-signature. Elles restent "
         "dans votre dossier chiffré.")


class ProfileForm(QWidget):
    """Every field of the profile; `value()` gives the CmcProfile typed (checked by the service)."""

    def __init__(self, profile: CmcProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo_png = profile.logo_png
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above the fields at 200 %
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.first_name = self._line(profile.first_name)
        self.last_name = self._line(profile.last_name)
        self.function = self._line(profile.function, "Conseillère mobilité-carrière")
        self.administration = self._line(profile.administration, "Ministère, direction ou établissement")
        self.service = self._line(profile.service)
        self.address = QPlainTextEdit(profile.address, self)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(72)
        self.address.setPlaceholderText("Numéro et rue\nCode postal et ville")
        self.phone = self._line(profile.phone)
        self.email = self._line(profile.email, "prenom.nom@administration.gouv.fr")
        form.addRow("Prénom :", self.first_name)
        form.addRow("Nom :", self.last_name)
        form.addRow("Fonction :", self.function)
        form.addRow("Administration :", self.administration)
        form.addRow("Service :", self.service)
        form.addRow("Adresse postale du service :", self.address)
        form.addRow("Téléphone :", self.phone)
        form.addRow("Courriel :", self.email)
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedSize(150, 60)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setProperty("role", "hint")
        self.logo_button = QPushButton("Choisir un logo…", self)
        self.logo_button.setProperty("variant", "secondary")
        self.logo_button.setAccessibleName("Choisir le logo du service (PNG ou SVG)")
        self.logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("Retirer", self)
        self.remove_logo_button.setProperty("variant", "tertiary")
        self.remove_logo_button.setAccessibleName("Retirer le logo")
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(None))
        row = QHBoxLayout()
        row.addWidget(self.logo_preview)
        row.addWidget(self.logo_button)
        row.addWidget(self.remove_logo_button)
        row.addStretch(1)
        form.addRow("Logo (facultatif) :", row)
        self.logo_error = QLabel(self)
        self.logo_error.setWordWrap(True)
        self.logo_error.setProperty("role", "error")
        self.logo_error.hide()
        form.addRow("", self.logo_error)
        self.set_logo(profile.logo_png)

    def _line(self, text: str, placeholder: str = "") -> QLineEdit:
        field = QLineEdit(text, self)
        field.setMaxLength(200)
        field.setPlaceholderText(placeholder)
        return field

    def value(self) -> CmcProfile:
        return CmcProfile(last_name=self.last_name.text(), first_name=self.first_name.text(),
                          function=self.function.text(), administration=self.administration.text(),
                          service=self.service.text(), address=self.address.toPlainText(),
                          phone=self.phone.text(), email=self.email.text(), logo_png=self.logo_png)

    def choose_logo(self) -> None:
        path = choose_file(self, "Choisir le logo du service", save=False, filters=LOGO_FILTERS)
        if path is not None:
            self.load_logo(path)

    def load_logo(self, path: Path) -> None:
        try:
            png = prepare_logo(path)
        except Exception as error:  # the reason the file is refused, in French
            self.logo_error.setText(str(error))
            self.logo_error.show()
            return
        self.logo_error.hide()
        self.set_logo(png)

    def set_logo(self, png: bytes | None) -> None:
        self.logo_png = png
        self.remove_logo_button.setEnabled(png is not None)
        if png is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("Aucun logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.logo_preview.setPixmap(pixmap.scaled(self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))


class ProfileDialog(ButtonDialog):
    """`first_run`: « Plus tard » skips the step for good (Paramètres keeps the profile within reach)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__("Votre profil de conseiller", INTRO, "Enregistrer", parent,
                         cancel_label="Plus tard" if first_run else "Annuler")
        self.ws, self.first_run = ws, first_run
        self.setMinimumWidth(620)
        self.profile = get_profile(ws)
        self.form = ProfileForm(self.profile)
        # The fields scroll when the texts are enlarged (RGAA 10.4); the buttons stay in view under them.
        self.body.addWidget(vertical_scroll(self.form, self), 1)
        self.form.first_name.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # As tall as the fields, within the screen, once the scrolling page knows its height.
        QTimer.singleShot(0, self, lambda: grow_to_content(self))

    def accept_main(self) -> None:
        self.profile = save_profile(self.ws, self.form.value())

    def reject(self) -> None:
        if self.first_run:
            with contextlib.suppress(StoreError):  # locked meanwhile: the step simply comes back next time
                skip_profile(self.ws)
        super().reject()
