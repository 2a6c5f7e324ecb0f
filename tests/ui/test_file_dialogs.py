"""File dialogs: Qt's own, in French, keeping no history of the folders used (a folder may bear the agent's name),
and the interface settings file private (0600)."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from cmc_desktop.ui.settings_store import UiSettings
from cmc_desktop.ui.widgets.file_dialogs import FileChooser

from .helpers import when_modal

ROOT = Path(__file__).resolve().parents[2]
FOLDER = "Dossier-Quastenbruck-Zephyrine"


def test_no_file_keeps_the_folders_used_and_settings_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    sandbox = {name: home / part for name, part in (("HOME", "."), ("XDG_CONFIG_HOME", ".config"),
                                                      ("XDG_CACHE_HOME", ".cache"), ("XDG_DATA_HOME", ".local/share"),
                                                      ("XDG_RUNTIME_DIR", "run"), ("TMPDIR", "tmp"))}
    for directory in sandbox.values():
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder = home / "Documents" / FOLDER
    folder.mkdir(parents=True)
    env = {**os.environ, **{name: str(path) for name, path in sandbox.items()}, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run([sys.executable, "-m", "tests.file_dialog_flows", str(home / "donnees"), str(folder)],
                            cwd=ROOT, env=env, capture_output=True, timeout=240)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]

    written = [p for p in home.rglob("*") if p.is_file() and folder not in p.parents]
    settings = home / ".config" / "cmc-desktop" / "cmc-desktop.ini"
    assert settings in written and b"geometrie" in settings.read_bytes()  # the window did save its settings
    remembering = [str(p.relative_to(home)) for p in written if b"Quastenbruck" in p.read_bytes()]
    assert remembering == []
    assert not list(home.rglob("QtProject.conf")) and not list(home.rglob("recently-used.xbel"))
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    assert stat.S_IMODE(settings.parent.stat().st_mode) == 0o700


def test_an_older_settings_file_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "cmc-desktop" / "interface.ini"
    path.parent.mkdir()
    path.write_text("[fenetre]\nderniere_vue=agents\n")
    path.chmod(0o644)
    settings = UiSettings(path)
    assert settings.last_view == "agents"
    settings.auto_lock_minutes = 10
    settings.sync()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and "verrouillage_minutes=10" in path.read_text()


def test_the_dialog_is_qt_s_own_and_entirely_in_french(qtbot, window, tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        seen["native"] = not dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        seen["labels"] = sorted(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
        seen["history"] = dialog.history()
        dialog.reject()

    when_modal(look)
    assert FileChooser(directory=tmp_path).save_path(window, "Exporter", "synthese-DS-ABCD1234.pdf") is None
    assert seen["native"] is False
    assert seen["labels"] == ["&Nom du fichier :", "&Type de fichier :", "&Voir dans :"]
    assert seen["history"] == [str(tmp_path)]  # nothing from earlier dialogs
