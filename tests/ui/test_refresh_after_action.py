"""A list refreshes after the action that changed it (the transmissions of a synthesis after an export for a
recipient, without leaving the document), and a message goes away once its cause is fixed."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.domain.text import SHORT_TEXT_MAX
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.consents import give_consent
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.navigation import SYNTHESES
from cmc_desktop.ui.synthesis.exchange import ExportDialog
from tests.services.synthesis_helpers import bpp_agent

from .dialog_cases import Demo, make_template, messages, open_demo
from .dialog_table import CASES
from .secret_helpers import focused, press, show_active, type_in_focus, when_focused_modal
from .test_synthesis_exchange import Answers, choose_recipient

BY_NAME = {case.name: case for case in CASES}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_template(tmp_path_factory.mktemp("modele"))


@pytest.fixture
def template_demo(template: Path, tmp_path: Path) -> Iterator[Demo]:
    opened = open_demo(template, tmp_path)
    yield opened
    opened.ws.store.close()


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


@pytest.mark.parametrize(("case", "field"), [("agents.new_agent_dialog.NewAgentDialog", "last_name"),
                                             ("promotions.promotion_dialog.PromotionDialog", "name"),
                                             ("promotions.exercise_dialog.ExerciseDialog", "title"),
                                             ("synthesis.consents.ConsentDialog", "name")])
def test_a_required_field_message_goes_once_the_field_is_filled(qtbot, case: str, field: str,
                                                                 template_demo: Demo) -> None:
    dialog = BY_NAME[case].build(template_demo)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    getattr(dialog, field).clear()
    press(Qt.Key.Key_Return)
    message = messages(dialog)
    assert "est obligatoire" in message
    getattr(dialog, field).setFocus()
    qtbot.waitUntil(lambda: focused() is getattr(dialog, field))
    type_in_focus("   ")
    assert messages(dialog) == message  # blanks do not fill a required field: the message stays
    type_in_focus("Durand")
    assert messages(dialog) == "" and dialog.isVisible()  # gone, and nothing was stored meanwhile


def test_a_too_long_value_message_goes_once_the_value_is_short_enough(qtbot, template_demo: Demo) -> None:
    dialog = BY_NAME["promotions.promotion_dialog.PromotionDialog"].build(template_demo)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    type_in_focus("P" * (SHORT_TEXT_MAX + 2))
    press(Qt.Key.Key_Return)
    assert "dépasse 200 caractères" in messages(dialog)
    press(Qt.Key.Key_Backspace)
    assert "dépasse 200 caractères" in messages(dialog)  # still one character too many
    press(Qt.Key.Key_Backspace)
    assert messages(dialog) == "" and dialog.isVisible()


def test_a_message_about_another_field_stays_when_one_field_is_edited(qtbot, template_demo: Demo) -> None:
    dialog = BY_NAME["agents.new_agent_dialog.NewAgentDialog"].build(template_demo)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    type_in_focus("Durand")  # the name; the first name is left empty
    press(Qt.Key.Key_Return)
    assert "« Prénom » est obligatoire" in messages(dialog)
    type_in_focus("e")  # the name edited again: the first name is still missing
    assert "« Prénom » est obligatoire" in messages(dialog)
    dialog.first_name.setFocus()
    qtbot.waitUntil(lambda: focused() is dialog.first_name)
    type_in_focus("Alice")
    assert messages(dialog) == ""


def test_the_date_to_correct_message_goes_once_the_date_is_corrected(qtbot, template_demo: Demo) -> None:
    dialog = BY_NAME["promotions.promotion_dialog.PromotionDialog"].build(template_demo)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    type_in_focus("Promotion d'hiver")
    dialog.start.edit.setFocus()
    qtbot.waitUntil(lambda: focused() is dialog.start.edit)
    dialog.start.edit.selectAll()
    type_in_focus("31/02/2027")
    press(Qt.Key.Key_Tab)
    assert "n'existe pas dans le calendrier" in messages(dialog)
    dialog.start.edit.setFocus()
    qtbot.waitUntil(lambda: focused() is dialog.start.edit)
    press(Qt.Key.Key_Return)
    assert "Corrigez la date signalée" in messages(dialog)
    dialog.start.edit.selectAll()
    type_in_focus("28/02/2027")
    press(Qt.Key.Key_Tab)
    assert messages(dialog) == "" and dialog.isVisible()
