"""The filters above the list of agents: priority access, category, status, state of the accompaniment."""

from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from ...domain.agent import AgentState, Category, Statut
from ...services.agent_search import AgentFilters
from ..widgets.flow_layout import FlowLayout
from ..widgets.tab_order import tab_chain
from .choices import enum_combo, enum_data


class AgentFilterBar(QWidget):
    """`changed(AgentFilters)` whenever the CMC changes a filter."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.priority = QCheckBox("Accès prioritaire uniquement", self)
        self.category = self._combo("Catégorie", [("Toutes catégories", None)]
                                    + [(f"Catégorie {c.value}", c) for c in Category])
        self.statut = self._combo("Statut", [("Tous statuts", None)] + [(s.label, s) for s in Statut])
        self.state = self._combo("État de l'accompagnement", [("Tous les accompagnements", None)]
                                 + [(s.label, s) for s in AgentState])
        self.priority.toggled.connect(self._emit)
        row = FlowLayout(self)  # two lines when the texts are enlarged, instead of a wider window
        caption = QLabel("Filtrer :", self)
        caption.setProperty("role", "hint")
        row.addWidget(caption)
        for widget in (self.category, self.statut, self.state):
            row.addWidget(widget)
        row.addWidget(self.priority)
        tab_chain(self.category, self.statut, self.state, self.priority)  # as drawn, left to right

    def _combo(self, name: str, choices: list[tuple[str, StrEnum | None]]) -> QComboBox:
        combo = enum_combo(self, f"Filtrer par {name.lower()}", choices)
        combo.setToolTip(combo.accessibleName())
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def filters(self) -> AgentFilters:
        return AgentFilters(priority_only=self.priority.isChecked(), category=enum_data(self.category, Category),
                            statut=enum_data(self.statut, Statut), state=enum_data(self.state, AgentState))

    def _emit(self) -> None:
        self.changed.emit(self.filters())
