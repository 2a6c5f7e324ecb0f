"""Bundled assets (icons, style sheet, fonts, translations), found the same way from a checkout or a
PyInstaller bundle through `paths.resource_path`."""

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from ..paths import resource_path


def asset(*parts: str) -> Path:
    """The path of a file under resources/; raises FileNotFoundError naming it when the bundle lacks it."""
    path = resource_path(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"Ressource manquante dans l'installation : {'/'.join(parts)}")
    return path


@cache
def icon(name: str) -> QIcon:
    """The SVG icon `resources/icons/<name>.svg` (scales cleanly on high-DPI screens)."""
    return QIcon(str(asset("icons", f"{name}.svg")))


def font_files() -> list[Path]:
    return sorted(resource_path("fonts").glob("*.ttf"))
