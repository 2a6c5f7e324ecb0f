"""Application set-up: French texts and locale, bundled fonts, theme, assets."""

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from cmc_desktop.ui.resources import asset, icon
from cmc_desktop.ui.theme import FONT_FAMILY


def test_qt_speaks_french(french_app: QApplication) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "Enregistrer"
    assert QLocale().language() == QLocale.Language.French
    assert QLocale().toString(3.5) == "3,5"


def test_bundled_font_is_the_application_font(french_app: QApplication) -> None:
    assert FONT_FAMILY in QFontDatabase.families()
    assert french_app.font().family() == FONT_FAMILY
    assert "#000091" in french_app.styleSheet() and "@ICONS@" not in french_app.styleSheet()


def test_assets_are_found_and_missing_ones_are_named() -> None:
    assert asset("style", "app.qss").is_file()
    assert not icon("verrou").isNull()
    with pytest.raises(FileNotFoundError, match="icons/absente.svg"):
        asset("icons", "absente.svg")
