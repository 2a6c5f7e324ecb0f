"""Text zoom (RGAA 10.4): Ctrl++ / Ctrl+- / Ctrl+0 scale every text of the interface from 100 % to 200 %.

The application font and every `font-size: …pt` of the style sheets scale together: the application's sheet
and the views' own sheets set through `set_style_sheet` (kept unscaled in a property, scaled again on each
change). Layouts follow the texts' size hints; the views scroll vertically where the texts need more room.
The level is a UI preference (`UiSettings.text_zoom`), remembered between sessions.
"""

import re
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
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


def install_shortcuts(parent: QObject, changed: Callable[[int], None]) -> list[QShortcut]:
    """Ctrl++ (also Ctrl+= on keyboards where + needs Shift), Ctrl+- and Ctrl+0, in every window of the
    application; `changed(percent)` is told the new level (to remember it)."""
    def step(delta: int | None) -> None:
        changed(apply_zoom(MIN_ZOOM if delta is None else _current + delta))

    shortcuts = []
    for sequences, delta in (((QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"), STEP),
                             ((QKeySequence.StandardKey.ZoomOut, "Ctrl+-"), -STEP), (("Ctrl+0",), None)):
        keys: list[QKeySequence] = []
        for sequence in sequences:
            for key in (QKeySequence.keyBindings(sequence) if isinstance(sequence, QKeySequence.StandardKey)
                        else [QKeySequence(sequence)]):
                if key not in keys:
                    keys.append(key)
        for key in keys:
            shortcut = QShortcut(key, parent)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda d=delta: step(d))
            shortcuts.append(shortcut)
    return shortcuts
