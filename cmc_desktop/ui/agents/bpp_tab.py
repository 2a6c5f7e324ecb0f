"""The « BPP et promotion » tab: the agent's bilans (form, phase and its dates, promotion, contract, interviews,
restitution, the référent handicap for an agent covered by art. L. 5212-13) and the enrolment of a demande that
opens a BPP in the nearest promotion with a free place — the priority publics served first."""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.agent import PriorityGround
from ...domain.bpp import BppForm, Phase
from ...domain.dates import format_fr
from ...domain.interview import InterviewType
from ...domain.promotion import MAX_PARTICIPANTS, places_text
from ...services.agents import AgentFile, BppSummary
from ...services.bpp import get_bpp, record_contract
from ...services.promotions import enrol, list_promotions, nearest_promotion_with_places
from ...services.workspace import Workspace
from ..navigation import INTERVIEWS, PROMOTIONS, Navigator
from ..widgets import WARNING, ErrorBanner, FrenchDateEdit, confirm, user_message
from .bpp_referent import ReferentBox


def enrolment_demande(file: AgentFile) -> int | None:
    """The demande to enrol in a promotion: one that opens a BPP (accepted, de droit, report ended) without a BPP
    yet, or whose collective BPP awaits a group."""
    for bpp in file.bpps:
        if (bpp.form is BppForm.COLLECTIF and bpp.promotion_id is None and bpp.closed_on is None
                and bpp.demande_id is not None):
            return bpp.demande_id
    return next((d.id for d in file.demandes if d.status.opens_bpp and d.bpp_id is None), None)


