"""« Reprendre des exercices… »: the agent chooses which exercises done between séances, and which of the
animator's comments, go into the document de synthèse, and under which rubric. Nothing goes there otherwise
(guide 001: the synthesis « peut être composée » of them — the agent decides)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.bpp import Exercise
from ...domain.dates import format_fr
from ...domain.synthesis import Author
from ...domain.synthesis_schema import FieldKind, SynthesisKind, sections_for
from ...services import synthesis as service
from ...services.synthesis import ExerciseChoice
from ...services.workspace import Workspace
from ..widgets import ErrorBanner, GuardedDialog

#: Where exercises usually belong: « analyse de l'ensemble du parcours professionnel ».
DEFAULT_RUBRIC = "2.1.0"
EXERCISE, COMMENT = "exercice", "commentaire"


class BringExercisesDialog(GuardedDialog):
    """Every item starts unticked: the agent ticks what goes into the document. `brought` is True once it was."""

    def __init__(self, ws: Workspace, synthesis_id: int, kind: SynthesisKind, author: Author,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.synthesis_id, self.author = ws, synthesis_id, author
        self.brought = False
        self.setWindowTitle("Reprendre des exercices dans le document")
        self.setMinimumWidth(620)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(10)
        intro = QLabel("Cochez les exercices faits entre les séances, et les commentaires de l'animateur, que "
                       "l'agent souhaite reprendre dans son document. Ils sont ajoutés à la fin de la rubrique "
                       "choisie, au nom de la personne au clavier ; rien n'y est repris sans ce choix.", self)
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.banner = ErrorBanner(self, closable=False)
        column.addWidget(self.banner)
        self.items = QListWidget(self)
        self.items.setAccessibleName("Exercices et commentaires à reprendre")
        for exercise in service.exercises_to_bring(ws, synthesis_id):
            self._add(exercise)
        self.items.setMinimumHeight(180)
        self.rubric = QComboBox(self)
        for section in sections_for(kind):
            for spec in section.fields:
                if spec.kind is FieldKind.TEXT:
                    self.rubric.addItem(spec.heading, spec.key)
        self.rubric.setCurrentIndex(max(0, self.rubric.findData(DEFAULT_RUBRIC)))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above the fields at 200 %
        form.addRow("À reprendre :", self.items)
        form.addRow("Dans la rubrique :", self.rubric)
        column.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton("Reprendre dans le document", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setProperty("variant", "secondary")
        cancel.setAutoDefault(False)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.bring)
        cancel.clicked.connect(self.request_close)
        column.addWidget(buttons)
        self.items.setFocus()

    def _add(self, exercise: Exercise) -> None:
        done = f", fait le {format_fr(exercise.done_on)}" if exercise.done_on else ", pas encore fait"
        rows = [(EXERCISE, f"Exercice « {exercise.title} »{done}")]
        if exercise.animator_comment.strip():
            rows.append((COMMENT, f"Commentaire de l'animateur sur « {exercise.title} »"))
        for part, text in rows:
            item = QListWidgetItem(text, self.items)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, (exercise.id, part))
            if part == COMMENT:
                item.setToolTip(exercise.animator_comment)

    def choices(self) -> list[ExerciseChoice]:
        chosen: dict[int, set[str]] = {}
        for row in range(self.items.count()):
            item = self.items.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                exercise_id, part = item.data(Qt.ItemDataRole.UserRole)
                chosen.setdefault(exercise_id, set()).add(part)
        return [ExerciseChoice(exercise_id, EXERCISE in parts, COMMENT in parts)
                for exercise_id, parts in chosen.items()]

    def has_pending_input(self) -> bool:
        return bool(self.choices()) and not self.brought

    def bring(self) -> None:
        choices = self.choices()
        if not choices:
            self.banner.show_until_fixed("Cochez au moins un exercice ou un commentaire à reprendre.",
                                         lambda: bool(self.choices()), self.items)
            return
        try:
            self.brought = service.bring_exercises(self.ws, self.synthesis_id, str(self.rubric.currentData()),
                                                   choices, self.author)
        except Exception as error:  # the French message; nothing was written
            self.banner.show_error(error)
            return
        self.accept()
