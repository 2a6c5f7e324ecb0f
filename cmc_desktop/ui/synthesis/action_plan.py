"""The action plan (3.1.): the calendar of actions as a real table (3.1.1.), the steps of each action (3.1.2.)
and the elements of follow-up or evaluation that will say whether its objective is reached (guide 001).

Every change (a cell, the steps, the criteria, an action added, removed or moved) hands the whole plan to
`changed`; the form saves it with `set_actions`, which attributes only the actions whose content changed.
"""

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.synthesis import MAX_ACTIONS, MAX_STEPS, Author, PlanAction
from ...domain.synthesis_schema import CALENDAR_ROWS, CRITERIA_LABEL, PLAN_HEADINGS, SynthesisKind, action_label
from ..widgets import AutosaveTextEdit, confirm, show_inline_error
from ..widgets.flow_layout import FlowLayout
from ..widgets.list_table import TitleFitter
from ..widgets.tab_order import follow_layout

TITLE, DUREE, DATE, AUTHOR = range(4)
COLUMNS = ("Intitulé de l'action", *CALENDAR_ROWS, "Écrit par")
_EDITABLE = {TITLE: "title", DUREE: "duree", DATE: "date_realisation"}


def written_by(author: Author | None, at: datetime | None) -> str:
    """« Écrit par l'agent le 16/11/2026 à 10:30 » (local time), or '' for what was never written.
    Shared by the fields (sections.py) and the actions of the plan."""
    if author is None or at is None:
        return ""
    local = at.astimezone()
    return f"Écrit par {author.label} le {local:%d/%m/%Y} à {local:%H:%M}"