class BppTab(QScrollArea):
    """`changed(message)` once something was stored (enrolment, contract)."""

    changed = Signal(str)

    def __init__(self, ws: Workspace, navigator: Navigator, agent_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator, self.agent_id = ws, navigator, agent_id
        self.setWidgetResizable(True)
        self.demande_to_enrol: int | None = None
        self.contracts: dict[int, FrenchDateEdit] = {}
        self.referents: dict[int, ReferentBox] = {}
        self.enrol_button: QPushButton | None = None
        self.banner = ErrorBanner(self)

    def load(self, file: AgentFile) -> None:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(10)
        self.banner = ErrorBanner(page)
        column.addWidget(self.banner)
        self.contracts, self.referents, self.enrol_button = {}, {}, None
        self.demande_to_enrol = enrolment_demande(file)
        if self.demande_to_enrol is not None:
            column.addWidget(self._enrolment_box(page))
        covered = PriorityGround.L5212_13 in file.agent.priority_grounds
        for bpp in file.bpps:
            column.addWidget(self._bpp_box(bpp, page))
            if covered:  # the référent handicap is informed of the bilan and, if the agent wishes, associated
                referent = ReferentBox(self.ws, get_bpp(self.ws, bpp.id), page)
                referent.changed.connect(self.changed)
                referent.setEnabled(bpp.closed_on is None)
                self.referents[bpp.id] = referent
                column.addWidget(referent)
        if not file.bpps and self.demande_to_enrol is None:
            empty = QLabel("Aucun bilan de parcours professionnel pour cet agent. Un BPP s'ouvre sur une demande "
                           "acceptée par la hiérarchie (onglet « Demandes »).", page)
            empty.setWordWrap(True)
            empty.setProperty("role", "hint")
            column.addWidget(empty)
        column.addStretch(1)
        # The previous page goes later: this may run from one of its own widgets' signals (a date, a button).
        previous = self.takeWidget()
        self.setWidget(page)
        if previous is not None:
            previous.deleteLater()

    def _enrolment_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Inscription dans une promotion", parent)
        column = QVBoxLayout(box)
        text = QLabel("La demande de cet agent lui ouvre un BPP : il rejoint la promotion la plus proche qui a encore "
                      f"des places libres ({MAX_PARTICIPANTS} participants au plus), les publics prioritaires "
                      "étant servis d'abord.", box)
        text.setWordWrap(True)
        self.enrol_button = QPushButton("Inscrire dans une promotion", box)
        self.enrol_button.clicked.connect(self.enrol_in_nearest)
        row = QHBoxLayout()
        row.addWidget(self.enrol_button)
        row.addStretch(1)
        column.addWidget(text)
        column.addLayout(row)
        return box

    def _bpp_box(self, bpp: BppSummary, parent: QWidget) -> QGroupBox:
        title = "Bilan de parcours professionnel" + (f" — clos le {format_fr(bpp.closed_on)}" if bpp.closed_on else "")
        box = QGroupBox(title, parent)
        form = QFormLayout(box)
        form.setSpacing(8)
        details = get_bpp(self.ws, bpp.id)
        form.addRow("Forme :", QLabel(bpp.form.label, box))
        form.addRow("Phase en cours :", QLabel(_phase_text(bpp.current_phase), box))
        began = "; ".join(f"{phase.short_label.lower()} le {format_fr(day)}"
                          for phase, day in sorted(details.phase_dates.items()))
        form.addRow("Phases commencées :", QLabel(began or "Aucune : une phase commence à sa première séance tenue",
                                                  box))
        if bpp.form is BppForm.COLLECTIF:
            promotion = QLabel(bpp.promotion_name or "Pas encore inscrit dans une promotion", box)
            if bpp.promotion_id is None:
                form.addRow("Promotion :", promotion)
            else:
                open_button = QPushButton("Ouvrir la promotion", box)
                open_button.setProperty("variant", "tertiary")
                open_button.clicked.connect(lambda _c=False, p=bpp.promotion_id: self.navigator.open(PROMOTIONS, p))
                row = QHBoxLayout()
                row.addWidget(promotion)
                row.addWidget(open_button)
                row.addStretch(1)
                form.addRow("Promotion :", row)
        contract = FrenchDateEdit(box, accessible_name="Contrat d'engagement et de confidentialité signé le")
        contract.setDate(bpp.contract_signed_on)
        contract.setEnabled(bpp.closed_on is None)
        contract.committed.connect(lambda day, b=bpp.id: self._record_contract(b, day))
        self.contracts[bpp.id] = contract
        form.addRow("Contrat d'engagement et de confidentialité signé le :", contract)
        form.addRow("Entretien initial :", QLabel(format_fr(bpp.initial_interview_on) or "—", box))
        form.addRow("Entretien final :", QLabel(format_fr(bpp.final_interview_on) or "—", box))
        restitution = (f"le {format_fr(details.restitution_on)}" + (f" — {details.restitution_notes}"
                                                                    if details.restitution_notes else "")
                       if details.restitution_on else "—")
        restituted = QLabel(restitution, box)
        restituted.setWordWrap(True)
        form.addRow("Restitution au groupe :", restituted)
        if bpp.closed_on is None:
            add_e3 = QPushButton("Ajouter un entretien au bilan…", box)
            add_e3.setProperty("variant", "secondary")
            add_e3.setToolTip("Entretien initial, séance individuelle ou entretien final (E3)")
            add_e3.clicked.connect(lambda _c=False, b=bpp.id: self.add_e3_interview(b))
            form.addRow("", add_e3)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return box

    def add_e3_interview(self, bpp_id: int) -> None:
        from ..interviews.new_dialog import NewInterviewDialog  # the Entretiens view imports this package

        dialog = NewInterviewDialog(self.ws, self, agent_id=self.agent_id, interview_type=InterviewType.E3,
                                    bpp_id=bpp_id)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.interview_id is not None:
                self.navigator.open(INTERVIEWS, dialog.interview_id)
        finally:
            dialog.deleteLater()

    def _record_contract(self, bpp_id: int, day: date | None) -> None:
        try:
            record_contract(self.ws, bpp_id, day)
        except Exception as error:
            self.banner.show_error(error)
            return
        self.changed.emit("Date du contrat enregistrée." if day else "Date du contrat effacée.")

    def enrol_in_nearest(self) -> None:
        if self.demande_to_enrol is None:
            return
        self.banner.clear()
        try:
            promotion = nearest_promotion_with_places(self.ws, self.demande_to_enrol)
        except Exception as error:
            self.banner.show_error(error)
            return
        if promotion is None or promotion.id is None:
            self.banner.show_message("Aucune promotion à venir n'a de place libre pour cet agent (les places libres "
                                     "vont d'abord aux publics prioritaires en attente) : créez-en une dans la vue "
                                     "« Promotions BPP », puis inscrivez l'agent.", WARNING)
            return
        free = next((p.free_places for p in list_promotions(self.ws) if p.promotion.id == promotion.id), 0)
        where = "à distance" if promotion.online else (promotion.place or "lieu à préciser")
        places = places_text(free)
        if not confirm(self, "Inscrire dans une promotion",
                       f"Inscrire l'agent dans la promotion « {promotion.name} » (début le "
                       f"{format_fr(promotion.start_date)}, {where}, {places}) ?", confirm_label="Inscrire"):
            return
        try:
            enrol(self.ws, promotion.id, self.demande_to_enrol)
        except Exception as error:
            self.banner.show_message(user_message(error))
            return
        self.changed.emit(f"Agent inscrit dans la promotion « {promotion.name} ».")


def _phase_text(phase: Phase) -> str:
    return f"{int(phase)} — {phase.label}"
