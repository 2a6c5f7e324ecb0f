"""Unexpected errors: the masked traceback in the log, « Copier le rapport d'erreur » in the banner, and the
dialog for an error no code caught."""

import io
import logging
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from cmc_desktop.domain.errors import DomainError
from cmc_desktop.hardening import ContentFilter, SafeFormatter
from cmc_desktop.ui.app import install_uncaught_dialog
from cmc_desktop.ui.clipboard import HINT, confidential
from cmc_desktop.ui.widgets import error_report as reports
from tests.conftest import MARKER


def _failure() -> ValueError:
    secret = MARKER  # a value held in the failing frame
    try:
        raise ValueError(f"paramètres : {secret}")
    except ValueError as error:
        return error


@pytest.fixture
def app_log():
    """The application's log handler, as configure_safe_logging sets it up, on the UI's loggers."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContentFilter())
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("cmc_desktop.ui")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_an_unexpected_error_in_a_banner_offers_its_report(qtbot, app_log, window) -> None:
    banner = window.message_banner  # the main window's, above the current view
    banner.show_error(_failure())
    assert "erreur inattendue" in banner.text and MARKER not in banner.text
    logged = app_log.getvalue()
    assert "ui.unexpected_error ValueError" in logged and "in _failure" in logged and MARKER not in logged

    button = banner.report_button
    assert button is not None and button.isVisible() and button.text() == "Copier le rapport d'erreur"
    assert not button.autoDefault()
    button.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    report = QApplication.clipboard().text()
    assert report.startswith("Rapport d'erreur de cmc-desktop") and "Erreur : ValueError" in report
    assert "in _failure" in report and "PySide6" in report and MARKER not in report
    assert button.text() == "Rapport d'erreur copié"
    # Known to hold no data: not marked secret, and the watch (active with the window's content) leaves it.
    assert not QApplication.clipboard().mimeData().hasFormat(HINT) and not confidential().holding

    banner.show_error(DomainError("Refus prévu par les règles."))  # a foreseen refusal: no report to send
    assert banner.report_button is None and banner.text == "Refus prévu par les règles."


def test_an_error_nobody_caught_opens_one_dialog_with_its_report(qtbot, monkeypatch) -> None:
    logged: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: logged.append(kind.__name__))
    install_uncaught_dialog()
    error = _failure()
    sys.excepthook(ValueError, error, error.__traceback__)
    sys.excepthook(KeyError, KeyError(MARKER), None)  # what follows the first: logged, no second dialog
    qtbot.waitUntil(lambda: bool(reports._shown) and reports._shown[0].isVisible())
    dialog = reports._shown[0]
    assert logged == ["ValueError", "KeyError"] and len(QApplication.topLevelWidgets()) >= 1
    assert [d for d in QApplication.topLevelWidgets() if isinstance(d, reports.UnexpectedErrorDialog)
            and d.isVisible()] == [dialog]
    buttons = dialog.findChild(QDialogButtonBox)
    assert sorted(b.text() for b in buttons.buttons()) == ["Copier le rapport d'erreur", "Fermer"]
    assert buttons.buttonRole(dialog.copy) == QDialogButtonBox.ButtonRole.ActionRole
    assert MARKER not in dialog.report and "ValueError" in dialog.report

    dialog.copy.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert QApplication.clipboard().text() == dialog.report
    close = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Fermer")
    close.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Entrée closes
    qtbot.waitUntil(lambda: not reports._shown)
    # No window was active: nobody is its parent. Kept until Qt has deleted it, never freed by Python's collector.
    assert dialog.parent() is None and reports._closing == [dialog]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert reports._closing == []

    sys.excepthook(RuntimeError, RuntimeError(MARKER), None)
    qtbot.waitUntil(lambda: bool(reports._shown))
    qtbot.keyClick(QApplication.focusWidget() or reports._shown[0], Qt.Key.Key_Escape)  # Échap too
    qtbot.waitUntil(lambda: not reports._shown)
