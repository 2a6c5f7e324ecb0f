"""The consent register of a document de synthèse: to whom the agent agreed it may be sent, what, since and
until when; adding a consent and recording its withdrawal."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.consent import RecipientKind
from ...domain.dates import format_fr
from ...domain.synthesis_schema import Rubric
from ...services.consents import (
    ConsentView,
    consents_for,
    give_consent,
    rubrics_of,
    transmissions_for,
    withdraw_consent,
)
from ...services.workspace import Workspace
from ..theme import SECONDARY, SUCCESS
from ..widgets import ErrorBanner, FrenchDateEdit, GuardedDialog, confirm
from ..widgets.list_table import TitleFitter
from ..widgets.vertical_scroll import vertical_scroll

COLUMNS = ("Destinataire", "Nom ou service", "Objet", "Donné le", "Retiré le", "État")
DEFAULT_SCOPE = "Document de synthèse"


def _short(heading: str) -> str:
    """« 2.5. » for a numbered rubric, « « Projet énoncé par l'agent » » otherwise."""
    first = heading.split(" ", 1)[0]
    return first if first.endswith(".") and first[0].isdigit() else f"« {heading} »"


def withheld_mention(withheld: tuple[str, ...]) -> str:
    """« toutes les rubriques », « sans la rubrique 2.5. » or « sans les rubriques 1.2. et 2.5. »."""
    if not withheld:
        return "toutes les rubriques"
    names = [_short(heading) for heading in withheld]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    return f"sans la rubrique {listed}" if len(names) == 1 else f"sans les rubriques {listed}"


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label


