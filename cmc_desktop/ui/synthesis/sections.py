"""The body of the document de synthèse: the sections of Annexe 2 built from the schema, every field saving itself.

Numbers, labels and hints are the model's words (synthesis_schema), shown as the guide prints them.
`SynthesisForm` is shared by the CMC's editor and the agent's mode séance; only `author` differs, so what is
typed is attributed to whoever sits at the keyboard. In mode séance the header and the dates, taken from the
agent's file and the bilan, are shown but not typed. Under each field a grey line says who wrote it last.
"""

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.dates import format_fr
from ...domain.synthesis import Author, FieldValue, PlanAction, Synthesis
from ...domain.synthesis_schema import (
    ACTION_PLAN_SECTION,
    COSIGNATURE,
    GROUP_TITLES,
    FieldKind,
    FieldSpec,
    SectionSpec,
    SynthesisKind,
    sections_for,
)
from ...services import synthesis as service
from ...services.workspace import Workspace
from ..text_zoom import set_style_sheet
from ..theme import BLUE_FRANCE, FONT_POINT_SIZE
from ..widgets import (
    AutosaveLineEdit,
    AutosaveTextEdit,
    FrenchDateEdit,
    parse_french_date,
    show_inline_error,
    user_message,
)
from ..widgets.dates import DateInputError
from .action_plan import ActionPlanEditor, written_by


def document_style(base_pt: float) -> str:
    """The document's own look (bands, headings, the sensitive field), scaled from the body text size;
    the application style sheet does the rest."""
    body = f"QWidget {{ font-size: {base_pt}pt; }}" if base_pt != FONT_POINT_SIZE else ""
    return body + f"""
QLabel#SectionBand {{ background: #f5f5fe; border-left: 4px solid #000091; color: #000091; font-weight: bold;
    font-size: {base_pt + 3}pt; padding: 8px 10px; }}
QLabel#GroupTitle {{ color: #161616; font-weight: bold; font-size: {base_pt + 1.5}pt; padding: 6px 0 0 0; }}
QLabel#FieldHeading {{ color: #161616; font-weight: bold; }}
QLabel#AuthorLine {{ color: #666666; font-size: {base_pt - 1.5 if base_pt <= FONT_POINT_SIZE else base_pt - 3}pt; }}
QPlainTextEdit:read-only, QLineEdit:read-only {{ background: #f6f6f6; border-bottom: 2px solid #dddddd; }}
QFrame#FieldBlock[sensitive="true"] {{ background: #fff4e9; border-left: 4px solid #b34000; border-radius: 2px; }}
QLabel#SensitiveNote {{ color: #b34000; font-weight: bold; }}
QLabel#Prompt {{ background: #e8edff; border-left: 4px solid #0063cb; padding: 6px 8px; }}
QFrame#Signatory {{ border: 1px solid #dddddd; border-radius: 4px; }}
"""


TEXT_MIN_LINES, TEXT_MAX_HEIGHT = 3, 420


class GrowingTextEdit(AutosaveTextEdit):
    """A paragraph field as tall as its text (the page scrolls, not each field), up to a limit."""

    def __init__(self, parent: QWidget | None = None, *, accessible_name: str = "") -> None:
        super().__init__(parent, accessible_name=accessible_name)
        self.textChanged.connect(self.fit)
        self._width = -1

    def fit(self) -> None:
        content = sum(self.blockBoundingRect(block).height() for block in _blocks(self))
        chrome = self.height() - self.viewport().height()
        lines = TEXT_MIN_LINES * self.fontMetrics().lineSpacing()
        height = int(max(content, lines) + 2 * self.document().documentMargin() + chrome)
        self.setFixedHeight(min(height, TEXT_MAX_HEIGHT))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:  # wrapping changed
            self._width = event.size().width()
            self.fit()


def _blocks(edit: AutosaveTextEdit) -> list:
    block, blocks = edit.document().firstBlock(), []
    while block.isValid():
        blocks.append(block)
        block = block.next()
    return blocks


