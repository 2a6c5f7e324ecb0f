"""A dialog that opens as tall as its texts need, and one that also asks before throwing away what the CMC has
typed."""

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QLayout, QScrollArea, QWidget

from .dialogs import confirm
from .vertical_scroll import VERTICAL_PAGE


class FittingDialog(QDialog):
    """Opens as tall as its wrapped texts need at its width (`grow_to_content`): a dialog opened at its size hint
    cuts them once the texts are enlarged (RGAA 10.4)."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        grow_to_content(self)
        # A scrolling page (`vertical_scroll`) knows its height once its own layout requests are done.
        if self.findChild(QScrollArea, VERTICAL_PAGE) is not None:
            QTimer.singleShot(0, self, lambda: grow_to_content(self))


class GuardedDialog(FittingDialog):
    """Annuler (`request_close`), Escape and the window's close button ask first when `may_close()` says so —
    by default when `has_pending_input()`. `reject()` itself never asks: locking the application rejects every
    open dialog and must not wait for an answer."""

    def has_pending_input(self) -> bool:
        return False

    def may_close(self) -> bool:
        return not self.has_pending_input() or confirm(
            self, "Abandonner la saisie ?", "Ce que vous avez saisi dans cette fenêtre n'est pas enregistré et sera "
            "perdu.", confirm_label="Abandonner la saisie", cancel_label="Continuer la saisie", destructive=True)

    def request_close(self) -> bool:
        """Close unless the CMC chooses to stay; True when the dialog was closed."""
        if not self.may_close():
            return False
        self.reject()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()
            self.request_close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the window's own close button (a spontaneous event) asks; close() from the code does not.
        if event.spontaneous() and self.isVisible() and not self.may_close():
            event.ignore()
            return
        super().closeEvent(event)


def grow_to_content(window: QWidget) -> None:
    """Make a dialog as tall as its wrapped texts need at its width (up to the screen's height).

    A dialog opens at its size hint, which leaves out the height wrapped texts need at its actual width, and
    a message appearing later only raises its minimum size, not the height its wrapped lines need: without
    this, group boxes would be squeezed and texts clipped."""
    layout = window.layout()
    if layout is None:
        return
    # The primary screen, not window.screen(): asked of a dialog being shown, the latter let the suite crash
    # later in QGuiApplication::screenAt (SIGSEGV in 2 runs of 3 of tests/ui/test_dialog_keys.py, 0 of 8 since).
    available = QGuiApplication.primaryScreen().availableGeometry()
    # A window opens at most 2/3 of the screen wide, and a minimum width set in the code keeps the layout's from
    # applying: as wide as the fields need (a page as wide as its fields, `vertical_scroll(page_width=True)`).
    wide = min(layout.totalMinimumSize().width(), available.width())
    if wide > window.width():
        window.resize(wide, window.height())
    needed = _needed_height(window, layout, grow_only=True)
    if needed is None:
        return
    screen = available.height() - (window.frameGeometry().height() - window.height())  # its title bar shows too
    if needed > window.height():
        window.resize(window.width(), min(needed, max(screen, window.minimumHeight())))
        _keep_on_screen(window, available)


def shrink_to_content(window: QWidget) -> None:
    """Once a message has gone, no taller than the texts need, nor shorter than the dialog opened: one grown for
    an error kept an empty band where the error had been."""
    # Measured once the layouts have taken in what was hidden meanwhile (the error under a field, corrected).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    layout = window.layout()
    needed = None if layout is None else _needed_height(window, layout, grow_only=False)
    if needed is not None:
        needed = max(needed, window.sizeHint().height())
        if needed < window.height():
            window.resize(window.width(), needed)


def _needed_height(window: QWidget, layout: QLayout, *, grow_only: bool) -> int | None:
    """The height `window`'s texts need at its width; None when its layout cannot tell."""
    pages = window.findChildren(QScrollArea, VERTICAL_PAGE)
    if pages:  # a page that scrolls (`vertical_scroll`): as tall as the page, the rest of the window unchanged
        return window.height() + sum((max(0, extra) if grow_only else extra) for extra in (
            _page_height(area) - area.viewport().height() for area in pages))
    if layout.hasHeightForWidth():
        return layout.totalHeightForWidth(window.width())
    return None


def _keep_on_screen(window: QWidget, available: QRect) -> None:
    """Qt places a dialog (centred on its window) at the height it opens with: grown afterwards, it went down past
    the bottom of the screen — the export dialog's buttons were cut at 1280×720 under a window manager."""
    frame = window.frameGeometry()
    if frame.bottom() > available.bottom():
        window.move(frame.left(), max(available.top(), available.bottom() + 1 - frame.height()))


def _page_height(area: QScrollArea) -> int:
    page = area.widget()
    if page is None:
        return 0
    width = area.viewport().width()
    return page.heightForWidth(width) if page.hasHeightForWidth() else page.sizeHint().height()
