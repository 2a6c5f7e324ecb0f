"""The steps of an interview, one page each: the three phases of an E2 (figure K of the interministerial
strategy), the answer and aiguillage of an E1 (figure I), the initiative and target public of an E4 (figure M),
and the CMC's private notes, kept apart. Pages only show and collect; the editor saves.

Every page emits `edited(field, value, widget)` with a field of InterviewInput and the widget that changed
(to keep its text for correction if the store refuses it).
"""

from enum import StrEnum

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.demande import Initiative
from ...domain.interview import E1Response, Orientation, PropositionItem, SupportKind, TargetPublic
from ...services.interviews import InterviewInput
from ..agents.choices import enum_data
from ..widgets import INFO, AutosaveLineEdit, AutosaveTextEdit, ErrorBanner

PROPOSITION_HINTS = {
    PropositionItem.CONTEXTE: "Ce qui amène l'agent et ce qu'il attend de l'accompagnement.",
    PropositionItem.OBJECTIFS: "Ce que l'accompagnement vise, formulé avec l'agent.",
    PropositionItem.DUREE: "Le nombre d'entretiens envisagés et leur rythme.",
    PropositionItem.ENGAGEMENTS: "Ce que l'agent et le conseiller s'engagent chacun à faire.",
    PropositionItem.CONFIDENTIALITE: "Secret et discrétion professionnels ; rien n'est transmis sans l'accord "
                                     "de l'agent.",
    PropositionItem.ETAPES: "Les étapes de l'accompagnement et ce qui en sortira (document de synthèse…).",
}
SUPPORT_HINTS = {
    SupportKind.REFLEXION: "L'agent se demande s'il doit s'engager dans un nouveau projet professionnel : "
                           "l'appui l'aide à mûrir sa décision.",
    SupportKind.CONSTRUCTION: "L'agent a une idée de projet : l'appui l'aide à le construire, à le confronter "
                              "à la réalité et à le valider.",
    SupportKind.MISE_EN_OEUVRE: "Le projet est arrêté : l'appui porte sur les méthodes et les actions pour le "
                                "réaliser.",
}
PRIVATE_NOTICE = ("Ces notes sont les vôtres : elles restent dans votre dossier chiffré et n'entrent jamais dans "
                  "le document de synthèse de l'agent ni dans une transmission.")


