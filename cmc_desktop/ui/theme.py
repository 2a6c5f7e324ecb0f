"""The look of the application: DSFR-inspired colours, the bundled Liberation Sans font, the style sheet.

The Marianne font and the State logo are reserved to State entities, hence a free font (SIL OFL).
Widgets pick variants through dynamic properties read by app.qss (`variant="secondary"`, `invalid=true`…);
`set_property` re-polishes so a change shows at once.
"""

import logging

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from .resources import asset, font_files

log = logging.getLogger(__name__)

BLUE_FRANCE = "#000091"
BLUE_HOVER = "#1212ff"
BLUE_LIGHT = "#e3e3fd"
RED_MARIANNE = "#e1000f"
TITLE = "#161616"
TEXT = "#3a3a3a"
SECONDARY = "#666666"
BORDER = "#dddddd"
GREY_BACKGROUND = "#f6f6f6"
INFO = "#0063cb"
SUCCESS = "#18753c"
WARNING = "#b34000"
ERROR = "#ce0500"
FOCUS = "#0a76f6"

STYLE = "Fusion"  # the same on every OS
FONT_FAMILY = "Liberation Sans"
FONT_POINT_SIZE = 10


def load_fonts() -> list[str]:
    """Register the bundled TTFs (they render even on machines without system fonts); returns families."""
    families: set[str] = set()
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("theme.font_not_loaded")
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)


def palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#ffffff", QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: GREY_BACKGROUND, QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Text: TEXT, QPalette.ColorRole.ButtonText: TEXT, QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.Highlight: BLUE_FRANCE, QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: BLUE_FRANCE, QPalette.ColorRole.PlaceholderText: SECONDARY,
        QPalette.ColorRole.ToolTipBase: TITLE, QPalette.ColorRole.ToolTipText: "#ffffff",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#929292"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#929292"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#929292"))
    return pal


def apply_theme(app: QApplication) -> None:
    """Fonts, palette and style sheet, over the STYLE that create_application sets."""
    from .text_zoom import current_zoom, scaled_sheet  # text_zoom uses this module: imported here

    families = load_fonts()
    if FONT_FAMILY in families:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(FONT_POINT_SIZE * current_zoom() / 100)
        app.setFont(font)
    app.setPalette(palette())
    app.setStyleSheet(scaled_sheet(application_sheet()))


def application_sheet() -> str:
    """app.qss as written (point sizes at 100 %), with the path of its icons."""
    sheet = asset("style", "app.qss").read_text(encoding="utf-8")
    return sheet.replace("@ICONS@", asset("icons", "chevron-bas.svg").parent.as_posix())


def set_property(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property used by the style sheet and re-polish so it shows at once."""
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
