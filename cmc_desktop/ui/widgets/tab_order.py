"""Tab in the reading order when a dialog's button box is built before the fields a subclass adds."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLayout, QScrollArea, QSplitter, QTabWidget, QWidget


def buttons_last(window: QWidget, buttons: QDialogButtonBox) -> None:
    """Tab reaches the box's buttons after every other field of `window`, left to right as they are drawn
    (the box orders them by role, in the platform's layout, not in the order they were added)."""
    last: QWidget | None = None
    current = window.nextInFocusChain()
    while current is not window and current is not None:
        if not buttons.isAncestorOf(current) and current.focusPolicy() & Qt.FocusPolicy.TabFocus:
            last = current
        current = current.nextInFocusChain()
    for button in sorted(buttons.buttons(), key=lambda b: b.x()):
        if last is not None:
            QWidget.setTabOrder(last, button)
        last = button


def tab_chain(*widgets: QWidget) -> None:
    """Tab goes through `widgets` (simple fields) in this order, not in the order they were built."""
    for before, after in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(before, after)


def layout_order(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that Tab reaches, in the order of its layouts (rows top to bottom, each left to
    right): the reading order of a page whose parts were built, or rebuilt, in another order."""
    found: list[QWidget] = []

    def visit_widget(widget: QWidget) -> None:  # hidden ones too: Tab skips them until they are shown
        if widget.focusProxy() is None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        if isinstance(widget, QScrollArea):
            if (inner := widget.widget()) is not None:
                visit_widget(inner)
        elif isinstance(widget, QSplitter):
            for index in range(widget.count()):
                if (pane := widget.widget(index)) is not None:
                    visit_widget(pane)
        elif isinstance(widget, QTabWidget):
            found.append(widget)  # follow_layout puts its tab bar, then what its pages hold
        elif (layout := widget.layout()) is not None:
            visit_layout(layout)

    def visit_layout(layout: QLayout) -> None:
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None:
                continue
            if (widget := item.widget()) is not None:
                visit_widget(widget)
            elif (inner := item.layout()) is not None:
                visit_layout(inner)

    if (top := root.layout()) is not None:
        visit_layout(top)
    return found


def follow_layout(root: QWidget) -> None:
    """Tab through `root` in the order of its layouts (layout_order), one widget after the other.

    It never walks the window's focus chain: an earlier version that did made the synthesis editor lose its menu
    actions (deleted under it, measured in test_synthesis_editor) — the order comes from the layouts alone."""
    order: list[QWidget] = []
    for widget in layout_order(root):
        if isinstance(widget, QTabWidget):  # its tab bar, then what its pages hold
            order.append(widget.tabBar())
            for index in range(widget.count()):
                if (page := widget.widget(index)) is not None:
                    order.extend(layout_order(page))
        else:
            order.append(widget)
    for before, after in zip(order, order[1:], strict=False):
        QWidget.setTabOrder(before, after)