class FieldBlock(QFrame):
    """One field: heading (number and label), hint, the input, the author line and an error line."""

    edited = Signal(str, str)  # key, text

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FieldBlock")
        self.spec = spec
        self.number = spec.number
        self.heading = spec.heading
        self.setProperty("sensitive", spec.sensitive)
        column = QVBoxLayout(self)
        margin = 10 if spec.sensitive else 0
        column.setContentsMargins(margin, margin, margin, margin)
        column.setSpacing(3)
        self.title = QLabel(self._heading_markup(), self)
        self.title.setObjectName("FieldHeading")
        self.title.setWordWrap(True)
        column.addWidget(self.title)
        if spec.sensitive:
            note = QLabel("Rubrique sensible : n'y écrire que ce que l'agent souhaite voir figurer dans son "
                          "document. Elle ne va à un tiers que si l'agent la coche dans son consentement.", self)
            note.setObjectName("SensitiveNote")
            note.setWordWrap(True)
            column.addWidget(note)
        self.hint: QLabel | None = None
        if spec.hint:
            self.hint = QLabel(spec.hint, self)
            self.hint.setProperty("role", "hint")
            self.hint.setWordWrap(True)
            column.addWidget(self.hint)
        if spec.note:
            note = QLabel(f"Note : {spec.note}", self)
            note.setProperty("role", "hint")
            note.setWordWrap(True)
            column.addWidget(note)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("Prompt")
        self.prompt.setWordWrap(True)
        self.prompt.hide()
        column.addWidget(self.prompt)
        self.input = self._make_input()
        self.input.setAccessibleDescription(spec.hint)
        if spec.hint:
            self.input.setToolTip(spec.hint)
        self.title.setBuddy(self.input)
        column.addWidget(self.input)
        self.author_line = QLabel(self)
        self.author_line.setObjectName("AuthorLine")
        self.author_line.setWordWrap(True)  # on two lines in a half-width field when the texts are enlarged
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.author_line)
        column.addWidget(self.error)

    def _heading_markup(self) -> str:
        label = html.escape(self.spec.label, quote=False)
        return f'<span style="color:{BLUE_FRANCE}">{self.number}</span>&nbsp;&nbsp;{label}' if self.number else label

    def _make_input(self) -> QWidget:
        name = self.heading
        if self.spec.kind is FieldKind.DATE:
            date_edit = FrenchDateEdit(self, accessible_name=name)
            date_edit.committed.connect(lambda day: self.edited.emit(self.spec.key, format_fr(day)))
            return date_edit
        if self.spec.kind in (FieldKind.LINE, FieldKind.DATES):
            line = AutosaveLineEdit(self, accessible_name=name)
            if self.spec.kind is FieldKind.DATES:
                line.setPlaceholderText("jj/mm/aaaa, jj/mm/aaaa…")
            line.committed.connect(lambda text: self.edited.emit(self.spec.key, text))
            return line
        text = GrowingTextEdit(self, accessible_name=name)
        text.committed.connect(lambda value: self.edited.emit(self.spec.key, value))
        return text

    def text(self) -> str:
        if isinstance(self.input, FrenchDateEdit):
            return self.input.edit.text()
        assert isinstance(self.input, AutosaveLineEdit | AutosaveTextEdit)
        return self.input.text()

    def set_text(self, text: str) -> None:
        """Type-free entry point for tests and imports: put `text` in and commit it as if typed."""
        if isinstance(self.input, FrenchDateEdit):
            self.input.edit.setText(text)
            self.input.edit.editingFinished.emit()
        elif isinstance(self.input, AutosaveLineEdit):
            self.input.setText(text)
            self.input.flush()
        else:
            assert isinstance(self.input, AutosaveTextEdit)
            self.input.setPlainText(text)
            self.input.flush()

    def load(self, value: FieldValue | None) -> None:
        text = value.text if value else ""
        if isinstance(self.input, FrenchDateEdit):
            try:
                self.input.setDate(parse_french_date(text))
            except DateInputError:  # written elsewhere (an imported form): shown as it is, flagged once edited
                self.input.setDate(None)
                self.input.edit.setText(text)
        else:
            assert isinstance(self.input, AutosaveLineEdit | AutosaveTextEdit)
            self.input.load(text)
        self.show_author(value)
        self.show_error("")

    def show_author(self, value: FieldValue | None) -> None:
        line = written_by(value.author, value.updated_at) if value else ""
        self.author_line.setText(line)
        self.author_line.setVisible(bool(line))

    def show_error(self, message: str) -> None:
        show_inline_error(self.error, message)

    def show_prompt(self, text: str) -> None:
        """What the rubric invites for this agent (1.2 for an agent covered by art. L. 5212-13)."""
        self.prompt.setText(text)
        self.prompt.setVisible(bool(text))

    def mark_unsaved(self) -> None:
        if isinstance(self.input, AutosaveLineEdit | AutosaveTextEdit):
            self.input.mark_unsaved()

    def set_read_only(self, read_only: bool) -> None:
        if isinstance(self.input, FrenchDateEdit):
            self.input.edit.setReadOnly(read_only)
            self.input.pick.setEnabled(not read_only)
        else:
            assert isinstance(self.input, AutosaveLineEdit | AutosaveTextEdit)
            self.input.setReadOnly(read_only)

    def is_read_only(self) -> bool:
        if isinstance(self.input, FrenchDateEdit):
            return self.input.edit.isReadOnly()
        assert isinstance(self.input, AutosaveLineEdit | AutosaveTextEdit)
        return self.input.isReadOnly()