def steps_of(text: str) -> list[str]:
    """One step per non-empty line, in order."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class ActionPlanEditor(QWidget):
    changed = Signal(list)  # list[PlanAction]: the whole plan after an edit

    def __init__(self, kind: SynthesisKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions: list[PlanAction] = []
        self._read_only = False
        self.step_edits: list[AutosaveTextEdit] = []
        self.criteria_edits: list[AutosaveTextEdit] = []
        self.step_labels: list[QLabel] = []
        titles = PLAN_HEADINGS[kind]
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        if titles.plan:
            column.addWidget(self._label(titles.plan, "GroupTitle"))
        column.addWidget(self._label(titles.calendar, "FieldHeading"))
        self.table = self._make_table(titles.calendar)
        column.addWidget(self.table)
        self.empty = self._label("Aucune action pour l'instant : « Ajouter une action » ajoute une ligne au "
                                 "calendrier.", "")
        self.empty.setProperty("role", "hint")
        column.addWidget(self.empty)
        column.addWidget(self._buttons())
        self.error = self._label("", "")
        self.error.setProperty("role", "error")
        self.error.hide()
        column.addWidget(self.error)
        column.addSpacing(6)
        column.addWidget(self._label(titles.steps, "FieldHeading"))
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(4)
        column.addLayout(self.steps_box)

    # ----- building ---------------------------------------------------------------------------------------
    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        if name:
            label.setObjectName(name)
        return label

    def _make_table(self, title: str) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS), self)
        table.setAccessibleName(title)
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)  # Tab leaves the table (keyboard users); arrows move between cells
        header = table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        # Short values: their columns follow their title and content, at any text size; the title takes the rest.
        for col in (DUREE, DATE, AUTHOR):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setToolTip("Les actions, dans l'ordre du calendrier")
        # Titles on two lines in a narrow document (texts enlarged); the table then as tall as its header.
        TitleFitter(table, COLUMNS, changed=self._fit_table)
        table.itemChanged.connect(self._cell_edited)
        table.itemSelectionChanged.connect(self._update_buttons)
        return table

    def _buttons(self) -> QWidget:
        # On two lines when the texts are enlarged, instead of widening the document.
        buttons = QWidget(self)
        row = FlowLayout(buttons, spacing=8)
        policy = buttons.sizePolicy()
        policy.setHeightForWidth(True)
        buttons.setSizePolicy(policy)
        self.add_button = QPushButton("Ajouter une action", self)
        self.remove_button = QPushButton("Supprimer l'action", self)
        self.up_button = QPushButton("Monter", self)
        self.down_button = QPushButton("Descendre", self)
        self.add_button.clicked.connect(self.add_action)
        self.remove_button.clicked.connect(self.remove_action)
        self.up_button.clicked.connect(lambda: self.move_action(-1))
        self.down_button.clicked.connect(lambda: self.move_action(1))
        for button, tip in ((self.add_button, f"Au plus {MAX_ACTIONS} actions"),
                            (self.remove_button, "Supprimer l'action sélectionnée et ses étapes"),
                            (self.up_button, "Avancer l'action sélectionnée dans le calendrier"),
                            (self.down_button, "Reculer l'action sélectionnée dans le calendrier")):
            button.setProperty("variant", "secondary")
            button.setToolTip(tip)
            row.addWidget(button)
        return buttons

    # ----- content ----------------------------------------------------------------------------------------
    def plan_actions(self) -> list[PlanAction]:  # not `actions`: QWidget.actions lists the widget's QActions
        return [replace(a, steps=list(a.steps)) for a in self._actions]

    def load(self, actions: list[PlanAction]) -> None:
        self._actions = [replace(a, steps=list(a.steps)) for a in actions]
        self._fill_table()
        self._build_steps()

    def show_authors(self, stored: list[PlanAction]) -> None:
        """After a save: who wrote each action, as the store now says."""
        self.table.blockSignals(True)
        for row, action in enumerate(stored[: self.table.rowCount()]):
            self._actions[row].author, self._actions[row].updated_at = action.author, action.updated_at
            line = written_by(action.author, action.updated_at).removeprefix("Écrit par ")
            self.table.setItem(row, AUTHOR, self._author_item(line))
        self.table.blockSignals(False)

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._actions))
        self.table.setVerticalHeaderLabels([action_label(n) for n in range(1, len(self._actions) + 1)])
        for row, action in enumerate(self._actions):
            for col, attribute in _EDITABLE.items():
                item = QTableWidgetItem(getattr(action, attribute))
                item.setToolTip(f"{COLUMNS[col]} de l'action {row + 1}")
                self.table.setItem(row, col, item)
            line = written_by(action.author, action.updated_at).removeprefix("Écrit par ")
            self.table.setItem(row, AUTHOR, self._author_item(line))
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self._fit_table()
        self.empty.setVisible(not self._actions)
        self._update_buttons()

    @staticmethod
    def _author_item(text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        return item

    def _fit_table(self) -> None:
        """As tall as its rows: the document scrolls, not the table."""
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows
                                  + 2 * self.table.frameWidth() + 2)

    def _build_steps(self) -> None:
        self._flush_steps()
        while self.steps_box.count():
            item = self.steps_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.step_edits, self.criteria_edits, self.step_labels = [], [], []
        for index, action in enumerate(self._actions):
            if index:
                self.steps_box.addSpacing(8)
            label = self._label(self._steps_label(index), "")
            edit = AutosaveTextEdit(self, accessible_name=f"Étapes de l'action {index + 1}")
            edit.setAccessibleDescription("Une étape par ligne")
            edit.setPlaceholderText("Une étape par ligne, dans l'ordre (étape 1, étape 2…)")
            edit.load("\n".join(action.steps))
            edit.setFixedHeight(4 * edit.fontMetrics().lineSpacing() + 24)  # more steps scroll inside
            edit.setReadOnly(self._read_only)
            edit.committed.connect(lambda text, i=index: self._steps_edited(i, text))
            label.setBuddy(edit)
            self.steps_box.addWidget(label)
            self.steps_box.addWidget(edit)
            self.step_edits.append(edit)
            self.step_labels.append(label)
            self.steps_box.addWidget(self._criteria(index, action))
        if not self._actions:
            none = self._label("Les étapes de chaque action apparaîtront ici.", "")
            none.setProperty("role", "hint")
            self.steps_box.addWidget(none)
        follow_layout(self)  # the steps built now take their place in the Tab order, not the end

    def _criteria(self, index: int, action: PlanAction) -> QWidget:
        """Under the steps: how the agent will know the action's objective is reached (phase 3, « suivi et
        restitution »)."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(24, 0, 0, 0)
        column.setSpacing(2)
        edit = AutosaveTextEdit(box, accessible_name=f"{CRITERIA_LABEL} de l'action {index + 1}")
        edit.setPlaceholderText("Ce qui permettra de savoir si l'objectif de l'action est atteint")
        edit.load(action.criteria)
        edit.setFixedHeight(2 * edit.fontMetrics().lineSpacing() + 20)
        edit.setReadOnly(self._read_only)
        edit.committed.connect(lambda text, i=index: self._criteria_edited(i, text))
        label = self._label(f"{CRITERIA_LABEL} :", "")
        label.setBuddy(edit)
        column.addWidget(label)
        column.addWidget(edit)
        self.criteria_edits.append(edit)
        return box

    def _steps_label(self, index: int) -> str:
        title = self._actions[index].title
        return action_label(index + 1) + (f" — {title}" if title else "") + " : étapes"

    # ----- edits ------------------------------------------------------------------------------------------
    def _cell_edited(self, item: QTableWidgetItem) -> None:
        attribute = _EDITABLE.get(item.column())
        if attribute is None or item.row() >= len(self._actions):
            return
        setattr(self._actions[item.row()], attribute, item.text())
        if attribute == "title" and item.row() < len(self.step_labels):
            self.step_labels[item.row()].setText(self._steps_label(item.row()))
        self.table.resizeRowToContents(item.row())
        self._fit_table()
        self.changed.emit(self.plan_actions())

    def _steps_edited(self, index: int, text: str) -> None:
        steps = steps_of(text)
        if len(steps) > MAX_STEPS:
            self.show_error(f"L'action {index + 1} compte {len(steps)} étapes : {MAX_STEPS} au maximum. "
                            "Regroupez-en quelques-unes.")
            self.step_edits[index].mark_unsaved()
            return
        self._actions[index].steps = steps
        self.changed.emit(self.plan_actions())

    def _criteria_edited(self, index: int, text: str) -> None:
        self._actions[index].criteria = text.strip()
        self.changed.emit(self.plan_actions())

    def add_action(self) -> None:
        if len(self._actions) >= MAX_ACTIONS:
            self.show_error(f"Le plan d'action compte {MAX_ACTIONS} actions au maximum.")
            return
        self._flush_steps()
        self._actions.append(PlanAction())
        self._restructured(len(self._actions) - 1)
        self.table.setFocus()
        self.table.setCurrentCell(len(self._actions) - 1, TITLE)

    def remove_action(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._actions):
            return
        action = self._actions[row]
        if (action.title or action.duree or action.date_realisation or action.steps or action.criteria) and not confirm(
                self, "Supprimer l'action", f"Supprimer l'action {row + 1} et ses étapes du plan d'action ?",
                confirm_label="Supprimer", destructive=True):
            return
        self._flush_steps()
        del self._actions[row]
        self._restructured(min(row, len(self._actions) - 1))
        self.table.setFocus()  # on the plan, never left on « Supprimer l'action » where Espace deletes the next one

    def move_action(self, delta: int) -> None:
        row = self.table.currentRow()
        target = row + delta
        if not (0 <= row < len(self._actions) and 0 <= target < len(self._actions)):
            return
        self._flush_steps()
        self._actions[row], self._actions[target] = self._actions[target], self._actions[row]
        self._restructured(target)

    def _flush_steps(self) -> None:
        for edit in self.step_edits + self.criteria_edits:
            edit.flush()

    def _restructured(self, select: int) -> None:
        self._fill_table()
        self._build_steps()
        if select >= 0:
            self.table.selectRow(select)
        self.changed.emit(self.plan_actions())

    # ----- state ------------------------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else (
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked))
        for edit in self.step_edits + self.criteria_edits:
            edit.setReadOnly(read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row, count = self.table.currentRow(), len(self._actions)
        selected = 0 <= row < count and bool(self.table.selectedItems())
        self.add_button.setEnabled(not self._read_only and count < MAX_ACTIONS)
        self.remove_button.setEnabled(not self._read_only and selected)
        self.up_button.setEnabled(not self._read_only and selected and row > 0)
        self.down_button.setEnabled(not self._read_only and selected and row < count - 1)

    def show_error(self, message: str) -> None:
        show_inline_error(self.error, message)
