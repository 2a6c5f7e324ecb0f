"""When messages are announced to screen readers, and how urgently (the AT-SPI walk in tests/a11y checks that
they reach the bus): errors interrupt, the rest waits its turn, and a message already on screen is not repeated."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from cmc_desktop.ui.widgets import ERROR, SUCCESS, WARNING, ErrorBanner, FrenchDateEdit, Toast, feedback


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, bool]]]:
    said: list[tuple[str, bool]] = []
    monkeypatch.setattr(feedback, "announce", lambda source, text, *, assertive=False: said.append((text, assertive)))
    yield said


def test_an_error_banner_interrupts_once_and_again_after_it_was_cleared(qtbot, heard) -> None:
    banner = ErrorBanner()
    qtbot.addWidget(banner)
    banner.show_message("La phrase est incorrecte.", ERROR)
    banner.show_message("La phrase est incorrecte.", ERROR)  # the same, still on screen
    banner.clear()
    banner.show_message("La phrase est incorrecte.", ERROR)  # typed again, wrong again
    banner.show_message("Accès au fichier impossible.", ERROR)
    assert heard == [("Erreur : La phrase est incorrecte.", True), ("Erreur : La phrase est incorrecte.", True),
                     ("Erreur : Accès au fichier impossible.", True)]


def test_warnings_and_confirmations_wait_their_turn(qtbot, heard) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    banner, toast = ErrorBanner(holder), Toast(holder)
    banner.show_message("La demande sera implicitement rejetée le 16/12/2026.", WARNING)
    toast.show_message("Sauvegarde créée.", SUCCESS)
    assert heard == [("Attention : La demande sera implicitement rejetée le 16/12/2026.", False),
                     ("Sauvegarde créée.", False)]
    icon = banner.findChildren(QLabel)[0]
    assert icon.accessibleName() == "Attention"  # the colour and the picture alone would not say it


def test_an_inline_error_is_said_and_stays_as_the_fields_description(qtbot, heard) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    line, field = QLabel(holder), QLineEdit(holder)
    feedback.show_inline_error(line, "Ce champ est obligatoire.", field)
    assert (line.isHidden(), field.accessibleDescription()) == (False, "Ce champ est obligatoire.")
    feedback.show_inline_error(line, "", field)
    assert (line.isHidden(), field.accessibleDescription()) == (True, "")
    assert heard == [("Ce champ est obligatoire.", True)]


def test_a_date_typed_wrong_is_announced_as_the_cmc_leaves_the_field(qtbot, heard) -> None:
    date = FrenchDateEdit(accessible_name="Date de début")
    qtbot.addWidget(date)
    date.show()
    date.edit.setFocus()
    QTest.keyClicks(date.edit, "31/02/2027")
    QTest.keyClick(date.edit, Qt.Key.Key_Return)
    assert heard and heard[-1][1] is True and "n'existe pas dans le calendrier" in heard[-1][0]
    assert date.edit.accessibleDescription() == heard[-1][0]
