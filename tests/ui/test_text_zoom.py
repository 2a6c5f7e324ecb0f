"""Text zoom (RGAA 10.4): Ctrl++ / Ctrl+- / Ctrl+0, pressed on the focused widget, scale every text of the
interface from 100 % to 200 %, the level is remembered, and every view and main dialog stays whole at 200 % on
1280×720."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from cmc_desktop.services.interviews import start_e2
from cmc_desktop.ui import text_zoom
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS
from cmc_desktop.ui.settings_store import UiSettings
from cmc_desktop.ui.theme import FONT_POINT_SIZE
from cmc_desktop.ui.widgets.tab_rows import TabRows

from .agents_helpers import agents_view, new_agent

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


def test_every_view_and_main_dialog_stays_whole_at_200_percent_on_1280x720() -> None:
    """The layout walk at 200 % on a 1280×720 screen (a subprocess: dialogs meet the screen's height): every view
    (each tab of its tab widgets) and the main dialogs, also showing a message — nothing wider or taller than the
    screen, no horizontal scroll bar, no cut control, text, column title or tab title. Bars fold their buttons
    under the titles, tab titles go on two rows, side panels go under the main one, what is too tall scrolls
    vertically."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    walk = [sys.executable, "-m", "tests.layout.walk", "1280x720", "--zoom", "200"]
    done = subprocess.run(walk, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == {}


def test_at_200_percent_the_files_tab_titles_go_on_two_rows_that_the_keys_drive(qtbot, window: MainWindow,
                                                                                 ws) -> None:
    """The agent's file at 1280×720: its seven tab titles do not fit on one row at 200 %; rows of buttons stand in
    for the tab bar, each named by its title, and choose the tab from the keyboard; back at 100 %, the tab bar."""
    window.resize(1280, 720)
    view = agents_view(window)
    view.open_item(new_agent(ws, "Zoomée", "Inès"))
    file = view.file
    assert file is not None
    rows = file.findChild(TabRows)
    qtbot.waitUntil(lambda: file.tabs.tabBar().isVisible())
    assert not rows.isVisible()
    text_zoom.apply_zoom(200)
    qtbot.waitUntil(lambda: rows.isVisible() and not file.tabs.tabBar().isVisible())
    assert [b.text() for b in rows.buttons] == [file.tabs.tabText(i) for i in range(file.tabs.count())]
    assert len({b.y() for b in rows.buttons}) == 2  # two rows, each title whole
    assert all(b.width() >= b.sizeHint().width() and b.geometry().right() < rows.width() for b in rows.buttons)
    consents = rows.buttons[-1]
    consents.setFocus()
    QtBot.keyClick(consents, Qt.Key.Key_Space)
    assert file.tabs.currentWidget() is file.consents and consents.isChecked()
    QtBot.keyClick(consents, Qt.Key.Key_Left)  # as in a tab bar: the arrows move to the next title and open it
    assert file.tabs.currentWidget() is file.syntheses and rows.buttons[-2].hasFocus()
    file.tabs.setCurrentIndex(0)
    assert rows.buttons[0].isChecked()
    start_e2(ws, file.agent_id, date(2026, 11, 16))
    file.reload()  # a title changes while the tab bar is hidden
    assert rows.buttons[3].text() == "Entretiens (1)" == file.tabs.tabText(3)
    text_zoom.apply_zoom(100)
    qtbot.waitUntil(lambda: file.tabs.tabBar().isVisible() and not rows.isVisible())


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
