"""Mode séance: the agent's document only, attributed to the agent, left only with the CMC's passphrase."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from cmc_desktop.data.models import AgentRow
from cmc_desktop.domain.synthesis import Author, PlanAction, SynthesisStatus
from cmc_desktop.domain.synthesis_schema import FieldKind, SynthesisKind
from cmc_desktop.services import interviews
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.demo import populate
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS, SYNTHESES
from cmc_desktop.ui.synthesis.editor import SynthesisEditor
from cmc_desktop.ui.synthesis.seance_mode import SeanceModeWindow
from cmc_desktop.ui.synthesis.view import SynthesesView
from tests.conftest import MARKER, PASSPHRASE
from tests.services.synthesis_helpers import bpp_agent

from .helpers import SCREENSHOT_SIZE, assert_accessible, type_text, when_modal
from .test_synthesis_editor import OUT, author_line

OTHERS = ("Wolfgangbert", "Ysoline-Quirinal")


def texts_of(widget: QWidget) -> list[str]:
    """Everything a widget shows or announces."""
    found = [widget.windowTitle(), widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(),
             widget.whatsThis(), widget.statusTip()]
    if isinstance(widget, QLabel | QAbstractButton):
        found.append(widget.text())
    if isinstance(widget, QLineEdit):
        found += [widget.text(), widget.placeholderText()]
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        found += [widget.toPlainText(), widget.placeholderText()]
    if isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTableWidget):
        found += [widget.item(r, c).text() for r in range(widget.rowCount()) for c in range(widget.columnCount())
                  if widget.item(r, c) is not None]
        found += [widget.horizontalHeaderItem(c).text() for c in range(widget.columnCount())
                  if widget.horizontalHeaderItem(c) is not None]
    return found


def everything_on_screen() -> str:
    """The text of every visible widget of every visible top-level window."""
    texts: list[str] = []
    for window in QApplication.topLevelWidgets():
        if window.isVisible():
            for widget in [window, *window.findChildren(QWidget)]:
                if widget.isVisible():
                    texts += texts_of(widget)
    return "\n".join(texts)


@pytest.fixture
def agent_document(ws: Workspace) -> int:
    """Three agents with distinctive names and private notes holding the marker; the first one's document."""
    ids = [bpp_agent(ws, name, "Prénom-Témoin") for name in ("Arbousier", *OTHERS)]
    with ws.store.session() as s:
        for agent_id, _bpp in ids:
            agent = s.get(AgentRow, agent_id)
            assert agent is not None
            agent.private_notes = f"Notes privées : {MARKER} sur sa hiérarchie."
    interview = interviews.start_e2(ws, ids[0][0], date(2026, 11, 10))
    interviews.update_interview(ws, interview, interviews.InterviewInput(date(2026, 11, 10),
                                                                         private_notes=f"Entretien : {MARKER}."))
    documents = [service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id) for agent_id, bpp_id in ids]
    for other, name in zip(documents[1:], OTHERS, strict=True):
        service.set_field(ws, other, "1.1", f"Projet de {name}", Author.AGENT)
    service.set_field(ws, documents[0], "1.1", "Rejoindre un service de conseil.", Author.CMC)
    service.set_actions(ws, documents[0], [PlanAction("Immersion", "2 mois", "03/2027", ["Contacter"])], Author.CMC)
    return documents[0]


@pytest.fixture
def editor(window: MainWindow, agent_document: int) -> SynthesisEditor:
    window.show_view(AGENTS)  # the agents' list (every name) is built in the main window, now hidden
    view = window.navigator.open(SYNTHESES, agent_document)
    assert isinstance(view, SynthesesView) and view.editor is not None
    return view.editor


@pytest.fixture
def seance(qtbot, editor: SynthesisEditor, window: MainWindow) -> SeanceModeWindow:
    editor.seance_button.click()
    assert editor.seance is not None
    qtbot.waitExposed(editor.seance)
    return editor.seance


