"""Laptop screens: every view and every dialog of the demonstration store fit 1280×720, 1366×768 and
1920×1080 at 150 % (QT_SCALE_FACTOR=1.5, in a subprocess: the factor is process-wide) — no horizontal scroll
bar, nothing cut, no label or button whose text does not fit, also once a dialog shows a message
(tests/layout/)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tests.layout.checks import problems

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("size", ["1280x720", "1366x768"])
def test_every_view_and_main_dialog_fits_the_screen(size: str) -> None:
    """In a subprocess whose screen has that size: dialogs grow up to their screen's height, and the test
    process's offscreen screen (800×800) let one grow to 750 px, beyond a 720 px laptop screen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "tests.layout.walk", size], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == {}


def test_every_view_and_main_dialog_fits_1920x1080_at_150_percent() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"}
    done = subprocess.run([sys.executable, "-m", "tests.layout.walk", "1280x720"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == {}


def test_the_checks_see_a_cut_button_a_cut_label_and_a_sideways_scroll_bar(qtbot) -> None:
    """The walk can fail: a window narrower than its content shows each kind of problem."""
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    row = QHBoxLayout()
    button = QPushButton("Inscrire des agents à la promotion", window)
    button.setMinimumWidth(10)
    button.setSizePolicy(button.sizePolicy().Policy.Ignored, button.sizePolicy().Policy.Fixed)
    label = QLabel("Un libellé bien trop long pour la place qui lui reste", window)
    label.setMinimumWidth(10)
    row.addWidget(button)
    row.addWidget(label)
    column.addLayout(row)
    scroll = QScrollArea(window)
    wide = QWidget()
    wide.setMinimumWidth(900)
    scroll.setWidget(wide)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    column.addWidget(scroll)
    window.resize(300, 200)
    window.show()
    qtbot.waitExposed(window)
    found = "\n".join(problems(window, QSize(1280, 720)))
    assert "bouton trop étroit : QPushButton « Inscrire des agents" in found
    assert "texte coupé : QLabel « Un libellé bien trop long" in found
    assert "barre de défilement horizontale : QScrollArea" in found
    wide.setMinimumWidth(2000)
    window.setMinimumWidth(1400)
    window.resize(1400, 200)
    assert "plus grand que l'écran" in "\n".join(problems(window, QSize(1280, 720)))


def test_in_a_dialog_the_main_button_looks_primary_and_the_others_secondary(qtbot) -> None:
    """The button Entrée presses is filled (bleu France); « Annuler » is outlined — in every QDialogButtonBox."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = QDialogButtonBox(dialog)
    save = buttons.addButton("Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
    QVBoxLayout(dialog).addWidget(buttons)
    dialog.show()
    qtbot.waitExposed(dialog)
    save.setFocus()  # whichever button has the focus, the default one stays the primary one

    def fill(button: QPushButton) -> str:
        image = button.grab().toImage()
        return image.pixelColor(6, image.height() // 2).name()

    assert save.isDefault() and not cancel.isDefault()
    assert fill(save) == "#000091" and fill(cancel) == "#ffffff"


@pytest.mark.screenshot
def test_screenshots_of_the_main_views_at_150_percent() -> None:
    """docs/screenshots/150/: 1920×1080 images of the window of 1280×720 logical pixels drawn at 150 %."""
    out = ROOT / "docs" / "screenshots" / "150"
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5"}
    subprocess.run([sys.executable, "-m", "tests.layout.screenshots", str(out)], cwd=ROOT, env=env,
                   capture_output=True, text=True, timeout=120, check=True)
    assert QImage(str(out / "agents.png")).size() == QSize(1920, 1080)
