"""The consent register panel: consents added and withdrawn through its dialogs are in the store; bad input is
refused with a message and changes nothing; pending input is not lost without asking."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cmc_desktop.domain.consent import RecipientKind, default_rubrics
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.consents import consents_for, give_consent, withdraw_consent
from cmc_desktop.services.demo import populate
from cmc_desktop.services.synthesis_exchange import export_pdf
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.synthesis.consents import ConsentDialog, ConsentsPanel, WithdrawDialog
from tests.services.factories import make_agent

from .helpers import answer_message_box, assert_accessible, when_modal

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def synthesis_id(ws: Workspace) -> int:
    return service.create_synthesis(ws, make_agent(ws, "Lefèvre", "Hélène"), SynthesisKind.BPP)


@pytest.fixture
def panel(qtbot, window, ws: Workspace, synthesis_id: int) -> ConsentsPanel:
    widget = ConsentsPanel(ws, synthesis_id, window)
    widget.resize(900, 400)
    widget.show()
    return widget


def cells(panel: ConsentsPanel) -> list[list[str]]:
    table = panel.table
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def type_date(edit, text: str) -> None:
    edit.edit.setText(text)
    edit.edit.editingFinished.emit()


def test_an_empty_register_says_nothing_can_be_sent(panel: ConsentsPanel) -> None:
    assert cells(panel)[0][0].startswith("Aucun consentement enregistré")
    assert not panel.withdraw_button.isEnabled()
    assert_accessible(panel)


def test_a_consent_added_in_the_dialog_is_in_the_store_and_the_register(
        panel: ConsentsPanel, ws: Workspace, synthesis_id: int) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ConsentDialog)
        assert_accessible(dialog)
        assert dialog.chosen_rubrics() == default_rubrics(SynthesisKind.BPP)  # 1.2 and 2.5 unticked by default
        shown = [dialog.rubrics.item(i).text() for i in range(dialog.rubrics.count())]
        assert shown[1] == "1.2. forme du bilan — seulement si l'agent l'accepte expressément"
        dialog.kind.setCurrentIndex(dialog.kind.findData(RecipientKind.REFERENT_HANDICAP.value))
        dialog.name.setText("Référente handicap de la direction")
        type_date(dialog.given_on, "12/11/2026")
        dialog.save_button.click()

    when_modal(fill)
    panel.add_button.click()

    [consent] = consents_for(ws, synthesis_id)
    assert (consent.recipient_kind, consent.recipient_name, consent.scope, consent.given_on, consent.live,
            consent.rubrics) == (
        RecipientKind.REFERENT_HANDICAP, "Référente handicap de la direction", "Document de synthèse",
        date(2026, 11, 12), True, default_rubrics(SynthesisKind.BPP))
    assert cells(panel) == [["Référent handicap", "Référente handicap de la direction",
                             "Document de synthèse (sans les rubriques 1.2. et 2.5.)", "12/11/2026", "—",
                             "En vigueur"]]
    assert panel.selected() == consent and panel.withdraw_button.isEnabled()


def test_bad_input_shows_the_services_message_and_saves_nothing(panel: ConsentsPanel, ws: Workspace,
                                                                 synthesis_id: int) -> None:
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ConsentDialog)
        dialog.save_button.click()  # no recipient name
        seen.append(dialog.banner.text)
        dialog.name.setText("Service RH")
        type_date(dialog.given_on, "31/02/2026")
        dialog.save_button.click()
        seen.append(dialog.banner.text)
        type_date(dialog.given_on, "01/01/2027")  # after today
        dialog.save_button.click()
        seen.append(dialog.banner.text)
        assert dialog.isVisible() and dialog.name.text() == "Service RH"  # what was typed stays
        answer_message_box("Continuer la saisie")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        answer_message_box("Abandonner")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(fill)
    panel.add_button.click()

    assert "« Nom ou service du destinataire » est obligatoire" in seen[0]
    assert "n'existe pas dans le calendrier" in seen[1]
    assert "comprise entre" in seen[2]
    assert consents_for(ws, synthesis_id) == []


def test_the_panel_lists_the_transmissions(qtbot, window, ws: Workspace, synthesis_id: int) -> None:
    consent = give_consent(ws, synthesis_id, RecipientKind.REFERENT_HANDICAP, "Référente du site", "Tout",
                           date(2026, 11, 10))
    export_pdf(ws, synthesis_id, for_recipient=consent)
    panel = ConsentsPanel(ws, synthesis_id)
    qtbot.addWidget(panel)
    texts = [panel.transmissions.item(i).text() for i in range(panel.transmissions.count())]
    assert len(texts) == 1 and texts[0].endswith("Référent handicap — Référente du site — sans les rubriques 1.2. "
                                                 "et 2.5.")


def test_a_withdrawal_is_dated_confirmed_and_recorded(panel: ConsentsPanel, ws: Workspace, synthesis_id: int) -> None:
    consent_id = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH centrale", "Document complet",
                              date(2026, 11, 2))
    panel.refresh()
    panel.table.selectRow(0)
    seen: list[str] = []

    def withdraw(dialog: QWidget) -> None:
        assert isinstance(dialog, WithdrawDialog)
        assert_accessible(dialog)
        type_date(dialog.withdrawn_on, "01/11/2026")  # before the consent was given
        dialog.withdraw_button.click()
        seen.append(dialog.banner.text)
        type_date(dialog.withdrawn_on, "14/11/2026")
        dialog.withdraw_button.click()

    when_modal(withdraw)
    panel.withdraw_button.click()

    assert "comprise entre" in seen[0]
    [consent] = consents_for(ws, synthesis_id)
    assert (consent.id, consent.withdrawn_on, consent.live) == (consent_id, date(2026, 11, 14), False)
    assert cells(panel)[0][4:] == ["14/11/2026", "Retiré"]
    assert not panel.withdraw_button.isEnabled()  # a withdrawn consent cannot be withdrawn again


def test_cancelling_a_withdrawal_changes_nothing(panel: ConsentsPanel, ws: Workspace, synthesis_id: int) -> None:
    give_consent(ws, synthesis_id, RecipientKind.COACH, "Coach externe", "Document complet", date(2026, 11, 2))
    panel.refresh()
    panel.table.selectRow(0)
    when_modal(lambda dialog: dialog.reject())
    panel.withdraw_button.click()
    assert consents_for(ws, synthesis_id)[0].live
    assert cells(panel)[0][5] == "En vigueur"


@pytest.mark.screenshot
def test_screenshot_of_the_consent_register(qtbot, window, ws: Workspace) -> None:
    populate(ws)
    document = next(s for s in service.list_syntheses(ws)
                    if s.kind is SynthesisKind.BPP and not s.destruction_pending)
    give_consent(ws, document.id, RecipientKind.SUPERIEUR, "Cheffe du bureau des carrières (fictive)",
                 "Plan d'action et conclusion", date(2026, 10, 20))
    withdrawn = give_consent(ws, document.id, RecipientKind.COACH, "Cabinet d'accompagnement fictif",
                             "Document de synthèse", date(2026, 10, 22),
                             rubrics=default_rubrics(SynthesisKind.BPP) | {"2.5"})
    withdraw_consent(ws, withdrawn, date(2026, 11, 9))
    give_consent(ws, document.id, RecipientKind.SERVICE_RH, "Service RH de proximité (fictif)",
                 "Document de synthèse", date(2026, 11, 12))
    frame = QWidget(window, Qt.WindowType.Window)
    qtbot.addWidget(frame)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 20, 24, 20)
    panel = ConsentsPanel(ws, document.id, frame)
    layout.addWidget(panel)
    frame.resize(1100, 420)
    frame.show()
    qtbot.waitExposed(frame)
    panel.table.selectRow(2)
    assert frame.grab().save(str(SCREENSHOTS / "consentements.png"))


def test_the_agent_ticks_the_rubrics_with_the_keyboard_and_the_register_says_which(panel: ConsentsPanel,
                                                                                    ws: Workspace,
                                                                                    synthesis_id: int) -> None:
    """Rule: a consent names the rubrics it covers; the agent ticks them (2.5 only expressly)."""
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ConsentDialog)
        dialog.name.setText("CMC de la région")
        rows = [dialog.rubrics.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.rubrics.count())]
        dialog.rubrics.setFocus()
        dialog.rubrics.setCurrentRow(rows.index("2.5"))
        QTest.keyClick(dialog.rubrics, Qt.Key.Key_Space)  # ticked by the agent
        dialog.rubrics.setCurrentRow(rows.index("1.1"))
        QTest.keyClick(dialog.rubrics, Qt.Key.Key_Space)  # unticked
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)  # Entrée records the consent
        assert not dialog.isVisible()

    when_modal(fill)
    panel.add_button.click()
    [consent] = consents_for(ws, synthesis_id)
    assert consent.rubrics == (default_rubrics(SynthesisKind.BPP) - {"1.1"}) | {"2.5"}
    assert cells(panel)[0][2] == "Document de synthèse (sans les rubriques 1.1. et 1.2.)"


def test_an_e2_document_offers_its_own_rubrics_all_ticked(qtbot, window, ws: Workspace) -> None:
    e2 = service.create_synthesis(ws, make_agent(ws, "Garnier", "Lou"), SynthesisKind.E2)
    panel = ConsentsPanel(ws, e2, window)
    seen: list[frozenset[str]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, ConsentDialog)
        seen.append(dialog.chosen_rubrics())
        dialog.name.setText("Service RH")
        dialog.save_button.click()

    when_modal(look)
    panel.add_button.click()
    assert seen == [frozenset({"e2.1", "e2.2", "plan", "e2.4", "e2.5"})]
    assert cells(panel)[0][2] == "Document de synthèse (toutes les rubriques)"
