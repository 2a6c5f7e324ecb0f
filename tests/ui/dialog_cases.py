"""Every dialog of the application opened on a demonstration store: what test_dialog_keys presses keys in.

One table line a dialog: how to open it, what to type in its focused field, and what Entrée must have done."""

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel

from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.demande import Decision, Initiative
from cmc_desktop.domain.promotion import Promotion, Seance
from cmc_desktop.domain.synthesis import SynthesisStatus
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.pdf.fillable import field_name
from cmc_desktop.services import agents, consents, demandes, promotions, synthesis
from cmc_desktop.services.agents import AgentInput
from cmc_desktop.services.backup import make_backup
from cmc_desktop.services.demo import populate
from cmc_desktop.services.promotions import BoardParticipant, PromotionBoard
from cmc_desktop.services.recovery import RecoveryKit
from cmc_desktop.services.synthesis_exchange import ImportReview, export_fillable, review_import
from cmc_desktop.services.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.pdf.test_fillable import filled

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


def make_template(root: Path) -> Path:
    """A demonstration store, made once and copied for each test (populating takes a second)."""
    data_dir = root / "donnees"
    store = Store.create(data_dir, PASSPHRASE, vault=KeyVault(), kdf=FAST_KDF)
    try:
        populate(Workspace(store, FixedClock(NOW)))
    finally:
        store.close()
    return data_dir


@dataclass
class Demo:
    """The demonstration store open, with the records the dialogs are opened on."""

    ws: Workspace
    data_dir: Path
    tmp: Path
    board: PromotionBoard
    agent_id: int
    """An agent with a BPP synthesis still editable."""
    synthesis_id: int

    @property
    def today(self) -> date:
        return self.ws.clock.today()


def open_demo(template: Path, tmp: Path) -> Demo:
    data_dir = tmp / "donnees"
    shutil.copytree(template, data_dir)
    store = Store.unlock(data_dir, PASSPHRASE, vault=KeyVault())
    return demo_of(Workspace(store, FixedClock(NOW)), data_dir, tmp)


def demo_of(ws: Workspace, data_dir: Path, tmp: Path) -> Demo:
    """The records the dialogs are opened on, in a demonstration store already open (the layout walk's)."""
    summary = next(p for p in promotions.list_promotions(ws) if p.participants and not p.promotion.closed_on)
    board = promotions.promotion_board(ws, summary.promotion.id or 0)
    document = next(s for s in synthesis.list_syntheses(ws) if s.kind is SynthesisKind.BPP
                    and not s.destruction_pending and s.status is SynthesisStatus.EN_COURS)
    return Demo(ws, data_dir, tmp, board, document.agent_id, document.id)


Build = Callable[[Demo], QDialog]
Step = Callable[[Demo, QDialog], None]


def nothing(demo: Demo, dialog: QDialog) -> None:
    """Nothing to type: the dialog opens ready for its main action."""


@dataclass(frozen=True)
class DialogCase:
    """How to open one dialog class and what Entrée does in it.

    `fill` types, in the dialog shown with the keyboard in its focused field, what the main action needs;
    Entrée is then pressed on the focused widget and `check` asserts the outcome (what the store holds, or the
    dialog still open with its message). `busy`: the main action runs as background work, during which Entrée
    does nothing."""

    dialog: type[QDialog]
    build: Build
    fill: Step
    check: Step
    busy: bool = False
    escape_asks: str = ""
    """Échap on the opened dialog asks first (what it shows is lost): the answer that closes it."""
    escape_refused: str = ""
    """Échap keeps the dialog open on purpose, with this message (a recovery code shown once)."""

    @property
    def name(self) -> str:
        return f"{self.dialog.__module__.removeprefix('cmc_desktop.ui.')}.{self.dialog.__qualname__}"


def first_participant(demo: Demo) -> BoardParticipant:
    return demo.board.participants[0]


def seances(demo: Demo) -> list[Seance]:
    return promotions.list_seances(demo.ws, demo.board.promotion.id or 0)


def a_consent(demo: Demo) -> consents.ConsentView:
    consent_id = consents.give_consent(demo.ws, demo.synthesis_id, RecipientKind.SERVICE_RH, "Service RH fictif",
                                       "Document de synthèse", demo.today)
    return next(c for c in consents.consents_for(demo.ws, demo.synthesis_id) if c.id == consent_id)


def a_review(demo: Demo) -> ImportReview:
    """The agent's completed PDF, read back: one proposal, in rubric 2.2.3."""
    data = filled(export_fillable(demo.ws, demo.synthesis_id), {field_name("2.2.3"): "Transmettre, retrouver du sens."})
    return review_import(demo.ws, demo.synthesis_id, data)


def a_backup(demo: Demo) -> Path:
    return make_backup(demo.ws, demo.tmp / "sauvegardes").path


def a_kit(demo: Demo) -> RecoveryKit:
    return RecoveryKit("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ", demo.ws.store.store_id, demo.today)


def messages(dialog: QDialog) -> str:
    """What the dialog's banners and inline errors say now, in one string."""
    return " ".join(label.text() for label in dialog.findChildren(QLabel)
                    if label.isVisible() and (label.objectName() == "BannerText" or label.property("role") == "error"))


def an_accepted_demande(demo: Demo) -> None:
    """A new agent whose demande de BPP was accepted: the enrolment dialog lists it first or among others."""
    agent_id = agents.create_agent(demo.ws, AgentInput(last_name="Durand", first_name="Alice"))
    demande_id = demandes.record_demande(demo.ws, agent_id, date(2026, 9, 1), Initiative.AGENT)
    demandes.decide_demande(demo.ws, demande_id, Decision.ACCORD, date(2026, 9, 10))


def a_new_promotion(demo: Demo) -> Promotion:
    """A promotion still in its launch phase, open to enrolments, and an agent whose demande was accepted."""
    an_accepted_demande(demo)
    return promotions.create_promotion(demo.ws, Promotion("Cap Hiver", start_date=date(2026, 12, 1),
                                                          end_date=date(2027, 3, 31)))
