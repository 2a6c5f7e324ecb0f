"""The opening imports the code of the view the window opens on off the GUI thread (ui/app.py), and any view may
be that one; the code of an agent's file follows in the background. Importing them must build nothing that
belongs to the GUI thread — no widget, no QObject given a parent of that thread (Qt says it in a warning).
Checked in a fresh interpreter, where every module of every view and of the file is imported for the first time,
by a worker thread."""

import subprocess
import sys

IMPORT_EVERY_VIEW_OFF_THREAD = """
import sys, threading
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication

said = []
qInstallMessageHandler(lambda mode, context, message: said.append(message))
app = QApplication([])
from cmc_desktop.ui.main_window import MainWindow  # what the window imports before its first paint
from cmc_desktop.ui.navigation import REGISTRY
from cmc_desktop.ui.views import register_application_views
from cmc_desktop.ui.app import FILE_CODE

register_application_views()  # as the window does

before, widgets = set(sys.modules), len(QApplication.allWidgets())
failed = []

def load_every_view():
    for spec in REGISTRY.specs():
        try:
            spec.load()
        except BaseException as error:
            failed.append(f"{spec.key}: {error!r}")
    __import__(FILE_CODE)

worker = threading.Thread(target=load_every_view)
worker.start()
worker.join()
app.processEvents()
loaded = sorted(name for name in set(sys.modules) - before if name.startswith("cmc_desktop.ui."))
print(len(REGISTRY.specs()), len(loaded), "cmc_desktop.data.models" in sys.modules and FILE_CODE in loaded,
      len(QApplication.allWidgets()) - widgets)
print("failed:", failed)
print("said:", said)
"""


def test_every_views_code_imports_off_the_gui_thread_without_a_qt_warning() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORT_EVERY_VIEW_OFF_THREAD], capture_output=True, text=True,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    views, modules, mapped, new_widgets = done.stdout.splitlines()[0].split()
    assert int(views) == 8 and int(modules) > 50 and mapped == "True"  # the views' own modules, and their data
    assert new_widgets == "0"
    assert done.stdout.splitlines()[1:] == ["failed: []", "said: []"]
