"""The real entry point, in a fresh process: the main window is painted before the data layer is imported."""

import os
import subprocess
import sys
from pathlib import Path

from cmc_desktop.data.store import Store
from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "sqlcipher3", "keyring", "cryptography", "alembic", "reportlab", "pypdf")

CHILD = f"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from cmc_desktop.cli import main
from cmc_desktop.ui import app as cmc_app


class FirstPaint(QObject):
    seen = False

    def eventFilter(self, watched, event):
        if (not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and isinstance(watched.window(), QMainWindow)):
            self.seen = True
            print("paint", *[m for m in {HEAVY!r} if m in sys.modules], flush=True)
        return False


def unlock():
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(20, unlock)
        return
    print("dialog", type(dialog).__name__, type(dialog.parent()).__name__, flush=True)
    dialog.prompt.field.setText(sys.argv[2])
    dialog.prompt.button.click()
    QTimer.singleShot(20, opened)


def opened():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))
    if window.locked:
        QTimer.singleShot(20, opened)
        return
    import linecache  # PySide's __feature__ hook, taken out by cmc_desktop.ui, would have read their sources
    print("open", window.current_key, "sources read:", any("sqlalchemy" in name for name in linecache.cache),
          flush=True)
    window.close()


probe = FirstPaint()
create_application, apply_theme = cmc_app.create_application, cmc_app.apply_theme


def seen_theme(app):  # the style the application was created with, before the style sheet wraps it
    print("style", app.style().name(), flush=True)
    apply_theme(app)


def watched_application(argv):  # the application the entry point creates, watched from its start
    app = create_application(argv)
    app.installEventFilter(probe)
    QTimer.singleShot(0, unlock)
    return app


cmc_app.create_application, cmc_app.apply_theme = watched_application, seen_theme
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_window_paints_before_the_store_is_imported_then_opens_it(tmp_path: Path, no_vault) -> None:
    data_dir = tmp_path / "donnees"
    Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF).close()
    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "cfg"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"), "PYTHONPATH": str(ROOT),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([sys.executable, "-c", CHILD, str(data_dir), PASSPHRASE], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0] == "style fusion", lines
    assert lines[1] == "paint", lines  # none of the heavy modules was loaded when the window first painted
    assert lines[2:] == ["dialog UnlockDialog MainWindow", "open tableau-de-bord sources read: False"], lines
    assert "ui.store_opening passphrase" in done.stderr and str(data_dir) not in done.stderr
