"""The caseload import from the Agents view: choose a file, check the mapping and the preview (every refused row
with its reason), nothing written until « Importer » is confirmed; the reminder to delete the file."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollBar
from sqlalchemy import func, select

from cmc_desktop.data.models import AgentRow
from cmc_desktop.domain.caseload import Column
from cmc_desktop.ui.import_ import dialog as import_dialog
from cmc_desktop.ui.import_.dialog import CaseloadImportDialog
from cmc_desktop.ui.navigation import AGENTS
from tests.services.caseload_samples import caseload_rows, csv_bytes
from tests.services.factories import make_agent

from .helpers import assert_accessible, save_screenshot, when_modal
from .secret_helpers import HeldTasks, hold_tasks


def _count(ws) -> int:
    with ws.store.session() as s:
        return s.execute(select(func.count(AgentRow.id))).scalar_one()


def _open(qtbot, window, ws, tmp_path: Path, monkeypatch) -> CaseloadImportDialog:
    source = tmp_path / "suivi-agents.csv"
    source.write_bytes(csv_bytes(caseload_rows()))
    monkeypatch.setattr(import_dialog, "choose_file", lambda *a, **k: source)
    view = window.show_view(AGENTS)
    view.import_button.click()
    dialog = view.import_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert not dialog.main_button.isEnabled()  # nothing to import before a file is chosen
    dialog.choose_button.click()
    return dialog


def test_preview_then_confirmed_import(qtbot, window, ws, tmp_path: Path, monkeypatch) -> None:
    make_agent(ws, "Arbousier", "Hélène")
    dialog = _open(qtbot, window, ws, tmp_path, monkeypatch)
    assert dialog.source.text() == "suivi-agents.csv : 200 lignes de données · encodage UTF-8 (avec BOM)"
    assert dialog.summary.text() == "189 à importer · 1 doublon possible · 10 lignes refusées"
    assert dialog.main_button.text() == "Importer 189 agents"
    states = [dialog.rows.item(r, 6).text() for r in range(dialog.rows.rowCount())]
    assert states[0].startswith("Doublon possible — dossier existant : Hélène ARBOUSIER")
    assert states[7] == "Refusée : Le champ « Nom » est obligatoire."
    assert dialog.refused.toPlainText().splitlines()[0] == "Ligne 9 : Le champ « Nom » est obligatoire."
    assert _count(ws) == 1  # the preview writes nothing
    assert_accessible(dialog)
    assert not [b for b in dialog.findChildren(QScrollBar) if b.orientation() == Qt.Orientation.Horizontal
                and b.isVisible()]

    dialog.combos[2].setCurrentIndex(dialog.combos[2].findData(Column.IGNORE))  # the category left out
    # « D » is no longer read, nor is « A » against the « catégorie C sans diplôme » ground.
    assert dialog.summary.text() == "191 à importer · 1 doublon possible · 8 lignes refusées"
    dialog.include_duplicates.setChecked(True)
    assert dialog.main_button.text() == "Importer 192 agents"

    answers: list[str] = []

    def confirm(box) -> None:
        answers.append(box.text())
        next(b for b in box.buttons() if b.text() == "Importer").click()
        when_modal(lambda info: (answers.append(info.text()), info.accept()))

    when_modal(confirm)
    dialog.include_duplicates.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert answers[0] == "Créer 192 dossiers d'agent ? Les lignes refusées ne sont pas importées."
    assert "supprimez-le" in answers[1] and dialog.imported == 192
    assert _count(ws) == 193


def test_cancelling_the_confirmation_writes_nothing(qtbot, window, ws, tmp_path: Path, monkeypatch) -> None:
    dialog = _open(qtbot, window, ws, tmp_path, monkeypatch)
    when_modal(lambda box: next(b for b in box.buttons() if b.text() == "Annuler").click())
    dialog.main_button.click()
    assert dialog.isVisible() and _count(ws) == 0
    dialog.activateWindow()
    dialog.rows.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.rows)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _count(ws) == 0


def test_a_refused_file_says_why(qtbot, window, ws, tmp_path: Path, monkeypatch) -> None:
    dialog = _open(qtbot, window, ws, tmp_path, monkeypatch)
    wrong = tmp_path / "notes.ods"
    wrong.write_bytes(b"PK")
    dialog.load(wrong)
    assert "CSV" in dialog.banner.text and dialog.rows.rowCount() == 0 and not dialog.main_button.isEnabled()


@pytest.mark.screenshot
def test_screenshot_of_the_import_preview(qtbot, window, ws, tmp_path: Path, monkeypatch) -> None:
    make_agent(ws, "Arbousier", "Hélène")
    dialog = _open(qtbot, window, ws, tmp_path, monkeypatch)
    dialog.resize(1180, 700)
    dialog.rows.scrollToItem(dialog.rows.item(5, 0))
    save_screenshot(dialog, "import-apercu.png")


@pytest.fixture
def held() -> Iterator[HeldTasks]:
    yield from hold_tasks()


def test_reading_and_importing_run_in_the_background_with_a_progress_bar(qtbot, window, ws, tmp_path: Path,
                                                                         monkeypatch, held: HeldTasks) -> None:
    make_agent(ws, "Arbousier", "Hélène")
    dialog = _open(qtbot, window, ws, tmp_path, monkeypatch)
    assert dialog.progress.isVisible() and dialog.rows.rowCount() == 0 and not dialog.main_button.isEnabled()
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    held.release()  # the file is read, then the preview reads its rows step by step
    assert dialog.summary.text() == "189 à importer · 1 doublon possible · 10 lignes refusées"
    assert not dialog.progress.isVisible() and seen == sorted(seen) and len(set(seen)) >= 5

    # A new mapping while a preview runs: that preview stops and only the new one is shown.
    dialog.combos[2].setCurrentIndex(dialog.combos[2].findData(Column.IGNORE))
    assert dialog.preview_result is None and not dialog.main_button.isEnabled() and len(held.pending) == 1
    dialog.combos[2].setCurrentIndex(dialog.combos[2].findData(Column.CATEGORY))
    held.release()
    assert dialog.summary.text() == "189 à importer · 1 doublon possible · 10 lignes refusées"

    when_modal(lambda box: next(b for b in box.buttons() if b.text() == "Importer").click())
    dialog.rows.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.busy)
    assert dialog.progress.isVisible() and not dialog.combos[0].isEnabled() and _count(ws) == 1
    # While the files are being created, Entrée asks nothing more and Échap does not close the dialog.
    dialog.activateWindow()
    dialog.rows.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.rows)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        QTest.keyClick(dialog.rows, key)
    assert dialog.isVisible() and QApplication.activeModalWidget() is dialog and len(held.pending) == 1
    seen.clear()
    reminder: list[str] = []
    when_modal(lambda info: (reminder.append(info.text()), info.accept()))
    held.release()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert seen and seen == sorted(seen) and dialog.imported == 189 and _count(ws) == 190
    assert "supprimez-le" in reminder[0]
