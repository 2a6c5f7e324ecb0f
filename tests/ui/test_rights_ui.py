"""The agent's rights from their file, driven by keys: export (Entrée does nothing while it runs), erasure with
its typed confirmation and attestation, a hold that keeps the erase button off, the merge of a duplicate, and the
duplicate question at creation."""

import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRunnable, Qt
from PySide6.QtWidgets import QApplication

from cmc_desktop.domain.data_rights import RightsRequestKind
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.services import bpp, rights
from cmc_desktop.services.agent_search import search_agents
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent_file
from cmc_desktop.services.interviews import InterviewInput, start_interview, update_interview
from cmc_desktop.ui import tasks
from cmc_desktop.ui.agents.erasure_dialog import ErasureDialog
from cmc_desktop.ui.agents.merge_dialog import MergeDialog
from cmc_desktop.ui.agents.new_agent_dialog import NewAgentDialog
from cmc_desktop.ui.agents.rights_dialogs import ExportDialog
from cmc_desktop.ui.main_window import MainWindow
from tests.conftest import MARKER
from tests.services.synthesis_helpers import bpp_agent

from .agents_helpers import agents_view
from .helpers import type_text, when_modal
from .test_accompaniment_ui import activate, fits, key
from .test_agents_file import open_file


class Chooser:
    """Answers the « save as » question with a path chosen in advance (None: the CMC cancels)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.asked: list[str] = []

    def save_path(self, parent, title: str, suggested_name: str) -> Path | None:
        self.asked.append(suggested_name)
        return self.path


def marked_agent(ws) -> int:
    agent_id = create_agent(ws, AgentInput("Quastenbrück", "Zéphyrine", private_notes=f"Notes {MARKER}"))
    interview = start_interview(ws, agent_id, InterviewType.E2, date(2026, 11, 2))
    update_interview(ws, interview, InterviewInput(date(2026, 11, 2), subject=f"Projet {MARKER}"))
    return agent_id


def test_export_writes_both_files_and_entree_does_nothing_while_it_runs(qtbot, ws, tmp_path: Path) -> None:
    agent_id = marked_agent(ws)
    out = tmp_path / "remise"
    dialog = ExportDialog(ws, agent_id, choose=lambda _parent, _title: out)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    fits(dialog)
    dialog.browse_button.click()
    assert dialog.folder.text() == str(out)
    dialog.notes.setFocus()
    key(dialog.notes, Qt.Key.Key_Space)  # the CMC includes her notes
    assert dialog.notes.isChecked() and "sont incluses" in dialog.notes_hint.text()

    waiting: list[QRunnable] = []
    previous = tasks.set_executor(waiting.append)  # the export is under way, not finished
    try:
        key(dialog.notes, Qt.Key.Key_Return)
        assert dialog.busy and len(waiting) == 1 and not dialog.export_button.isEnabled()
        key(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)  # Entrée while busy: nothing more
        key(dialog, Qt.Key.Key_Enter)
        assert len(waiting) == 1 and dialog.isVisible()
        waiting[0].run()
    finally:
        tasks.set_executor(previous)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.files is not None
    assert sorted(p.name for p in out.iterdir()) == sorted([dialog.files.pdf.name, dialog.files.json.name])
    assert stat.S_IMODE(dialog.files.json.stat().st_mode) == 0o600
    assert f"Notes {MARKER}" in dialog.files.json.read_text(encoding="utf-8")


def test_a_protected_export_needs_a_confirmed_password(qtbot, ws, tmp_path: Path) -> None:
    dialog = ExportDialog(ws, marked_agent(ws), choose=lambda _p, _t: tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.folder.setText(str(tmp_path / "x"))
    dialog.protect.click()
    assert dialog.password.isVisible()
    dialog.password.setText("mot de passe long")
    dialog.confirmation.setText("autre chose")
    dialog.export_button.click()
    assert "ses deux saisies être identiques" in dialog.banner.text and not (tmp_path / "x").exists()


def test_erasure_from_the_file_types_the_name_erases_and_saves_the_attestation(qtbot, window: MainWindow, ws,
                                                                               tmp_path: Path) -> None:
    agent_id = marked_agent(ws)
    kept = create_agent(ws, AgentInput("Conservée", "Bérénice"))
    rights.record_rights_request(ws, agent_id, RightsRequestKind.EFFACEMENT, date(2026, 11, 10))
    view, file = open_file(window, agent_id)
    assert "Effacement de son dossier : demande reçue le 10/11/2026" in file.rights_notice.text
    attestation = tmp_path / "attestation.pdf"
    file.file_chooser = Chooser(attestation)  # type: ignore[assignment]

    def erase(dialog) -> None:
        assert isinstance(dialog, ErasureDialog)
        fits(dialog)
        assert not dialog.erase_button.isEnabled()
        dialog.confirmation.setFocus()
        type_text(dialog.confirmation, "QUASTENBRÜCK")
        assert dialog.erase_button.isEnabled()
        key(dialog.confirmation, Qt.Key.Key_Return)  # Entrée erases, once the name is typed
        assert dialog.attestation_saved == attestation
        key(dialog.focusWidget(), Qt.Key.Key_Return)  # then closes

    when_modal(erase)
    file.erase()
    qtbot.waitUntil(lambda: view.file is None)
    assert view.pages.currentWidget() is view.list_page
    assert [a.id for a in search_agents(ws, "")] == [kept]
    assert attestation.read_bytes().startswith(b"%PDF") and stat.S_IMODE(attestation.stat().st_mode) == 0o600
    assert file.file_chooser.asked[0].startswith("attestation-effacement-AG-")  # type: ignore[attr-defined]


def test_a_bpp_under_contract_keeps_the_erase_button_off(qtbot, ws) -> None:
    agent_id, bpp_id = bpp_agent(ws, "Quastenbrück", "Zéphyrine")
    bpp.record_contract(ws, bpp_id, date(2026, 11, 3))
    dialog = ErasureDialog(ws, agent_id, chooser=Chooser(None))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    assert "sous contrat d'engagement et de confidentialité" in dialog.banner.text
    assert not dialog.confirmation.isEnabled() and not dialog.erase_button.isEnabled()
    dialog.erase()
    assert get_agent_file(ws, agent_id).agent.last_name == "Quastenbrück"


def test_an_unsaved_attestation_is_asked_about_before_closing(qtbot, ws) -> None:
    agent_id = marked_agent(ws)
    dialog = ErasureDialog(ws, agent_id, chooser=Chooser(None))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.confirmation.setText("Quastenbrück")
    dialog.erase_button.click()
    assert dialog.erased is not None and "pas encore enregistrée" in dialog.banner.text
    when_modal(lambda box: next(b for b in box.buttons() if b.text() == "Revenir").click())
    dialog.cancel_button.click()
    assert dialog.isVisible()


def test_merging_a_duplicate_from_the_file(qtbot, window: MainWindow, ws) -> None:
    kept = create_agent(ws, AgentInput("Martin", "Léa", birth_year=1990))
    duplicate = create_agent(ws, AgentInput("MARTIN", "Lea", birth_year=1990), duplicate_confirmed=True)
    start_interview(ws, duplicate, InterviewType.E2, date(2026, 11, 2))
    _, file = open_file(window, kept)

    def merge(dialog) -> None:
        assert isinstance(dialog, MergeDialog)
        fits(dialog)
        assert dialog.table.rowCount() == 1 and dialog.merge_button.isEnabled()
        assert "1 entretien" in dialog.preview.text()
        key(dialog.table, Qt.Key.Key_Return)

    when_modal(merge)
    file.merge()
    assert len(search_agents(ws, "")) == 1 and len(get_agent_file(ws, kept).interviews) == 1
    assert file.tabs.tabText(file.tabs.indexOf(file.interviews)) == "Entretiens (1)"


def test_creating_a_duplicate_asks_first_then_opens_the_existing_file(qtbot, window: MainWindow, ws) -> None:
    existing = create_agent(ws, AgentInput("Œuvray-Dàvid", "Hélène", birth_year=1978))
    view = agents_view(window)
    view.create_new()
    dialog = view.new_agent_dialog
    assert isinstance(dialog, NewAgentDialog)
    activate(qtbot, dialog)
    fits(dialog)
    for field, text in ((dialog.last_name, "oeuvray david"), (dialog.first_name, "helene"),
                        (dialog.birth_year, "1978")):
        field.setFocus()
        type_text(field, text)
    key(dialog.birth_year, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.open_existing_button.isVisible()
    assert "sans doute déjà un dossier" in dialog.banner.text and "Hélène ŒUVRAY-DÀVID" in dialog.duplicate_list.text()
    assert dialog.create_button.text() == "Créer un second dossier"
    key(dialog.open_existing_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.file is not None and view.file.agent_id == existing)
    assert len(search_agents(ws, "")) == 1


def test_a_second_file_for_someone_else_after_the_question(qtbot, window: MainWindow, ws) -> None:
    create_agent(ws, AgentInput("Martin", "Léa"))
    view = agents_view(window)
    view.create_new()
    dialog = view.new_agent_dialog
    assert dialog is not None
    activate(qtbot, dialog)
    dialog.last_name.setText("Martin")
    dialog.first_name.setText("Léa")
    key(dialog.first_name, Qt.Key.Key_Return)
    assert "vérifiez qu'il ne s'agit pas de la même personne" in dialog.banner.text
    key(dialog.first_name, Qt.Key.Key_Return)  # asked once: Entrée now creates the second file
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(search_agents(ws, "martin")) == 2


@pytest.mark.screenshot
def test_screenshot_of_the_erasure(qtbot, window: MainWindow, ws) -> None:
    from cmc_desktop.services.demo import populate

    from .helpers import save_screenshot

    populate(ws)
    [agent] = search_agents(ws, "wisteria")
    dialog = ErasureDialog(ws, agent.id, window, chooser=Chooser(None))  # type: ignore[arg-type]
    dialog.show()
    dialog.confirmation.setText("Wisteria")
    save_screenshot(dialog, "effacement-dossier.png")
    dialog.reject()
