""""Inscrire des agents": the accepted demandes waiting for a promotion, ticked and enrolled in one go."""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_fr
from ...domain.promotion import MAX_PARTICIPANTS, Promotion, participants_text, places_text
from ...services.enrolable import EnrolableDemande, enrolable_demandes
from ...services.promotions import enrol, list_promotions
from ...services.workspace import Workspace
from ..theme import set_property
from ..widgets import ErrorBanner, user_message
from ..widgets.guarded_dialog import grow_to_content
from ..widgets.vertical_scroll import vertical_scroll
from .record_dialog import make_default


class EnrolmentDialog(QDialog):
    """Each ticked agent is enrolled in turn; a refusal (full promotion…) is shown with the domain's words."""

    enrolled = Signal(int)  # how many agents were just enrolled

    def __init__(self, ws: Workspace, promotion: Promotion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.promotion = ws, promotion
        self.demandes: list[EnrolableDemande] = []
        self.setWindowTitle(f"Inscrire des agents — {promotion.name}")
        self.setMinimumSize(600, 480)
        heading = QLabel("Inscrire des agents", self)
        heading.setProperty("role", "section")
        hint = QLabel("Agents dont la demande de BPP a reçu un accord (ou dont le BPP est de droit, ou dont le "
                      "report a pris fin) et qui n'ont pas encore rejoint de promotion : les publics prioritaires "
                      "d'abord, puis la plus ancienne demande. Cochez-les avec la souris ou la barre d'espace.", self)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.places = QLabel(self)
        self.places.setProperty("role", "subtitle")
        self.banner = ErrorBanner(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Demandes acceptées en attente d'une promotion")
        # A long line (name, date, priority) wraps within the list's width rather than scrolling sideways.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 7)  # a few agents in view, at any text size
        self.list.itemChanged.connect(lambda _item: self._update_button())
        self.empty = QLabel("Aucune demande acceptée n'attend de promotion.", self)
        self.empty.setProperty("role", "hint")
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        for widget in (heading, hint, self.places, self.banner, self.empty, self.list):
            column.addWidget(widget)
        # With the texts enlarged on a laptop the explanation, a message and the list are taller than the screen:
        # they scroll, the buttons stay in view under them (made after the page joined the window: Tab order).
        scrolling = vertical_scroll(page, self)
        buttons = QDialogButtonBox(self)
        self.enrol_button = buttons.addButton("Inscrire les agents cochés", QDialogButtonBox.ButtonRole.AcceptRole)
        self.enrol_button.clicked.connect(self.enrol_checked)
        close = buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        set_property(close, "variant", "secondary")  # button-box buttons are polished on creation
        close.clicked.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(10)
        outer.addWidget(scrolling, 1)
        outer.addWidget(buttons)
        self.reload()
        make_default(self, self.enrol_button)
        self.list.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # As tall as the explanation and the list need (within the screen), once the page knows its height.
        QTimer.singleShot(0, self, lambda: grow_to_content(self))

    def reload(self) -> None:
        self.demandes = enrolable_demandes(self.ws)
        enrolled = next((s.participants for s in list_promotions(self.ws) if s.promotion.id == self.promotion.id), 0)
        free = max(0, MAX_PARTICIPANTS - enrolled)
        self.places.setText(f"{participants_text(enrolled)} sur {MAX_PARTICIPANTS} — "
                            + (places_text(free) if free else "promotion complète"))
        self.list.blockSignals(True)
        self.list.clear()
        for demande in self.demandes:
            text = f"{demande.display_name} — demande du {format_fr(demande.request_date)}"
            if demande.priority:
                text += " · accès prioritaire"
            if demande.of_right:
                text += " · BPP de droit (restructuration)"
            item = QListWidgetItem(text, self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, demande.demande_id)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not self.demandes)
        self.list.setVisible(bool(self.demandes))
        self._update_button()

    def checked(self) -> list[EnrolableDemande]:
        return [d for index, d in enumerate(self.demandes)
                if self.list.item(index).checkState() == Qt.CheckState.Checked]

    def set_checked(self, demande_ids: set[int]) -> None:
        for index, demande in enumerate(self.demandes):
            state = Qt.CheckState.Checked if demande.demande_id in demande_ids else Qt.CheckState.Unchecked
            self.list.item(index).setCheckState(state)

    def _update_button(self) -> None:
        self.enrol_button.setEnabled(bool(self.checked()))

    def enrol_checked(self) -> None:
        done, refusals = 0, []
        for demande in self.checked():
            try:
                enrol(self.ws, self.promotion.id or 0, demande.demande_id)
            except Exception as error:  # the next agents may still fit; every refusal is listed
                refusals.append(f"Inscription de {demande.display_name} refusée : {user_message(error)}")
            else:
                done += 1
        if done:
            self.enrolled.emit(done)
        if not refusals:
            self.accept()
            return
        self.reload()
        prefix = f"{done} agent{'s' if done > 1 else ''} inscrit{'s' if done > 1 else ''}.\n" if done else ""
        self.banner.show_message(prefix + "\n".join(refusals))
