"""The documents of a promotion from its board: convocations, feuille d'émargement, contracts — saved as PDF or
printed — and what comes back signed: the attendance of a séance, the contracts' signature dates."""

from collections.abc import Callable
from datetime import date
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from ...domain.dates import format_fr
from ...domain.errors import DomainError
from ...domain.promotion import Promotion, Seance
from ...services import promotion_documents as docs
from ...services.promotions import BoardParticipant
from ...services.workspace import Workspace
from ..synthesis.save_file import write_atomically
from ..widgets import FrenchDateEdit
from ..widgets.button_dialog import ButtonDialog
from ..widgets.file_choice import choose_file
from ..widgets.printing import print_pdf

PDF_FILTERS = ["Documents PDF (*.pdf)"]


class Document(StrEnum):
    CONVOCATIONS = "convocations"
    EMARGEMENT = "emargement"
    CONTRATS = "contrats"

    @property
    def label(self) -> str:
        return {"convocations": "Convocations à une séance", "emargement": "Feuille d'émargement d'une séance",
                "contrats": "Contrats d'engagement et de confidentialité"}[self.value]


def seance_label(seance: Seance) -> str:
    return " — ".join(part for part in (f"Séance du {format_fr(seance.held_on)}", seance.phase.short_label,
                                        seance.topic) if part)


def participant_list(parent: QWidget, participants: list[BoardParticipant], name: str,
                     checked: Callable[[BoardParticipant], bool] = lambda _p: True) -> QListWidget:
    """One checkable line per participant; the item's data is the participant's index."""
    widget = QListWidget(parent)
    widget.setAccessibleName(name)
    for index, participant in enumerate(participants):
        item = QListWidgetItem(participant.display_name, widget)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked(participant) else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, index)
    widget.setMaximumHeight(24 * max(4, min(len(participants), 8)) + 8)
    return widget


def checked_indexes(widget: QListWidget) -> list[int]:
    return [widget.item(row).data(Qt.ItemDataRole.UserRole) for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked]


