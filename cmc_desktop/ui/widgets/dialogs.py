"""Questions to the CMC with French buttons (Qt's own texts depend on the translator being loaded)."""

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

_ICON_NAMES = {QMessageBox.Icon.Question: "Question", QMessageBox.Icon.Warning: "Attention",
               QMessageBox.Icon.Information: "Information", QMessageBox.Icon.Critical: "Erreur"}


def name_icon(box: QMessageBox) -> None:
    """Qt draws a message box's icon as an unnamed picture: name it after what it signals, for screen readers."""
    label = box.findChild(QLabel, "qt_msgboxex_icon_label")
    if label is not None and box.icon() in _ICON_NAMES:
        label.setAccessibleName(_ICON_NAMES[box.icon()])


def confirm(parent: QWidget | None, title: str, text: str, *, confirm_label: str = "Confirmer",
            cancel_label: str = "Annuler", destructive: bool = False) -> bool:
    """Ask a yes/no question; True when the CMC confirms. A destructive action defaults to Annuler."""
    box = QMessageBox(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    name_icon(box)
    yes = box.addButton(confirm_label, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(cancel_label, QMessageBox.ButtonRole.RejectRole)
    no.setProperty("variant", "secondary")
    if destructive:
        yes.setProperty("variant", "danger")
    box.setDefaultButton(no if destructive else yes)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
