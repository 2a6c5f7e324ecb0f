"""A page in a scroll area that scrolls vertically only: what grows too tall with the texts enlarged (RGAA 10.4)
scrolls, and nothing is ever cut or scrolled sideways."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget

VERTICAL_PAGE = "VerticalPage"  # its object name: a dialog opens as tall as the page (grow_to_content)


class _AsWideAsThePage(QScrollArea):
    """Asks for the page's minimum width (and the scroll bar's): a dialog then opens wide enough for its fields,
    which a window's first size (at most 2/3 of the screen's width) would otherwise cut."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        page = self.widget()
        if page is None:
            return hint
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = page.minimumSizeHint().width() + scroll_bar + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())


def vertical_scroll(page: QWidget, parent: QWidget, *, page_width: bool = False) -> QScrollArea:
    """`page` in a frameless scroll area that gives it its own width (never a horizontal scroll bar); with
    `page_width`, the area is never narrower than the page's minimum (for dialogs: views fold their contents to
    the width they have instead)."""
    area = _AsWideAsThePage(parent) if page_width else QScrollArea(parent)
    area.setObjectName(VERTICAL_PAGE)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields (the page follows them), not to the page
    area.setWidget(page)
    return area
