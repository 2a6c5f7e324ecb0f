"""Merging a second file of the same person into the one open: the candidates, what would move, what stops it."""

from html import escape

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QStyle, QVBoxLayout, QWidget

from ...services.agents import get_agent
from ...services.duplicates import DuplicateView, duplicates_of_agent, merge_agents, merge_preview
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import ERROR, ErrorBanner, GuardedDialog
from .record_table import RecordTable


class _CandidatesTable(RecordTable):
    """Never narrower than its column titles: the dialog then opens wide enough for all five at any text size,
    where the agent file's tables hide their optional columns (none is optional here)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        header = self.horizontalHeader()
        titles = sum(header.sectionSizeHint(c) for c in range(header.count()) if not header.isSectionHidden(c))
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), titles + scroll_bar + 2 * self.frameWidth()), hint.height())


class MergeDialog(GuardedDialog):
    """The open file is kept; the chosen duplicate is merged into it, then deleted (one trace without content)."""

    def __init__(self, ws: Workspace, agent_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.agent_id = ws, agent_id
        self.merged_id: int | None = None
        agent = get_agent(ws, agent_id)
        self.candidates: list[DuplicateView] = duplicates_of_agent(ws, agent_id)
        self.setWindowTitle("Fusionner deux dossiers de la même personne")
        self.setMinimumWidth(700)
        self.banner = ErrorBanner(self, closable=False)
        intro = QLabel(f"Le dossier ouvert, <b>{escape(agent.display_name)}</b> ({escape(agent.pseudo_id)}), est "
                       "conservé. Tout ce que contient le dossier choisi ci-dessous (demandes, entretiens, BPP, "
                       "documents de synthèse, questionnaires) y est rattaché ; il est ensuite supprimé, et le journal "
                       "garde trace de la fusion.", self)
        intro.setWordWrap(True)
        self.table = _CandidatesTable(["Dossier", "Référence", "Année de naissance", "Service", "Pourquoi"],
                                 "Dossiers qui peuvent être ceux de la même personne", self, stretch_column=4,
                                 empty_text="Aucun autre dossier ne porte les mêmes nom et prénom.")
        self.table.set_rows([(c.id, [c.display_name, c.pseudo_id, str(c.birth_year or ""), c.service,
                                     c.reasons_text]) for c in self.candidates])
        self.table.itemSelectionChanged.connect(self._preview)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        box = QDialogButtonBox(self)
        self.merge_button = box.addButton("Fusionner dans ce dossier", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = box.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.cancel_button, "variant", "secondary")
        self.cancel_button.setAutoDefault(False)
        self.merge_button.setDefault(True)
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge)
        self.cancel_button.clicked.connect(self.request_close)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        for widget in (self.banner, intro, self.table, self.preview):
            column.addWidget(widget)
        column.addWidget(box)
        if self.candidates:
            self.table.selectRow(0)
            self.table.setFocus()

    def _preview(self) -> None:
        chosen = self.table.current_id()
        self.banner.clear()
        if chosen is None:
            self.merge_button.setEnabled(False)
            return
        try:
            preview = merge_preview(self.ws, self.agent_id, chosen)
        except Exception as error:
            self.banner.show_error(error)
            self.merge_button.setEnabled(False)
            return
        moved = ", ".join(preview.moved) or "rien d'autre que son identité"
        self.preview.setText(f"Sera rattaché au dossier conservé : {moved}. Les champs vides du dossier conservé sont "
                             "complétés ; les notes privées sont mises bout à bout.")
        if preview.blockers:
            self.banner.show_message(" ".join(preview.blockers), ERROR)
        self.merge_button.setEnabled(not preview.blockers)

    def merge(self) -> None:
        chosen = self.table.current_id()
        if chosen is None or not self.merge_button.isEnabled():
            return
        try:
            merge_agents(self.ws, self.agent_id, chosen)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.merged_id = chosen
        self.accept()
