"""A page in a scroll area that scrolls vertically only: what grows too tall with the texts enlarged (RGAA 10.4)
scrolls, and nothing is ever cut or scrolled sideways."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

VERTICAL_PAGE = "VerticalPage"  # its object name: a dialog opens as tall as the page (grow_to_content)


def vertical_scroll(page: QWidget, parent: QWidget) -> QScrollArea:
    """`page` in a frameless scroll area that gives it its own width (never a horizontal scroll bar)."""
    area = QScrollArea(parent)
    area.setObjectName(VERTICAL_PAGE)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields (the page follows them), not to the page
    area.setWidget(page)
    return area
