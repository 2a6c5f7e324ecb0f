"""The documents of a promotion from its board: saved as PDF, printed through the system print dialog (offscreen:
the dialog opens on the right document; a print to a PDF file gives the right pages), and the signed sheets and
contracts reported back — keys pressed on the focused widget."""

from datetime import date, time
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from cmc_desktop.domain.bpp import Phase
from cmc_desktop.domain.profile import CmcProfile
from cmc_desktop.domain.promotion import Seance
from cmc_desktop.services import promotions as service
from cmc_desktop.services.profile import save_profile
from cmc_desktop.ui.promotions import documents_dialog
from cmc_desktop.ui.promotions.documents_dialog import (
    AttendanceSheetDialog,
    ContractsSignedDialog,
    Document,
    PromotionDocumentsDialog,
)
from cmc_desktop.ui.widgets.printing import new_printer, paint_pdf, print_pdf
from tests.pdf.samples import all_text, page_texts

from .helpers import assert_accessible, when_modal
from .test_promotions_board import KICKOFF, PEOPLE, enrol, new_promotion, open_board


def _board(window, ws):
    save_profile(ws, CmcProfile(last_name="Lefèvre", first_name="Anne", service="Plateforme RH de Lyon"))
    promotion_id = new_promotion(ws)
    enrol(ws, promotion_id, PEOPLE[:3])
    service.plan_seance(ws, Seance(promotion_id=promotion_id, held_on=KICKOFF, phase=Phase.LANCEMENT,
                                   starts_at=time(9, 30), duration_minutes=180, place="Salle 204"))
    service.plan_seance(ws, Seance(promotion_id=promotion_id, held_on=date(2026, 12, 7), phase=Phase.LANCEMENT,
                                   place="Salle 204", topic="Suite"))
    return open_board(window, promotion_id)


def _open(qtbot, board, button) -> object:
    button.click()
    dialog = board.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_documents_saved_as_pdf_with_enter(qtbot, window, ws, tmp_path: Path, monkeypatch) -> None:
    board = _board(window, ws)
    dialog = _open(qtbot, board, board.documents_button)
    assert isinstance(dialog, PromotionDocumentsDialog)
    assert_accessible(dialog)
    assert dialog.seance.currentText().startswith("Séance du 07/12/2026")  # the next séance by default
    assert "Votre document de synthèse" not in dialog.bring.toPlainText()
    roles = {b.text(): dialog.buttons.buttonRole(b) for b in dialog.buttons.buttons()}
    assert roles["Imprimer…"] == QDialogButtonBox.ButtonRole.ActionRole and not dialog.print_button.autoDefault()
    dialog.people.item(1).setCheckState(Qt.CheckState.Unchecked)
    target = tmp_path / "convocations.pdf"
    monkeypatch.setattr(documents_dialog, "choose_file", lambda *a, **k: target)
    dialog.kind.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    pages = page_texts(target.read_bytes())
    assert len(pages) == 2 and (target.stat().st_mode & 0o777) == 0o600
    assert "Hélène ARBOUSIER" in pages[0] and "Zoé CHÂTAIGNIER" in pages[1] and "Anne LEFÈVRE" in pages[0]
    assert not dialog.isVisible()

    dialog = _open(qtbot, board, board.documents_button)
    dialog.kind.setCurrentIndex(dialog.kind.findData(Document.EMARGEMENT))
    assert not dialog.people.isEnabled() and not dialog.bring.isEnabled()
    assert dialog.filename() == f"emargement-seance-{dialog.seance.currentData()}.pdf"
    dialog.kind.setCurrentIndex(dialog.kind.findData(Document.CONTRATS))
    assert dialog.filename().startswith("contrats-promotion-") and not dialog.seance.isEnabled()
    monkeypatch.setattr(documents_dialog, "choose_file", lambda *a, **k: None)  # the CMC cancels
    dialog.main_button.click()
    assert dialog.isVisible() and not dialog.banner.isVisible()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_print_dialog_opens_on_the_chosen_document(qtbot, window, ws) -> None:
    board = _board(window, ws)
    dialog = _open(qtbot, board, board.documents_button)
    dialog.kind.setCurrentIndex(dialog.kind.findData(Document.EMARGEMENT))
    seen = []

    def inspect(print_dialog) -> None:
        assert isinstance(print_dialog, QPrintDialog)
        seen.append((print_dialog.windowTitle(), print_dialog.printer().docName(), print_dialog.maxPage()))
        print_dialog.reject()

    when_modal(inspect)
    dialog.print_button.click()
    assert seen == [("Imprimer — Feuille d'émargement d'une séance", "Feuille d'émargement d'une séance", 1)]


def test_a_print_to_a_pdf_file_gives_the_right_pages(qtbot, tmp_path: Path) -> None:
    from cmc_desktop.pdf.contract import ContractCopy, render_contracts
    from tests.services.test_promotion_documents import PROFILE

    data = render_contracts([ContractCopy("Hélène ARBOUSIER", "", "", "Cap", None, None, [])] * 2, PROFILE)
    printer = new_printer("Contrats")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "imprime.pdf"
    printer.setOutputFileName(str(out))
    assert paint_pdf(printer, data, 2, 3) == 2
    printed = PdfReader(out)
    assert len(printed.pages) == 2 and round(float(printed.pages[0].mediabox.width)) == 595
    assert printed.pages[0]["/Resources"]["/XObject"]  # each page is the painted image of our page
    cancelled = []
    when_modal(lambda d: (cancelled.append(d.maxPage()), d.reject()))
    assert print_pdf(None, data, "Contrats") is False and cancelled == [len(PdfReader(__import__("io").BytesIO(data))
                                                                            .pages)]
    assert "ARBOUSIER" in all_text(data)


def test_reporting_a_sheet_and_the_signed_contracts(qtbot, window, ws) -> None:
    board = _board(window, ws)
    dialog = _open(qtbot, board, board.sheet_button)
    assert isinstance(dialog, AttendanceSheetDialog)
    assert dialog.seance.count() == 1  # only the séance that has taken place
    dialog.people.item(2).setCheckState(Qt.CheckState.Unchecked)
    dialog.seance.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter)
    assert not dialog.isVisible()
    kickoff = next(s for s in board.board.seances_by_phase[Phase.LANCEMENT] if s.held_on == KICKOFF)
    assert sorted(kickoff.attendance.values()) == [False, True, True]

    dialog = _open(qtbot, board, board.contracts_button)
    assert isinstance(dialog, ContractsSignedDialog) and dialog.day.date() == KICKOFF
    dialog.people.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.main_button.click()
    signed = sorted(p.contract_signed_on is not None for p in board.board.participants)
    assert signed == [False, True, True]
