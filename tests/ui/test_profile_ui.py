"""The CMC's profile: asked once after the store is created (skippable), edited in Paramètres, keys pressed for
real; the logo checked and scaled before it is stored."""

import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QImageWriter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.domain.profile import LOGO_MAX_HEIGHT, LOGO_MAX_WIDTH, png_size
from cmc_desktop.services.audit_journal import list_entries
from cmc_desktop.services.profile import get_profile, profile_to_ask
from cmc_desktop.ui import app
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import SETTINGS
from cmc_desktop.ui.profile.dialog import ProfileDialog
from cmc_desktop.ui.profile.logo import prepare_logo, prepare_logo_bytes
from tests.conftest import FAST_KDF, PASSPHRASE

from .helpers import accessible_name, assert_accessible, type_text, when_modal
from .secret_helpers import keep_the_recovery_code

SVG_OK = (b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100">'
          b'<rect width="100" height="100" fill="#000091"/><text x="110" y="60">RH</text></svg>')


def _png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#000091"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())


def _dialog(qtbot, ws, **kwargs) -> ProfileDialog:
    dialog = ProfileDialog(ws, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_profile_is_typed_and_saved_with_enter(qtbot, ws) -> None:
    dialog = _dialog(qtbot, ws)
    assert QApplication.focusWidget() is dialog.form.first_name
    type_text(dialog.form.first_name, "Anne")
    dialog.form.last_name.setText("Lefèvre")
    dialog.form.function.setText("Conseillère mobilité-carrière")
    dialog.form.service.setText("Plateforme RH de Lyon")
    dialog.form.address.setPlainText("12 rue de la Charité\n69002 Lyon")
    dialog.form.email.setText("anne.lefevre@finances.gouv.fr")
    names = [accessible_name(w) for w in assert_accessible(dialog)]
    assert names[0] == "Prénom :" and names[-1] == "Annuler"
    assert "Adresse postale du service :" in names and "Choisir le logo du service (PNG ou SVG)" in names
    dialog.form.email.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == ProfileDialog.DialogCode.Accepted
    profile = get_profile(ws)
    assert profile.display_name == "Anne LEFÈVRE" and profile.address == "12 rue de la Charité\n69002 Lyon"
    [entry] = [e for e in list_entries(ws) if e.code == "profile.updated"]
    assert entry.detail == "champs=coordonnees" and "Lef" not in entry.detail


def test_a_wrong_email_keeps_the_dialog_open_and_escape_cancels(qtbot, ws) -> None:
    dialog = _dialog(qtbot, ws)
    dialog.form.email.setText("pas une adresse")
    dialog.form.email.setFocus()
    QTest.keyClick(dialog.form.email, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.isVisible() and "n'est pas une adresse valide" in dialog.banner.text
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and get_profile(ws).is_empty
    assert profile_to_ask(ws)  # Annuler in Paramètres is not « Plus tard »


def test_buttons_have_their_roles_and_only_the_main_one_takes_enter(qtbot, ws) -> None:
    dialog = _dialog(qtbot, ws, first_run=True)
    roles = {b.text(): dialog.buttons.buttonRole(b) for b in dialog.buttons.buttons()}
    assert roles == {"Enregistrer": QDialogButtonBox.ButtonRole.AcceptRole,
                     "Plus tard": QDialogButtonBox.ButtonRole.RejectRole}
    assert dialog.main_button.isDefault()
    assert not dialog.form.logo_button.autoDefault() and not dialog.cancel_button.autoDefault()
    dialog.set_busy(True)
    QTest.keyClick(dialog.form.first_name, Qt.Key.Key_Return)
    assert dialog.isVisible()  # busy: Entrée does nothing
    dialog.set_busy(False)
    QTest.keyClick(dialog.form.first_name, Qt.Key.Key_Escape)
    assert not profile_to_ask(ws)  # « Plus tard »: not asked again
    assert dialog.width() <= 1280 and dialog.height() <= 720


def test_logo_png_and_svg_are_scaled_and_unsafe_ones_refused(qtbot, ws, tmp_path: Path) -> None:
    big = tmp_path / "logo.png"
    big.write_bytes(_png(2400, 800))
    png = prepare_logo(big)
    width, height = png_size(png)
    assert width <= LOGO_MAX_WIDTH and height <= LOGO_MAX_HEIGHT and width / height == pytest.approx(3, rel=0.02)
    svg_width, svg_height = png_size(prepare_logo_bytes(SVG_OK, ".svg"))
    assert svg_width <= LOGO_MAX_WIDTH and svg_height <= LOGO_MAX_HEIGHT
    refused = {
        "script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "onload": b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><rect width="1" height="1"/></svg>',
        "external image": (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                           b'<image xlink:href="https://example.org/a.png"/></svg>'),
        "css url": (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://example.org/x)" '
                    b'width="1" height="1"/></svg>'),
        "entities": (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">'
                     b'<text>&a;</text></svg>'),
    }
    for data in refused.values():
        with pytest.raises(ValidationError):
            prepare_logo_bytes(data, ".svg")
    with pytest.raises(ValidationError, match="pixels"):
        prepare_logo_bytes(_huge_png_header(20000, 20000), ".png")
    with pytest.raises(ValidationError, match="PNG ou SVG"):
        prepare_logo_bytes(b"GIF89a....", ".gif")
    with pytest.raises(ValidationError, match="PNG"):
        prepare_logo_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, ".png")
    with pytest.raises(ValidationError, match="Ko"):
        prepare_logo_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (1024 * 1024 + 1), ".png")

    dialog = _dialog(qtbot, ws)
    bad = tmp_path / "logo.svg"
    bad.write_bytes(refused["script"])
    dialog.form.load_logo(bad)
    assert dialog.form.logo_png is None and "script" in dialog.form.logo_error.text()
    dialog.form.load_logo(big)
    assert dialog.form.logo_png == png and not dialog.form.logo_preview.pixmap().isNull()
    dialog.form.last_name.setText("Lefèvre")
    dialog.main_button.click()
    assert get_profile(ws).logo_png == png


