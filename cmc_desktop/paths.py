"""Where things are: the user's data directory and the bundled resources (also inside PyInstaller)."""

import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "cmc-desktop"


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resource_path(*parts: str) -> Path:
    """A file under resources/, from a source checkout or from a frozen bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resources", *parts)
