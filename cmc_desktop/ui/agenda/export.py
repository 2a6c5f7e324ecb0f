"""Saving an iCalendar file where the CMC chooses, written like every export (QSaveFile: whole or nothing,
readable by her alone, no temporary copy elsewhere)."""

from PySide6.QtWidgets import QWidget

from ...services.calendar_export import export_agenda, export_event, suggested_filename
from ...services.workspace import Workspace
from ..navigation import Navigator
from ..synthesis.save_file import write_atomically
from ..widgets import ERROR, user_message
from ..widgets.file_choice import choose_file

ICS_FILTERS = ["Fichiers d'agenda iCalendar (*.ics)"]


def export_calendar(parent: QWidget, ws: Workspace, navigator: Navigator, key: str | None) -> bool:
    """Ask where, then write one event (`key`) or the whole agenda (None); True once written."""
    title = "Exporter l'agenda" if key is None else "Exporter l'événement"
    path = choose_file(parent, title, save=True, filters=ICS_FILTERS, suggested=suggested_filename(key))
    if path is None:
        return False
    if path.suffix.lower() != ".ics":
        path = path.with_name(path.name + ".ics")
    try:
        write_atomically(path, lambda: export_agenda(ws) if key is None else export_event(ws, key))
    except Exception as error:  # the message names no path (it may hold a name)
        navigator.notify(user_message(error), ERROR)
        return False
    navigator.notify("Fichier d'agenda enregistré : importez-le dans Outlook ou Thunderbird. Il ne contient pas "
                     "le nom des agents, sauf si vous l'avez demandé dans Paramètres.")
    return True
