"""The identity part of the agent's file: every field saves itself through update_agent as it is edited.

Each edit is saved on its own, on top of what is stored: a field the service refuses keeps its text and its
French message, does not hold the other fields back, and is offered again after every later save (a value
refused because of another field — « catégorie C » and its priority ground — goes through once that one
changes).
"""

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain.agent import Agent, Category, PriorityGround, Statut
from ...services.agents import AgentInput, get_agent, update_agent
from ...services.workspace import Workspace
from ..widgets import (
    AutosaveLineEdit,
    AutosaveTextEdit,
    FrenchDateEdit,
    flush_all,
    show_inline_error,
    user_message,
)
from ..widgets.folding_bar import FoldingBar
from ..widgets.unsaved import UnsavedEdit
from .choices import enum_combo, enum_data, select_value

NOTES_LABEL = "Notes privées du conseiller"
NOTES_TITLE = f"{NOTES_LABEL} — jamais dans le document de synthèse"
_LINES = (("last_name", "Nom"), ("first_name", "Prénom"))
_MORE_LINES = (("fonction", "Fonction"), ("service", "Service d'affectation"), ("email", "Courriel"),
               ("phone", "Téléphone"))


class IdentityForm(QWidget):
    """`saved(Agent)` after each edit stored (the agent as now stored)."""

    saved = Signal(object)

    def __init__(self, ws: Workspace, agent: Agent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        if agent.id is None:
            raise ValueError("the agent has not been saved yet")
        self.agent_id, self.agent = agent.id, agent
        self.pending: dict[str, object] = {}
        """Edits the service refused, by field name: offered again after every save."""
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, tuple[str, QWidget]] = {}
        """Each field's label as the form shows it, and the widget that takes the focus, by field name."""
        self.lines: dict[str, AutosaveLineEdit] = {}
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._identity_group())
        left.addStretch(1)
        for group in (self._priority_group(), self._referent_group(), self._notes_group()):
            right.addWidget(group)
        right.addStretch(1)
        # Two columns, or one when the texts are enlarged (the checkboxes' long texts do not wrap).
        columns = FoldingBar(self)
        columns.box.setContentsMargins(12, 4, 12, 12)
        columns.box.setSpacing(20)
        columns.box.addLayout(left, 1)
        columns.box.addLayout(right, 1)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(columns)
        self.load(agent)

    # ----- construction -------------------------------------------------------------------------------------
    def _identity_group(self) -> QGroupBox:
        group = QGroupBox("Identité", self)
        form = _form(group)
        for name, label in _LINES:
            self._line(form, name, label)
        self.category: QComboBox = enum_combo(group, "Catégorie", [("Non renseignée", None)]
                                              + [(c.value, c) for c in Category])
        self.category.activated.connect(lambda _i: self.commit("category", enum_data(self.category, Category)))
        self._row(form, "category", "Catégorie", self.category)
        self.statut: QComboBox = enum_combo(group, "Statut", [(s.label, s) for s in Statut])
        self.statut.activated.connect(lambda _i: self.commit("statut", enum_data(self.statut, Statut)))
        self._row(form, "statut", "Statut", self.statut)
        for name, label in _MORE_LINES[:2]:
            self._line(form, name, label)
        self.date_prise_fonction = FrenchDateEdit(group, accessible_name="Date de prise de fonction")
        self.date_prise_fonction.committed.connect(lambda day: self.commit("date_prise_fonction", day))
        self._row(form, "date_prise_fonction", "Date de prise de fonction", self.date_prise_fonction)
        self.birth_year = AutosaveLineEdit(self, accessible_name="Année de naissance")
        self.birth_year.setValidator(QIntValidator(0, 9999, self.birth_year))
        self.birth_year.setMaxLength(4)
        self.birth_year.setPlaceholderText("aaaa — distingue deux homonymes")
        self.birth_year.committed.connect(lambda text: self.commit("birth_year", int(text) if text.strip() else None))
        self._row(form, "birth_year", "Année de naissance", self.birth_year)
        for name, label in _MORE_LINES[2:]:
            self._line(form, name, label)
        return group

    def _priority_group(self) -> QGroupBox:
        group = QGroupBox("Accès prioritaire au BPP", self)
        column = QVBoxLayout(group)
        column.setSpacing(6)
        hint = QLabel("Art. L. 422-3 du code général de la fonction publique : cochez chaque motif qui s'applique.",
                      group)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        column.addWidget(hint)
        self.grounds: dict[PriorityGround, QCheckBox] = {}
        for ground in PriorityGround:
            box = QCheckBox(ground.label, group)
            box.clicked.connect(lambda _checked: self.commit("priority_grounds", self._checked_grounds()))
            self.grounds[ground] = box
            column.addWidget(box)
        self.fields["priority_grounds"] = (group.title(), next(iter(self.grounds.values())))
        column.addWidget(self._error_label("priority_grounds", group))
        return group

    def _referent_group(self) -> QGroupBox:
        group = QGroupBox("Référent handicap", self)
        form = _form(group)
        hint = QLabel("Pour un agent relevant de l'art. L. 5212-13 du code du travail, le référent handicap est "
                      "informé dès le début du BPP ; il y est associé si l'agent le souhaite (accessibilité du "
                      "bilan et du lieu, ce qui est dit au groupe).", group)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        form.addRow(hint)
        self.referent_informed_on = FrenchDateEdit(group, accessible_name="Référent handicap informé le")
        self.referent_informed_on.committed.connect(lambda day: self.commit("referent_handicap_informed_on", day))
        self._row(form, "referent_handicap_informed_on", "Informé le", self.referent_informed_on)
        self.referent_associated = QCheckBox("Associé au bilan, à la demande de l'agent", group)
        self.referent_associated.clicked.connect(
            lambda checked: self.commit("referent_handicap_associated", bool(checked)))
        self._row(form, "referent_handicap_associated", "", self.referent_associated)
        return group

    def _notes_group(self) -> QGroupBox:
        group = QGroupBox(NOTES_TITLE, self)
        column = QVBoxLayout(group)
        hint = QLabel("Pour vous seul, chiffrées sur ce poste. Elles ne sont jamais reprises dans le document de "
                      "synthèse, qui appartient à l'agent.", group)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.notes = AutosaveTextEdit(group, accessible_name=NOTES_TITLE)
        self.notes.setMinimumHeight(120)
        self.notes.committed.connect(lambda text: self.commit("private_notes", text))
        column.addWidget(hint)
        column.addWidget(self.notes)
        column.addWidget(self._error_label("private_notes", group))
        self.fields["private_notes"] = (NOTES_LABEL, self.notes)
        return group

    def _line(self, form: QFormLayout, name: str, label: str) -> None:
        edit = AutosaveLineEdit(self, accessible_name=label)
        edit.committed.connect(lambda text, name=name: self.commit(name, text))
        self.lines[name] = edit
        self._row(form, name, label, edit)

    def _row(self, form: QFormLayout, name: str, label: str, field: QWidget) -> None:
        """The field with its error line under it, as one form row."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(self._error_label(name, holder))
        holder.setFocusProxy(field)
        # Its whole name (« Référent handicap informé le »: the group's title and the row's label), as messages say it.
        whole = field.accessibleName() or label or (field.text() if isinstance(field, QCheckBox) else name)
        self.fields[name] = (whole, field)
        if label:
            form.addRow(f"{label} :", holder)
        else:
            form.addRow(holder)

    def _error_label(self, name: str, parent: QWidget) -> QLabel:
        error = QLabel(parent)
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.hide()
        self.errors[name] = error
        return error

    # ----- loading and saving -------------------------------------------------------------------------------
    def load(self, agent: Agent) -> None:
        """Show the stored agent (no save); refused edits still waiting are dropped."""
        self.agent = agent
        self.pending.clear()
        for name, edit in self.lines.items():
            edit.load(getattr(agent, name))
        select_value(self.category, agent.category)
        select_value(self.statut, agent.statut)
        self.date_prise_fonction.setDate(agent.date_prise_fonction)
        self.birth_year.load("" if agent.birth_year is None else str(agent.birth_year))
        for ground, box in self.grounds.items():
            box.setChecked(ground in agent.priority_grounds)
        self.referent_informed_on.setDate(agent.referent_handicap_informed_on)
        self.referent_associated.setChecked(agent.referent_handicap_associated)
        self.notes.load(agent.private_notes)
        for name in self.errors:
            self._show_error(name, "")

    def _checked_grounds(self) -> frozenset[PriorityGround]:
        return frozenset(ground for ground, box in self.grounds.items() if box.isChecked())

    def commit(self, name: str, value: object) -> None:
        """Save the field `name` with `value`, then every edit refused earlier that now goes through."""
        self.pending[name] = value
        saved_any, progress = False, True
        while progress and self.pending:
            progress = False
            for field, wanted in list(self.pending.items()):
                if self._save_one(field, wanted):
                    del self.pending[field]
                    saved_any = progress = True
        if saved_any:
            self.saved.emit(self.agent)

    def _save_one(self, name: str, value: object) -> bool:
        changes: dict[str, Any] = {name: value}
        try:
            update_agent(self.ws, self.agent_id, replace(AgentInput.of(self.agent), **changes))
            self.agent = get_agent(self.ws, self.agent_id)
        except Exception as error:  # shown next to the field, whose text stays as typed
            self._show_error(name, user_message(error))
            if name in self.lines:
                self.lines[name].mark_unsaved()
            elif name == "birth_year":
                self.birth_year.mark_unsaved()
            elif name == "private_notes":
                self.notes.mark_unsaved()
            return False
        self._show_error(name, "")
        return True

    def unsaved(self) -> list[UnsavedEdit]:
        """The edits that cannot be saved, in the form's order, once what is being typed has been taken (a date
        that does not exist, an edit the service refused): leaving the file now would lose them."""
        flush_all(self)
        dates = {"date_prise_fonction": self.date_prise_fonction,
                 "referent_handicap_informed_on": self.referent_informed_on}
        for date_edit in dates.values():
            date_edit.flush()
        edits = []
        for name, (label, field) in self.fields.items():
            typed = dates[name].error_text if name in dates else ""
            message = typed or (self.error_text(name) if name in self.pending else "")
            if message:
                edits.append(UnsavedEdit(field, label, message))
        return edits

    def _show_error(self, name: str, message: str) -> None:
        show_inline_error(self.errors[name], message)

    def error_text(self, name: str) -> str:
        return self.errors[name].text() if not self.errors[name].isHidden() else ""


def _form(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setSpacing(8)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form