def _answer_passphrase(passphrase: str | None):
    def answer(dialog) -> None:
        assert dialog.windowTitle() == "Quitter le mode séance"
        if passphrase is None:
            dialog.reject()
            return
        dialog.prompt.field.setText(passphrase)
        dialog.prompt.button.click()
        if dialog.isVisible():  # wrong: the message stays, the CMC gives up
            dialog.reject()

    return answer


def test_seance_covers_the_screen_and_hides_the_main_window(seance: SeanceModeWindow, window: MainWindow) -> None:
    assert seance.isVisible() and seance.isFullScreen()
    assert not window.isVisible()
    assert seance.form.author is Author.AGENT


def test_seance_shows_no_other_agent_no_private_note_no_navigation(seance: SeanceModeWindow) -> None:
    shown = everything_on_screen()
    assert "Rejoindre un service de conseil." in shown and "Prénom-Témoin ARBOUSIER" in shown  # the document
    for name in OTHERS:
        assert name.lower() not in shown.lower()
    assert MARKER not in shown and "Notes privées" not in shown and "Entretien :" not in shown
    assert "Tableau de bord" not in shown and "Agents" not in shown and "Verrouiller" not in shown
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [seance]


def test_what_the_agent_types_is_attributed_to_the_agent(seance: SeanceModeWindow, ws, clock,
                                                         agent_document: int, paris_time: None) -> None:
    clock.advance(minutes=30)
    block = seance.form.fields["2.2.3"]
    block.input.setFocus()
    type_text(block.input, "Être utile ; apprendre.")
    block.input.clearFocus()
    stored = service.load_synthesis(ws, agent_document).values["2.2.3"]
    assert (stored.text, stored.author) == ("Être utile ; apprendre.", Author.AGENT)
    assert block.author_line.text() == author_line(Author.AGENT, "16/11/2026 à 11:00")  # 10:00 UTC
    plan = seance.form.plan
    plan.table.item(0, 1).setText("3 mois")
    assert service.load_synthesis(ws, agent_document).actions[0].author is Author.AGENT


def test_leaving_needs_the_passphrase(qtbot, seance: SeanceModeWindow, editor: SynthesisEditor,
                                      window: MainWindow, ws, agent_document: int) -> None:
    seance.form.fields["2.2.3"].set_text("Écrit par l'agent en séance.")
    when_modal(_answer_passphrase(None))
    seance.leave_button.click()
    assert seance.isVisible() and not window.isVisible()

    when_modal(_answer_passphrase("ce n'est pas la phrase"))
    QTest.keyClick(seance, Qt.Key.Key_Escape)
    assert seance.isVisible() and not window.isVisible()

    seance.close()  # no close goes through without the check
    seance.windowHandle().close()
    assert seance.isVisible() and not window.isVisible()

    when_modal(_answer_passphrase(PASSPHRASE))
    seance.leave_button.click()
    qtbot.waitUntil(lambda: window.isVisible())
    assert not seance.isVisible() and editor.seance is None
    assert editor.form.fields["2.2.3"].text() == "Écrit par l'agent en séance."  # the editor reloaded
    assert editor.form.fields["2.2.3"].author_line.text().startswith("Écrit par l'agent")


def test_the_agent_may_finalise_in_seance(seance: SeanceModeWindow, ws, agent_document: int) -> None:
    asked: list[str] = []

    def confirm(dialog) -> None:
        assert dialog.windowTitle() == "Finaliser mon document"

        def empty_rubrics(box) -> None:
            asked.append(box.text())
            next(b for b in box.buttons() if b.text() == "Finaliser quand même").click()

        when_modal(empty_rubrics)
        dialog.ok_button.click()

    when_modal(confirm)
    seance.finalise_button.click()
    assert service.load_synthesis(ws, agent_document).status is SynthesisStatus.FINALISE
    assert all(block.is_read_only() for block in seance.form.fields.values())
    assert not seance.finalise_button.isVisible() and "finalisé" in seance.banner.text
    assert asked and asked[0].startswith("Vous avez laissé vides")  # asked first, in the agent's words


