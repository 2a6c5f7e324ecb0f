"""Laptop screens: every view and every dialog of the demonstration store fit 1280×720, 1366×768 and
1920×1080 at 150 % (each walked in a process of its own, on a screen of that size) — no horizontal scroll bar,
nothing cut, no label or button whose text does not fit, also once a dialog shows a message (tests/layout/)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmc_desktop.ui.widgets.wrapped_text import WrappedText
from tests.layout.checks import problems

ROOT = Path(__file__).resolve().parents[2]


# Each size in its own process, on an offscreen screen of that size (tests/layout/walk.use_laptop_screen): dialogs
# grow up to the screen's height, and this process's screen is not a laptop's. QT_SCALE_FACTOR is process-wide.
@pytest.mark.parametrize(("size", "scale"), [("1280x720", "1"), ("1366x768", "1"), ("1280x720", "1.5")],
                         ids=["1280x720", "1366x768", "1920x1080 à 150 %"])
def test_every_view_and_dialog_fits_the_screen(size: str, scale: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
    done = subprocess.run([sys.executable, "-m", "tests.layout.walk", size], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, check=True)
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


def test_the_checks_see_an_abridged_button_a_cut_cell_and_a_cut_text(qtbot) -> None:
    """What eliding or clipping hides: a séance link shortened with « … » (its tooltip whole), a name cut in a
    table whose rows grow with their texts, a text taller than the room it is given."""
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    abridged = QPushButton("04/11/2026 — Parcours et …", window)
    abridged.setToolTip("04/11/2026 — Parcours et compétences\nSalle 204")
    whole = QPushButton("Documents…", window)  # the « … » of a button that opens a dialog
    whole.setToolTip("Convocations, feuille d'émargement, contrats : en PDF ou à imprimer")
    model = QStandardItemModel(1, 1, window)
    model.setItem(0, 0, QStandardItem("Éloïse DUMOULIN-FICTIF-DE-LA-DÉMONSTRATION"))
    table = QTableView(window)
    table.setModel(model)
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().resizeSection(0, 60)
    text = WrappedText("Une ligne, puis une autre, puis une troisième, puis une quatrième.", window)
    text.setFixedSize(120, 30)
    for widget in (abridged, whole, table, text):
        column.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    found = "\n".join(problems(window, QSize(1280, 720)))
    assert "texte de bouton abrégé : QPushButton « 04/11/2026 — Parcours et … »" in found
    assert "Documents" not in found
    assert "cellule coupée : « Éloïse DUMOULIN-FICTIF-DE-LA-DÉMONSTRATION »" in found
    assert "texte coupé : WrappedText" in found
    table.horizontalHeader().resizeSection(0, 600)
    table.resizeRowsToContents()
    assert "cellule coupée" not in "\n".join(problems(window, QSize(1280, 720)))


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
