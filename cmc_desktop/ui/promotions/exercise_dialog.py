"""An exercise handed to a participant between séances: title, dates, instructions, the animator's comment."""

from PySide6.QtWidgets import QWidget

from ...domain.bpp import Exercise
from ...domain.errors import ValidationError
from ...services.bpp import add_exercise, update_exercise
from ...services.workspace import Workspace
from ..widgets import AutosaveLineEdit, AutosaveTextEdit, FrenchDateEdit
from .record_dialog import RecordDialog


class ExerciseDialog(RecordDialog):
    """Without `exercise`: a new one for the BPP `bpp_id` (handed out today by default). With it: autosaved."""

    def __init__(self, ws: Workspace, bpp_id: int, exercise: Exercise | None = None,
                 parent: QWidget | None = None) -> None:
        editing = exercise is not None
        super().__init__("Modifier l'exercice" if editing else "Nouvel exercice", parent, editing=editing,
                         create_label="Ajouter l'exercice")
        self.ws, self.bpp_id, self.exercise = ws, bpp_id, exercise
        self.title = AutosaveLineEdit(self, accessible_name="Intitulé de l'exercice")
        self.title.setPlaceholderText("Par exemple : Ligne de vie professionnelle")
        self.given_on = FrenchDateEdit(self, accessible_name="Remis le", optional=False)
        self.due_on = FrenchDateEdit(self, accessible_name="À rendre le")
        self.done_on = FrenchDateEdit(self, accessible_name="Fait le")
        self.instructions = AutosaveTextEdit(self, accessible_name="Consignes")
        self.instructions.setMinimumHeight(90)
        self.comment = AutosaveTextEdit(self, accessible_name="Commentaire de l'animateur")
        self.comment.setPlaceholderText("Ce que l'animateur retient du travail de l'agent (l'agent choisit de le "
                                        "reprendre, ou non, dans son document de synthèse)")
        self.comment.setMinimumHeight(70)
        self.form.addRow("Intitulé :", self.title)
        self.form.addRow("Remis le :", self.given_on)
        self.form.addRow("À rendre le :", self.due_on)
        self.form.addRow("Fait le :", self.done_on)
        self.form.addRow("Consignes :", self.instructions)
        self.form.addRow("Commentaire de l'animateur :", self.comment)
        if exercise is None:
            self.given_on.setDate(ws.clock.today())
        else:
            self.title.load(exercise.title)
            self.given_on.setDate(exercise.given_on)
            self.due_on.setDate(exercise.due_on)
            self.done_on.setDate(exercise.done_on)
            self.instructions.load(exercise.instructions)
            self.comment.load(exercise.animator_comment)
        self.watch(self.title, self.given_on, self.due_on, self.done_on, self.instructions, self.comment)
        self.title.setFocus()

    def value(self) -> Exercise:
        given_on = self.given_on.date()
        if given_on is None:
            raise ValidationError("Indiquez la date à laquelle l'exercice a été remis.")
        return Exercise(bpp_id=self.bpp_id, title=self.title.text(), given_on=given_on, due_on=self.due_on.date(),
                        done_on=self.done_on.date(), instructions=self.instructions.text(),
                        id=self.exercise.id if self.exercise else None, animator_comment=self.comment.text())

    def store(self) -> None:
        if self.exercise is None:
            self.exercise = add_exercise(self.ws, self.value())
        else:
            self.exercise = update_exercise(self.ws, self.value())

    def has_input(self) -> bool:
        return bool(self.title.text().strip() or self.instructions.text().strip() or self.due_on.edit.text().strip()
                    or self.done_on.edit.text().strip() or self.comment.text().strip())
