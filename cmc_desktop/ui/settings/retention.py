"""Paramètres › Conservation: the retention period, the files due for purge, and the purge itself."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...data.errors import StoreError
from ...domain.dates import format_fr
from ...domain.errors import DomainError
from ...domain.text import plural
from ...services.retention import (
    MAX_RETENTION_MONTHS,
    MIN_RETENTION_MONTHS,
    PurgeCandidate,
    due_for_purge,
    purge,
    retention_months,
    set_retention_months,
)
from ...services.workspace import Workspace
from ..navigation import Navigator
from ..widgets import INFO, SUCCESS, confirm
from .section import Section


class RetentionSection(Section):
    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Conservation des dossiers", ws, navigator, parent)
        self.column.addWidget(self.hint(
            "Un dossier d'agent est conservé pendant une durée fixée après la fin de l'accompagnement, puis "
            "purgé : son contenu est effacé et seule une trace sans contenu (identifiant pseudonyme, dates) "
            "demeure."))
        form = QFormLayout()
        self.months = QSpinBox(self)
        self.months.setRange(MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS)
        self.months.setSuffix(" mois")
        self.months.setMaximumWidth(140)
        self.months.setValue(retention_months(ws))
        self.months.editingFinished.connect(self._months_changed)
        form.addRow("Durée de conservation après la fin", self.months)
        self.column.addLayout(form)
        self.preview_button = QPushButton("Afficher les dossiers à purger", self)
        self.preview_button.setProperty("variant", "secondary")
        self.preview_button.clicked.connect(self.preview)
        self.purge_button = QPushButton("Purger ces dossiers…", self)
        self.purge_button.setProperty("variant", "danger")
        self.purge_button.setEnabled(False)
        self.purge_button.clicked.connect(self._purge)
        row = QHBoxLayout()
        row.addWidget(self.preview_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.table = QTableWidget(0, 3, self)
        self.table.setAccessibleName("Dossiers arrivés au terme de leur conservation")
        self.table.setHorizontalHeaderLabels(["Identifiant", "Fin d'accompagnement", "À purger depuis le"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(160)
        self.table.hide()
        self.column.addWidget(self.table)
        self.candidates: list[PurgeCandidate] = []

    def _months_changed(self) -> None:
        try:
            set_retention_months(self.ws, self.months.value())
        except (StoreError, DomainError) as error:
            self.banner.show_error(error)
            return
        if self.table.isVisible():
            self.preview()

    def preview(self) -> None:
        ws = self.ws
        self.run(lambda: due_for_purge(ws), self._previewed, disable=[self.preview_button, self.purge_button])

    def _previewed(self, candidates: list[PurgeCandidate]) -> None:
        self.candidates = candidates
        self.table.setRowCount(len(candidates))
        for row, candidate in enumerate(candidates):
            for column, text in enumerate((candidate.pseudo_id, format_fr(candidate.ended_on),
                                           format_fr(candidate.due_on))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setVisible(bool(candidates))
        self.purge_button.setEnabled(bool(candidates))
        self.purge_button.setText(f"Purger ces {len(candidates)} dossiers…" if len(candidates) > 1
                                  else "Purger ce dossier…")
        if not candidates:
            self.banner.show_message("Aucun dossier n'est arrivé au terme de sa durée de conservation.", INFO)

    def _purge(self) -> None:
        ids = [candidate.agent_id for candidate in self.candidates]
        files = plural(len(ids), "dossier d'agent", "dossiers d'agent")
        if not ids or not confirm(
                self, "Purger des dossiers",
                f"Effacer définitivement {files} et tout ce qui s'y rattache (entretiens, "
                "synthèses, consentements) ? Cette action ne peut pas être annulée.",
                confirm_label="Purger définitivement", destructive=True):
            return
        ws = self.ws
        self.run(lambda: purge(ws, ids), self._purged, disable=[self.preview_button, self.purge_button])

    def _purged(self, pseudo_ids: list[str]) -> None:
        self._previewed([])
        self.banner.show_message(f"{plural(len(pseudo_ids), 'dossier purgé', 'dossiers purgés')}. Une trace sans "
                                 "contenu est conservée pour chacun.", SUCCESS)
