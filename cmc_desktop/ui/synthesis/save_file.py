"""Writing an export atomically where the CMC chose (widgets/file_dialogs.py asks where).

The file is written with QSaveFile: the content goes to an unnamed file in the target's own folder (O_TMPFILE on
Linux, a hidden sibling elsewhere), linked under the chosen name only once complete. No copy is made in a temp
folder, a failure leaves the previous file as it was, and the new file is readable by its owner only.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileDevice, QIODevice, QSaveFile

from ...domain.errors import DomainError

_PRIVATE = QFileDevice.Permission.ReadOwner | QFileDevice.Permission.WriteOwner


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
