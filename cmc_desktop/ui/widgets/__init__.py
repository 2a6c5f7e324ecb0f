"""Reusable widgets for every view: autosaving fields, French dates, messages, confirmations.

Each name is imported from its module on first use (PEP 562): the main window paints before the views need the
date pickers, dialogs and the like, so their Qt classes are not built before it.
"""

from importlib import import_module
from typing import TYPE_CHECKING

_HOMES = {
    "AutosaveLineEdit": "autosave", "AutosaveTextEdit": "autosave", "flush_all": "autosave",
    "FrenchDateEdit": "dates", "parse_french_date": "dates",
    "confirm": "dialogs", "name_icon": "dialogs",
    "ERROR": "feedback", "INFO": "feedback", "SUCCESS": "feedback", "WARNING": "feedback", "ErrorBanner": "feedback",
    "Toast": "feedback", "user_message": "feedback", "announce": "feedback", "show_inline_error": "feedback",
    "GuardedDialog": "guarded_dialog",
    "PassphraseEdit": "passphrase", "PassphrasePrompt": "passphrase",
    "PlaceholderView": "placeholder",
}
__all__ = [
    "ERROR", "INFO", "SUCCESS", "WARNING", "AutosaveLineEdit", "AutosaveTextEdit", "ErrorBanner", "FrenchDateEdit",
    "GuardedDialog", "PassphraseEdit", "PassphrasePrompt", "PlaceholderView", "Toast", "confirm", "flush_all",
    "parse_french_date", "user_message", "announce", "show_inline_error", "name_icon",
]

if TYPE_CHECKING:
    from .autosave import AutosaveLineEdit, AutosaveTextEdit, flush_all
    from .dates import FrenchDateEdit, parse_french_date
    from .dialogs import confirm, name_icon
    from .feedback import (
        ERROR,
        INFO,
        SUCCESS,
        WARNING,
        ErrorBanner,
        Toast,
        announce,
        show_inline_error,
        user_message,
    )
    from .guarded_dialog import GuardedDialog
    from .passphrase import PassphraseEdit, PassphrasePrompt
    from .placeholder import PlaceholderView


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value
