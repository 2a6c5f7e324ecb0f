"""The layout walk: every view and every dialog of the demonstration store, at a given screen size.

    python -m tests.layout.walk 1280x720 [--zoom 200] [--vues-principales] [--seulement NAME]...
    (prints the problems found as JSON; `--seulement` walks the views and dialogs of these names only)

`QT_SCALE_FACTOR` applies to the whole process, hence a module that a test runs in a subprocess for the
scaled sizes; the same functions run in-process for the others (tests/ui/test_layout_walk.py).
"""

import json
import os
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget  # noqa: E402

from cmc_desktop.data.store import Store  # noqa: E402
from cmc_desktop.data.vault import KeyVault  # noqa: E402
from cmc_desktop.domain.clock import FixedClock  # noqa: E402
from cmc_desktop.domain.interview import InterviewType  # noqa: E402
from cmc_desktop.services import synthesis as synthesis_service  # noqa: E402
from cmc_desktop.services.agent_search import search_agents  # noqa: E402
from cmc_desktop.services.demo import populate  # noqa: E402
from cmc_desktop.services.interviews import list_interviews  # noqa: E402
from cmc_desktop.services.promotions import list_promotions  # noqa: E402
from cmc_desktop.services.workspace import Workspace  # noqa: E402
from cmc_desktop.ui import navigation, tasks, text_zoom  # noqa: E402
from cmc_desktop.ui.main_window import MainWindow  # noqa: E402
from cmc_desktop.ui.settings_store import UiSettings  # noqa: E402
from cmc_desktop.ui.widgets.feedback import ErrorBanner  # noqa: E402

from .checks import problems  # noqa: E402

PASSPHRASE = "phrase secrète de la démonstration"
LONG_MESSAGE = ("La date de la séance doit tomber dans la phase choisie : la phase 2 de cette promotion va du "
                "2 au 27 novembre 2026. Choisissez une autre date ou une autre phase, puis enregistrez à nouveau.")


@dataclass
class Demo:
    """The demonstration store, opened, and the ids the walk opens."""

    ws: Workspace
    agent_id: int
    e2_id: int
    promotion_id: int
    synthesis_id: int


@contextmanager
def demo_store(folder: Path) -> Iterator[Demo]:
    from tests.conftest import FAST_KDF

    store = Store.create(folder / "donnees", PASSPHRASE, vault=KeyVault(), kdf=FAST_KDF)
    try:
        ws = Workspace(store, FixedClock(datetime(2026, 11, 16, 9, 30, tzinfo=UTC)))
        populate(ws)
        agent = next(a for a in search_agents(ws, "Vigne"))
        [e2] = [i.interview for i in list_interviews(ws, InterviewType.E2)
                if i.interview.subject == "Projet de mobilité vers la formation"]
        promotion = next(s.promotion for s in list_promotions(ws) if s.promotion.name == "Cap Printemps (démo)")
        synthesis = next(s for s in synthesis_service.list_syntheses(ws) if not s.destruction_pending)
        yield Demo(ws, agent.id, e2.id, promotion.id, synthesis.id)
    finally:
        store.close()


def settle(rounds: int = 12) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


Screen = tuple[str, Callable[[MainWindow, Demo], QWidget | None]]


def _view(key: str, target: Callable[[Demo], int] | None = None) -> Callable[[MainWindow, Demo], None]:
    def show(window: MainWindow, demo: Demo) -> None:
        view = window.show_view(key)
        if target is not None:
            view.open_item(target(demo))  # type: ignore[attr-defined]
        else:
            view.open_item(None)  # type: ignore[attr-defined]
        return None

    return show


