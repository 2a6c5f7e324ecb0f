"""Qt's own dialogs speak French with the bundled qtbase_fr translation: the standard buttons of message boxes
and button boxes, and every file dialog through the chooser that sets the labels Qt leaves in English."""

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

import cmc_desktop.ui

STANDARD = {QMessageBox.StandardButton.Ok: "OK", QMessageBox.StandardButton.Cancel: "Annuler",
            QMessageBox.StandardButton.Yes: "Oui", QMessageBox.StandardButton.No: "Non",
            QMessageBox.StandardButton.Save: "Enregistrer", QMessageBox.StandardButton.Close: "Fermer",
            QMessageBox.StandardButton.Discard: "Ne pas tenir compte"}


def test_message_box_standard_buttons_are_french(qtbot) -> None:
    box = QMessageBox()
    qtbot.addWidget(box)
    for button in STANDARD:
        box.addButton(button)
    assert {b: box.button(b).text().replace("&", "") for b in STANDARD} == STANDARD


def test_button_box_standard_buttons_are_french(qtbot) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text().replace("&", "") for b in box.buttons()) == ["Annuler", "Fermer"]


def test_every_file_dialog_goes_through_the_french_file_chooser() -> None:
    """A bare QFileDialog shows « Look in: » and « Files of type: » (their Qt 6 source texts are missing from
    qtbase_fr); widgets.file_dialogs.FileChooser sets them (tested in test_file_dialogs): nothing else may
    open one."""
    package = Path(cmc_desktop.ui.__file__).parent
    direct = [str(path.relative_to(package)) for path in package.rglob("*.py")
              if "QFileDialog" in path.read_text(encoding="utf-8") and path.name != "file_dialogs.py"]
    assert direct == []
