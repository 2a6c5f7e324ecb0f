"""Screenshots of the application shell for docs/screenshots/, taken on the demonstration store.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python -m tests.ui.screenshots docs/screenshots

Runs on a temporary copy (never the user's data or keyring) and writes ouverture.png, deverrouillage.png,
premier-lancement.png, fenetre-principale.png and parametres.png.
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from cmc_desktop.data.store import Store  # noqa: E402
from cmc_desktop.data.vault import KeyVault  # noqa: E402
from cmc_desktop.services.demo import create_demo_store  # noqa: E402
from cmc_desktop.services.workspace import Workspace  # noqa: E402
from cmc_desktop.ui import tasks  # noqa: E402
from cmc_desktop.ui.app import create_application  # noqa: E402
from cmc_desktop.ui.main_window import MainWindow  # noqa: E402
from cmc_desktop.ui.navigation import SETTINGS  # noqa: E402
from cmc_desktop.ui.settings_store import UiSettings  # noqa: E402
from cmc_desktop.ui.unlock import FirstRunDialog, UnlockDialog  # noqa: E402
from tests.conftest import FAST_KDF  # noqa: E402

DEMO_PASSPHRASE = "demo-cmc-2026"


def _shoot(widget: QWidget, path: Path) -> None:
    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"capture impossible : {path}")
    print(path)


def main(out: Path) -> None:
    create_application(sys.argv[:1])
    tasks.set_executor(tasks.run_now)
    out.mkdir(parents=True, exist_ok=True)
    vault = KeyVault()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        first = FirstRunDialog(data, vault, kdf=FAST_KDF)
        first.show()
        QApplication.processEvents()
        first.first.setText("ma phrase de ")  # typed after the focus-in, which selects all
        _shoot(first, out / "premier-lancement.png")
        first.close()

        create_demo_store(data, DEMO_PASSPHRASE, vault=vault, kdf=FAST_KDF)
        opening = MainWindow(None, vault=vault, ui_settings=UiSettings(Path(tmp) / "ouverture.ini"), data_dir=data)
        opening.resize(1280, 720)
        _shoot(opening, out / "ouverture.png")
        opening.close()
        unlock = UnlockDialog(data, vault)
        unlock.prompt.field.setText("phrase erronée")
        unlock.prompt.button.click()
        _shoot(unlock, out / "deverrouillage.png")
        unlock.close()

        store = Store.unlock(data, DEMO_PASSPHRASE, vault=vault)
        window = MainWindow(Workspace(store), vault=vault, ui_settings=UiSettings(Path(tmp) / "interface.ini"))
        window.resize(1280, 720)
        _shoot(window, out / "fenetre-principale.png")
        settings = window.show_view(SETTINGS)
        settings.backups.create_backup()
        _shoot(window, out / "parametres.png")
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