class NotesEdit(AutosaveTextEdit):
    """A notes field that asks for little height: the page's scroll area sizes pages by their preferred heights
    (its labels wrap), so a tall preferred height would scroll a page that fits; the stretch gives it the room."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), 100)


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label


class PhasePage(QScrollArea):
    """A step: its heading and guidance on top, its fields, and the way to the next step at the bottom."""

    edited = Signal(str, object, object)
    next_requested = Signal()

    def __init__(self, heading: str, guidance: str, next_label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not to the page
        page = QWidget(self)
        self.body = QVBoxLayout(page)
        self.body.setContentsMargins(16, 14, 16, 14)
        self.body.setSpacing(8)
        title = QLabel(heading, page)
        title.setProperty("role", "subtitle")
        self.body.addWidget(title)
        if guidance:
            self.body.addWidget(_hint(guidance, page))
        self.setWidget(page)
        self.next_button: QPushButton | None = None
        self._next_label = next_label
        self.texts: dict[str, AutosaveTextEdit] = {}

    def finish(self) -> None:
        """Add the bottom row once the fields are in."""
        if self._next_label:
            self.next_button = QPushButton(f"Phase suivante : {self._next_label} →", self.widget())
            self.next_button.setProperty("variant", "secondary")
            self.next_button.clicked.connect(self.next_requested)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.next_button)
            self.body.addLayout(row)

    def text_field(self, name: str, label: str, placeholder: str = "") -> AutosaveTextEdit:
        edit = NotesEdit(self.widget(), accessible_name=label)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(80)
        edit.committed.connect(lambda text, n=name, e=edit: self.edited.emit(n, text, e))
        caption = QLabel(f"{label} :", self.widget())
        caption.setBuddy(edit)
        self.body.addWidget(caption)
        self.body.addWidget(edit, 1)
        self.texts[name] = edit
        return edit

    def load(self, data: InterviewInput) -> None:
        for name, edit in self.texts.items():
            edit.load(getattr(data, name))


class PropositionPage(PhasePage):
    """Phase 1 — what the CMC shares when proposing the accompaniment: a checklist, and notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Phase 1 — Accès à l'entretien et proposition d'accompagnement",
                         "Présentez à l'agent le cadre de l'accompagnement et cochez ce qui a été partagé avec lui.",
                         "Appui", parent)
        box = QGroupBox("Partagé avec l'agent", self.widget())
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        self.items: dict[PropositionItem, QCheckBox] = {}
        for index, item in enumerate(PropositionItem):
            check = QCheckBox(item.label, box)
            check.setToolTip(PROPOSITION_HINTS[item])
            check.setAccessibleDescription(PROPOSITION_HINTS[item])
            check.toggled.connect(lambda _on, c=check: self.edited.emit("proposition_items", self.checked(), c))
            grid.addWidget(check, index // 2, index % 2)
            self.items[item] = check
        self.body.addWidget(box)
        self.text_field("proposition_notes", "Notes sur la proposition d'accompagnement",
                        "Ce qui a été convenu avec l'agent : objectifs, rythme, engagements…")
        self.finish()

    def checked(self) -> frozenset[PropositionItem]:
        return frozenset(item for item, check in self.items.items() if check.isChecked())

    def load(self, data: InterviewInput) -> None:
        super().load(data)
        for item, check in self.items.items():
            check.blockSignals(True)
            check.setChecked(item in data.proposition_items)
            check.blockSignals(False)


class SupportPage(PhasePage):
    """Phase 2 — the kind of appui given, with what each kind means, and notes; the E2→E3 bridge goes here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Phase 2 — Appui à la réflexion ou à la mise en œuvre du projet",
                         "Quel appui l'agent a-t-il reçu ? S'il a besoin d'un bilan approfondi : « Orienter vers un "
                         "BPP… », dans l'encadré « Bilan approfondi ».",
                         "Conclusion", parent)
        box = QGroupBox("Nature de l'appui", self.widget())
        column = QVBoxLayout(box)
        column.setSpacing(2)
        self.group = QButtonGroup(self)
        self.kinds: dict[SupportKind, QRadioButton] = {}
        for kind in SupportKind:
            radio = QRadioButton(kind.label, box)
            radio.setAccessibleDescription(SUPPORT_HINTS[kind])
            self.group.addButton(radio)
            self.kinds[kind] = radio
            hint = _hint(SUPPORT_HINTS[kind], box)
            hint.setContentsMargins(26, 0, 0, 6)
            column.addWidget(radio)
            column.addWidget(hint)
        self.group.buttonClicked.connect(self._chosen)
        self.body.addWidget(box)
        self.text_field("support_notes", "Notes sur l'appui", "Pistes explorées, méthodes proposées, démarches…")
        self.finish()

    def kind(self) -> SupportKind | None:
        return next((kind for kind, radio in self.kinds.items() if radio.isChecked()), None)

    def _chosen(self, radio: QRadioButton) -> None:
        self.edited.emit("support_kind", self.kind(), radio)

    def load(self, data: InterviewInput) -> None:
        super().load(data)
        self.group.setExclusive(False)  # lets a stored « not chosen yet » uncheck every button
        for kind, radio in self.kinds.items():
            radio.setChecked(kind is data.support_kind)
        self.group.setExclusive(True)


class ConclusionPage(PhasePage):
    """Phase 3 — the progress shared with the agent and the next actions."""

    def __init__(self, parent: QWidget | None = None, *, heading: str = "Phase 3 — Conclusion de l'entretien",
                 guidance: str = "Partagez avec l'agent l'avancement de son projet et convenez des prochaines "
                                 "actions. Le cas échéant, le projet et ses principales actions sont formalisés dans "
                                 "le document de synthèse, et la transmission d'informations à d'autres acteurs "
                                 "s'organise avec l'agent.") -> None:
        super().__init__(heading, guidance, "", parent)
        self.text_field("progress_shared", "Avancement partagé avec l'agent",
                        "Où en est le projet, ce que l'agent retient de l'entretien…")
        self.text_field("next_actions", "Prochaines actions",
                        "Qui fait quoi d'ici le prochain entretien (avec l'agent)…")
        self.finish()


def _choice(parent: QWidget, name: str, empty: str, choices: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.addItem(empty, None)
    for label, value in choices:
        combo.addItem(label, value)
    return combo


def _select(combo: QComboBox, value: StrEnum | None) -> None:
    # Qt hands a StrEnum back as its str value: items are found, and read (enum_data), by value.
    combo.blockSignals(True)
    combo.setCurrentIndex(max(0, combo.findData(None if value is None else value.value)))
    combo.blockSignals(False)


class InfoMobilityPage(PhasePage):
    """An E1 (entretien info-mobilité): the answer given — direct, or an aiguillage towards a professional or a
    tool — and the documents and links sent to the agent (no document de synthèse)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Réponse apportée à l'agent",
                         "Une réponse à une question de mobilité : prise en charge directe (informations, conseils) "
                         "ou aiguillage vers un professionnel ou des outils. Récapitulez les documents et liens "
                         "transmis.", "", parent)
        page = self.widget()
        assert page is not None
        self.response = _choice(page, "Réponse apportée", "Non précisée", [(r.label, r) for r in E1Response])
        self.orientation = _choice(page, "Aiguillage vers", "Sans aiguillage", [(o.label, o) for o in Orientation])
        self.actor = AutosaveLineEdit(page, accessible_name="Professionnel ou service indiqué")
        self.actor.setPlaceholderText("Par exemple : conseillère mobilité-carrière de la plate-forme RH")
        self.tool = AutosaveLineEdit(page, accessible_name="Outil indiqué")
        self.tool.setPlaceholderText("Par exemple : Place de l'emploi public")
        form = QFormLayout()
        form.addRow("Réponse apportée :", self.response)
        form.addRow("Aiguillage vers :", self.orientation)
        form.addRow("Professionnel ou service :", self.actor)
        form.addRow("Outil :", self.tool)
        self.body.addLayout(form)
        self.response.activated.connect(lambda _i: self.edited.emit(
            "e1_response", enum_data(self.response, E1Response), self.response))
        self.orientation.activated.connect(lambda _i: self.edited.emit(
            "orientation", enum_data(self.orientation, Orientation), self.orientation))
        self.actor.committed.connect(lambda text: self.edited.emit("orientation_actor", text, self.actor))
        self.tool.committed.connect(lambda text: self.edited.emit("orientation_tool", text, self.tool))
        self.text_field("documents_sent", "Documents et liens transmis",
                        "Un document ou un lien par ligne : ce que l'agent a reçu à l'issue de l'entretien")
        self.finish()

    def load(self, data: InterviewInput) -> None:
        super().load(data)
        _select(self.response, data.e1_response)
        _select(self.orientation, data.orientation)
        self.actor.load(data.orientation_actor)
        self.tool.load(data.orientation_tool)


