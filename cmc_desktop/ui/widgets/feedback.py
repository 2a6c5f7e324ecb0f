"""Telling the CMC what happened: an inline banner, a passing toast, error lines under fields, French messages for
errors — each also said by screen readers as it appears (`announce`)."""

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from ...data.errors import StoreError
from ...domain.errors import DomainError, ValidationError
from ..resources import icon
from ..theme import set_property
from .guarded_dialog import grow_to_content, shrink_to_content

log = logging.getLogger(__name__)

ERROR, WARNING, INFO, SUCCESS = "error", "warning", "info", "success"
_ICONS = {ERROR: "erreur", WARNING: "attention", INFO: "info", SUCCESS: "succes"}
KIND_NAMES = {ERROR: "Erreur", WARNING: "Attention", INFO: "Information", SUCCESS: "Succès"}
TOAST_MS = 4000


def announce(source: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have screen readers say `text` now, as a web page's live region would: an AT-SPI « object:announcement »
    on Linux (Orca 45+), a UI Automation notification on Windows (NVDA, JAWS). Assertive interrupts what is
    being read (errors); polite waits its turn (confirmations). Nothing is sent when no assistive technology
    listens."""
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def show_inline_error(label: QLabel, message: str, field: QWidget | None = None) -> None:
    """The error line under a field: shown with `message` (hidden when empty) and said at once by screen readers;
    it also becomes the field's accessible description, heard again when the CMC comes back to the field."""
    label.setText(message)
    label.setVisible(bool(message))
    if field is not None:
        field.setAccessibleDescription(message)
    if message:
        announce(label, message, assertive=True)


def is_unexpected(error: BaseException) -> bool:
    """Not a refusal the application foresaw (store, domain) nor a file the system refused: a bug."""
    return not isinstance(error, StoreError | DomainError | OSError)


def user_message(error: BaseException) -> str:
    """The French message to show for `error`. Store and domain errors carry their own; others are not
    quoted (their text may hold SQL parameters or paths), only their kind. An unexpected error is logged
    with its traceback, masked (hardening.SafeFormatter)."""
    if isinstance(error, StoreError | DomainError):
        return str(error)
    if isinstance(error, OSError):
        return f"Accès au fichier impossible ({error.strerror or 'erreur du système'}). L'opération n'a pas abouti."
    log.error("ui.unexpected_error %s", type(error).__name__, exc_info=error)
    return (f"Une erreur inattendue est survenue ({type(error).__name__}) : l'opération n'a pas abouti. "
            "Réessayez ; si l'erreur persiste, faites une sauvegarde et signalez-la.")


class ErrorBanner(QFrame):
    """A message across the top of a view or dialog, in the DSFR alert colours; hidden until used. For an
    unexpected error (`show_error`), a « Copier le rapport d'erreur » button gives the CMC a report to send."""

    def __init__(self, parent: QWidget | None = None, *, closable: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.kind = INFO
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        self._icon = QLabel(self)  # named after the kind of message: the colour alone would not say it
        self._icon.setFixedSize(20, 20)
        self._text = QLabel(self)
        self._text.setObjectName("BannerText")
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        self._layout = layout
        self.report_button: QPushButton | None = None
        self._watched: list[QMetaObject.Connection] = []  # the inputs whose correction takes the message away
        if closable:
            close = QToolButton(self)
            close.setIcon(icon("fermer"))
            close.setAccessibleName("Fermer le message")
            close.setToolTip("Fermer le message")
            close.clicked.connect(self.clear)
            layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    @property
    def text(self) -> str:
        return self._text.text()

    def show_message(self, text: str, kind: str = ERROR) -> None:
        # Said once when it appears; a view reloading the same warning does not interrupt the reader again.
        new = self.isHidden() or (kind, text) != (self.kind, self.text)
        self._drop_report()
        self._drop_watch()
        self.kind = kind
        set_property(self, "kind", kind)
        self._icon.setPixmap(icon(_ICONS[kind]).pixmap(20, 20))
        self._icon.setAccessibleName(KIND_NAMES[kind])
        self._text.setText(text)
        self.setAccessibleName(KIND_NAMES[kind])
        self.setAccessibleDescription(text)
        self.show()
        if new:
            announce(self, f"{KIND_NAMES[kind]} : {text}", assertive=kind == ERROR)
        if isinstance(self.window(), QDialog):  # once laid out with the message: the dialog grows to show it all
            QTimer.singleShot(0, self, lambda: grow_to_content(self.window()))

    def show_error(self, error: BaseException) -> None:
        self.show_message(user_message(error), ERROR)
        if isinstance(error, ValidationError) and error.field:
            self._clear_once_corrected(error, error.field)
        if is_unexpected(error):
            from .error_report import copy_button, report_for

            self.report_button = copy_button(self, report_for(error))
            self._layout.insertWidget(2, self.report_button, 0, Qt.AlignmentFlag.AlignTop)
            self.report_button.show()

    def show_until_fixed(self, text: str, fixed: Callable[[], bool], *fields: QWidget) -> None:
        """An error about `fields` (what is missing or wrong in them): it goes away at the first change of one of
        them after which `fixed()` holds."""
        self.show_message(text, ERROR)
        self._clear_when(fixed, fields)

    def _clear_once_corrected(self, error: ValidationError, label: str) -> None:
        from .corrected_field import field_labelled, rechecked

        container = self.parentWidget()
        field = field_labelled(container, label) if container is not None else None
        passes = rechecked(field, error) if field is not None else None
        if field is not None and passes is not None:
            self._clear_when(passes, (field,))

    def _clear_when(self, fixed: Callable[[], bool], fields: tuple[QWidget, ...]) -> None:
        from .corrected_field import watch_changes

        def changed() -> None:
            if self._watched and fixed():
                self.clear()

        self._watched = watch_changes(fields, changed)

    def _drop_watch(self) -> None:
        watched, self._watched = self._watched, []
        for connection in watched:
            QObject.disconnect(connection)

    def _drop_report(self) -> None:
        if self.report_button is not None:
            self.report_button.deleteLater()
            self.report_button = None

    def clear(self) -> None:
        shown = not self.isHidden()
        self._drop_report()
        self._drop_watch()
        self._text.setText("")
        self.hide()
        if shown and isinstance(self.window(), QDialog):  # the dialog grew for the message: it gives the room back
            QTimer.singleShot(0, self, lambda: shrink_to_content(self.window()))


class Toast(QFrame):
    """A short confirmation at the bottom of a window ("Sauvegarde créée"), gone after a few seconds."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.setObjectName("Toast")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self._icon = QLabel(self)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._window = window
        window.installEventFilter(self)
        self.hide()

    @property
    def text(self) -> str:
        return self._text.text()

    def show_message(self, text: str, kind: str = SUCCESS, duration_ms: int = TOAST_MS) -> None:
        self._icon.setPixmap(icon(_ICONS[kind]).pixmap(18, 18))
        self._icon.setAccessibleName(KIND_NAMES[kind])
        self._text.setText(text)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(duration_ms)
        announce(self, text, assertive=kind == ERROR)

    def _place(self) -> None:
        window = self._window
        width = min(560, window.width() - 40)
        self.setFixedWidth(max(width, 200))
        self.adjustSize()
        self.move((window.width() - self.width()) // 2, window.height() - self.height() - 48)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
