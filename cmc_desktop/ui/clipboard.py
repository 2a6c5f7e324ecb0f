"""Copying confidential text (names, notes, synthesis fields) to the clipboard.

The copy is flagged as secret for clipboard managers (KDE/GNOME/wl-clipboard honour
`x-kde-passwordManagerHint`, macOS the concealed type, Windows the history and monitor exclusions) and taken
back off after 30 seconds, on lock and on quit — but only if the clipboard still holds it: something the CMC
copied since is left alone. What was copied is remembered as a keyed hash (key made fresh for this run), not
as text.
"""

import hashlib
import hmac
import os
import struct

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000
_DWORD_ZERO, _DWORD_ONE = struct.pack("<I", 0), struct.pack("<I", 1)
HINT = "x-kde-passwordManagerHint"
PUBLIC = "application/x-cmc-desktop-public"  # a text known to hold no personal data (an error report)
SECRET_FORMATS = {
    HINT: b"secret",
    "application/x-nspasteboard-concealed-type": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': _DWORD_ONE,
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': _DWORD_ZERO,
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': _DWORD_ZERO,
}


class ConfidentialClipboard(QObject):
    """Puts secret text on the clipboard and takes it back off; one per application (`confidential()`)."""

    def __init__(self, clipboard: QClipboard | None = None, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__()
        self._clipboard = clipboard or QGuiApplication.clipboard()
        self._key = os.urandom(32)
        self._digest: bytes | None = None
        self._watching = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_if_ours)

    def watch(self) -> None:
        """Treat every copy made in the application (Ctrl+C in any field or table) as confidential."""
        if not self._watching:
            self._clipboard.dataChanged.connect(self._copied_here)
            self._watching = True

    def _copied_here(self) -> None:
        data = self._clipboard.mimeData()
        if data is None or data.hasFormat(HINT) or data.hasFormat(PUBLIC) or not data.hasText() or not data.text():
            return  # our own marked copy, a report, an image, or a clear
        # Copied in one of our windows (it has the focus), not by another application.
        if self._clipboard.ownsClipboard() or QGuiApplication.focusWindow() is not None:
            self.copy(data.text())

    def set_clear_after(self, milliseconds: int) -> None:
        self._timer.setInterval(milliseconds)

    def _hash(self, text: str) -> bytes:
        return hmac.new(self._key, text.encode("utf-8"), hashlib.sha256).digest()

    def copy(self, text: str) -> None:
        data = QMimeData()
        data.setText(text)
        for mime, value in SECRET_FORMATS.items():
            data.setData(mime, value)
        self._clipboard.setMimeData(data)
        self._digest = self._hash(text)
        self._timer.start()

    @property
    def holding(self) -> bool:
        """True while the clipboard still holds the last confidential copy."""
        return self._digest is not None and hmac.compare_digest(self._hash(self._clipboard.text()), self._digest)

    def clear_if_ours(self) -> bool:
        """Empty the clipboard if it still holds our copy; True when it did."""
        self._timer.stop()
        ours = self.holding
        if ours:
            self._clipboard.clear()
        self._digest = None
        return ours


_instance: ConfidentialClipboard | None = None


def confidential() -> ConfidentialClipboard:
    """The application's confidential clipboard (created on first use, after the QApplication)."""
    global _instance
    if _instance is None:
        _instance = ConfidentialClipboard()
    return _instance


def copy_confidential(text: str) -> None:
    """What a view calls for a "Copier" of personal text."""
    confidential().copy(text)


def copy_public(text: str) -> None:
    """Copy a text known to hold no personal data (an error report): left on the clipboard, not marked."""
    data = QMimeData()
    data.setText(text)
    data.setData(PUBLIC, b"1")
    QGuiApplication.clipboard().setMimeData(data)
