"""The widgets that keep a text whole by putting it on more lines: a push button whose text wraps, a read-only
text that breaks a word longer than its width."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from cmc_desktop.ui.widgets.wrapped_text import WrappedText
from cmc_desktop.ui.widgets.wrapping_button import WrappingButton

TOPIC = "19/11/2026 — Pistes d'évolution professionnelle et rencontre avec les services"
WORD = "Q2FwUHJpbnRlbXBz" * 8  # 128 letters, no place to break


def tertiary(button: QPushButton) -> QPushButton:
    button.setProperty("variant", "tertiary")
    button.setObjectName("SeanceButton")
    return button


def test_a_wrapping_button_whose_text_fits_looks_as_a_push_button(qtbot) -> None:
    """Same sheet, same size, same pixels: the style draws it, only given the lines."""
    plain, wrapping = tertiary(QPushButton(TOPIC)), tertiary(WrappingButton(TOPIC))
    for button in (plain, wrapping):
        qtbot.addWidget(button)
        button.ensurePolished()
    size = plain.sizeHint()
    assert wrapping.sizeHint() == size and wrapping.heightForWidth(size.width()) == size.height()
    for button in (plain, wrapping):
        button.resize(size)
    assert wrapping.lines() == [TOPIC]
    assert wrapping.grab().toImage() == plain.grab().toImage()


def test_a_narrow_wrapping_button_breaks_between_words_then_inside_a_too_long_word(qtbot) -> None:
    button = WrappingButton(f"{TOPIC} {WORD}")
    qtbot.addWidget(button)
    button.ensurePolished()
    metrics = QFontMetrics(button.font())
    one_line = button.sizeHint()
    narrow = one_line.width() // 3
    lines = button.lines(narrow)
    assert "".join(lines) == button.text()  # every letter drawn, none elided
    assert len(lines) > 3 and button.heightForWidth(narrow) > one_line.height()
    room = narrow - (one_line.width() - metrics.horizontalAdvance(button.text()))
    assert all(metrics.horizontalAdvance(line.rstrip()) <= room for line in lines)
    assert any(WORD not in line and line.strip() and line.strip() in WORD for line in lines)  # the word broken
    # In a layout, the button takes the height its lines need at the width it is given.
    holder = QWidget()
    qtbot.addWidget(holder)
    column = QVBoxLayout(holder)
    column.addWidget(button)
    column.addStretch(1)
    holder.resize(narrow + 20, 400)
    holder.show()
    qtbot.waitExposed(holder)
    qtbot.waitUntil(lambda: button.height() >= button.heightForWidth(button.width()))
    assert button.width() < one_line.width()


def test_a_wrapping_button_is_a_push_button_for_the_keyboard(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    button = tertiary(WrappingButton(TOPIC, holder))
    button.setAccessibleName(f"Séance du {TOPIC}")
    button.setAccessibleDescription("Salle 204 ; Séance à venir")
    QVBoxLayout(holder).addWidget(button)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    with qtbot.waitSignal(button.clicked):
        qtbot.keyClick(button, Qt.Key.Key_Space)
    assert button.focusPolicy() == QPushButton().focusPolicy()
    assert button.accessibleName() == f"Séance du {TOPIC}"
    assert button.accessibleDescription() == "Salle 204 ; Séance à venir"


def test_a_wrapped_text_breaks_a_word_longer_than_its_width_and_is_as_tall_as_its_lines(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    text = WrappedText(f"Voir {WORD} avant la séance.", holder)
    column = QVBoxLayout(holder)
    column.addWidget(text)
    column.addStretch(1)
    holder.resize(300, 600)
    holder.show()
    qtbot.waitExposed(holder)
    qtbot.waitUntil(lambda: text.height() >= text.heightForWidth(text.width()))
    assert text.toPlainText() == f"Voir {WORD} avant la séance."
    document = text.document().size()
    assert document.width() <= text.viewport().width()  # broken inside the word: nothing beyond the right edge
    assert document.height() <= text.viewport().height()  # every line shown, nothing scrolled
    assert not text.horizontalScrollBar().isVisible() and not text.verticalScrollBar().isVisible()
    assert text.minimumSizeHint().width() < 300 and text.focusPolicy() == Qt.FocusPolicy.NoFocus
