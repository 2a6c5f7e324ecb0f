"""Tab in the reading order when a dialog's button box is built before the fields a subclass adds."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget


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
    """Tab goes through `widgets` in this order: the order of the form's rows, not the order they were built.
    A compound widget (a date field with its calendar button) keeps its own parts together, in their order."""
    parts = [part for widget in widgets for part in _parts(widget)]
    for before, after in zip(parts, parts[1:], strict=False):
        QWidget.setTabOrder(before, after)


def _parts(widget: QWidget) -> list[QWidget]:
    inner, current = [], widget.nextInFocusChain()
    while current is not widget and current is not None:
        if widget.isAncestorOf(current) and current.focusPolicy() & Qt.FocusPolicy.TabFocus:
            inner.append(current)
        current = current.nextInFocusChain()
    return inner or [widget]
