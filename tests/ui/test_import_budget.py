"""While a completed PDF is being read, the CMC can cancel (Échap) — the reading process is killed — and Ctrl+L
locks at once; Entrée does nothing. The reading really runs in the background here (thread pool, child process)
on a crafted PDF that would take a minute with the page-text limits lifted."""

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from cmc_desktop.data.models import PdfImportRow
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.pdf import form_sandbox
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui import tasks
from cmc_desktop.ui.synthesis.busy import BusyDialog
from cmc_desktop.ui.synthesis.exchange import import_fillable_dialog
from tests.pdf import crafted
from tests.services.factories import make_agent
from tests.services.synthesis_helpers import count_rows

from .helpers import assert_accessible, when_modal

SLOW_TO_READ = crafted.repeated_form_xobject(5000, 40_000)


class OpenAnswer:
    def __init__(self, path: Path) -> None:
        self.path = path

    def open_path(self, parent: QWidget | None, title: str) -> Path:
        return self.path


@pytest.fixture
def slow_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The crafted PDF, read for real in the background, with limits that let it run for a minute."""
    monkeypatch.setattr(form_sandbox, "LIMITS", form_sandbox.Limits(
        cpu_seconds=60, wall_seconds=60, page_text_tokens=10**8, page_text_seconds=600))
    previous = tasks.set_executor(tasks.thread_pool)
    path = tmp_path / "complete.pdf"
    path.write_bytes(SLOW_TO_READ)
    yield path
    tasks.wait_for_all()
    tasks.set_executor(previous)


def reader_processes() -> list[int]:
    """This process's children that are form readers."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"form_reader" in command:
            found.append(int(entry.name))
    return found


def reading(qtbot, dialog: QWidget) -> int:
    """Once the busy dialog is the active window (as on a desktop) and the reader has started: its pid."""
    assert isinstance(dialog, BusyDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.waitUntil(lambda: len(reader_processes()) == 1, timeout=10_000)
    return reader_processes()[0]


def press(qtbot, dialog: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None and (focused is dialog or dialog.isAncestorOf(focused))
    qtbot.keyClick(focused, key, modifier)


def test_escape_cancels_the_reading_and_kills_the_reader_enter_does_nothing(qtbot, window, ws: Workspace,
                                                                             slow_pdf: Path) -> None:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Lefèvre", "Hélène"), SynthesisKind.BPP)
    seen: dict[str, object] = {}

    def drive(dialog: QWidget) -> None:
        seen["reader"] = reading(qtbot, dialog)
        assert_accessible(dialog)
        assert dialog.width() <= 1280 and dialog.height() <= 720
        press(qtbot, dialog, Qt.Key.Key_Return)
        press(qtbot, dialog, Qt.Key.Key_Enter)
        seen["after enter"] = (dialog.isVisible(), reader_processes())
        press(qtbot, dialog, Qt.Key.Key_Escape)

    when_modal(drive)
    started = time.monotonic()
    assert not import_fillable_dialog(window, ws, synthesis_id, chooser=OpenAnswer(slow_pdf))
    assert time.monotonic() - started < 20  # the reading alone would take a minute
    assert seen["after enter"] == (True, [seen["reader"]])
    qtbot.waitUntil(lambda: reader_processes() == [], timeout=5000)
    assert not Path(f"/proc/{seen['reader']}").exists()
    assert window.toast.text == "Lecture du PDF annulée : rien n'a été importé."
    assert count_rows(ws, PdfImportRow) == 0


def test_ctrl_l_locks_while_the_pdf_is_read(qtbot, window, ws: Workspace, slow_pdf: Path) -> None:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Lefèvre", "Hélène"), SynthesisKind.BPP)

    def lock(dialog: QWidget) -> None:
        reading(qtbot, dialog)
        press(qtbot, dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    when_modal(lock)
    started = time.monotonic()
    assert not import_fillable_dialog(window, ws, synthesis_id, chooser=OpenAnswer(slow_pdf))
    assert time.monotonic() - started < 20
    assert window.locked and window.pages.currentWidget() is window.lock_screen
    assert reader_processes() == []
