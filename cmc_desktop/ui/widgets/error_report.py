"""Unexpected errors: the report a CMC can copy and send, and the dialog for an error nobody caught (shown by
the hook ui/app.install_uncaught_dialog puts in place).

The report is hardening.error_report (versions, system, the masked traceback: code locations and exception
types, never a message nor a value) plus Qt's versions. It is made when the error happens and kept as text:
holding the exception would keep its frames, and their values, alive.
"""

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...hardening import error_report

COPY_LABEL = "Copier le rapport d'erreur"
COPIED_LABEL = "Rapport d'erreur copié"
UNCAUGHT_TEXT = ("Une erreur inattendue est survenue ({kind}). Votre travail enregistré n'est pas touché ; "
                 "l'action en cours n'a peut-être pas abouti. Si l'erreur se reproduit, copiez le rapport d'erreur "
                 "(il ne contient aucune donnée de vos dossiers) et joignez-le à votre signalement.")


def report_for(error: BaseException) -> str:
    return error_report(error, [f"Qt {qVersion()} ; PySide6 {PySide6.__version__} ; "
                                f"affichage {QGuiApplication.platformName() or '?'}"])


def copy_report(report: str) -> None:
    """On the clipboard as it is: it holds no personal data, so it is not marked secret nor taken back."""
    from ..clipboard import copy_public

    copy_public(report)


def copy_button(parent: QWidget, report: str) -> QPushButton:
    """« Copier le rapport d'erreur »; it says « copié » once done."""
    button = QPushButton(COPY_LABEL, parent)
    button.setProperty("variant", "secondary")
    button.setAutoDefault(False)

    def copy() -> None:
        copy_report(report)
        button.setText(COPIED_LABEL)

    button.clicked.connect(copy)
    return button


class UnexpectedErrorDialog(QDialog):
    """What the CMC sees of an error no code caught: what it means for her work, and the report to send."""

    def __init__(self, kind: str, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Erreur inattendue")
        self.report = report
        text = QLabel(UNCAUGHT_TEXT.format(kind=kind), self)
        text.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.copy = copy_button(self, report)
        self.buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)  # Entrée closes, as Échap does
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        close.setFocus()


_shown: list[UnexpectedErrorDialog] = []
# Closed, until Qt has deleted them. Without a window active the dialog has no parent, so Python owns it: freed
# by Python's collector instead of by Qt, a shown window crashes PySide (SIGSEGV, tests/ui/conftest.py).
_closing: list[UnexpectedErrorDialog] = []


def show_uncaught(kind: str, report: str) -> None:
    """One dialog at a time: errors that follow the first (often its consequences) go to the log only."""
    if _shown:
        return
    dialog = UnexpectedErrorDialog(kind, report, QApplication.activeWindow())
    _shown.append(dialog)

    def closed() -> None:
        _shown.clear()
        _closing.append(dialog)
        dialog.destroyed.connect(lambda: _closing.remove(dialog))
        dialog.deleteLater()

    dialog.finished.connect(closed)
    dialog.open()
