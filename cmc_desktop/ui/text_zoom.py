"""Text zoom (RGAA 10.4): Ctrl++ / Ctrl+- / Ctrl+0 scale every text of the interface from 100 % to 200 %.

The application font and every `font-size: …pt` of the style sheets scale together: the application's sheet
and the views' own sheets set through `set_style_sheet` (kept unscaled in a property, scaled again on each
change). Layouts follow the texts' size hints; the views scroll vertically where the texts need more room.
The level is a UI preference (`UiSettings.text_zoom`), remembered between sessions.
"""

import re
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from . import theme
from .settings_store import MAX_TEXT_ZOOM as MAX_ZOOM
from .settings_store import MIN_TEXT_ZOOM as MIN_ZOOM

STEP = 10
_BASE_SHEET = "cmcBaseStyleSheet"  # a widget's own sheet, before scaling
_POINTS = re.compile(r"(\d+(?:\.\d+)?)pt\b")
_current = MIN_ZOOM


def current_zoom() -> int:
    return _current


def clamp(percent: int) -> int:
    return max(MIN_ZOOM, min(MAX_ZOOM, percent))


def scaled_sheet(sheet: str, percent: int | None = None) -> str:
    """`sheet` with every point size multiplied by the zoom (the current one by default)."""
    factor = (_current if percent is None else percent) / 100
    if factor == 1:
        return sheet
    return _POINTS.sub(lambda m: f"{round(float(m.group(1)) * factor, 1)}pt", sheet)


def set_style_sheet(widget: QWidget, sheet: str) -> None:
    """A view's own style sheet, whose point sizes follow the text zoom now and later."""
    widget.setProperty(_BASE_SHEET, sheet)
    widget.setStyleSheet(scaled_sheet(sheet))


def apply_zoom(percent: int) -> int:
    """Scale the interface's texts to `percent` (clamped to 100–200); returns the level applied."""
    global _current
    percent = clamp(percent)
    app = QApplication.instance()
    if percent == _current or not isinstance(app, QApplication):
        return _current
    _current = percent
    font = QFont(app.font())
    font.setPointSizeF(theme.FONT_POINT_SIZE * percent / 100)
    app.setFont(font)
    app.setStyleSheet(scaled_sheet(theme.application_sheet()))
    for widget in app.allWidgets():
        base = widget.property(_BASE_SHEET)
        if isinstance(base, str):
            widget.setStyleSheet(scaled_sheet(base))
    return _current


class ZoomKeys(QObject):
    """Ctrl++ (also Ctrl+= where + needs Shift), Ctrl+- and Ctrl+0 in every window of the application, dialogs
    included: a modal dialog blocks the main window's shortcuts, so each window gets its own when it first takes
    the focus (an application-wide event filter would cost a call into Python for every event).
    `changed(percent)` is told each new level (to remember it)."""

    def __init__(self, window: QWidget, changed: Callable[[int], None]) -> None:
        super().__init__(window)
        self._changed = changed
        self.add_to(window)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusWindowChanged.connect(self._window_focused)

    def _window_focused(self, handle: QWindow | None) -> None:
        for widget in QApplication.topLevelWidgets():
            if handle is not None and widget.windowHandle() is handle:
                self.add_to(widget)

    def add_to(self, window: QWidget) -> None:
        if window.property(_HAS_KEYS):
            return
        window.setProperty(_HAS_KEYS, True)
        for key, delta in _zoom_keys():
            shortcut = QShortcut(key, window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda d=delta: self._step(d))

    def _step(self, delta: int | None) -> None:
        self._changed(apply_zoom(MIN_ZOOM if delta is None else _current + delta))


@cache
def _zoom_keys() -> list[tuple[QKeySequence, int | None]]:
    """Each key once (a sequence bound twice would be ambiguous and do nothing). Read once the application
    exists: the platform's bindings need it (without one, keyBindings crashes)."""
    keys: list[tuple[QKeySequence, int | None]] = []
    for sequences, delta in (((QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"), STEP),
                             ((QKeySequence.StandardKey.ZoomOut, "Ctrl+-"), -STEP), (("Ctrl+0",), None)):
        for sequence in sequences:
            for key in (QKeySequence.keyBindings(sequence) if isinstance(sequence, QKeySequence.StandardKey)
                        else [QKeySequence(sequence)]):
                if all(key != known for known, _ in keys):
                    keys.append((key, delta))
    return keys


_HAS_KEYS = "cmcZoomKeys"
