"""Window geometry and UI preferences in QSettings — never personal data, which stays in the store.

Everything read back is validated: a hand-edited or damaged settings file gives the defaults, not a crash.
The file is readable by its owner only (0600, in a 0700 folder): QSettings rewrites it through QSaveFile,
which keeps the permissions of the file it replaces, so creating it private is enough.
"""

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ..domain.errors import ValidationError
from ..paths import APP_NAME

DEFAULT_AUTO_LOCK_MINUTES = 5
MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES = 1, 120
_GEOMETRY = "fenetre/geometrie"
_STATE = "fenetre/etat"
_LAST_VIEW = "fenetre/derniere_vue"
_AUTO_LOCK = "securite/verrouillage_minutes"
_KEYRING = "securite/cle_dans_trousseau"
_TEXT_ZOOM = "interface/zoom_texte"
_MAX_BLOB = 64 * 1024
DEFAULT_TEXT_ZOOM, MIN_TEXT_ZOOM, MAX_TEXT_ZOOM = 100, 100, 200


class UiSettings:
    """Typed access to the QSettings file (`path` for tests; the per-user location otherwise)."""

    def __init__(self, path: Path | None = None) -> None:
        # The per-user location is named once: QSettings path changes made later (file dialogs) do not move it.
        own_folder = path is None
        if path is None:
            path = Path(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME).fileName())
        _make_private(path, own_folder=own_folder)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def file_path(self) -> Path:
        return Path(self._qs.fileName())

    def sync(self) -> None:
        self._qs.sync()

    def _blob(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and 0 < value.size() <= _MAX_BLOB else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._blob(_GEOMETRY)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue(_GEOMETRY, value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._blob(_STATE)

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue(_STATE, value)

    @property
    def last_view(self) -> str | None:
        value = self._qs.value(_LAST_VIEW)
        return value if isinstance(value, str) and value.isascii() and len(value) <= 40 else None

    @last_view.setter
    def last_view(self, key: str) -> None:
        self._qs.setValue(_LAST_VIEW, key)

    @property
    def auto_lock_minutes(self) -> int:
        value = self._qs.value(_AUTO_LOCK)
        try:
            minutes = int(str(value))
        except ValueError:
            return DEFAULT_AUTO_LOCK_MINUTES
        if not MIN_AUTO_LOCK_MINUTES <= minutes <= MAX_AUTO_LOCK_MINUTES:
            return DEFAULT_AUTO_LOCK_MINUTES
        return minutes

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, minutes: int) -> None:
        if not MIN_AUTO_LOCK_MINUTES <= minutes <= MAX_AUTO_LOCK_MINUTES:
            raise ValidationError(f"Le délai de verrouillage doit être compris entre {MIN_AUTO_LOCK_MINUTES} et "
                             f"{MAX_AUTO_LOCK_MINUTES} minutes.")
        self._qs.setValue(_AUTO_LOCK, minutes)

    @property
    def keyring_enabled(self) -> bool:
        """Keep the database key in the OS keyring (when a secure one exists); on unless turned off."""
        return str(self._qs.value(_KEYRING, "true")).lower() != "false"

    @keyring_enabled.setter
    def keyring_enabled(self, enabled: bool) -> None:
        self._qs.setValue(_KEYRING, "true" if enabled else "false")

    @property
    def text_zoom(self) -> int:
        """The size of the interface's texts in percent (100–200), Ctrl++ / Ctrl+- / Ctrl+0."""
        try:
            percent = int(str(self._qs.value(_TEXT_ZOOM, DEFAULT_TEXT_ZOOM)))
        except ValueError:
            return DEFAULT_TEXT_ZOOM
        return percent if MIN_TEXT_ZOOM <= percent <= MAX_TEXT_ZOOM else DEFAULT_TEXT_ZOOM

    @text_zoom.setter
    def text_zoom(self, percent: int) -> None:
        if not MIN_TEXT_ZOOM <= percent <= MAX_TEXT_ZOOM:
            raise ValidationError(f"La taille du texte doit être comprise entre {MIN_TEXT_ZOOM} et {MAX_TEXT_ZOOM} %.")
        self._qs.setValue(_TEXT_ZOOM, percent)


def _make_private(path: Path, *, own_folder: bool) -> None:
    """Create the settings file owner-only, or make an older one so (and the application's own folder)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        if os.name == "posix":
            os.chmod(path, 0o600)
            if own_folder:
                os.chmod(path.parent, 0o700)
    except OSError:  # a read-only home: the application still starts, with its default preferences
        pass
