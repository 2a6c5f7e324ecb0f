"""Where an individual interview of a BPP (E3) goes: one of the agent's bilans in progress, one of its four
phases, and its role — entretien initial, séance individuelle or entretien final — with the rules said upfront."""

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from ...domain.bpp import Bpp, Phase
from ...domain.dates import format_fr
from ...domain.interview import E3Role
from ...services.bpp import bpps_for_agent
from ...services.workspace import Workspace
from ..agents.choices import enum_combo, enum_data, select_value

RULES = ("L'entretien initial appartient à la phase 1 et l'entretien final à la phase 4 : chacun n'est enregistré "
         "qu'une fois par bilan. Les séances individuelles se placent dans n'importe laquelle des quatre phases.")
NO_BILAN = ("Cet agent n'a pas de bilan de parcours professionnel en cours. Un BPP s'ouvre sur une demande acceptée "
            "par la hiérarchie (dossier de l'agent, onglet « Demandes »).")


def bilan_text(bpp: Bpp) -> str:
    started = format_fr(bpp.phase_dates.get(Phase.LANCEMENT))
    return (f"BPP {bpp.form.value}" + (f" commencé le {started}" if started else "")
            + f" · phase {int(bpp.current_phase)} ({bpp.current_phase.short_label.lower()})")


def suggested_role(bpp: Bpp) -> E3Role:
    """The interview a bilan most likely waits for: its initial one at the start, its final one at the end."""
    if bpp.current_phase is Phase.LANCEMENT and bpp.initial_interview_on is None:
        return E3Role.INITIAL
    if bpp.current_phase is Phase.CONCLUSION and bpp.final_interview_on is None:
        return E3Role.FINAL
    return E3Role.SEANCE


class E3Placement:
    """The rows of a form for the bilan, the role and the phase (added to the dialog's own form, so the labels
    line up); `placement()` is (bilan id, phase, role) or None."""

    def __init__(self, ws: Workspace, parent: QWidget) -> None:
        self.ws = ws
        self._bilans: list[Bpp] = []
        self._missing = False
        self.bilan = QComboBox(parent)
        self.bilan.setAccessibleName("Bilan de parcours professionnel")
        self.missing = QLabel(NO_BILAN, parent)
        self.missing.setWordWrap(True)
        self.missing.setProperty("role", "error")
        self.role = enum_combo(parent, "Rôle de l'entretien dans le bilan",
                               [(r.label, r) for r in (E3Role.INITIAL, E3Role.SEANCE, E3Role.FINAL)])
        self.phase = QComboBox(parent)
        self.phase.setAccessibleName("Phase du bilan")
        for phase in Phase:
            self.phase.addItem(f"{int(phase)} — {phase.label}", int(phase))
        self.rules = QLabel(RULES, parent)
        self.rules.setWordWrap(True)
        self.rules.setProperty("role", "hint")
        self.rows: list[tuple[str, QWidget]] = [("Bilan :", self.bilan), ("", self.missing), ("Rôle :", self.role),
                                                ("Phase du bilan :", self.phase), ("", self.rules)]
        self.role.currentIndexChanged.connect(self._role_chosen)
        self.bilan.currentIndexChanged.connect(self._bilan_chosen)

    def set_agent(self, agent_id: int | None, bpp_id: int | None = None) -> None:
        """Offer the agent's bilans in progress (`bpp_id` selected, if given)."""
        self._bilans = [] if agent_id is None else [b for b in bpps_for_agent(self.ws, agent_id) if not b.closed_on]
        self.bilan.blockSignals(True)
        self.bilan.clear()
        for bpp in self._bilans:
            self.bilan.addItem(bilan_text(bpp), bpp.id)
        self.bilan.blockSignals(False)
        self._missing = agent_id is not None and not self._bilans
        for control in (self.bilan, self.role, self.phase):
            control.setEnabled(bool(self._bilans))
        if bpp_id is not None:
            self.bilan.setCurrentIndex(max(self.bilan.findData(bpp_id), 0))
        self._bilan_chosen()

    def add_to(self, form: QFormLayout) -> None:
        for label, widget in self.rows:
            form.addRow(label, widget)

    def set_visible(self, form: QFormLayout, visible: bool) -> None:
        for _label, widget in self.rows:
            form.setRowVisible(widget, visible and (widget is not self.missing or self._missing))

    def placement(self) -> tuple[int, Phase, E3Role] | None:
        role = enum_data(self.role, E3Role)
        if self.bilan.currentIndex() < 0 or role is None:
            return None
        return int(self.bilan.currentData()), Phase(int(self.phase.currentData())), role

    def _bilan_chosen(self) -> None:
        bpp = next((b for b in self._bilans if b.id == self.bilan.currentData()), None)
        if bpp is None:
            return
        self.phase.setCurrentIndex(self.phase.findData(int(bpp.current_phase)))
        select_value(self.role, suggested_role(bpp))
        self._role_chosen()

    def _role_chosen(self) -> None:
        role = enum_data(self.role, E3Role)
        if role is not None and role.phase is not None:  # the only phase it belongs to
            self.phase.setCurrentIndex(self.phase.findData(role.phase))
