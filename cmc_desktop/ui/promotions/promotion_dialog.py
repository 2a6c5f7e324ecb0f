"""Creating a promotion ("Nouvelle promotion") and editing its name, dates and place."""

from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain.promotion import Promotion
from ...services.promotions import create_promotion, update_promotion
from ...services.workspace import Workspace
from ..widgets import AutosaveLineEdit, FrenchDateEdit
from .record_dialog import RecordDialog


class PromotionDialog(RecordDialog):
    """Without `promotion`: a new one, created by "Créer la promotion". With it: its details, autosaved."""

    def __init__(self, ws: Workspace, promotion: Promotion | None = None, parent: QWidget | None = None) -> None:
        editing = promotion is not None
        super().__init__("Modifier la promotion" if editing else "Nouvelle promotion", parent, editing=editing,
                         create_label="Créer la promotion")
        self.ws, self.promotion = ws, promotion
        self.name = AutosaveLineEdit(self)
        self.name.setPlaceholderText("Par exemple : Promotion printemps 2027")
        self.start = FrenchDateEdit(self, accessible_name="Date de début")
        self.end = FrenchDateEdit(self, accessible_name="Date de fin")
        self.place = AutosaveLineEdit(self)
        self.place.setPlaceholderText("Adresse, bâtiment, salle…")
        self.online = QCheckBox("Séances à distance (en ligne)", self)
        self.form.addRow("Nom de la promotion :", self.name)
        self.form.addRow("Date de début :", self.start)
        self.form.addRow("Date de fin :", self.end)
        self.form.addRow("Lieu :", self.place)
        self.form.addRow("", self.online)
        if promotion is not None:
            self.name.load(promotion.name)
            self.start.setDate(promotion.start_date)
            self.end.setDate(promotion.end_date)
            self.place.load(promotion.place)
            self.online.setChecked(promotion.online)
        self.watch(self.name, self.start, self.end, self.place, self.online)
        self.name.setFocus()

    def value(self) -> Promotion:
        return Promotion(name=self.name.text(), start_date=self.start.date(), end_date=self.end.date(),
                         place=self.place.text(), online=self.online.isChecked(),
                         id=self.promotion.id if self.promotion else None)

    def store(self) -> None:
        if self.promotion is None:
            self.promotion = create_promotion(self.ws, self.value())
        else:
            self.promotion = update_promotion(self.ws, self.value())

    def has_input(self) -> bool:
        return bool(self.name.text().strip() or self.start.edit.text().strip() or self.end.edit.text().strip()
                    or self.place.text().strip() or self.online.isChecked())
