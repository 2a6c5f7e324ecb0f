"""Text zoom (RGAA 10.4): Ctrl++ / Ctrl+- / Ctrl+0, pressed on the focused widget, scale every text of the
interface from 100 % to 200 %, the level is remembered, and the main views stay whole at 200 % on 1280×720."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from cmc_desktop.ui import tasks, text_zoom
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS
from cmc_desktop.ui.settings_store import UiSettings
from cmc_desktop.ui.theme import FONT_POINT_SIZE
from tests.layout.walk import check_window, demo_window

CTRL = Qt.KeyboardModifier.ControlModifier
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def back_to_100() -> Iterator[None]:
    yield
    text_zoom.apply_zoom(100)


def press(window: MainWindow, key: Qt.Key) -> None:
    """The key with Ctrl, on whatever widget has the focus — as the CMC types it."""
    QtBot.keyClick(QApplication.focusWidget() or window, key, CTRL)


def points(widget: QLabel) -> float:
    return QFont(widget.font()).pointSizeF()


def test_ctrl_plus_minus_and_zero_scale_the_texts_and_are_remembered(qtbot, window: MainWindow, ws,
                                                                      ui_settings: UiSettings) -> None:
    title = window.findChild(QLabel, "AppSubtitle")
    assert title is not None and points(title) == FONT_POINT_SIZE
    press(window, Qt.Key.Key_Plus)
    assert QApplication.font().pointSizeF() == pytest.approx(FONT_POINT_SIZE * 1.1)
    assert points(title) == pytest.approx(FONT_POINT_SIZE * 1.1) and ui_settings.text_zoom == 110
    press(window, Qt.Key.Key_Equal)  # the same key without Shift on a French or US keyboard
    assert ui_settings.text_zoom == 120
    press(window, Qt.Key.Key_Minus)
    assert ui_settings.text_zoom == 110
    for _ in range(15):
        press(window, Qt.Key.Key_Plus)
    assert ui_settings.text_zoom == 200 and points(title) == pytest.approx(FONT_POINT_SIZE * 2)

    # Remembered: the next session opens at 200 %.
    window.hide()
    text_zoom.apply_zoom(100)
    again = MainWindow(ws, vault=window.vault, ui_settings=UiSettings(ui_settings.file_path))
    qtbot.addWidget(again)
    assert text_zoom.current_zoom() == 200 and QApplication.font().pointSizeF() == pytest.approx(20)
    again.show()
    qtbot.waitExposed(again)
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    press(again, Qt.Key.Key_0)
    assert text_zoom.current_zoom() == 100 and QApplication.font().pointSizeF() == pytest.approx(FONT_POINT_SIZE)
    assert UiSettings(ui_settings.file_path).text_zoom == 100
    again.close()


def test_style_sheet_point_sizes_follow_the_zoom(qtbot) -> None:
    """The views' own sheets (titles in 16pt…) grow with the texts, then and later."""
    label = QLabel("Promotions BPP")
    qtbot.addWidget(label)
    text_zoom.set_style_sheet(label, "QLabel { font-size: 16pt; }")
    text_zoom.apply_zoom(150)
    assert label.styleSheet() == "QLabel { font-size: 24.0pt; }"
    assert "font-size: 24.0pt" in QApplication.instance().styleSheet()  # app.qss's 16pt titles
    text_zoom.apply_zoom(100)
    assert label.styleSheet() == "QLabel { font-size: 16pt; }"


def test_a_damaged_setting_gives_100_percent(tmp_path: Path) -> None:
    settings = UiSettings(tmp_path / "interface.ini")
    for bad in ("300", "50", "grand", ""):
        settings._qs.setValue("interface/zoom_texte", bad)
        assert settings.text_zoom == 100
    settings.text_zoom = 150
    assert UiSettings(tmp_path / "interface.ini").text_zoom == 150


def test_the_main_views_stay_whole_at_200_percent_on_1280x720(tmp_path: Path) -> None:
    previous = tasks.set_executor(tasks.run_now)
    try:
        with demo_window(tmp_path) as (window, demo):
            text_zoom.apply_zoom(200)
            assert check_window(window, demo, QSize(1280, 720), main_only=True) == {}
    finally:
        tasks.set_executor(previous)


def test_the_synthesis_editor_identity_and_three_dialogs_stay_whole_at_200_percent_on_1280x720() -> None:
    """The synthesis editor (both side tabs), the agent's identity, « Exporter en PDF », « Profil du
    conseiller » and « Ajouter un consentement » on a 1280×720 screen (a subprocess: dialogs meet the screen's
    height): nothing wider or taller than the screen, no horizontal scroll
    bar, no cut control or text — bars fold their buttons under the titles, what is too tall scrolls vertically.
    Left at this size: two table column titles of the synthesis editor (listed here)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    walk = [sys.executable, "-m", "tests.layout.walk", "1280x720", "--zoom", "200"]
    for name in ("éditeur de synthèse", "dossier d'agent", "Exporter en PDF", "Profil du conseiller",
                 "Ajouter un consentement"):
        walk += ["--seulement", name]
    done = subprocess.run(walk, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    found: dict[str, list[str]] = json.loads(done.stdout)
    known = ("titre de colonne coupé : « Intitulé de l'action »", "titre de colonne coupé : « Nom ou service »")
    synthesis = {name: [p for p in issues if not p.startswith(known)] for name, issues in found.items()
                 if name.startswith("éditeur de synthèse")}
    assert synthesis == {name: [] for name in synthesis}
    assert {name: issues for name, issues in found.items() if name.startswith("fenêtre")} == {}
    identity = found.get("dossier d'agent", [])
    assert not [p for p in identity if "horizontale" in p or "IdentityForm" in p or "plus grand" in p], identity


def test_the_shortcuts_work_in_a_modal_dialog_too(qtbot, window: MainWindow, ui_settings: UiSettings) -> None:
    """Typing in « Nouvel agent », the CMC enlarges the texts without leaving the dialog."""
    view = window.show_view(AGENTS)
    view.create_new()
    dialog = view.new_agent_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    focused = QApplication.focusWidget()
    assert focused is not None and dialog.isAncestorOf(focused)
    QtBot.keyClick(focused, Qt.Key.Key_Plus, CTRL)
    assert text_zoom.current_zoom() == 110 and ui_settings.text_zoom == 110
    assert dialog.isVisible()
    dialog.reject()
