"""Planning a séance, and a planned séance: its details (autosaved), attendance, deletion.

A séance belongs to one of the three collective phases (the conclusion is the individual entretiens finaux). A
date outside the promotion's is refused, unless the CMC confirms moving the promotion's dates to hold it.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QPushButton, QWidget

from ...domain.agenda import parse_minutes, parse_time
from ...domain.bpp import COLLECTIVE_PHASES, Phase
from ...domain.dates import format_fr
from ...domain.errors import ValidationError
from ...domain.promotion import Promotion, Seance, SeanceOutsideDates
from ...services.promotions import BoardParticipant, delete_seance, plan_seance, update_seance
from ...services.workspace import Workspace
from ..widgets import AutosaveLineEdit, FrenchDateEdit, confirm
from ..widgets.tab_order import follow_layout
from .attendance import AttendanceGrid
from .record_dialog import RecordDialog


def phase_choice(parent: QWidget, selected: Phase) -> QComboBox:
    combo = QComboBox(parent)
    for phase in COLLECTIVE_PHASES:
        combo.addItem(f"{phase.value}. {phase.label}", phase)
    combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


def save_within_dates(parent: QWidget, save: Callable[[bool], Seance]) -> Seance:
    """Save the séance; if its date is outside the promotion's, ask before moving the promotion's dates."""
    try:
        return save(False)
    except SeanceOutsideDates as outside:
        moved = (f"du {format_fr(outside.start)} au {format_fr(outside.end)}" if outside.start and outside.end
                 else f"à partir du {format_fr(outside.start)}" if outside.start
                 else f"jusqu'au {format_fr(outside.end)}")
        if not confirm(parent, "Dates de la promotion", f"{outside}\n\nModifier les dates de la promotion ({moved}) "
                       "pour y placer la séance ?", confirm_label="Modifier les dates", cancel_label="Annuler"):
            raise
        return save(True)


class SeanceDialog(RecordDialog):
    """Without `seance`: plan one (in `phase`). With it: edit it, take attendance, delete it."""

    def __init__(self, ws: Workspace, promotion: Promotion, participants: list[BoardParticipant], *,
                 seance: Seance | None = None, phase: Phase | None = None, parent: QWidget | None = None) -> None:
        editing = seance is not None
        title = f"Séance du {format_fr(seance.held_on)}" if seance is not None else "Planifier une séance"
        super().__init__(title, parent, editing=editing, create_label="Planifier la séance")
        self.ws, self.promotion, self.seance = ws, promotion, seance
        self.held_on = FrenchDateEdit(self, accessible_name="Date de la séance", optional=False)
        self.phase = phase_choice(self, seance.phase if seance else phase or promotion.current_phase)
        self.starts_at = AutosaveLineEdit(self)
        self.starts_at.setPlaceholderText("Par exemple : 9h30")
        self.duration = AutosaveLineEdit(self)
        self.duration.setPlaceholderText("En minutes, par exemple : 180")
        self.link = AutosaveLineEdit(self)
        self.link.setPlaceholderText("https://… (séance à distance)")
        self.place = AutosaveLineEdit(self)
        self.place.setPlaceholderText("Salle, adresse ou « En ligne »")
        self.topic = AutosaveLineEdit(self)
        self.topic.setPlaceholderText("Par exemple : Parcours et compétences")
        self.form.addRow("Date de la séance :", self.held_on)
        self.form.addRow("Heure de début :", self.starts_at)
        self.form.addRow("Durée (minutes) :", self.duration)
        self.form.addRow("Phase :", self.phase)
        self.form.addRow("Lieu :", self.place)
        self.form.addRow("Lien de connexion :", self.link)
        self.form.addRow("Thème :", self.topic)
        follow_layout(self)  # the rows in order, not in the order the fields were built
        self.attendance: AttendanceGrid | None = None
        if seance is not None:
            self.held_on.setDate(seance.held_on)
            self.place.load(seance.place)
            self.starts_at.load(f"{seance.starts_at:%H:%M}" if seance.starts_at else "")
            self.duration.load(str(seance.duration_minutes or ""))
            self.link.load(seance.link)
            self.topic.load(seance.topic)
            self.attendance = AttendanceGrid(ws, participants, seance, self)
            self.body.addWidget(self.attendance)
            self.delete_button = QPushButton("Supprimer la séance", self)
            self.delete_button.setProperty("variant", "danger")
            self.delete_button.setAutoDefault(False)
            self.delete_button.clicked.connect(self.delete)
            self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        else:
            self.place.setText("En ligne" if promotion.online and not promotion.place else promotion.place)
        self.watch(self.held_on, self.phase, self.place, self.topic, self.starts_at, self.duration, self.link)
        self.held_on.setFocus()

    def value(self) -> Seance:
        held_on: date | None = self.held_on.date()
        if held_on is None:
            raise ValidationError("Indiquez la date de la séance.")
        return Seance(promotion_id=self.promotion.id or 0, held_on=held_on, phase=self.phase.currentData(),
                      place=self.place.text(), topic=self.topic.text(),
                      id=self.seance.id if self.seance else None,
                      starts_at=parse_time(self.starts_at.text(), "Heure de début"),
                      duration_minutes=parse_minutes(self.duration.text(), "Durée"), link=self.link.text())

    def store(self) -> None:
        value = self.value()
        if self.seance is None:
            self.seance = save_within_dates(self, lambda move: plan_seance(self.ws, value, move_dates=move))
            return
        self.seance = save_within_dates(self, lambda move: update_seance(self.ws, value, move_dates=move))
        self.heading.setText(f"Séance du {format_fr(self.seance.held_on)}")
        self.setWindowTitle(self.heading.text())
        if self.attendance is not None:
            self.attendance.set_seance(self.seance)

    def has_input(self) -> bool:
        return bool(self.held_on.edit.text().strip() or self.topic.text().strip())

    def delete(self) -> None:
        if self.seance is None or self.seance.id is None:
            return
        if not confirm(self, "Supprimer la séance",
                       f"Supprimer la séance du {format_fr(self.seance.held_on)} ? Les présences notées pour "
                       "cette séance seront effacées.", confirm_label="Supprimer", destructive=True):
            return
        try:
            delete_seance(self.ws, self.seance.id)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.close_for_good()
