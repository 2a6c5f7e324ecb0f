"""Where an exported PDF (or its accessible ODT) goes, and writing it there atomically.

The CMC chooses the place (FileChooser, replaced by a direct answer in tests); the file is then written
with QSaveFile: the content goes to an unnamed file in the target's own folder (O_TMPFILE on Linux, a
hidden sibling elsewhere), linked under the chosen name only once complete. No copy is made in a temp
folder, a failure leaves the previous file as it was, and the new file is readable by its owner only.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileDevice, QIODevice, QSaveFile, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ...domain.errors import DomainError

PDF_FILTER = "Documents PDF (*.pdf)"
ODT_FILTER = "Documents texte OpenDocument (*.odt)"
_PRIVATE = QFileDevice.Permission.ReadOwner | QFileDevice.Permission.WriteOwner


class FileChooser:
    """Asks the CMC where to save a PDF or which PDF to open, in a French file dialog.

    `native=False` uses Qt's own dialog (the same on every system, drivable in tests); `directory` is
    where the dialog starts (the Documents folder by default).
    """

    def __init__(self, *, native: bool = True, directory: Path | None = None) -> None:
        self.native = native
        self.directory = directory

    def save_path(self, parent: QWidget | None, title: str, suggested_name: str) -> Path | None:
        """Where to save; the kind of file (PDF, or the accessible ODT) follows the suggested name's suffix."""
        dialog = self._dialog(parent, title, QFileDialog.AcceptMode.AcceptSave, "Enregistrer")
        odt = suggested_name.endswith(".odt")
        dialog.setNameFilters([ODT_FILTER if odt else PDF_FILTER])
        dialog.setDefaultSuffix("odt" if odt else "pdf")
        dialog.selectFile(str(self._start() / suggested_name))
        return self._run(dialog)

    def open_path(self, parent: QWidget | None, title: str) -> Path | None:
        dialog = self._dialog(parent, title, QFileDialog.AcceptMode.AcceptOpen, "Ouvrir")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([PDF_FILTER, "Tous les fichiers (*)"])
        return self._run(dialog)

    def _start(self) -> Path:
        if self.directory is not None:
            return self.directory
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def _dialog(self, parent: QWidget | None, title: str, mode: QFileDialog.AcceptMode, accept: str) -> QFileDialog:
        dialog = QFileDialog(parent, title, str(self._start()))
        dialog.setAcceptMode(mode)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not self.native)
        for label, text in ((QFileDialog.DialogLabel.LookIn, "Dossier :"),
                            (QFileDialog.DialogLabel.FileName, "Nom du fichier :"),
                            (QFileDialog.DialogLabel.FileType, "Type de fichier :"),
                            (QFileDialog.DialogLabel.Accept, accept),
                            (QFileDialog.DialogLabel.Reject, "Annuler")):
            dialog.setLabelText(label, text)
        return dialog

    @staticmethod
    def _run(dialog: QFileDialog) -> Path | None:
        try:
            if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()


def write_atomically(path: Path, produce: Callable[[], bytes]) -> None:
    """Write what `produce()` returns to `path`, all or nothing.

    The target is opened before `produce` runs, so an unwritable place is reported before an export is
    rendered and journaled. Errors are French DomainErrors that name no path (it may hold a name).
    """
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise DomainError("Impossible d'écrire à cet emplacement : vérifiez que le dossier existe et que vous "
                          "avez le droit d'y enregistrer un fichier. Aucun fichier n'a été créé.")
    try:
        target.setPermissions(_PRIVATE)
        data = produce()
        if target.write(data) != len(data) or not target.commit():
            raise DomainError("Le fichier n'a pas pu être enregistré (disque plein ou support retiré ?). "
                              "Aucun fichier incomplet n'a été laissé ; un fichier existant est resté intact.")
    finally:
        if target.isOpen():  # produce() failed: a cancelled commit discards the unnamed file
            target.cancelWriting()
            target.commit()
