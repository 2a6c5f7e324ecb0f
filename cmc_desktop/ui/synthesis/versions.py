"""The versions of a document de synthèse: the list, keeping a version, and what changed between two.

Versions are kept automatically at finalisation, reopening and PDF exchanges; the CMC may keep one at any
time (before a séance, say). The comparison shows each changed field before and after, side by side.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.synthesis import Change
from ...services import synthesis_versions as versions
from ...services.workspace import Workspace
from ..widgets import ErrorBanner
from ..widgets.wrapped_text import WrappedText

CURRENT = "Texte actuel"
COMPARE_STYLE = """
WrappedText#Before, WrappedText#After { border-radius: 3px; padding: 8px; color: #161616; }
WrappedText#Before { background: #ffe9e9; border: none; border-left: 3px solid #ce0500; }
WrappedText#After { background: #dffee6; border: none; border-left: 3px solid #18753c; }
QLabel#ChangeTitle { font-weight: bold; color: #161616; padding: 8px 0 0 0; }
QLabel#ColumnTitle { font-weight: bold; color: #666666; }
"""


def describe(info: versions.VersionInfo) -> str:
    local = info.created_at.astimezone()
    return f"Version {info.number} du {local:%d/%m/%Y à %H:%M}" + (f" — {info.label}" if info.label else "")


class VersionsPanel(QWidget):
    """The document's versions, newest first, with « Enregistrer une version » and « Comparer… »."""

    saved = Signal(int)

    def __init__(self, ws: Workspace, synthesis_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.synthesis_id = ws, synthesis_id
        self._versions: list[versions.VersionInfo] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(8)
        hint = QLabel("Une version est conservée à la finalisation, à la réouverture et à chaque échange de PDF ; "
                      "vous pouvez aussi en conserver une vous-même.", self)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.banner = ErrorBanner(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Versions du document")
        self.list.setWordWrap(True)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item: self.compare())
        self.compare_button = QPushButton("Comparer avec le texte actuel…", self)
        self.compare_button.setProperty("variant", "secondary")
        self.compare_button.clicked.connect(self.compare)
        self.label = QLineEdit(self)
        self.label.setAccessibleName("Libellé de la version à conserver")
        self.label.setPlaceholderText("Libellé (facultatif), par ex. « avant la séance 3 »")
        self.label.setMaxLength(200)
        self.label.returnPressed.connect(self.save)
        self.save_button = QPushButton("Conserver une version", self)
        self.save_button.setProperty("variant", "secondary")
        self.save_button.clicked.connect(self.save)
        for widget in (hint, self.banner, self.list, self.compare_button, self.label, self.save_button):
            column.addWidget(widget, 1 if widget is self.list else 0)
        self.reload()

    def reload(self) -> None:
        try:
            self._versions = versions.list_versions(self.ws, self.synthesis_id)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.list.clear()
        for info in reversed(self._versions):
            item = QListWidgetItem(describe(info), self.list)
            item.setData(Qt.ItemDataRole.UserRole, info.number)
        if not self._versions:
            QListWidgetItem("Aucune version conservée pour l'instant.", self.list).setFlags(Qt.ItemFlag.NoItemFlags)
        self._update_buttons()

    def selected_number(self) -> int | None:
        items = self.list.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _update_buttons(self) -> None:
        self.compare_button.setEnabled(bool(self._versions))

    def save(self) -> None:
        self.banner.clear()
        try:
            number = versions.save_version(self.ws, self.synthesis_id, self.label.text())
        except Exception as error:
            self.banner.show_error(error)
            return
        self.label.clear()
        self.reload()
        self.saved.emit(number)

    def compare(self) -> None:
        if not self._versions:
            return
        start = self.selected_number() or self._versions[-1].number
        dialog = CompareDialog(self.ws, self.synthesis_id, self._versions, start, None, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


class CompareDialog(QDialog):
    """Two versions (or a version and the current text) and, field by field, what changed."""

    def __init__(self, ws: Workspace, synthesis_id: int, infos: list[versions.VersionInfo], before: int | None,
                 after: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.synthesis_id = ws, synthesis_id
        self.setWindowTitle("Comparer deux versions")
        self.setStyleSheet(COMPARE_STYLE)
        self.resize(1040, 640)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 16, 20, 16)
        column.setSpacing(10)
        choices = QHBoxLayout()
        self.before = self._combo("Version de départ", infos, before)
        self.after = self._combo("Version d'arrivée", infos, after)
        for label, combo in (("Version de départ :", self.before), ("Version d'arrivée :", self.after)):
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            choices.addWidget(caption)
            choices.addWidget(combo, 1)
        # The versions' descriptions are long: when the two choices side by side would be wider than the screen
        # (texts enlarged), each label goes above its list (the row was twice the screen's width at 200 %).
        margins = column.contentsMargins()
        screen = QGuiApplication.primaryScreen().availableGeometry()
        if choices.sizeHint().width() + margins.left() + margins.right() > screen.width():
            choices.setDirection(QBoxLayout.Direction.TopToBottom)
        column.addLayout(choices)
        self.banner = ErrorBanner(self)
        self.summary = QLabel(self)
        self.summary.setProperty("role", "subtitle")
        column.addWidget(self.banner)
        column.addWidget(self.summary)
        self.scroll_area = QScrollArea(self)  # not `scroll`: QWidget.scroll moves the content
        self.scroll_area.setWidgetResizable(True)
        column.addWidget(self.scroll_area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)  # a viewer: Entrée closes it too
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.changes: list[Change] = []
        self.before.currentIndexChanged.connect(self.show_changes)
        self.after.currentIndexChanged.connect(self.show_changes)
        self.show_changes()

    def _combo(self, name: str, infos: list[versions.VersionInfo], selected: int | None) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        for info in reversed(infos):
            combo.addItem(describe(info), info.number)
        combo.addItem(CURRENT, None)
        combo.setCurrentIndex(max(combo.findData(selected), 0) if selected is not None else combo.count() - 1)
        return combo

    def show_changes(self) -> None:
        self.banner.clear()
        try:
            self.changes = versions.compare(self.ws, self.synthesis_id, self.before.currentData(),
                                            self.after.currentData())
        except Exception as error:
            self.banner.show_error(error)
            return
        count = len(self.changes)
        self.summary.setText("Aucune différence entre ces deux versions." if not count else
                             f"{count} rubrique{'s' if count > 1 else ''} modifiée{'s' if count > 1 else ''}")
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for col, title in enumerate((self.before.currentText(), self.after.currentText())):
            heading = QLabel(("Avant : " if col == 0 else "Après : ") + title, page)
            heading.setObjectName("ColumnTitle")
            heading.setWordWrap(True)
            grid.addWidget(heading, 0, col)
        row = 1
        for change in self.changes:
            change_title = QLabel(change.label, page)
            change_title.setObjectName("ChangeTitle")
            change_title.setWordWrap(True)
            grid.addWidget(change_title, row, 0, 1, 2)
            grid.addWidget(self._text(change.before, "Before", f"{change.label}, avant", page), row + 1, 0)
            grid.addWidget(self._text(change.after, "After", f"{change.label}, après", page), row + 1, 1)
            row += 2
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(row, 1)
        self.scroll_area.setWidget(page)

    @staticmethod
    def _text(text: str, name: str, accessible: str, parent: QWidget) -> WrappedText:
        """A text before or after, whole: a web address longer than the column breaks, the dialog keeps its
        width."""
        shown = WrappedText(text or "(vide)", parent)
        shown.setObjectName(name)
        shown.setAccessibleName(accessible)
        return shown
