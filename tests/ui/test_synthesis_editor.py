"""The Synthèses view and the SynthesisEditor, driven like the CMC would, checked on screen and in the store."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from cmc_desktop.data.models import ReopeningRow
from cmc_desktop.domain.synthesis import Author, PlanAction, SynthesisStatus
from cmc_desktop.domain.synthesis_schema import (
    GROUP_TITLES,
    PHASE_4_NOTE,
    PLAN_HEADINGS,
    FieldKind,
    SynthesisKind,
    sections_for,
)
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import destruction
from cmc_desktop.services import synthesis as service
from cmc_desktop.services import synthesis_versions as versions
from cmc_desktop.services.demo import populate
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import SYNTHESES
from cmc_desktop.ui.synthesis.editor import SynthesisEditor
from cmc_desktop.ui.synthesis.view import DESTRUCTION_BADGE, NewSynthesisDialog, SynthesesView
from cmc_desktop.ui.widgets.wrapped_text import WrappedText
from tests import annexe2
from tests.services.synthesis_helpers import bpp_agent

from .helpers import SCREENSHOT_SIZE, answer_message_box, assert_accessible, save_screenshot, type_text, when_modal

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def author_line(author: Author, paris_time: str) -> str:
    return f"Écrit par {author.label} le {paris_time}"


def visible_label_texts(root: QWidget) -> list[str]:
    """What the labels under `root` show, rich text reduced to plain text."""
    from PySide6.QtGui import QTextDocumentFragment

    return [" ".join(QTextDocumentFragment.fromHtml(label.text()).toPlainText().split())
            for label in root.findChildren(QLabel) if label.isVisibleTo(root)]


@pytest.fixture
def synthesis_id(ws: Workspace) -> int:
    agent_id, bpp_id = bpp_agent(ws, "Arbousier", "Hélène")
    return service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)


@pytest.fixture
def editor(window: MainWindow, synthesis_id: int) -> SynthesisEditor:
    view = window.navigator.open(SYNTHESES, synthesis_id)
    assert isinstance(view, SynthesesView) and view.editor is not None
    return view.editor


def test_editor_shows_every_bpp_section_and_field_with_its_number(editor: SynthesisEditor) -> None:
    texts = visible_label_texts(editor.form)
    for section in sections_for(SynthesisKind.BPP):
        assert section.heading in texts
        for spec in section.fields:
            block = editor.form.fields[spec.key]
            assert block.isVisibleTo(editor) and f"{spec.number} {spec.label}".strip() == block.heading
            assert block.heading in texts, block.heading
            assert block.input.accessibleName() == block.heading
            if spec.hint:
                assert spec.hint in texts
    for number, title in GROUP_TITLES.items():
        assert f"{number} {title}" in texts
    headings = PLAN_HEADINGS[SynthesisKind.BPP]
    assert all(h in texts for h in (headings.plan, headings.calendar, headings.steps)) and "Co-signature" in texts
    assert editor.form.fields["2.5"].property("sensitive") is True
    assert any("Rubrique sensible" in t for t in texts)
    # Prefilled from the agent's file and the BPP (header, phase 2 séances the agent attended).
    assert editor.form.fields["fonction"].text() == "Gestionnaire RH"
    assert editor.form.fields["seances_dates"].text() == "09/11/2026, 30/11/2026"


def test_the_editor_shows_the_annexe_2_model_word_for_word(editor: SynthesisEditor) -> None:
    """Rule: every number (with its final period), label and hint of the model, in the editor; the 3.1. of
    phase 4 shown as 4.1. with the note that says so."""
    texts = visible_label_texts(editor.form)
    blocks = editor.form.fields.values()
    shown = set(texts) | {f"{b.heading} {b.hint.text()}" for b in blocks if b.hint is not None}
    missing = [annexe2.printed(n, w) for n, w in annexe2.numbered() if annexe2.printed(n, w) not in shown]
    assert missing == []
    labels = [b.spec.label for b in blocks if b.spec.kind is not FieldKind.TEXT]
    assert labels + ["Co-signature"] == [label for label in annexe2.labels() if not label.startswith("étape")]
    assert f"Note : {PHASE_4_NOTE}" in texts
    header = [editor.form.plan.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert header[1:] == [row[0] for row in annexe2.calendar()[1:]]


def test_typing_in_1_1_saves_it_as_the_cmc_and_the_author_line_follows(editor: SynthesisEditor, ws, clock,
                                                                       synthesis_id: int, paris_time: None) -> None:
    service.set_field(ws, synthesis_id, "1.2", "Bilan collectif.", Author.AGENT)
    editor.reload()
    assert editor.form.fields["1.2"].author_line.text() == author_line(Author.AGENT, "16/11/2026 à 10:30")  # 09:30 UTC
    clock.advance(minutes=75)
    field = editor.form.fields["1.1"]
    field.input.setFocus()
    type_text(field.input, "Évoluer vers le conseil à l'emploi.")
    field.input.clearFocus()  # focus-out commits at once (the debounce would after 800 ms)
    stored = service.load_synthesis(ws, synthesis_id).values["1.1"]
    assert (stored.text, stored.author, stored.updated_at) == ("Évoluer vers le conseil à l'emploi.", Author.CMC,
                                                               clock.now())
    assert field.author_line.text() == author_line(Author.CMC, "16/11/2026 à 11:45")
    assert field.author_line.isVisible()
    editor.form.fields["1.2"].set_text("Bilan collectif, promotion d'automne.")
    assert service.load_synthesis(ws, synthesis_id).values["1.2"].author is Author.CMC
    assert editor.form.fields["1.2"].author_line.text().startswith("Écrit par le conseiller")


def test_a_refused_value_is_explained_and_kept_in_the_field(editor: SynthesisEditor, ws, synthesis_id: int) -> None:
    block = editor.form.fields["fonction"]
    block.set_text("x" * 250)
    assert "dépasse 200 caractères" in block.error.text() and block.error.isVisible()
    assert block.text() == "x" * 250
    assert service.load_synthesis(ws, synthesis_id).text("fonction") == "Gestionnaire RH"
    block.set_text("Chargée de mission RH")
    assert not block.error.isVisible()
    assert service.load_synthesis(ws, synthesis_id).text("fonction") == "Chargée de mission RH"


def test_date_fields_take_french_dates_and_refuse_impossible_ones(editor: SynthesisEditor, ws,
                                                                 synthesis_id: int) -> None:
    block = editor.form.fields["phase4_date"]
    assert block.spec.kind is FieldKind.DATE
    block.set_text("31/02/2027")
    assert "n'existe pas" in block.input.error_text
    assert service.load_synthesis(ws, synthesis_id).text("phase4_date") == ""
    block.set_text("1.3.2027")
    assert service.load_synthesis(ws, synthesis_id).text("phase4_date") == "01/03/2027"


def test_action_plan_add_two_actions_with_steps_move_and_remove(editor: SynthesisEditor, ws, synthesis_id) -> None:
    plan = editor.form.plan
    plan.add_button.click()
    plan.add_button.click()
    assert plan.table.rowCount() == 2 and len(plan.step_edits) == 2
    for row, (title, duree, when) in enumerate((("Immersion dans un service RH", "2 mois", "03/2027"),
                                                ("Formation à l'entretien", "5 jours", "06/2027"))):
        for col, text in enumerate((title, duree, when)):
            plan.table.item(row, col).setText(text)
    plan.step_edits[0].setPlainText("Contacter le service\n\nPréparer l'immersion\n")
    plan.step_edits[0].flush()
    plan.step_edits[1].setPlainText("S'inscrire")
    plan.step_edits[1].flush()
    stored = service.load_synthesis(ws, synthesis_id).actions
    assert [(a.title, a.duree, a.date_realisation, a.steps, a.author) for a in stored] == [
        ("Immersion dans un service RH", "2 mois", "03/2027", ["Contacter le service", "Préparer l'immersion"],
         Author.CMC),
        ("Formation à l'entretien", "5 jours", "06/2027", ["S'inscrire"], Author.CMC)]
    assert plan.table.item(0, 3).text().startswith("le conseiller le ")
    assert plan.step_labels[0].text() == "Action 1 — Immersion dans un service RH : étapes"

    plan.table.selectRow(1)
    plan.up_button.click()
    assert [a.title for a in service.load_synthesis(ws, synthesis_id).actions] == [
        "Formation à l'entretien", "Immersion dans un service RH"]
    assert plan.step_edits[1].toPlainText() == "Contacter le service\nPréparer l'immersion"

    plan.table.selectRow(0)
    when_modal(lambda box: next(b for b in box.buttons() if b.text() == "Supprimer").click())
    plan.remove_button.click()
    assert [a.title for a in service.load_synthesis(ws, synthesis_id).actions] == ["Immersion dans un service RH"]


def test_too_many_steps_are_refused_with_a_message(editor: SynthesisEditor, ws, synthesis_id: int) -> None:
    service.set_actions(ws, synthesis_id, [PlanAction("Action", steps=["Une"])], Author.AGENT)
    editor.reload()
    edit = editor.form.plan.step_edits[0]
    edit.setPlainText("\n".join(f"Étape {i}" for i in range(13)))
    edit.flush()
    assert "12 au maximum" in editor.form.plan.error.text()
    assert service.load_synthesis(ws, synthesis_id).actions[0].steps == ["Une"]


def test_finalise_asks_first_about_empty_rubrics_then_makes_the_document_read_only(editor: SynthesisEditor, ws,
                                                                                   synthesis_id: int) -> None:
    """Rule: finalising with empty rubrics asks the agent first (it is their document: some may stay empty)."""
    editor.form.fields["1.1"].set_text("Texte finalisé.")
    asked: list[str] = []

    def finalise(dialog) -> None:
        assert dialog.windowTitle() == "Finaliser le document (par l'agent)"

        def empty_rubrics(box) -> None:
            asked.append(box.text())
            next(b for b in box.buttons() if b.text() == "Compléter d'abord").click()

        when_modal(empty_rubrics)
        dialog.ok_button.click()
        assert "complétez les rubriques voulues" in dialog.banner.text
        answer_message_box("Finaliser quand même")
        dialog.ok_button.click()

    when_modal(finalise)
    editor.finalise_button.click()
    assert asked and asked[0].startswith("L'agent a laissé vides 18 rubriques :\n• 1.2. forme du bilan")
    assert "« non renseigné »" in asked[0]
    doc = service.load_synthesis(ws, synthesis_id)
    assert doc.status is SynthesisStatus.FINALISE and doc.finalised_on == ws.clock.today()
    assert all(block.is_read_only() for block in editor.form.fields.values())
    assert not editor.form.plan.add_button.isEnabled()
    assert editor.banner.isVisible() and "lecture seule" in editor.banner.text
    assert editor.status.text() == "Finalisé par l'agent le 16/11/2026"
    assert not editor.finalise_button.isVisible() and editor.reopen_button.isVisible()
    assert [v.label for v in versions.list_versions(ws, synthesis_id)] == ["Finalisé par l'agent"]


def test_dates_known_later_are_prefilled_when_the_document_opens(window: MainWindow, ws, synthesis_id: int) -> None:
    doc = service.load_synthesis(ws, synthesis_id)
    assert doc.bpp_id is not None and not doc.text("entretien_final_date")
    bpp_service.record_final_interview(ws, doc.bpp_id, date(2027, 1, 15))  # planned
    view = window.navigator.open(SYNTHESES, synthesis_id)
    assert isinstance(view, SynthesesView) and view.editor is not None
    assert view.editor.form.fields["entretien_final_date"].text() == "15/01/2027"
    service.set_field(ws, synthesis_id, "entretien_final_date", "", Author.CMC)
    service.finalise(ws, synthesis_id, ws.clock.today(), empty_accepted=True)
    bpp_service.record_final_interview(ws, doc.bpp_id, date(2027, 1, 20))
    view.open_item(synthesis_id)  # a finalised document opens as it was finalised
    assert view.editor is not None and view.editor.form.fields["entretien_final_date"].text() == ""


def test_cosignature_records_both_names_and_dates(editor: SynthesisEditor, ws, synthesis_id: int) -> None:
    service.finalise(ws, synthesis_id, ws.clock.today(), empty_accepted=True)
    editor.reload()

    def sign(dialog) -> None:
        assert dialog.agent_name.text() == "Hélène ARBOUSIER"  # from the header
        dialog.cmc_name.setText("Claire Conseil")
        dialog.ok_button.click()

    when_modal(sign)
    editor.cosign_button.click()
    doc = service.load_synthesis(ws, synthesis_id)
    assert (doc.agent_signatory, doc.cmc_signatory, doc.cmc_signed_on) == ("Hélène ARBOUSIER", "Claire Conseil",
                                                                          ws.clock.today())
    assert "Claire Conseil (conseiller) le 16/11/2026" in editor.signature.text()
    assert "Nom : Claire Conseil" in visible_label_texts(editor.form)


def test_reopening_needs_the_agents_request(editor: SynthesisEditor, ws, synthesis_id: int) -> None:
    service.finalise(ws, synthesis_id, ws.clock.today(), empty_accepted=True)
    editor.reload()
    seen: list[str] = []

    def without_then_with_text(dialog) -> None:
        dialog.ok_button.click()
        seen.append(dialog.banner.text)
        assert dialog.isVisible()
        dialog.request.setPlainText("L'agent souhaite compléter son plan d'action.")
        dialog.ok_button.click()

    when_modal(without_then_with_text)
    editor.reopen_button.click()
    assert seen == ["Indiquez la demande de réouverture formulée par l'agent."]
    assert service.load_synthesis(ws, synthesis_id).status is SynthesisStatus.EN_COURS
    with ws.store.session() as s:
        assert [r.agent_request for r in s.query(ReopeningRow)] == ["L'agent souhaite compléter son plan d'action."]
    assert not editor.form.fields["1.1"].is_read_only() and editor.finalise_button.isVisible()


def test_cancelling_a_reopening_with_typed_text_asks_first(editor: SynthesisEditor, ws, synthesis_id: int) -> None:
    service.finalise(ws, synthesis_id, ws.clock.today(), empty_accepted=True)
    editor.reload()

    def type_then_cancel(dialog) -> None:
        dialog.request.setPlainText("Demande en cours de saisie")
        when_modal(lambda box: next(b for b in box.buttons() if b.text() == "Abandonner la saisie").click())
        dialog.cancel_button.click()

    when_modal(type_then_cancel)
    editor.reopen_button.click()
    assert service.load_synthesis(ws, synthesis_id).status is SynthesisStatus.FINALISE


def test_versions_comparison_shows_the_changed_field_side_by_side(editor: SynthesisEditor, ws,
                                                                  synthesis_id: int) -> None:
    editor.form.fields["1.1"].set_text("Avant la séance.")
    editor.versions.label.setText("Avant la séance 3")
    editor.versions.save_button.click()
    assert editor.versions.list.item(0).text().startswith("Version 1 du 16/11/2026")
    editor.form.fields["1.1"].set_text("Après la séance : projet précisé.")
    seen: dict[str, object] = {}

    def look(dialog) -> None:
        seen["changes"] = [(c.label, c.before, c.after) for c in dialog.changes]
        # The field's texts before and after are read-only texts that break a too-long word (WrappedText).
        seen["texts"] = visible_label_texts(dialog) + [text.toPlainText() for text in dialog.findChildren(WrappedText)
                                                       if text.isVisibleTo(dialog)]
        dialog.accept()

    editor.versions.list.setCurrentRow(0)
    when_modal(look)
    editor.versions.compare_button.click()
    assert seen["changes"] == [("1.1. besoins et attentes de l'agent", "Avant la séance.",
                                "Après la séance : projet précisé.")]
    assert {"1.1. besoins et attentes de l'agent", "Avant la séance.", "Après la séance : projet précisé."} <= set(
        seen["texts"])


def test_list_filters_shows_the_destruction_badge_and_opens_with_enter(window: MainWindow, ws) -> None:
    first = bpp_agent(ws, "Bruyère", "Noël")
    second = bpp_agent(ws, "Châtaignier", "Zoé")
    kept = service.create_synthesis(ws, first[0], SynthesisKind.BPP, first[1])
    doomed = service.create_synthesis(ws, second[0], SynthesisKind.BPP, second[1])
    destruction.request_destruction(ws, doomed, ws.clock.today(), destruction.Requester.AGENT)
    view = window.show_view(SYNTHESES)
    assert isinstance(view, SynthesesView)
    model = view.list.model
    assert model.rowCount() == 2
    row = model.row_of(doomed)
    assert model.index(row, 5).data() == DESTRUCTION_BADGE and model.index(model.row_of(kept), 5).data() == ""
    view.list.status.setCurrentIndex(3)
    assert model.rowCount() == 1 and model.summary(0).id == doomed
    view.list.status.setCurrentIndex(0)
    view.list.search.setText("chataig")  # accents ignored
    assert model.rowCount() == 1 and model.summary(0).id == doomed
    view.list.search.setText("")
    view.open_item(doomed)
    assert view.editor is not None and "destruction" in view.editor.banner.text
    view.show_list()
    view.list.table.setFocus()
    view.list.table.setCurrentIndex(model.index(model.row_of(kept), 0))
    QTest.keyClick(view.list.table, Qt.Key.Key_Return)
    assert view.editor is not None and view.editor.synthesis_id == kept
    view.editor.close_editor()
    assert view.currentWidget() is view.list and view.editor is None


def test_ctrl_n_creates_a_document_for_the_chosen_agent_and_bpp(window: MainWindow, ws) -> None:
    agent_id, bpp_id = bpp_agent(ws, "Églantier", "Jérôme")
    view = window.show_view(SYNTHESES)

    def choose(dialog) -> None:
        assert isinstance(dialog, NewSynthesisDialog)
        dialog.search.setText("eglan")
        assert dialog.agent_id() == agent_id and dialog.bpp.currentData() == bpp_id
        dialog.create_button.click()

    when_modal(choose)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(view, SynthesesView) and view.editor is not None
    created = service.load_synthesis(ws, view.editor.synthesis_id)
    assert (created.agent_id, created.bpp_id, created.text("agent")) == (agent_id, bpp_id, "Jérôme ÉGLANTIER")

    def again(dialog) -> None:  # one document per bilan: the service's message, nothing created
        dialog.search.setText("eglan")
        dialog.create_button.click()
        seen.append(dialog.banner.text)
        dialog.reject()

    seen: list[str] = []
    when_modal(again)
    assert view.create_new() is None
    assert seen == ["Ce bilan a déjà son document de synthèse : ouvrez-le plutôt que d'en créer un autre."]
    assert len(service.list_syntheses(ws)) == 1


def test_an_e2_document_has_its_own_sections_and_the_exchanges_are_wired(window: MainWindow, ws) -> None:
    agent_id = bpp_agent(ws, "Houx", "Anaïs")[0]
    document = service.create_synthesis(ws, agent_id, SynthesisKind.E2)
    view = window.navigator.open(SYNTHESES, document)
    assert isinstance(view, SynthesesView) and view.editor is not None
    editor = view.editor
    texts = visible_label_texts(editor.form)
    assert {"1. Projet professionnel", "3. Plan d'action", "Le calendrier des actions",
            "Informations à transmettre à d'autres acteurs (avec l'accord de l'agent)"} <= set(texts)
    assert "3.1 Plan d'action" not in texts and set(editor.form.fields) == {
        spec.key for section in sections_for(SynthesisKind.E2) for spec in section.fields}
    assert editor.export_button is not None and len(editor.export_button.menu().actions()) == 3
    assert editor.destruction_button is not None and editor.consents is not None


def test_editor_and_list_are_accessible(window: MainWindow, editor: SynthesisEditor) -> None:
    checked = assert_accessible(editor)
    assert len(checked) > 40
    view = window.show_view(SYNTHESES)
    assert isinstance(view, SynthesesView)
    view.show_list()
    assert_accessible(view)


@pytest.mark.screenshot
def test_screenshot_of_the_editor(window: MainWindow, ws) -> None:
    populate(ws)
    summary = next(s for s in service.list_syntheses(ws) if s.kind is SynthesisKind.BPP and not s.destruction_pending)
    view = window.navigator.open(SYNTHESES, summary.id)
    assert isinstance(view, SynthesesView) and view.editor is not None
    view.editor.versions.save_button.click()
    window.resize(*SCREENSHOT_SIZE)
    view.editor.scroll_area.verticalScrollBar().setValue(380)
    save_screenshot(window, "synthese-editeur.png")
