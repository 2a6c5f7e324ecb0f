"""Every file dialog of the application: Qt's own, in French, and leaving no trace of the folders visited.

A folder chosen for an export may bear the agent's name. So:
- Qt's dialog is used, never the system's: GTK's records every chosen file in recently-used.xbel, Windows'
  keeps lists of recent folders in the registry, and neither can be turned off from the application.
- Qt's dialog reads its history (folders visited, last folder, sidebar) in its constructor and writes it in its
  destructor, through QSettings(UserScope, "QtProject"): ~/.config/QtProject.conf, mode 0644 (measured with Qt
  6.11). For those two moments the user-scope settings paths point at a folder that cannot exist, so nothing is
  read or written; and before it is destroyed the dialog is brought back to its neutral start folder with an
  empty history, which is all it could record where the path cannot be redirected (the Windows registry).
- French labels: qtbase_fr.qm translates the dialog except two labels whose source text gained an
  accelerator in Qt 6 ("&Look in:", "Files of &type:" — the catalogue still has "Look in:"); every label is set
  here.
- The suggested file name is the caller's: built from pseudonymous ids and dates, never from a name.
"""

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

PDF_FILTER = "Documents PDF (*.pdf)"
ODT_FILTER = "Documents texte OpenDocument (*.odt)"
CSV_FILTER = "Tableur CSV (*.csv)"
BACKUP_FILTER = "Sauvegardes cmc-desktop (*.db)"
ALL_FILES = "Tous les fichiers (*)"
_NOWHERE = os.path.join(os.devnull, "cmc-desktop-sans-historique")  # a folder under a device: never created
# On Windows and macOS the native format is the registry or CFPreferences, which take no path.
_FORMATS = ((QSettings.Format.IniFormat,) if sys.platform in ("win32", "darwin")
            else (QSettings.Format.NativeFormat, QSettings.Format.IniFormat))
_LABELS = ((QFileDialog.DialogLabel.LookIn, "&Voir dans :"), (QFileDialog.DialogLabel.FileName, "&Nom du fichier :"),
           (QFileDialog.DialogLabel.FileType, "&Type de fichier :"), (QFileDialog.DialogLabel.Reject, "Annuler"))


class FileChooser:
    """Asks the CMC where to save a file or which file to open. `directory`: where the dialog starts (the
    Documents folder by default). Tests pass an object with the same two methods that answers directly."""

    def __init__(self, *, directory: Path | None = None) -> None:
        self.directory = directory

    def save_path(self, parent: QWidget | None, title: str, suggested_name: str, *,
                  name_filter: str | None = None) -> Path | None:
        """The chosen place, with the filter's extension added when the CMC left it out; None if cancelled.
        Without `name_filter`, the kind of file follows the suggested name (a PDF, or the accessible ODT)."""
        if name_filter is None:
            name_filter = ODT_FILTER if suggested_name.endswith(".odt") else PDF_FILTER
        start = self._start()
        with _history_kept_nowhere():
            dialog = QFileDialog(parent, title, str(start))
        self._prepare(dialog, "&Enregistrer")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([name_filter])
        suffix = name_filter.rpartition("*.")[2].rstrip(")")
        if suffix and suffix != "*":
            dialog.setDefaultSuffix(suffix)
        dialog.selectFile(str(start / suggested_name))
        return self._run(dialog, start)

    def open_path(self, parent: QWidget | None, title: str, *,
                  name_filters: Sequence[str] = (PDF_FILTER, ALL_FILES)) -> Path | None:
        """The chosen existing file; None if cancelled."""
        start = self._start()
        with _history_kept_nowhere():
            dialog = QFileDialog(parent, title, str(start))
        self._prepare(dialog, "&Ouvrir")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(list(name_filters))
        return self._run(dialog, start)

    def folder_path(self, parent: QWidget | None, title: str) -> Path | None:
        """The chosen existing folder (an export's destination, a backup folder); None if cancelled."""
        start = self._start()
        with _history_kept_nowhere():
            dialog = QFileDialog(parent, title, str(start))
        self._prepare(dialog, "&Choisir")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        return self._run(dialog, start)

    def _start(self) -> Path:
        if self.directory is not None and self.directory.is_dir():
            return self.directory
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    @staticmethod
    def _prepare(dialog: QFileDialog, accept: str) -> None:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setHistory([])  # folders visited earlier in this session
        for label, text in (*_LABELS, (QFileDialog.DialogLabel.Accept, accept)):
            dialog.setLabelText(label, text)

    @staticmethod
    def _run(dialog: QFileDialog, start: Path) -> Path | None:
        try:
            if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            dialog.setDirectory(str(start))  # what the dialog would remember: the neutral start folder only
            dialog.setHistory([])
            with _history_kept_nowhere():
                shiboken6.delete(dialog)  # now, inside the redirection, not later from the event loop


@contextlib.contextmanager
def _history_kept_nowhere() -> Iterator[None]:
    """User-scope QSettings created meanwhile read and write nowhere (existing ones, ours included, are not
    affected). Runs on the GUI thread, which alone creates settings objects."""
    homes = [Path(QSettings(fmt, QSettings.Scope.UserScope, "cmc-desktop-sonde").fileName()).parent
             for fmt in _FORMATS]
    for fmt in _FORMATS:
        QSettings.setPath(fmt, QSettings.Scope.UserScope, _NOWHERE)
    try:
        yield
    finally:
        for fmt, home in zip(_FORMATS, homes, strict=True):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home))