class SignatoryCard(QFrame):
    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Signatory")
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 12)
        title = QLabel(role, self)
        title.setObjectName("FieldHeading")
        self.name = QLabel(self)
        self.day = QLabel(self)
        for label in (title, self.name, self.day):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)  # the two cards side by side, the texts enlarged: not wider than the page
            column.addWidget(label)

    def show_signature(self, name: str, day: str) -> None:
        self.name.setText(f"Nom : {name or '—'}")
        self.day.setText(f"Date : {day or '—'}")


class SynthesisForm(QWidget):
    """Every section of the document, in order, with its numbering; edits are saved as `author`."""

    saved = Signal()
    """A change reached the store (the caller may refresh what depends on the content)."""

    def __init__(self, ws: Workspace, doc: Synthesis, author: Author, parent: QWidget | None = None, *,
                 base_pt: float = FONT_POINT_SIZE) -> None:
        super().__init__(parent)
        self.ws, self.author, self.synthesis_id = ws, author, doc.id
        assert doc.id is not None
        # The agent writes the document; what comes from the file and the bilan is only shown to them.
        self.from_the_file = author is Author.AGENT
        self.fields: dict[str, FieldBlock] = {}
        set_style_sheet(self, document_style(base_pt))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        self.plan = ActionPlanEditor(doc.kind, self)
        self.plan.changed.connect(self._save_actions)
        self.kind = doc.kind
        self.exercises_button = QPushButton("Reprendre des exercices et commentaires…", self)
        self.exercises_button.setProperty("variant", "secondary")
        self.exercises_button.setToolTip("L'agent choisit les exercices faits entre les séances, et les commentaires "
                                         "de l'animateur, à reprendre dans son document")
        self.exercises_button.clicked.connect(self.bring_exercises)
        self.exercises_button.setVisible(bool(service.exercises_to_bring(ws, doc.id)))
        for section in sections_for(doc.kind):
            self._add_section(column, section)
        self.signatures = self._cosignature(column)
        column.addStretch(1)
        if "1.2" in self.fields:
            self.fields["1.2"].show_prompt(service.referent_prompt(ws, doc.id))
        self.load(doc)

    # ----- building ---------------------------------------------------------------------------------------
    def _add_section(self, column: QVBoxLayout, section: SectionSpec) -> None:
        band = QLabel(section.heading, self)
        band.setObjectName("SectionBand")
        band.setWordWrap(True)
        column.addSpacing(6)
        column.addWidget(band)
        short = [spec for spec in section.fields if spec.kind is not FieldKind.TEXT]
        if short:
            column.addLayout(self._grid(section, short))
        if section.number == "2." and self.kind is SynthesisKind.BPP:
            row = QHBoxLayout()
            row.addWidget(self.exercises_button)
            row.addStretch(1)
            column.addLayout(row)
        if section.number == ACTION_PLAN_SECTION:
            column.addWidget(self.plan)
        group = ""
        for spec in (s for s in section.fields if s.kind is FieldKind.TEXT):
            if spec.group != group and spec.group in GROUP_TITLES:
                title = QLabel(f"{spec.group} {GROUP_TITLES[spec.group]}", self)
                title.setObjectName("GroupTitle")
                title.setWordWrap(True)
                column.addWidget(title)
            group = spec.group
            column.addWidget(self._block(spec))

    def _grid(self, section: SectionSpec, specs: list[FieldSpec]) -> QGridLayout:
        """Short fields (header, dates) two by two; a list of dates takes a whole row."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        row = col = 0
        for spec in specs:
            block = self._block(spec)
            if spec.kind is FieldKind.DATES:
                if col:
                    row, col = row + 1, 0
                grid.addWidget(block, row, 0, 1, 2, Qt.AlignmentFlag.AlignTop)
                row += 1
                continue
            grid.addWidget(block, row, col, Qt.AlignmentFlag.AlignTop)  # neighbours' labels stay level
            row, col = (row, 1) if col == 0 else (row + 1, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _block(self, spec: FieldSpec) -> FieldBlock:
        block = FieldBlock(spec, self)
        block.edited.connect(self._save_field)
        self.fields[spec.key] = block
        return block

    def _cosignature(self, column: QVBoxLayout) -> tuple[SignatoryCard, SignatoryCard]:
        title = QLabel(COSIGNATURE, self)
        title.setObjectName("GroupTitle")
        column.addSpacing(6)
        column.addWidget(title)
        row = QHBoxLayout()
        row.setSpacing(16)
        cards = SignatoryCard("L'agent", self), SignatoryCard("Le conseiller mobilité-carrière", self)
        for card in cards:
            row.addWidget(card, 1)
        column.addLayout(row)
        return cards

    # ----- content ----------------------------------------------------------------------------------------
    def load(self, doc: Synthesis) -> None:
        """Show the stored content (texts, authors, action plan, signatures); locked when finalised."""
        for key, block in self.fields.items():
            block.load(doc.values.get(key))
        self.plan.load(doc.actions)
        agent_card, cmc_card = self.signatures
        agent_card.show_signature(doc.agent_signatory, format_fr(doc.agent_signed_on))
        cmc_card.show_signature(doc.cmc_signatory, format_fr(doc.cmc_signed_on))
        self.set_read_only(doc.locked)

    def bring_exercises(self) -> None:
        """The agent chooses exercises and comments to bring into the document (never automatically)."""
        from .bring_exercises import BringExercisesDialog

        dialog = BringExercisesDialog(self.ws, self._id, self.kind, self.author, self)
        try:
            if dialog.exec() and dialog.brought:
                self.load(service.load_synthesis(self.ws, self._id))
                self.saved.emit()
        finally:
            dialog.deleteLater()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.exercises_button.setEnabled(not read_only)
        for block in self.fields.values():
            block.set_read_only(read_only or (self.from_the_file and block.spec.kind is not FieldKind.TEXT))
        self.plan.set_read_only(read_only)

    def _save_field(self, key: str, text: str) -> None:
        block = self.fields[key]
        try:
            changed = service.set_field(self.ws, self._id, key, text, self.author)
        except Exception as error:  # the text stays in the field, offered again at the next commit
            block.show_error(user_message(error))
            block.mark_unsaved()
            return
        block.show_error("")
        if changed:
            block.show_author(service.load_synthesis(self.ws, self._id).values.get(key))
            self.saved.emit()

    def _save_actions(self, actions: list[PlanAction]) -> None:
        try:
            changed = service.set_actions(self.ws, self._id, actions, self.author)
        except Exception as error:
            self.plan.show_error(user_message(error))
            return
        self.plan.show_error("")
        if changed:
            self.plan.show_authors(service.load_synthesis(self.ws, self._id).actions)
            self.saved.emit()

    @property
    def _id(self) -> int:
        assert self.synthesis_id is not None
        return self.synthesis_id
