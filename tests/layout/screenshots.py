"""The main views of the demonstration store as a 1920×1080 laptop at 150 % shows them (docs/screenshots/150/).

    QT_SCALE_FACTOR=1.5 python -m tests.layout.screenshots docs/screenshots/150

Run by ./scripts/screenshots and by the `screenshot` test of tests/ui/test_layout_walk.py (the scale factor is
process-wide). Each PNG is 1920×1080 device pixels: the window of 1280×720 logical pixels, drawn at 150 %.
"""

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize

from cmc_desktop.ui import tasks

from .walk import VIEWS, demo_window, settle, use_laptop_screen

SHOTS = {
    "tableau de bord": "tableau-de-bord.png", "agents": "agents.png", "dossier d'agent": "dossier-agent.png",
    "entretiens": "entretiens.png", "entretien E2": "entretien-e2.png", "promotions": "promotions.png",
    "tableau d'une promotion": "promotion-tableau.png", "agenda": "agenda.png", "synthèses": "syntheses.png",
    "éditeur de synthèse": "synthese-editeur.png", "indicateurs": "indicateurs.png", "paramètres": "parametres.png",
}


def main(out: Path) -> None:
    from cmc_desktop.ui.app import create_application

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        use_laptop_screen(Path(tmp), QSize(1280, 720))
        create_application(sys.argv[:1])
        tasks.set_executor(tasks.run_now)
        with demo_window(Path(tmp)) as (window, demo):
            window.resize(1280, 720)
            window.show()
            for name, show in VIEWS:
                if name in SHOTS:
                    show(window, demo)
                    settle()
                    if not window.grab().save(str(out / SHOTS[name])):
                        raise OSError(f"capture impossible : {SHOTS[name]}")
                    print(out / SHOTS[name])


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/150"))
