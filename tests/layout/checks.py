"""What a too-small screen does to a widget tree, found by looking at the widgets as they are laid out.

`problems(root, screen)` lists, in French, every visible horizontal scroll bar, widget drawn outside its
parent's visible area, label or button whose text does not fit, and tab whose title is cut, under `root`
(a window or a dialog), and a root that grew beyond the screen because its content needs more room.
"""

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QTextEdit,
    QToolButton,
    QWidget,
)

TOLERANCE = 1  # px: rounding of fractional scale factors


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()
    text = text or widget.accessibleName() or widget.objectName()
    text = " ".join(text.split())
    return f"{type(widget).__name__} « {text[:60]} »" if text else type(widget).__name__


def _where(widget: QWidget, root: QWidget) -> str:
    """The chain of named ancestors, enough to find the widget in the code."""
    chain, parent = [], widget.parentWidget()
    while parent is not None and parent is not root:
        if parent.accessibleName() or parent.objectName() or parent.metaObject().className() not in (
                "QWidget", "QFrame", "QStackedWidget"):
            chain.append(type(parent).__name__)
        parent = parent.parentWidget()
    return " < ".join(chain[:4])


def _shows_text(button: QAbstractButton) -> bool:
    """Icon-only tool buttons (a line edit's « Afficher la phrase », tab scrollers) carry a text they never draw."""
    if isinstance(button, QToolButton) and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return False
    return bool(button.text())


def _in_viewport(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    grand = parent.parentWidget() if parent is not None else None
    return isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent


def _outside(inner: QRect, outer: QRect, *, horizontal_only: bool) -> bool:
    if inner.left() < outer.left() - TOLERANCE or inner.right() > outer.right() + TOLERANCE:
        return True
    return not horizontal_only and (inner.top() < outer.top() - TOLERANCE
                                    or inner.bottom() > outer.bottom() + TOLERANCE)


def _elided(button: QAbstractButton) -> bool:
    """A text shortened with « … », whose tooltip begins with it whole — where an elided text is given whole.
    (« Documents… », whose « … » announces a dialog, and « Choisir… », whose accessible name says more, are
    whole.)"""
    text = button.text()
    if not text.endswith("…"):
        return False
    stem, whole = text[:-1].rstrip(), button.toolTip().split("\n")[0]
    return whole.startswith(stem) and whole[len(stem):].strip() not in ("", "…")


def _button_problems(button: QAbstractButton, what: str) -> list[str]:
    if _elided(button):
        return [f"texte de bouton abrégé : {what}"]
    if button.hasHeightForWidth():  # its text goes onto more lines when narrower (WrappingButton)
        if button.minimumSizeHint().width() > button.width() + TOLERANCE:
            return [f"bouton trop étroit : {what} ({button.minimumSizeHint().width()} > {button.width()})"]
        need = button.heightForWidth(button.width())
        if need > button.height() + TOLERANCE:
            return [f"bouton coupé en hauteur : {what} ({need} > {button.height()})"]
    elif button.sizeHint().width() > button.width() + TOLERANCE:
        return [f"bouton trop étroit : {what} ({button.sizeHint().width()} > {button.width()})"]
    return []


def _widget_problems(widget: QWidget, root: QWidget) -> list[str]:
    found: list[str] = []
    what = f"{_name(widget)} ({_where(widget, root)})"
    if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
        found.append(f"barre de défilement horizontale : {what}")
    parent = widget.parentWidget()
    # In a scroll area, content taller than the viewport scrolls; content wider would be cut.
    if (parent is not None and widget is not root and not widget.isWindow()
            and _outside(widget.geometry(), parent.rect(), horizontal_only=_in_viewport(widget))):
        found.append(f"coupé par son parent {type(parent).__name__} : {what} "
                         f"{widget.geometry().getRect()} dans {parent.size().toTuple()}")
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            need = QSize(widget.width(), widget.heightForWidth(widget.width()))
            if need.height() > widget.height() + TOLERANCE:
                found.append(f"texte coupé en hauteur : {what} ({need.height()} > {widget.height()})")
        elif widget.minimumSizeHint().width() > widget.width() + TOLERANCE:
            found.append(f"texte coupé : {what} ({widget.minimumSizeHint().width()} > {widget.width()})")
    if isinstance(widget, QAbstractButton) and _shows_text(widget):
        found.extend(_button_problems(widget, what))
    if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
        for i in range(widget.count()):
            if not widget.isSectionHidden(i) and widget.sectionSize(i) + TOLERANCE < widget.sectionSizeHint(i):
                title = widget.model().headerData(i, Qt.Orientation.Horizontal)
                found.append(f"titre de colonne coupé : « {title} » ({_where(widget, root)}) "
                             f"({widget.sectionSizeHint(i)} > {widget.sectionSize(i)})")
    if isinstance(widget, QTextEdit) and widget.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
        text, room = widget.document().size(), widget.viewport().size()  # a text shown whole, never scrolled
        if text.width() > room.width() + TOLERANCE or text.height() > room.height() + TOLERANCE:
            found.append(f"texte coupé : {what} ({text.toSize().toTuple()} dans {room.toTuple()})")
    if isinstance(widget, QTableView) and widget.wordWrap() and (
            widget.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents):
        found.extend(f"cellule coupée : « {' '.join(text.split())[:60]} » ({what})" for text in cut_cells(widget))
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            if not widget.isTabVisible(i):
                continue
            rect = widget.tabRect(i)
            if rect.right() > widget.width() + TOLERANCE or rect.width() + TOLERANCE < widget.tabSizeHint(i).width():
                found.append(f"onglet coupé : « {widget.tabText(i)} » ({_where(widget, root)})")
    return found


def cut_cells(table: QTableView) -> list[str]:
    """The texts of `table` that its cells show cut: elided on one line, or, wrapped, taller than their row or
    with a word wider than their column — measured by the table's delegate in each cell's rectangle.

    The walk asks it of the tables whose rows grow with their wrapped texts (ColumnFitter(wrap=True)), which
    promise them whole; the lists' tables elide long cells at 200 % by design (the whole text is in the row's
    file)."""
    model, delegate = table.model(), table.itemDelegate()
    cut = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if table.isRowHidden(row) or table.isColumnHidden(column) or not isinstance(text, str) or not text:
                continue
            option = QStyleOptionViewItem()
            option.initFrom(table)
            option.font = table.font()
            if table.wordWrap():
                option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
            option.rect = table.visualRect(index)  # the cell less its grid line, where the table draws the text
            need = delegate.sizeHint(option, index)
            if need.width() > option.rect.width() + TOLERANCE or need.height() > option.rect.height() + TOLERANCE:
                cut.append(text)
    return cut


def problems(root: QWidget, screen: QSize) -> list[str]:
    """Everything cut or scrolling sideways under `root`, shown on a screen of `screen` logical pixels."""
    found: list[str] = []
    if root.width() > screen.width() or root.height() > screen.height():
        hint = root.minimumSizeHint()
        found.append(f"{type(root).__name__} plus grand que l'écran : {root.size().toTuple()} "
                     f"(minimum demandé {hint.toTuple()})")
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isVisible() and not widget.size().isEmpty() and widget.window() is root.window():
            found.extend(_widget_problems(widget, root))
    return found
