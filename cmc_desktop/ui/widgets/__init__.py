"""Reusable widgets for every view: autosaving fields, French dates, messages, confirmations."""

from .autosave import AutosaveLineEdit, AutosaveTextEdit, flush_all
from .dates import FrenchDateEdit, parse_french_date
from .dialogs import confirm
from .feedback import ERROR, INFO, SUCCESS, WARNING, ErrorBanner, Toast, user_message
from .guarded_dialog import GuardedDialog
from .passphrase import PassphraseEdit, PassphrasePrompt
from .placeholder import PlaceholderView

__all__ = [
    "ERROR", "INFO", "SUCCESS", "WARNING", "AutosaveLineEdit", "AutosaveTextEdit", "ErrorBanner", "FrenchDateEdit",
    "GuardedDialog", "PassphraseEdit", "PassphrasePrompt", "PlaceholderView", "Toast", "confirm", "flush_all",
    "parse_french_date", "user_message",
]
