"""A list refreshes after the action that changed it (the transmissions of a synthesis after an export for a
recipient, without leaving the document). That a message goes away once its cause is fixed is in
test_messages_go_when_fixed.py."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.consents import give_consent
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.navigation import SYNTHESES
from cmc_desktop.ui.synthesis.exchange import ExportDialog
from tests.services.synthesis_helpers import bpp_agent

from .dialog_table import CASES
from .secret_helpers import press, when_focused_modal
from .test_synthesis_exchange import Answers, choose_recipient

BY_NAME = {case.name: case for case in CASES}


def _lines(panel) -> list[str]:  # noqa: ANN001 - ConsentsPanel
    return [panel.transmissions.item(row).text() for row in range(panel.transmissions.count())]


def test_the_transmissions_list_shows_an_export_at_once(qtbot, window, ws: Workspace, tmp_path: Path) -> None:
    agent_id, bpp_id = bpp_agent(ws, "Arbousier", "Hélène")
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH centrale", "Document complet", date(2026, 11, 10))
    editor = window.navigator.open(SYNTHESES, synthesis_id).editor
    panel = editor.consents
    assert panel is not None and not any("RH centrale" in line for line in _lines(panel))

    def export_for_the_rh(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.chooser = Answers(save=tmp_path / "copie-rh.pdf")
        choose_recipient(dialog, "RH centrale")
        press(Qt.Key.Key_Return)  # Entrée where the keyboard is: the export

    when_focused_modal(export_for_the_rh)
    export = next(a for a in editor.export_button.menu().actions() if a.text() == "Exporter en PDF…")
    export.trigger()
    assert (tmp_path / "copie-rh.pdf").exists()
    assert len([line for line in _lines(panel) if "RH centrale" in line]) == 1
