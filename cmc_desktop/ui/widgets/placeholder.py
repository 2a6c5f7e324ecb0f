"""The page shown for a navigation entry whose view has not been registered yet."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..resources import icon


class PlaceholderView(QWidget):
    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(10)
        picture = QLabel(self)
        picture.setPixmap(icon("bientot").pixmap(56, 56))
        picture.setAccessibleName("En préparation")
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(label, self)
        title.setProperty("role", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        soon = QLabel("Bientôt disponible", self)
        soon.setProperty("role", "subtitle")
        soon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel("Cette partie de l'application arrive dans une prochaine version.", self)
        hint.setProperty("role", "hint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (picture, title, soon, hint):
            layout.addWidget(widget)