def _buttons(parent: GuardedDialog, confirm_label: str, *, danger: bool = False) -> tuple[QDialogButtonBox,
                                                                                           QPushButton]:
    """The dialog's buttons: Entrée presses `confirm_label`, Échap and « Annuler » ask before closing."""
    box = QDialogButtonBox(parent)
    ok = box.addButton(confirm_label, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
    cancel.setProperty("variant", "secondary")
    cancel.setAutoDefault(False)
    cancel.clicked.connect(parent.request_close)
    ok.setDefault(True)
    if danger:
        ok.setProperty("variant", "danger")
    return box, ok


class ConsentDialog(GuardedDialog):
    """Records a new consent of the agent and the rubrics it names; a bad value shows the service's message
    and nothing is saved."""

    def __init__(self, ws: Workspace, synthesis_id: int, rubrics: list[Rubric],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.synthesis_id = ws, synthesis_id
        self.consent_id: int | None = None
        self.setWindowTitle("Ajouter un consentement")
        self.setMinimumWidth(560)
        # The fields scroll when the texts are enlarged (RGAA 10.4); the buttons stay in view under them.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 20)
        body = QWidget()
        outer.addWidget(vertical_scroll(body, self), 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 0)
        layout.setSpacing(12)
        layout.addWidget(_hint(
            "Enregistrez ici l'accord de l'agent pour communiquer son document de synthèse à un tiers. Sans "
            "consentement en vigueur, aucun export pour ce destinataire n'est possible.", self))
        self.banner = ErrorBanner(self, closable=False)
        layout.addWidget(self.banner)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above the fields at 200 %
        self.kind = QComboBox(self)
        for kind in RecipientKind:
            self.kind.addItem(kind.label, kind.value)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("Par exemple : service RH de la direction")
        self.scope = QLineEdit(DEFAULT_SCOPE, self)
        self.given_on = FrenchDateEdit(self, optional=False, maximum=ws.clock.today())
        self.given_on.setDate(ws.clock.today())
        form.addRow("Destinataire :", self.kind)
        form.addRow("Nom ou service du destinataire :", self.name)
        form.addRow("Objet du consentement :", self.scope)
        form.addRow("Consentement donné le :", self.given_on)
        self.given_on.setAccessibleName("Consentement donné le")
        layout.addLayout(form)
        # What the agent ticks goes; 1.2 (material arrangements of an L. 5212-13 agent) and 2.5 (the personal
        # situation) start unticked: they go only if the agent asks for them expressly.
        self.rubrics = QListWidget(self)
        self.rubrics.setAccessibleName("Rubriques que l'agent accepte de transmettre")
        for rubric in rubrics:
            item = QListWidgetItem(rubric.heading + (" — seulement si l'agent l'accepte expressément"
                                                     if rubric.sensitive else ""), self.rubrics)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if rubric.sensitive else Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, rubric.key)
        self.rubrics.setMinimumHeight(180)
        # Long headings wrap instead of scrolling sideways.
        self.rubrics.setWordWrap(True)
        self.rubrics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rubrics_label = QLabel("Rubriques transmises :", self)
        rubrics_label.setBuddy(self.rubrics)
        layout.addWidget(rubrics_label)
        layout.addWidget(self.rubrics, 1)
        layout.addWidget(_hint("L'en-tête et les dates du bilan accompagnent toujours le document. Une rubrique "
                               "non cochée est remplacée, dans l'exemplaire du destinataire, par la mention « "
                               "rubrique non transmise ». Cochez ou décochez avec la barre d'espace.", self))
        buttons, self.save_button = _buttons(self, "Enregistrer le consentement")
        self.save_button.clicked.connect(self.save)
        bottom = QVBoxLayout()
        bottom.setContentsMargins(24, 12, 24, 0)
        bottom.addWidget(buttons)
        outer.addLayout(bottom)
        self.name.setFocus()

    def chosen_rubrics(self) -> frozenset[str]:
        return frozenset(str(self.rubrics.item(row).data(Qt.ItemDataRole.UserRole))
                         for row in range(self.rubrics.count())
                         if self.rubrics.item(row).checkState() == Qt.CheckState.Checked)

    def save(self) -> None:
        if self.given_on.error_text:
            self.banner.show_message(self.given_on.error_text)
            return
        given_on = self.given_on.date()
        if given_on is None:
            self.banner.show_until_fixed("Indiquez la date à laquelle l'agent a donné son consentement.",
                                         lambda: self.given_on.date() is not None and not self.given_on.error_text,
                                         self.given_on)
            return
        try:
            self.consent_id = give_consent(
                self.ws, self.synthesis_id, RecipientKind(self.kind.currentData()), self.name.text(),
                self.scope.text(), given_on, rubrics=self.chosen_rubrics())
        except Exception as error:  # the typed values stay in the fields for correction
            self.banner.show_error(error)
            return
        self.accept()

    def may_close(self) -> bool:
        return not self.name.text().strip() or confirm(
            self, "Abandonner la saisie", "Le consentement saisi n'est pas enregistré. Abandonner la saisie ?",
            confirm_label="Abandonner", cancel_label="Continuer la saisie")


class WithdrawDialog(GuardedDialog):
    """Records that the agent withdrew a consent, from a date; asks for an explicit confirmation."""

    def __init__(self, ws: Workspace, consent: ConsentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.consent = ws, consent
        self.setWindowTitle("Retirer un consentement")
        self.setMinimumWidth(540)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        text = QLabel(
            f"À partir de la date du retrait, le document ne pourra plus être transmis à « "
            f"{consent.recipient_label} ». Les transmissions déjà faites restent inscrites au registre. "
            "Le retrait ne peut pas être annulé : un nouvel accord de l'agent serait un nouveau consentement.", self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(text)
        self.banner = ErrorBanner(self, closable=False)
        layout.addWidget(self.banner)
        form = QFormLayout()
        self.withdrawn_on = FrenchDateEdit(self, optional=False, minimum=consent.given_on,
                                           maximum=ws.clock.today())
        self.withdrawn_on.setDate(ws.clock.today())
        form.addRow("Retiré le :", self.withdrawn_on)
        self.withdrawn_on.setAccessibleName("Retiré le")
        layout.addLayout(form)
        buttons, self.withdraw_button = _buttons(self, "Confirmer le retrait", danger=True)
        self.withdraw_button.clicked.connect(self.withdraw)
        layout.addWidget(buttons)

    def withdraw(self) -> None:
        on = self.withdrawn_on.date()
        if self.withdrawn_on.error_text or on is None:
            self.banner.show_message(self.withdrawn_on.error_text or "Indiquez la date du retrait.")
            return
        try:
            withdraw_consent(self.ws, self.consent.id, on)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.accept()


class ConsentsPanel(QWidget):
    """The consent register of one document, for the SynthesisEditor."""

    def __init__(self, ws: Workspace, synthesis_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.synthesis_id = ws, synthesis_id
        self.consents: list[ConsentView] = []
        self.rubrics = rubrics_of(ws, synthesis_id)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        title = QLabel("Consentements de l'agent", self)
        title.setProperty("role", "subtitle")
        layout.addWidget(title)
        layout.addWidget(_hint(
            "Le document n'est communiqué à un tiers (hiérarchie, service RH, autre conseiller…) qu'avec le "
            "consentement de l'agent, enregistré ici. Chaque ajout, retrait et transmission est journalisé.", self))
        self.banner = ErrorBanner(self)
        layout.addWidget(self.banner)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Registre des consentements")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The register sits in the editor's side panel (about 430 px at 1280 px): the texts wrap in their
        # columns and the dates keep their width, so nothing is cut and nothing scrolls sideways.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column < 3
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(140)
        TitleFitter(self.table, COLUMNS)  # titles on two lines when the texts are enlarged
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Ajouter un consentement…", self)
        self.add_button.clicked.connect(self.add_consent)
        self.withdraw_button = QPushButton("Retirer le consentement…", self)
        self.withdraw_button.setProperty("variant", "secondary")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        sent_title = QLabel("Transmissions", self)
        sent_title.setProperty("role", "subtitle")
        layout.addWidget(sent_title)
        self.transmissions = QListWidget(self)
        self.transmissions.setAccessibleName("Historique des transmissions")
        self.transmissions.setMaximumHeight(120)
        self.transmissions.setWordWrap(True)
        self.transmissions.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.transmissions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.transmissions)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Wrapped rows take their height once the columns have their new width (laid out after this event).
        QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)

    def refresh(self) -> None:
        try:
            self.consents = consents_for(self.ws, self.synthesis_id)
        except Exception as error:
            self.consents = []
            self.banner.show_error(error)
        self.table.setRowCount(len(self.consents) or 1)
        for row, consent in enumerate(self.consents):
            withdrawn = consent.withdrawn_on is not None
            state = "En vigueur" if consent.live else ("Retiré" if withdrawn else "Pas encore en vigueur")
            for column, text in enumerate((consent.recipient_kind.label, consent.recipient_name,
                                           self._scope_text(consent),
                                           format_fr(consent.given_on), format_fr(consent.withdrawn_on) or "—",
                                           state)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == len(COLUMNS) - 1:
                    item.setForeground(QColor(SUCCESS if consent.live else SECONDARY))
                self.table.setItem(row, column, item)
        if not self.consents:
            empty = QTableWidgetItem("Aucun consentement enregistré : le document ne peut être transmis à personne.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.table.setItem(0, 0, empty)
            self.table.setSpan(0, 0, 1, len(COLUMNS))
        else:
            self.table.clearSpans()
        self.table.resizeRowsToContents()
        self._selection_changed()
        self._show_transmissions()

    def _scope_text(self, consent: ConsentView) -> str:
        return f"{consent.scope} ({withheld_mention(consent.withheld)})"

    def _show_transmissions(self) -> None:
        self.transmissions.clear()
        try:
            sent = transmissions_for(self.ws, self.synthesis_id)
        except Exception as error:
            self.banner.show_error(error)
            return
        for transmission in sent:
            local = transmission.sent_at.astimezone()
            self.transmissions.addItem(f"{format_fr(local.date())} à {local:%H:%M} — "
                                       f"{transmission.recipient_kind.label} — {transmission.recipient_name} — "
                                       f"{withheld_mention(transmission.withheld)}")
        if not sent:
            self.transmissions.addItem("Aucune transmission : le document n'a été remis qu'à l'agent.")

    def selected(self) -> ConsentView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.consents):
            return None
        return self.consents[rows[0].row()]

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.withdraw_button.setEnabled(chosen is not None and chosen.withdrawn_on is None)

    def add_consent(self) -> None:
        dialog = ConsentDialog(self.ws, self.synthesis_id, self.rubrics, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.banner.clear()
                self.refresh()
                self.select(dialog.consent_id)
        finally:
            dialog.deleteLater()

    def withdraw_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.withdrawn_on is not None:
            return
        dialog = WithdrawDialog(self.ws, chosen, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.banner.clear()
                self.refresh()
                self.select(chosen.id)
        finally:
            dialog.deleteLater()

    def select(self, consent_id: int | None) -> None:
        for row, consent in enumerate(self.consents):
            if consent.id == consent_id:
                self.table.selectRow(row)
                return