VIEWS: list[tuple[str, Callable[[MainWindow, Demo], None]]] = [
    ("tableau de bord", _view(navigation.DASHBOARD)),
    ("agents", _view(navigation.AGENTS)),
    ("dossier d'agent", _view(navigation.AGENTS, lambda d: d.agent_id)),
    ("entretiens", _view(navigation.INTERVIEWS)),
    ("entretien E2", _view(navigation.INTERVIEWS, lambda d: d.e2_id)),
    ("promotions", _view(navigation.PROMOTIONS)),
    ("tableau d'une promotion", _view(navigation.PROMOTIONS, lambda d: d.promotion_id)),
    ("agenda", _view(navigation.AGENDA)),
    ("synthèses", _view(navigation.SYNTHESES)),
    ("éditeur de synthèse", _view(navigation.SYNTHESES, lambda d: d.synthesis_id)),
    ("indicateurs", _view(navigation.INDICATORS)),
    ("paramètres", _view(navigation.SETTINGS)),
]


# The start page of each entry of the navigation: what must stay whole with the texts at 200 %.
MAIN_VIEWS = ["tableau de bord", "agents", "entretiens", "promotions", "agenda", "synthèses", "indicateurs",
              "paramètres"]


def _dialogs(window: MainWindow, demo: Demo) -> list[tuple[str, Callable[[], QDialog]]]:
    """The main dialogs, built as their buttons build them (parented to the window)."""
    from cmc_desktop.services.consents import rubrics_of
    from cmc_desktop.services.promotions import promotion_board
    from cmc_desktop.ui.agents.accompaniment_dialog import RequestDialog
    from cmc_desktop.ui.agents.demande_dialog import DemandeDialog
    from cmc_desktop.ui.agents.new_agent_dialog import NewAgentDialog
    from cmc_desktop.ui.interviews.new_dialog import NewInterviewDialog
    from cmc_desktop.ui.profile.dialog import ProfileDialog
    from cmc_desktop.ui.promotions.enrolment import EnrolmentDialog
    from cmc_desktop.ui.promotions.promotion_dialog import PromotionDialog
    from cmc_desktop.ui.promotions.seance_dialog import SeanceDialog
    from cmc_desktop.ui.synthesis.consents import ConsentDialog
    from cmc_desktop.ui.synthesis.exchange import ExportDialog
    from cmc_desktop.ui.synthesis.view import NewSynthesisDialog

    ws = demo.ws
    board = promotion_board(ws, demo.promotion_id)
    rubrics = rubrics_of(ws, demo.synthesis_id)
    return [
        ("Nouvel agent", lambda: NewAgentDialog(ws, window)),
        ("Demande d'accompagnement", lambda: RequestDialog(ws, demo.agent_id, window)),
        ("Nouvelle demande de BPP", lambda: DemandeDialog(ws, demo.agent_id, window)),
        ("Nouvel entretien", lambda: NewInterviewDialog(ws, window, agent_id=demo.agent_id)),
        ("Nouvelle promotion", lambda: PromotionDialog(ws, parent=window)),
        ("Planifier une séance", lambda: SeanceDialog(ws, board.promotion, board.participants, parent=window)),
        ("Inscrire des agents", lambda: EnrolmentDialog(ws, board.promotion, window)),
        ("Nouveau document de synthèse", lambda: NewSynthesisDialog(ws, window)),
        ("Ajouter un consentement", lambda: ConsentDialog(ws, demo.synthesis_id, rubrics, window)),
        ("Exporter en PDF", lambda: ExportDialog(ws, demo.synthesis_id, window)),
        ("Profil du conseiller", lambda: ProfileDialog(ws, window)),
    ]


def _other_dialogs(demo: Demo) -> list[tuple[type[QDialog], str, Callable[[], QDialog]]]:
    """Every dialog of the application, built as the dialog-keys table builds it (tests/ui/dialog_table)."""
    from tests.ui.dialog_cases import demo_of
    from tests.ui.dialog_table import CASES

    data_dir = demo.ws.store.paths.root
    opened = demo_of(demo.ws, data_dir, data_dir.parent)
    return [(case.dialog, case.name, lambda case=case: case.build(opened)) for case in CASES]