class PromotionDocumentsDialog(ButtonDialog):
    """Choose a document, its séance and its participants, then « Enregistrer en PDF… » or « Imprimer… »."""

    def __init__(self, ws: Workspace, promotion: Promotion, participants: list[BoardParticipant],
                 seances: list[Seance], parent: QWidget | None = None) -> None:
        super().__init__("Documents de la promotion",
                         "Chaque convocation ne nomme que son destinataire ; la feuille d'émargement liste les "
                         "participants ; le contrat est prérempli pour chacun. Votre profil figure en tête.",
                         "Enregistrer en PDF…", parent, cancel_label="Fermer")
        self.ws, self.promotion, self.participants, self.seances = ws, promotion, participants, seances
        self.setMinimumWidth(640)
        self.kind = QComboBox(self)
        for document in Document:
            self.kind.addItem(document.label, document)
        self.seance = QComboBox(self)
        for seance in seances:
            self.seance.addItem(seance_label(seance), seance.id)
        upcoming = next((i for i, s in enumerate(seances) if s.held_on >= ws.clock.today()), len(seances) - 1)
        self.seance.setCurrentIndex(max(upcoming, 0))
        self.people = participant_list(self, participants, "Participants concernés")
        self.bring = QPlainTextEdit(self)
        self.bring.setTabChangesFocus(True)
        self.bring.setFixedHeight(70)
        form = QFormLayout()
        form.addRow("Document :", self.kind)
        form.addRow("Séance :", self.seance)
        form.addRow("Participants :", self.people)
        form.addRow("À apporter (une ligne par élément) :", self.bring)
        self.body.addLayout(form)
        self.print_button = self.add_button("Imprimer…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_document)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.seance.currentIndexChanged.connect(self._seance_changed)
        self._seance_changed()
        self._kind_changed()

    def document(self) -> Document:
        return Document(self.kind.currentData())

    def _kind_changed(self) -> None:
        document = self.document()
        self.seance.setEnabled(document is not Document.CONTRATS and bool(self.seances))
        self.people.setEnabled(document is not Document.EMARGEMENT)
        self.bring.setEnabled(document is Document.CONVOCATIONS)

    def _seance_changed(self) -> None:
        seance = self._chosen_seance()
        if seance is not None:
            self.bring.setPlainText("\n".join(docs.what_to_bring(seance.phase)))

    def _chosen_seance(self) -> Seance | None:
        return next((s for s in self.seances if s.id == self.seance.currentData()), None)

    def document_pdf(self) -> bytes:
        """The chosen document as PDF bytes (journaled by the service)."""
        chosen = [self.participants[i] for i in checked_indexes(self.people)]
        document, seance = self.document(), self._chosen_seance()
        if document is Document.CONTRATS:
            return docs.contracts_pdf(self.ws, self.promotion.id or 0, [p.bpp_id for p in chosen])
        if seance is None or seance.id is None:
            raise DomainError("Planifiez d'abord une séance de la promotion.")
        if document is Document.EMARGEMENT:
            return docs.attendance_sheet_pdf(self.ws, seance.id)
        return docs.convocations_pdf(self.ws, seance.id, [p.agent_id for p in chosen],
                                     self.bring.toPlainText().splitlines())

    def filename(self) -> str:
        """Names the document and its séance or promotion, never a person."""
        document = self.document()
        if document is Document.CONTRATS:
            return f"contrats-promotion-{self.promotion.id}.pdf"
        return f"{document.value}-seance-{self.seance.currentData()}.pdf"

    def accept_main(self) -> bool:
        path = choose_file(self, "Enregistrer le document", save=True, filters=PDF_FILTERS,
                           suggested=self.filename())
        if path is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        write_atomically(path, self.document_pdf)
        return True

    def print_document(self) -> None:
        self.banner.clear()
        try:
            data = self.document_pdf()
        except Exception as error:  # nothing to print: the reason in the banner
            self.banner.show_error(error)
            return
        print_pdf(self, data, self.document().label)


class AttendanceSheetDialog(ButtonDialog):
    """Report a signed feuille d'émargement: tick who signed, for a séance that has taken place."""

    def __init__(self, ws: Workspace, participants: list[BoardParticipant], seances: list[Seance],
                 parent: QWidget | None = None) -> None:
        super().__init__("Reporter une feuille d'émargement",
                         "Cochez les participants qui ont signé : les autres sont notés absents. Les présences de "
                         "la séance sont enregistrées toutes ensemble.", "Enregistrer les présences", parent)
        self.ws, self.participants = ws, participants
        self.past = [s for s in seances if s.held_on <= ws.clock.today()]
        self.setMinimumWidth(560)
        self.seance = QComboBox(self)
        for seance in self.past:
            self.seance.addItem(f"{seance_label(seance)} (S-{seance.id})", seance.id)
        self.seance.setCurrentIndex(len(self.past) - 1)
        self.people = participant_list(self, participants, "Participants ayant signé")
        form = QFormLayout()
        form.addRow("Séance :", self.seance)
        form.addRow("Ont signé :", self.people)
        self.body.addLayout(form)
        self.seance.currentIndexChanged.connect(self._show_marks)
        self._show_marks()
        if not self.past:
            self.banner.show_message("Aucune séance de la promotion n'a encore eu lieu.")
            self.main_button.setEnabled(False)

    def _show_marks(self) -> None:
        seance = next((s for s in self.past if s.id == self.seance.currentData()), None)
        for row in range(self.people.count()):
            participant = self.participants[self.people.item(row).data(Qt.ItemDataRole.UserRole)]
            present = True if seance is None else seance.attendance.get(participant.agent_id, True)
            self.people.item(row).setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)

    def accept_main(self) -> None:
        present = set(checked_indexes(self.people))
        docs.record_attendance_sheet(self.ws, int(self.seance.currentData()),
                                     {p.agent_id: i in present for i, p in enumerate(self.participants)})


class ContractsSignedDialog(ButtonDialog):
    """Record the day the chosen participants signed their contract (usually all at the lancement séance)."""

    def __init__(self, ws: Workspace, promotion: Promotion, participants: list[BoardParticipant],
                 signed_on: date | None, parent: QWidget | None = None) -> None:
        super().__init__("Contrats signés",
                         "Cochez les participants qui ont remis leur contrat d'engagement et de confidentialité "
                         "signé, et indiquez la date de signature.", "Enregistrer", parent)
        self.ws, self.promotion, self.participants = ws, promotion, participants
        self.setMinimumWidth(560)
        self.day = FrenchDateEdit(self, accessible_name="Date de signature", optional=False)
        self.day.setDate(signed_on or ws.clock.today())
        self.people = participant_list(self, participants, "Participants ayant signé",
                                       checked=lambda p: p.contract_signed_on is None)
        form = QFormLayout()
        form.addRow("Signé le :", self.day)
        form.addRow("Participants :", self.people)
        self.body.addLayout(form)

    def accept_main(self) -> bool | None:
        day = self.day.date()
        if day is None or self.day.error_text:
            self.banner.show_until_fixed("Indiquez une date de signature valide (jj/mm/aaaa).",
                                         lambda: self.day.date() is not None and not self.day.error_text, self.day)
            return False
        chosen = [self.participants[i] for i in checked_indexes(self.people)]
        if not chosen:
            self.banner.show_until_fixed("Cochez au moins un participant.",
                                         lambda: bool(checked_indexes(self.people)), self.people)
            return False
        docs.record_contracts(self.ws, self.promotion.id or 0, {p.bpp_id: day for p in chosen})
        return None