def _huge_png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk


def test_settings_shows_and_edits_the_profile(window: MainWindow, ws, qtbot) -> None:
    view = window.show_view(SETTINGS)
    assert "Profil non renseigné" in view.profile.summary.text()
    view.profile.edit_button.click()
    dialog = view.profile.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.form.first_name.setText("Anne")
    dialog.form.last_name.setText("Lefèvre")
    QTest.keyClick(dialog.form.last_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Anne LEFÈVRE" in view.profile.summary.text())
    assert view.calendar.toggle.accessibleName() or view.calendar.toggle.text()


def test_first_run_asks_the_profile_after_the_store_is_created(qtbot, data_dir: Path, no_vault, ui_settings) -> None:
    window = MainWindow(None, vault=no_vault, ui_settings=ui_settings, data_dir=data_dir)
    qtbot.addWidget(window)

    def create(dialog) -> None:
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        keep_the_recovery_code()  # shown once, before the profile is asked
        dialog.create_button.click()

    when_modal(create)
    window.show()
    app.open_when_painted(window, data_dir, no_vault, kdf=FAST_KDF)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ProfileDialog))
    profile_dialog = QApplication.activeModalWidget()
    assert profile_dialog.parent() is window and profile_dialog.cancel_button.text() == "Plus tard"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is profile_dialog)  # it has the keyboard
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert not profile_to_ask(window.ws) and get_profile(window.ws).is_empty
    window.close()


@pytest.mark.screenshot
def test_screenshot_of_the_profile(qtbot, ws) -> None:
    from .helpers import save_screenshot

    dialog = _dialog(qtbot, ws, first_run=True)
    form = dialog.form
    for field, text in ((form.first_name, "Camille"), (form.last_name, "Exemple"),
                        (form.function, "Conseillère mobilité-carrière"),
                        (form.administration, "Administration fictive de démonstration"),
                        (form.service, "Plateforme RH fictive"), (form.phone, "01 00 00 00 00"),
                        (form.email, "camille.exemple@demo.invalid")):
        field.setText(text)
    form.address.setPlainText("1 place de la Démonstration\n00000 Ville-Fictive")
    form.set_logo(prepare_logo_bytes(SVG_OK, ".svg"))
    save_screenshot(dialog, "profil.png")
