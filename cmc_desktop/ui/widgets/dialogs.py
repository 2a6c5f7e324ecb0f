"""Questions to the CMC with French buttons (Qt's own texts depend on the translator being loaded)."""

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, *, confirm_label: str = "Confirmer",
            cancel_label: str = "Annuler", destructive: bool = False) -> bool:
    """Ask a yes/no question; True when the CMC confirms. A destructive action defaults to Annuler."""
    box = QMessageBox(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(confirm_label, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(cancel_label, QMessageBox.ButtonRole.RejectRole)
    no.setProperty("variant", "secondary")
    if destructive:
        yes.setProperty("variant", "danger")
    box.setDefaultButton(no if destructive else yes)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
