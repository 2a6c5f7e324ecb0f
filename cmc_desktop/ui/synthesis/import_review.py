"""The review of a completed fillable PDF: what the agent changed, side by side with the document, accepted
field by field by the CMC; what is accepted is written attributed to the agent."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.synthesis import Change
from ...services.synthesis_exchange import ImportReview, accept_import
from ...services.workspace import Workspace
from .. import tasks
from ..theme import BORDER, GREY_BACKGROUND, INFO, TITLE, set_property
from ..widgets import ErrorBanner, GuardedDialog, confirm
from .busy import inform, notify

_STYLE = f"""
QLabel[role="before"] {{ background: {GREY_BACKGROUND}; padding: 8px; border-left: 3px solid {BORDER}; }}
QLabel[role="proposed"] {{ background: #e8edff; color: {TITLE}; padding: 8px; border-left: 3px solid {INFO}; }}
QLabel[role="proposed"][refused="true"] {{ background: {GREY_BACKGROUND}; color: #666666; border-left-color: {BORDER};
    text-decoration: line-through; }}
QLabel[role="column"] {{ font-weight: bold; color: {TITLE}; padding: 4px 0; border-bottom: 2px solid #3a3a3a; }}
QLabel[role="rubrique"] {{ font-weight: bold; color: {TITLE}; }}
"""
_EMPTY = "(vide)"


class ImportReviewDialog(GuardedDialog):
    """One row per proposed change: the rubrique with its checkbox, the text before, the agent's proposal."""

    def __init__(self, ws: Workspace, review: ImportReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.review = ws, review
        self.applied: list[str] | None = None
        self._busy = False
        self.setWindowTitle("Revue du PDF complété par l'agent")
        self.setStyleSheet(_STYLE)
        self.resize(1100, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        title = QLabel("Modifications proposées par l'agent", self)
        title.setProperty("role", "section")
        layout.addWidget(title)
        count = len(review.changes)
        intro = QLabel(
            f"{self._n(count, 'modification proposée', 'modifications proposées')} dans le PDF complété. Décochez "
            "celles que vous ne reprenez pas : les modifications retenues sont écrites dans le document au nom de "
            "l'agent (une version est conservée), les autres sont écartées.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.all_button = QPushButton("Tout accepter", self)
        self.all_button.setProperty("variant", "secondary")
        self.all_button.clicked.connect(lambda: self.set_all(True))
        self.none_button = QPushButton("Tout refuser", self)
        self.none_button.setProperty("variant", "secondary")
        self.none_button.clicked.connect(lambda: self.set_all(False))
        self.counter = QLabel(self)
        self.counter.setProperty("role", "hint")
        bar.addWidget(self.all_button)
        bar.addWidget(self.none_button)
        bar.addSpacing(12)
        bar.addWidget(self.counter)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.checks: dict[str, QCheckBox] = {}
        layout.addWidget(self._table(), 1)

        self.banner = ErrorBanner(self)
        layout.addWidget(self.banner)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Application des modifications en cours")
        self.progress.hide()
        layout.addWidget(self.progress)
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton("Appliquer les modifications retenues",
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(self.cancel_button, "variant", "secondary")  # button-box buttons are polished on creation
        self.cancel_button.clicked.connect(self.request_close)
        for secondary in (self.all_button, self.none_button, self.cancel_button):
            secondary.setAutoDefault(False)  # Entrée applies, never « Tout refuser »
        layout.addWidget(buttons)
        self._count()

    @staticmethod
    def _n(count: int, singular: str, plural: str) -> str:
        return f"{count} {singular if count <= 1 else plural}"

    def _table(self) -> QScrollArea:
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the texts wrap instead
        content = QWidget(area)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(0, 0, 8, 0)
        grid = QGridLayout()
        outer.addLayout(grid)
        outer.addStretch(1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        for column, text in enumerate(("Rubrique", "Avant", "Proposé par l'agent")):
            header = QLabel(text, content)
            header.setProperty("role", "column")
            grid.addWidget(header, 0, column)
        for row, change in enumerate(self.review.changes, start=1):
            proposed = self._text(change.after, "proposed", content)
            grid.addLayout(self._rubrique(change, proposed, content), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self._text(change.before, "before", content), row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(proposed, row, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnMinimumWidth(0, 230)
        grid.setColumnStretch(0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        area.setWidget(content)
        self.scroll_area, self._content = area, content
        return area

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The scroll area decides on its scroll bar from the first, narrower layout of the wrapped texts and
        # keeps a useless one; asking again once the dialog has its size settles it.
        QTimer.singleShot(0, self._content.updateGeometry)

    def _rubrique(self, change: Change, proposed: QLabel, parent: QWidget) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(4)
        label = QLabel(change.label, parent)
        label.setProperty("role", "rubrique")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setMaximumWidth(260)
        check = QCheckBox("Accepter", parent)
        check.setChecked(True)
        check.setAccessibleName(f"Accepter la modification de « {change.label} »")
        check.toggled.connect(self._count)
        check.toggled.connect(lambda kept: set_property(proposed, "refused", not kept))
        self.checks[change.key] = check
        column.addWidget(label)
        column.addWidget(check)
        return column

    @staticmethod
    def _text(text: str, role: str, parent: QWidget) -> QLabel:
        label = QLabel(text or _EMPTY, parent)
        label.setProperty("role", role)
        label.setTextFormat(Qt.TextFormat.PlainText)  # the agent's text is never interpreted as markup
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if not text:
            label.setStyleSheet("font-style: italic;")
        return label

    def accepted_keys(self) -> list[str]:
        return [key for key, check in self.checks.items() if check.isChecked()]

    def set_all(self, accepted: bool) -> None:
        for check in self.checks.values():
            check.setChecked(accepted)

    def _count(self) -> None:
        kept, total = len(self.accepted_keys()), len(self.checks)
        self.counter.setText(f"{kept} retenue{'s' if kept > 1 else ''} sur {total}")
        self.apply_button.setText("Appliquer les modifications retenues" if kept else "Tout écarter et fermer")

    def apply(self) -> None:
        self._finish(self.accepted_keys())

    def _finish(self, keys: list[str]) -> None:
        ws, review = self.ws, self.review
        self.banner.clear()
        self._set_busy(True)

        def done(_: object) -> None:
            self._set_busy(False)
            self.applied = keys
            self.accept()

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self.banner.show_error(error)

        tasks.submit(lambda: accept_import(ws, review.synthesis_id, review.import_id, keys),
                     on_done=done, on_error=failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for widget in (self.apply_button, self.cancel_button, self.all_button, self.none_button,
                       *self.checks.values()):
            widget.setEnabled(not busy)

    def request_close(self) -> bool:
        """Closing without applying discards every proposal (the file can be imported again later); a lock
        only closes the dialog (reject), the proposals then stay with the document until it is imported again
        or destroyed."""
        if self._busy or not confirm(
                self, "Fermer sans appliquer",
                "Aucune modification proposée par l'agent ne sera reprise dans le document. Vous pourrez importer "
                "de nouveau le même fichier plus tard.", confirm_label="Fermer sans appliquer",
                cancel_label="Continuer la revue"):
            return False
        self._finish([])
        return True


def review_changes(parent: QWidget | None, ws: Workspace, review: ImportReview) -> bool:
    """Show the review of an import and apply the CMC's choice; True when something was accepted."""
    if not review.changes:
        accept_import(ws, review.synthesis_id, review.import_id, [])
        inform(parent, "Rien à reprendre", "Le PDF complété ne contient aucune modification par rapport au "
               "document : rien n'a été changé.")
        return False
    dialog = ImportReviewDialog(ws, review, parent)
    try:
        dialog.exec()
        accepted = dialog.applied or []
    finally:
        dialog.deleteLater()
    if accepted:
        notify(parent, f"{len(accepted)} modification{'s' if len(accepted) > 1 else ''} de l'agent reprise"
                       f"{'s' if len(accepted) > 1 else ''} dans le document.")
    return bool(accepted)