def test_auto_lock_still_applies_in_seance(qtbot, seance: SeanceModeWindow, window: MainWindow, ws,
                                          agent_document: int) -> None:
    block = seance.form.fields["2.2.3"]
    block.input.setPlainText("En cours de frappe")  # pending: saved by the lock
    window.idle.idle.emit()  # what the idle watcher emits after the configured minutes
    assert window.locked and window.isVisible() and window.lock_screen.isVisible()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    qtbot.waitUntil(lambda: not window.findChildren(SeanceModeWindow))
    window.lock_screen.prompt.field.setText(PASSPHRASE)
    window.lock_screen.prompt.button.click()
    assert service.load_synthesis(ws, agent_document).text("2.2.3") == "En cours de frappe"


def test_seance_window_is_accessible(seance: SeanceModeWindow) -> None:
    assert len(assert_accessible(seance)) > 30


def test_in_seance_the_header_and_dates_from_the_file_are_shown_not_typed(seance: SeanceModeWindow) -> None:
    """Rule: in mode séance the header (identity, dates taken from the file) is shown but not editable."""
    blocks = seance.form.fields.values()
    from_the_file = [b for b in blocks if b.spec.kind is not FieldKind.TEXT]
    assert {b.spec.key for b in from_the_file} >= {"agent", "fonction", "categorie", "date_lancement", "phase1_date"}
    assert all(b.is_read_only() for b in from_the_file)
    assert seance.form.fields["agent"].text() == "Prénom-Témoin ARBOUSIER"
    assert not any(b.is_read_only() for b in blocks if b.spec.kind is FieldKind.TEXT)


@pytest.mark.screenshot
def test_screenshot_of_mode_seance(window: MainWindow, ws) -> None:
    populate(ws)
    summary = next(s for s in service.list_syntheses(ws) if s.kind is SynthesisKind.BPP and not s.destruction_pending)
    view = window.navigator.open(SYNTHESES, summary.id)
    assert isinstance(view, SynthesesView) and view.editor is not None
    seance = view.editor.open_seance_mode()
    seance.showNormal()  # the offscreen screen is 800×800: shown at the laptop's size instead
    seance.resize(*SCREENSHOT_SIZE)
    seance.scroll_area.verticalScrollBar().setValue(430)
    for _ in range(5):
        QApplication.processEvents()
    assert seance.grab().save(str(OUT / "mode-seance.png"))


def test_leaving_with_the_keyboard_echap_then_the_phrase_and_entree(qtbot, seance: SeanceModeWindow,
                                                                    window: MainWindow) -> None:
    """Échap asks the CMC's phrase secrète; in that prompt Entrée checks it (it pressed « Annuler ») and Échap
    goes back to the document."""
    from cmc_desktop.data.errors import WrongPassphrase

    from .secret_helpers import focused, press, type_in_focus, when_focused_modal

    qtbot.waitUntil(lambda: QApplication.activeWindow() is seance and QApplication.focusWidget() is not None)

    def wrong_then_back(dialog) -> None:
        assert dialog.windowTitle() == "Quitter le mode séance" and focused() is dialog.prompt.field
        type_in_focus("ce n'est pas la phrase")
        press(Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.prompt.banner.text == str(WrongPassphrase())
        press(Qt.Key.Key_Escape)

    when_focused_modal(wrong_then_back)
    press(Qt.Key.Key_Escape)
    assert seance.isVisible() and not window.isVisible()

    def right(dialog) -> None:
        type_in_focus(PASSPHRASE)
        press(Qt.Key.Key_Enter)

    qtbot.waitUntil(lambda: QApplication.activeWindow() is seance and QApplication.focusWidget() is not None)
    when_focused_modal(right)
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.isVisible())
    assert not seance.isVisible()
