"""A dialog that grows to its texts once shown stays on the screen.

Qt centres a dialog on its window at the height it opens with; `grow_to_content` then makes it taller, downwards.
On the real window (1280×720, openbox) the export dialog of a synthesis went past the bottom of the screen and its
buttons were cut."""

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from cmc_desktop.ui.widgets import GuardedDialog

TEXT = "Un texte qui se replie sur plusieurs lignes quand la fenêtre est étroite, comme une aide de formulaire. " * 5


def test_a_dialog_grown_to_its_texts_stays_within_the_screen(qtbot) -> None:
    screen = QGuiApplication.primaryScreen().availableGeometry()
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setGeometry(screen)
    parent.show()
    qtbot.waitExposed(parent)
    dialog = GuardedDialog(parent)
    column = QVBoxLayout(dialog)
    labels = [QLabel(TEXT, dialog) for _ in range(12)]
    for label in labels:
        label.setWordWrap(True)
        column.addWidget(label)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    column.addWidget(buttons)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.height() >= screen.height() // 2)  # grown to its texts (it opens smaller)
    assert screen.contains(dialog.frameGeometry()), (dialog.frameGeometry(), screen)
    button_box = buttons.geometry().translated(dialog.geometry().topLeft())
    assert screen.contains(button_box), "les boutons sortent de l'écran"
    dialog.reject()
