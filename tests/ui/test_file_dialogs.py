"""File dialogs: Qt's own, in French, keeping no history of the folders used (a folder may bear the agent's name),
and the interface settings file private (0600)."""

import ast
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from cmc_desktop.ui.settings_store import UiSettings
from cmc_desktop.ui.widgets.file_dialogs import FileChooser
from tests.file_dialog_flows import CALL_SITES

from .helpers import when_modal

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "cmc_desktop" / "ui"
HELPER = UI / "widgets" / "file_dialogs.py"
FOLDER = "Dossier-Quastenbruck-Zephyrine"
# Qt's file dialog by its class, its static shortcuts, or the platform's own dialog through QtWidgets.
RAW_DIALOG = re.compile(r"QFileDialog|getSaveFileName|getOpenFileName|getExistingDirectory|getSaveFileUrl|"
                        r"getOpenFileUrl|getExistingDirectoryUrl")


def _modules() -> dict[str, str]:
    return {str(path.relative_to(UI)): path.read_text(encoding="utf-8") for path in sorted(UI.rglob("*.py"))}


def test_every_file_dialog_goes_through_the_helper_and_every_call_site_is_driven() -> None:
    """No module but widgets/file_dialogs.py touches Qt's file dialog (it alone keeps the history nowhere); and
    each module that asks for a file is one the no-history flow drives (tests/file_dialog_flows.CALL_SITES) —
    a new place that asks for a file must be added there to be checked."""
    modules = _modules()
    raw = sorted(name for name, text in modules.items() if RAW_DIALOG.search(text) and UI / name != HELPER)
    assert raw == []
    asking = {name for name, text in modules.items()
              if re.search(r"from \.+(widgets\.)?(file_dialogs|file_choice) import", text) and UI / name != HELPER}
    assert asking == set(CALL_SITES), (sorted(asking - set(CALL_SITES)), sorted(set(CALL_SITES) - asking))


def test_the_helper_makes_and_destroys_every_dialog_with_the_history_kept_nowhere() -> None:
    """Qt reads the dialog's history when it is made and writes it when it is destroyed: both happen inside
    `_history_kept_nowhere()`, in every method of FileChooser."""
    tree = ast.parse(HELPER.read_text(encoding="utf-8"))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.With) and any(
                isinstance(item.context_expr, ast.Call) and isinstance(item.context_expr.func, ast.Name)
                and item.context_expr.func.id == "_history_kept_nowhere" for item in node.items):
            guarded |= {id(inner) for inner in ast.walk(node)}
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    made = [c for c in calls if isinstance(c.func, ast.Name) and c.func.id == "QFileDialog"]
    destroyed = [c for c in calls if isinstance(c.func, ast.Attribute) and c.func.attr == "delete"]
    assert len(made) == 3 and len(destroyed) == 1  # save, open, folder; one place where each dialog ends
    assert all(id(call) in guarded for call in (*made, *destroyed))


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