class CareerPage(PhasePage):
    """An E4 (entretien de carrière): at the employer's initiative, for a target public, at a key moment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Entretien de carrière",
                         "Un temps d'échange et de réflexion, à l'initiative de l'employeur, à un moment clé du "
                         "parcours professionnel d'un public cible. Il peut conduire à mobiliser le bilan de "
                         "parcours professionnel (« Orienter vers un BPP… », encadré « Bilan approfondi »).", "",
                         parent)
        page = self.widget()
        assert page is not None
        self.initiative = _choice(page, "Initiative", "Non précisée", [(i.label, i) for i in Initiative])
        self.public = _choice(page, "Public cible", "Non précisé", [(t.label, t) for t in TargetPublic])
        form = QFormLayout()
        form.addRow("Initiative :", self.initiative)
        form.addRow("Public cible :", self.public)
        self.body.addLayout(form)
        self.initiative.activated.connect(lambda _i: self.edited.emit(
            "initiative", enum_data(self.initiative, Initiative), self.initiative))
        self.public.activated.connect(lambda _i: self.edited.emit(
            "target_public", enum_data(self.public, TargetPublic), self.public))
        self.finish()

    def load(self, data: InterviewInput) -> None:
        super().load(data)
        _select(self.initiative, data.initiative)
        _select(self.public, data.target_public)


class PrivateNotesPage(PhasePage):
    """The CMC's own notes: said plainly to stay out of the synthesis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Notes privées du conseiller", "", "", parent)
        notice = ErrorBanner(self.widget(), closable=False)
        notice.show_message(PRIVATE_NOTICE, INFO)
        self.body.insertWidget(1, notice)
        self.notes = self.text_field("private_notes", "Notes privées du conseiller (hors synthèse)",
                                     "Vos observations personnelles, pour préparer la suite de l'accompagnement.")
        self.finish()
