"""The installer files hold together without building anything (the build itself is installer/smoke_test.py).

The PyInstaller spec is executed with recording stand-ins for PyInstaller's names, so that what it asks to
bundle — and what its filters keep or drop — is checked even where PyInstaller is not installed.
"""

import configparser
import shutil
import struct
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

import cmc_desktop

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "cmc-desktop.spec"


class Recorder:
    def __init__(self, kind: str, calls: list) -> None:
        self.kind, self.calls = kind, calls

    def __call__(self, *args, **kwargs):
        self.calls.append((self.kind, args, kwargs))
        result = types.SimpleNamespace(args=args, kwargs=kwargs, datas=[], binaries=[], pure=[], scripts=[])
        return result


def run_spec(monkeypatch: pytest.MonkeyPatch, *, platform: str = "linux", imports: dict | None = None) -> dict:
    """Execute the spec; returns its namespace and the PyInstaller calls it made."""
    calls: list = []
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **kw: [(f"<{package}>", package.replace(".", "/"), "DATA", kw)]
    hooks.collect_submodules = lambda package: [f"<all of {package}>"]
    hooks.copy_metadata = lambda package: [(f"<metadata of {package}>", package, "DATA", {})]
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda path: [(name, None) for name in (imports or {}).get(path, [])]
    for name, module in {"PyInstaller": types.ModuleType("PyInstaller"), "PyInstaller.utils": types.ModuleType("u"),
                         "PyInstaller.utils.hooks": hooks, "PyInstaller.depend": types.ModuleType("d"),
                         "PyInstaller.depend.bindepend": bindepend}.items():
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "platform", platform)
    namespace = {"SPECPATH": str(INSTALLER), "__file__": str(SPEC),
                 **{name: Recorder(name, calls) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["calls"] = calls
    return namespace


def call(namespace: dict, kind: str) -> list:
    return [(args, kwargs) for k, args, kwargs in namespace["calls"] if k == kind]


def test_spec_bundles_resources_migrations_and_every_module(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_spec(monkeypatch)
    ((scripts,), analysis), = call(ns, "Analysis")
    assert scripts == [str(INSTALLER / "launcher.py")]
    datas = analysis["datas"]
    assert (str(ROOT / "resources"), "resources") in datas
    migrations = [d for d in datas if d[0] == "<cmc_desktop.data.migrations>"]
    assert migrations and migrations[0][3] == {"include_py_files": True}  # Alembic reads versions/*.py by path
    assert {"<odfdo>", "<metadata of odfdo>"} <= {d[0] for d in datas}  # the accessible ODT: templates, version
    hidden = analysis["hiddenimports"]
    assert {"<all of cmc_desktop>", "alembic.op", "alembic.context", "PySide6.QtWidgets"} <= set(hidden)
    for folder in ("fonts", "i18n", "icons", "style"):
        assert (ROOT / "resources" / folder).is_dir(), folder


def test_spec_is_one_folder_with_a_console_twin_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    linux = call(run_spec(monkeypatch), "EXE")
    assert [kw["name"] for _, kw in linux] == ["cmc-desktop"]
    assert all(kw["exclude_binaries"] for _, kw in linux)  # one folder: the libraries stay beside the .exe
    assert len(call(run_spec(monkeypatch), "COLLECT")) == 1
    windows = call(run_spec(monkeypatch, platform="win32"), "EXE")
    assert {kw["name"]: kw["console"] for _, kw in windows} == {"cmc-desktop": False, "cmc-desktop-cli": True}
    assert all(Path(kw["icon"]).is_file() for _, kw in windows)


def test_spec_filters_keep_what_the_app_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    keep = run_spec(monkeypatch)["keep"]
    for needed in ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/Qt/plugins/platforms/libqxcb.so",
                   "PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/Qt/plugins/platforms/qwindows.dll",
                   "PySide6/Qt/plugins/imageformats/libqsvg.so", "PySide6/Qt/translations/qtbase_fr.qm",
                   "resources/i18n/qtbase_fr.qm", "cmc_desktop/data/migrations/versions/0001_initial_schema.py"):
        assert keep(needed), needed
    for dropped in ("PySide6/Qt/translations/qtbase_de.qm", "PySide6/Qt/plugins/sqldrivers/libqsqlpsql.so",
                    "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/Qt/plugins/platforms/libqeglfs.so"):
        assert not keep(dropped), dropped


def test_spec_prunes_libraries_only_a_dropped_plugin_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    imports = {"/qt/libqxcb.so": ["libxcb-cursor.so.0", "libQt6XcbQpa.so.6"], "/qt/libQt6XcbQpa.so.6": ["libX11.so.6"],
               "/py/QtGui.abi3.so": ["libQt6Gui.so.6"]}
    prune = run_spec(monkeypatch, imports=imports)["prune_orphans"]
    binaries = [("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/libqxcb.so", "BINARY"),
                ("PySide6/QtGui.abi3.so", "/py/QtGui.abi3.so", "EXTENSION"),
                ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/qt/libQt6XcbQpa.so.6", "BINARY"),
                ("PySide6/Qt/lib/libQt6Gui.so.6", "/qt/libQt6Gui.so.6", "BINARY"),
                ("libxcb-cursor.so.0", "/lib/libxcb-cursor.so.0", "BINARY"),
                ("libX11.so.6", "/lib/libX11.so.6", "BINARY"),
                ("libcairo.so.2", "/lib/libcairo.so.2", "BINARY"),  # only the dropped GTK theme linked it
                ("libpython3.11.so.1.0", "/lib/libpython3.11.so.1.0", "BINARY"),
                ("_cffi_backend.cp311-win_amd64.pyd", "/py/_cffi_backend.pyd", "EXTENSION"),
                ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")]
    kept = {dest for dest, _, _ in prune(binaries)}
    assert kept == {dest for dest, _, _ in binaries} - {"libcairo.so.2"}


def test_desktop_entry_is_valid_and_points_at_the_installed_names() -> None:
    path = INSTALLER / "linux" / "cmc-desktop.desktop"
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == "cmc-desktop" and desktop["Icon"] == "cmc-desktop"
    assert desktop["Terminal"] == "false" and desktop["Categories"].endswith(";")
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_linux_scripts_parse_and_name_files_that_exist() -> None:
    for script in ("build_linux.sh", "linux/install-user.sh"):
        assert subprocess.run(["bash", "-n", str(INSTALLER / script)], capture_output=True).returncode == 0, script
    build = (INSTALLER / "build_linux.sh").read_text(encoding="utf-8")
    for needed in ("installer/linux/cmc-desktop.desktop", "resources/icons/cmc-desktop.svg",
                   "installer/linux/install-user.sh", "installer/cmc-desktop.spec"):
        assert needed in build and (ROOT / needed).is_file(), needed
    for size in (48, 128, 256):
        png = (INSTALLER / "icons" / f"cmc-desktop-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (size, size)


def test_windows_icon_holds_the_usual_sizes() -> None:
    data = (INSTALLER / "icons" / "cmc-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_inno_setup_script_installs_per_user_in_french_at_the_package_version() -> None:
    iss = (INSTALLER / "windows" / "cmc-desktop.iss").read_text(encoding="utf-8")
    lines = {line.split("=", 1)[0].strip(): line.split("=", 1)[1].strip() for line in iss.splitlines()
             if "=" in line and not line.lstrip().startswith((";", "#", "Name:", "Source:", "Filename:", "Type:"))}
    assert lines["PrivilegesRequired"] == "lowest"
    assert lines["DefaultDirName"].startswith("{autopf}")
    assert 'MessagesFile: "compiler:Languages\\French.isl"' in iss and lines["ShowLanguageDialog"] == "no"
    assert f'#define AppVersion "{cmc_desktop.__version__}"' in iss
    assert (ROOT / lines["SetupIconFile"].replace("\\", "/")).is_file()
    assert 'Source: "dist\\cmc-desktop\\*"' in iss
    assert "{commonpf}" not in iss and "admin" not in lines.values()
    ps1 = (INSTALLER / "build_windows.ps1").read_bytes()
    assert ps1.startswith(b"\xef\xbb\xbf")  # Windows PowerShell 5.1 reads a BOM-less script as ANSI
    assert b"installer\\windows\\cmc-desktop.iss" in ps1 and b"installer\\cmc-desktop.spec" in ps1


def test_package_extra_and_ignored_build_output() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(req.startswith("pyinstaller") for req in project["optional-dependencies"]["package"])
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert {"build/", "dist/"} <= set(ignored)