def _tab_widgets(root: QWidget) -> list[QTabWidget]:
    return [t for t in root.findChildren(QTabWidget) if t.isVisible() and t.window() is root.window()]


def check_window(window: MainWindow, demo: Demo, screen: QSize, *, main_only: bool = False,
                 only: Collection[str] = ()) -> dict[str, list[str]]:
    """Every view (each tab of its tab widgets) and every dialog — with `main_only`, the MAIN_VIEWS only;
    with `only`, the views and dialogs of these names only: the problems of each screen."""
    found: dict[str, list[str]] = {}
    window.resize(screen)
    window.show()
    settle()
    for name, show in VIEWS:
        if (main_only and name not in MAIN_VIEWS) or (only and name not in only):
            continue
        show(window, demo)
        settle()
        found[name] = problems(window, screen)
        for tabs in _tab_widgets(window):
            start = tabs.currentIndex()
            for i in range(tabs.count()):
                if i != start and tabs.isTabVisible(i):
                    tabs.setCurrentIndex(i)
                    settle()
                    found[f"{name} › {tabs.tabText(i)}"] = problems(window, screen)
            tabs.setCurrentIndex(start)
    if not main_only:
        walked: set[type] = set()
        for name, build in _dialogs(window, demo):
            if not only or name in only:
                walked.add(type(_check_dialog(build(), name, screen, found)))
        for kind, name, build in _other_dialogs(demo):
            if kind not in walked and (not only or name in only):
                _check_dialog(build(), name, screen, found)
    return {name: issues for name, issues in found.items() if issues}


def _check_dialog(dialog: QDialog, name: str, screen: QSize, found: dict[str, list[str]]) -> QDialog:
    dialog.show()
    settle()
    found[f"fenêtre « {name} »"] = problems(dialog, screen)
    # A message appearing (a refused input, a success) must not clip anything: the dialog grows.
    banners = [b for b in dialog.findChildren(ErrorBanner) if b.window() is dialog]
    if banners:
        banners[0].show_message(LONG_MESSAGE)
        settle()
        found[f"fenêtre « {name} » avec un message"] = problems(dialog, screen)
    dialog.reject()
    dialog.deleteLater()
    settle()
    return dialog


@contextmanager
def demo_window(folder: Path) -> Iterator[tuple[MainWindow, Demo]]:
    with demo_store(folder) as demo:
        window = MainWindow(demo.ws, vault=KeyVault(), ui_settings=UiSettings(folder / "interface.ini"))
        try:
            yield window, demo
        finally:
            window.close()
            window.deleteLater()
            settle()


def use_laptop_screen(folder: Path, logical: QSize) -> None:
    """Before the QApplication: the offscreen screen is 800×600 unless told; give it the laptop's size in device
    pixels (`QT_SCALE_FACTOR` applied), so that dialogs, which never grow beyond the screen, meet its limits."""
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    screen = folder / "ecran.json"
    screen.write_text(json.dumps({"screens": [{
        "name": "portable", "x": 0, "y": 0, "width": round(logical.width() * scale),
        "height": round(logical.height() * scale), "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}),
        encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"


def main(argv: list[str]) -> None:
    from cmc_desktop.ui.app import create_application

    width, height = (int(n) for n in argv[0].split("x"))
    zoom = int(argv[argv.index("--zoom") + 1]) if "--zoom" in argv else 100
    with tempfile.TemporaryDirectory() as tmp:
        use_laptop_screen(Path(tmp), QSize(width, height))
        create_application(sys.argv[:1])
        tasks.set_executor(tasks.run_now)
        only = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--seulement"]
        _walk(Path(tmp), QSize(width, height), zoom=zoom, main_only="--vues-principales" in argv, only=only)


def _walk(folder: Path, screen: QSize, *, zoom: int, main_only: bool, only: list[str]) -> None:
    with demo_window(folder) as (window, demo):
        text_zoom.apply_zoom(zoom)
        print(json.dumps(check_window(window, demo, screen, main_only=main_only, only=only), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
