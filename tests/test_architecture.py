"""The domain, data and services packages never import Qt, even indirectly."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import importlib, pkgutil, sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
            raise ImportError("Qt is forbidden here: " + name)
sys.meta_path.insert(0, Blocker())
import cmc_desktop
for package in ("cmc_desktop.domain", "cmc_desktop.data", "cmc_desktop.services", "cmc_desktop.pdf", "cmc_desktop.cli"):
    try:
        module = importlib.import_module(package)
    except ModuleNotFoundError:
        continue
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if ".migrations.versions." in info.name or info.name.endswith("migrations.env"):
            continue
        importlib.import_module(info.name)
import cmc_desktop.cli
print("ok", len(sys.modules))
"""


def test_domain_data_services_import_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
