"""One participant's own BPP inside the promotion: signed contract, restitution to the group, final interview,
exercises (with the animator's comments)."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.bpp import Exercise
from ...domain.dates import format_fr
from ...domain.promotion import Promotion
from ...services.bpp import (
    delete_exercise,
    exercises_for_bpp,
    get_bpp,
    record_contract,
    record_final_interview,
    record_restitution,
    update_exercise,
)
from ...services.promotions import BoardParticipant
from ...services.workspace import Workspace
from ..navigation import AGENTS, Navigator
from ..widgets import SUCCESS, AutosaveTextEdit, ErrorBanner, FrenchDateEdit, confirm
from ..widgets.compact_table import CompactTable
from ..widgets.flow_layout import FlowLayout
from ..widgets.tab_order import follow_layout
from ..widgets.vertical_scroll import vertical_scroll
from .exercise_dialog import ExerciseDialog
from .record_dialog import make_default

_EXERCISE_COLUMNS = ("Intitulé", "Remis le", "À rendre le", "Fait le")


class ParticipantDialog(QDialog):
    """Every date saves as soon as it is entered; `changed` tells the board to reload."""

    changed = Signal()

    def __init__(self, ws: Workspace, navigator: Navigator, promotion: Promotion, participant: BoardParticipant,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator, self.participant = ws, navigator, participant
        self.exercises: list[Exercise] = []
        self.exercise_dialog: ExerciseDialog | None = None
        self.setWindowTitle(f"Suivi de {participant.display_name}")
        self.setMinimumSize(720, 600)
        page = QWidget()
        heading = QLabel(participant.display_name, page)
        heading.setProperty("role", "section")
        context = QLabel(f"Bilan collectif au sein de la promotion « {promotion.name} » — "
                         f"{participant.phase.label.lower()}.", page)
        context.setProperty("role", "hint")
        context.setWordWrap(True)
        self.banner = ErrorBanner(page)

        self.contract = FrenchDateEdit(page, accessible_name="Contrat signé le")
        self.contract.setDate(participant.contract_signed_on)
        self.contract.committed.connect(self._contract_entered)
        self.final_interview = FrenchDateEdit(page, accessible_name="Date de l'entretien final")
        self.final_interview.setDate(participant.final_interview_on)
        self.final_interview.committed.connect(self._final_interview_entered)
        bpp = get_bpp(ws, participant.bpp_id)
        self.restitution = FrenchDateEdit(page, accessible_name="Restitution au groupe le")
        self.restitution.setDate(bpp.restitution_on)
        self.restitution.committed.connect(lambda _day: self._restitution_entered())
        self.restitution_notes = AutosaveTextEdit(page, accessible_name="Ce que l'agent a restitué au groupe")
        self.restitution_notes.setPlaceholderText("En quelques mots : le plan d'action présenté, les éléments de "
                                                  "suivi retenus")
        self.restitution_notes.setFixedHeight(52)
        self.restitution_notes.load(bpp.restitution_notes)
        self.restitution_notes.committed.connect(lambda _text: self._restitution_entered())
        dates = QGroupBox("Engagement, restitution et entretien final", page)
        form = QFormLayout(dates)
        form.setHorizontalSpacing(16)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above their fields at 200 %
        form.addRow("Contrat d'engagement et de confidentialité signé le :", self.contract)
        form.addRow("Restitution au groupe (plan d'action) le :", self.restitution)
        form.addRow("Restitution au groupe :", self.restitution_notes)
        form.addRow("Entretien final individuel (phase de conclusion) le :", self.final_interview)
        follow_layout(dates)  # the rows in order, not in the order the fields were built

        self.table = CompactTable(0, len(_EXERCISE_COLUMNS), page)  # the page fits at 100 % as before
        self.table.setAccessibleName("Exercices remis entre les séances")
        self.table.setHorizontalHeaderLabels(_EXERCISE_COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for section in range(1, len(_EXERCISE_COLUMNS)):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda _index: self.edit_exercise())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.new_button = QPushButton("Nouvel exercice…", page)
        self.new_button.clicked.connect(self.new_exercise)
        self.edit_button = self._secondary(page, "Modifier…", self.edit_exercise)
        self.done_button = self._secondary(page, "Marquer fait aujourd'hui", self.mark_done)
        self.delete_button = self._secondary(page, "Supprimer", self.delete_selected)
        exercise_buttons = FlowLayout()  # on two lines when the texts are enlarged
        for button in (self.new_button, self.edit_button, self.done_button, self.delete_button):
            exercise_buttons.addWidget(button)
        exercises = QGroupBox("Exercices entre les séances", page)
        exercises_column = QVBoxLayout(exercises)
        exercises_column.addWidget(self.table)
        exercises_column.addLayout(exercise_buttons)

        # The dates and exercises scroll when the texts are enlarged (RGAA 10.4); the buttons stay in view under
        # them (made after the page joined the window: Tab reaches them last).
        scrolling = vertical_scroll(page, self, page_width=True)
        bottom = QDialogButtonBox(self)
        agent_file = bottom.addButton("Ouvrir le dossier de l'agent", QDialogButtonBox.ButtonRole.ActionRole)
        agent_file.setProperty("variant", "tertiary")
        agent_file.clicked.connect(self.open_agent_file)
        close = bottom.addButton("Fermer", QDialogButtonBox.ButtonRole.AcceptRole)
        close.clicked.connect(self.accept)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        for widget in (heading, context, self.banner, dates, exercises):
            column.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(12)
        outer.addWidget(scrolling, 1)
        outer.addWidget(bottom)
        self.load_exercises()
        make_default(self, close)
        self.contract.setFocus()

    def _secondary(self, parent: QWidget, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, parent)
        button.setProperty("variant", "secondary")
        button.clicked.connect(slot)
        return button

    # ----- dates ------------------------------------------------------------------------------------------
    def _contract_entered(self, signed_on: date | None) -> None:
        self._save(lambda: record_contract(self.ws, self.participant.bpp_id, signed_on),
                   f"Contrat signé le {format_fr(signed_on)} enregistré." if signed_on
                   else "Date de signature du contrat effacée.")

    def _final_interview_entered(self, held_on: date | None) -> None:
        self._save(lambda: record_final_interview(self.ws, self.participant.bpp_id, held_on),
                   f"Entretien final du {format_fr(held_on)} enregistré." if held_on
                   else "Date de l'entretien final effacée.")

    def _restitution_entered(self) -> None:
        day = self.restitution.date()
        self._save(lambda: record_restitution(self.ws, self.participant.bpp_id, day, self.restitution_notes.text()),
                   f"Restitution au groupe du {format_fr(day)} enregistrée." if day
                   else "Restitution au groupe effacée.")

    def _save(self, work: Callable[[], object], done_message: str) -> bool:
        try:
            work()
        except Exception as error:  # the typed date stays in its field; the message says why it was refused
            self.banner.show_error(error)
            return False
        self.banner.show_message(done_message, SUCCESS)
        self.changed.emit()
        return True

    # ----- exercises --------------------------------------------------------------------------------------
    def load_exercises(self) -> None:
        selected = self.selected_exercise()
        self.exercises = exercises_for_bpp(self.ws, self.participant.bpp_id)
        self.table.setRowCount(len(self.exercises))
        for row, exercise in enumerate(self.exercises):
            cells = (exercise.title, format_fr(exercise.given_on), format_fr(exercise.due_on) or "—",
                     format_fr(exercise.done_on) or "à faire")
            for section, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if section == 0 and exercise.instructions:
                    item.setToolTip(exercise.instructions)
                self.table.setItem(row, section, item)
            if selected is not None and exercise.id == selected.id:
                self.table.selectRow(row)
        if self.table.currentRow() < 0 and self.exercises:
            self.table.setCurrentCell(0, 0)
        self._update_buttons()

    def selected_exercise(self) -> Exercise | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.exercises[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        exercise = self.selected_exercise()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(exercise is not None)
        self.done_button.setEnabled(exercise is not None and exercise.done_on is None)

    def new_exercise(self) -> None:
        self._open_exercise(ExerciseDialog(self.ws, self.participant.bpp_id, parent=self))

    def edit_exercise(self) -> None:
        exercise = self.selected_exercise()
        if exercise is not None:
            self._open_exercise(ExerciseDialog(self.ws, self.participant.bpp_id, exercise, parent=self))

    def _open_exercise(self, dialog: ExerciseDialog) -> None:
        self.exercise_dialog = dialog
        dialog.saved.connect(self._exercises_changed)
        dialog.finished.connect(lambda _result: self._exercise_dialog_closed(dialog))
        dialog.open()

    def _exercise_dialog_closed(self, dialog: ExerciseDialog) -> None:
        if self.exercise_dialog is dialog:
            self.exercise_dialog = None
        dialog.deleteLater()
        self.table.setFocus()

    def _exercises_changed(self) -> None:
        self.load_exercises()
        self.changed.emit()

    def mark_done(self) -> None:
        exercise = self.selected_exercise()
        if exercise is None:
            return
        today = self.ws.clock.today()
        if self._save(lambda: update_exercise(self.ws, replace(exercise, done_on=today)),
                      f"Exercice « {exercise.title} » fait le {format_fr(today)}."):
            self.load_exercises()

    def delete_selected(self) -> None:
        exercise = self.selected_exercise()
        if exercise is None or exercise.id is None:
            return
        if not confirm(self, "Supprimer l'exercice", f"Supprimer l'exercice « {exercise.title} » ?",
                       confirm_label="Supprimer", destructive=True):
            return
        exercise_id = exercise.id
        if self._save(lambda: delete_exercise(self.ws, exercise_id), "Exercice supprimé."):
            self.load_exercises()
            self.table.setFocus()  # on the list, never left on « Supprimer » where Espace deletes the next one

    def open_agent_file(self) -> None:
        self.accept()
        self.navigator.open(AGENTS, self.participant.agent_id)
