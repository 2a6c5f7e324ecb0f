"""The Entretiens view: every agent's interviews (filtered by type), and the editor of the one opened."""

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.interview import InterviewType
from ...services.workspace import Workspace
from ..agents.choices import enum_combo, enum_data
from ..navigation import Navigator, View
from ..widgets import ErrorBanner, flush_all
from ..widgets.list_table import list_table
from .editor import E2InterviewEditor
from .list_model import AGENT, DATE, FOLLOW_UP, MODE, SUBJECT, TYPE, InterviewListModel
from .new_dialog import NewInterviewDialog


def count_text(total: int, interview_type: InterviewType | None) -> str:
    if total == 0:
        return "Aucun entretien"
    kind = "" if interview_type is None else f" {interview_type.value}"
    return f"{total:,} entretien{'s' if total > 1 else ''}{kind}".replace(",", "\u00a0")


class InterviewsView(QWidget, View):
    """List page and editor page in a stack; Ctrl+N « Nouvel entretien », Enter opens the selected interview."""

    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator = ws, navigator
        self.editor: E2InterviewEditor | None = None
        self.new_dialog: NewInterviewDialog | None = None
        self._reselect: int | None = None
        self.pages = QStackedWidget(self)
        self.list_page = self._build_list_page()
        self.pages.addWidget(self.list_page)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pages)
        self.type_filter.currentIndexChanged.connect(lambda _i: self.load_list())
        self.load_list()

    # ----- the list -------------------------------------------------------------------------------------------
    def _build_list_page(self) -> QWidget:
        page = QWidget(self)
        title = QLabel("Entretiens", page)
        title.setProperty("role", "title")
        self.count = QLabel(page)
        self.count.setProperty("role", "subtitle")
        self.count.setAccessibleName("Nombre d'entretiens")
        self.new_button = QPushButton("Nouvel entretien", page)
        self.new_button.setToolTip("Enregistrer un entretien avec un agent (Ctrl+N)")
        self.new_button.clicked.connect(lambda: self.create_new())
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(16)
        heading.addWidget(self.count)
        heading.addStretch(1)
        heading.addWidget(self.new_button)

        self.type_filter: QComboBox = enum_combo(page, "Type d'entretien affiché",
                                                 [("Tous les types", None)] + [(t.label, t) for t in InterviewType])
        filter_label = QLabel("Type :", page)
        filter_label.setBuddy(self.type_filter)
        filters = QHBoxLayout()
        filters.addWidget(filter_label)
        filters.addWidget(self.type_filter)
        filters.addStretch(1)
        self.banner = ErrorBanner(page)

        self.model = InterviewListModel(self.ws, self)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self.banner.show_error)
        self.table = list_table(page, self.model, "Liste des entretiens", stretch=SUBJECT,
                                widths=((DATE, 100), (TYPE, 270), (AGENT, 220), (MODE, 120), (FOLLOW_UP, 190)))
        self.table.activated.connect(self._open_index)
        self.empty = QLabel(page)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "hint")
        self.empty.hide()

        column = QVBoxLayout(page)
        column.setContentsMargins(28, 20, 28, 20)
        column.setSpacing(12)
        column.addLayout(heading)
        column.addLayout(filters)
        column.addWidget(self.banner)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty)
        return page

    def load_list(self) -> None:
        self.banner.clear()
        self.model.load(enum_data(self.type_filter, InterviewType))

    def _counted(self, total: int) -> None:
        kind = enum_data(self.type_filter, InterviewType)
        self.count.setText(count_text(total, kind))
        self.empty.setVisible(total == 0)
        self.empty.setText("Aucun entretien de ce type." if kind is not None else
                           "Aucun entretien pour l'instant : enregistrez le premier avec « Nouvel entretien » "
                           "(Ctrl+N).")
        row = None if self._reselect is None else self.model.row_of(self._reselect)
        self._reselect = None
        if row is not None:  # back from an interview: on the one just left
            self.table.setFocus()
            self.table.selectRow(row)

    def _open_index(self, index: QModelIndex) -> None:
        interview_id = self.model.interview_id(index.row())
        if interview_id is not None:
            self.open_item(interview_id)

    # ----- the hooks of the main window -----------------------------------------------------------------------
    def create_new(self) -> NewInterviewDialog:
        """« Nouvel entretien »: for the agent of the interview on screen, else for an agent to search."""
        agent_id = self.editor.interview.agent_id if self.editor is not None and self._editor_shown() else None
        dialog = NewInterviewDialog(self.ws, self, agent_id=agent_id)
        self.new_dialog = dialog
        dialog.accepted.connect(lambda: self._created(dialog.interview_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_item(self, target_id: int | None) -> None:
        """Open the interview's editor (None: the list)."""
        if target_id is None:
            self.show_list()
            return
        if self.editor is not None and self.editor.interview_id == target_id:
            self.pages.setCurrentWidget(self.editor)
            self.editor.reload()
            return
        if self.editor is not None:
            flush_all(self.editor)  # the interview left keeps what was typed in it
        try:
            editor = E2InterviewEditor(self.ws, self.navigator, target_id, self.pages)
        except Exception as error:  # e.g. the interview was deleted meanwhile
            self.show_list()
            self.banner.show_error(error)
            return
        editor.back_requested.connect(self.show_list)
        editor.open_requested.connect(self.open_item)
        editor.deleted.connect(self.show_list)
        self._drop_editor()
        self.editor = editor
        self.pages.addWidget(editor)
        self.pages.setCurrentWidget(editor)
        editor.tabs.tabBar().setFocus()

    def refresh(self) -> None:
        """Back to this view: interviews may have been created or changed elsewhere."""
        self.model.reload()
        if self.editor is not None and self._editor_shown():
            self.editor.reload()

    # ----- moving between the list and an interview -----------------------------------------------------------
    def _editor_shown(self) -> bool:
        return self.editor is not None and self.pages.currentWidget() is self.editor

    def show_list(self) -> None:
        if self.editor is not None and not self.editor.gone:
            self._reselect = self.editor.interview_id
        self.pages.setCurrentWidget(self.list_page)  # hiding the editor commits its pending edits
        self._drop_editor()
        self.model.reload()

    def _drop_editor(self) -> None:
        # An editor left behind keeps nobody's notes: it is deleted as soon as it is not shown.
        if self.editor is not None:
            if not self.editor.gone:
                flush_all(self.editor)
            self.pages.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None

    def _created(self, interview_id: int | None) -> None:
        if interview_id is not None:
            self.model.reload()
            self.open_item(interview_id)
            self.navigator.notify("Entretien créé.")
