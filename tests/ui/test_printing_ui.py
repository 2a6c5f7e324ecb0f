"""« Imprimer… » beside the other PDFs the application makes: the agent's copy of a synthesis and the
attestation de destruction open the system print dialog on the right document (offscreen, then cancelled)."""

from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QWidget

from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.audit_journal import list_entries
from cmc_desktop.ui.synthesis.destruction import DestructionDialog, destruction_dialog
from cmc_desktop.ui.synthesis.exchange import ExportDialog

from .helpers import when_modal
from .test_destruction_ui import Answers, synthesis_id  # noqa: F401 - the fixture
from .test_synthesis_exchange import new_document


def _inspect(seen: list[tuple[str, str, int]]):
    def inspect(dialog: QWidget) -> None:
        assert isinstance(dialog, QPrintDialog)
        seen.append((dialog.windowTitle(), dialog.printer().docName(), dialog.maxPage()))
        dialog.reject()

    return inspect


def test_the_agents_copy_of_a_synthesis_is_printed_from_the_export_dialog(qtbot, window, ws) -> None:
    document = new_document(ws)
    dialog = ExportDialog(ws, document, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.print_button.autoDefault() and dialog.export_button.isDefault()
    seen: list[tuple[str, str, int]] = []
    when_modal(_inspect(seen))
    dialog.print_button.click()
    assert len(seen) == 1 and seen[0][:2] == ("Imprimer — Document de synthèse", "Document de synthèse")
    assert seen[0][2] >= 1 and dialog.isVisible()
    assert [e.detail for e in list_entries(ws) if e.code == AuditCode.SYNTHESIS_EXPORTED][-1].startswith(
        "copie=agent")


def test_the_attestation_de_destruction_is_printed(qtbot, window, ws, synthesis_id: int,  # noqa: F811
                                                  tmp_path) -> None:
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    seen: list[tuple[str, str, int]] = []

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, DestructionDialog)
        dialog.typed_id.setText(pseudo_id)
        dialog.requested_on.edit.setText("14/11/2026")
        dialog.requested_on.edit.editingFinished.emit()
        dialog.destroy_button.click()
        when_modal(_inspect(seen))
        dialog.print_button.click()
        dialog.save_button.click()
        dialog.close_button.click()

    when_modal(drive)
    # Saved, so closing asks nothing: the attestation is produced only once.
    destruction_dialog(window, ws, synthesis_id, chooser=Answers(tmp_path / "attestation.pdf"))
    assert seen == [("Imprimer — Attestation de destruction", "Attestation de destruction", 1)]


def test_the_indicators_report_is_printed(qtbot, ws) -> None:
    from tests.services import indicator_dataset as dataset

    from .test_indicators_ui import _view

    dataset.seed(ws.store)
    view = _view(qtbot, ws)
    view.period.set_period(dataset.START, dataset.END)
    qtbot.waitUntil(view.print_button.isEnabled)
    seen: list[tuple[str, str, int]] = []
    when_modal(_inspect(seen))
    view.print_button.click()
    assert seen == [("Imprimer — Indicateurs — rapport anonymisé", "Indicateurs — rapport anonymisé", 1)]


def test_the_recovery_kit_is_printed_without_a_file(qtbot, store, clock, tmp_path) -> None:
    from cmc_desktop.services.recovery import create_recovery_code
    from cmc_desktop.services.workspace import Workspace
    from cmc_desktop.ui.recovery import RecoveryCodeDialog
    from tests.conftest import PASSPHRASE

    dialog = RecoveryCodeDialog(create_recovery_code(Workspace(store, clock), PASSPHRASE))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.print_button.autoDefault() and dialog.continue_button.isDefault()
    seen: list[tuple[str, str, int]] = []
    when_modal(_inspect(seen))
    dialog.print_button.click()
    assert seen == [("Imprimer — Kit de récupération", "Kit de récupération", 1)] and dialog.isVisible()
    assert not list(tmp_path.rglob("*.pdf"))


def test_the_agents_data_are_printed_from_the_export_dialog(qtbot, ws, tmp_path) -> None:
    from cmc_desktop.ui.agents.rights_dialogs import ExportDialog as AgentExportDialog

    from .test_rights_ui import marked_agent

    dialog = AgentExportDialog(ws, marked_agent(ws), choose=lambda _parent, _title: tmp_path / "remise")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.print_button.autoDefault() and dialog.export_button.isDefault()
    seen: list[tuple[str, str, int]] = []
    when_modal(_inspect(seen))
    dialog.print_button.click()  # no folder chosen: printing writes nothing
    assert seen and seen[0][:2] == ("Imprimer — Données personnelles de l'agent", "Données personnelles de l'agent")
    assert seen[0][2] >= 1 and dialog.isVisible() and not dialog.busy and dialog.export_button.isEnabled()
    assert not (tmp_path / "remise").exists()
    [entry] = [e for e in list_entries(ws) if e.code == AuditCode.AGENT_EXPORTED]
    assert entry.detail == "notes_privees=non impression=oui" and entry.subject.startswith("AG-")


def test_the_erasure_attestation_is_printed(qtbot, ws) -> None:
    from cmc_desktop.ui.agents.erasure_dialog import ErasureDialog

    from .test_rights_ui import Chooser, marked_agent

    dialog = ErasureDialog(ws, marked_agent(ws), chooser=Chooser(None))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.print_button.isVisible()  # nothing to print before the erasure
    dialog.confirmation.setText("Quastenbrück")
    dialog.erase_button.click()
    assert dialog.erased is not None and dialog.print_button.isVisible()
    assert not dialog.print_button.autoDefault()
    seen: list[tuple[str, str, int]] = []
    when_modal(_inspect(seen))
    dialog.print_button.click()
    assert seen == [("Imprimer — Attestation d'effacement", "Attestation d'effacement", 1)]
