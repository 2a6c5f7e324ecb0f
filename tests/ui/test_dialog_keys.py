"""The keyboard in every dialog of the application, pressed on the focused widget as a person does: Entrée does
the dialog's main action (from the main keyboard or the keypad), Échap cancels, no other button takes Entrée,
and while the main action runs in the background Entrée does nothing.

The table `CASES` (tests/ui/dialog_table.py) has one line a dialog; a QDialog subclass of the application that
it does not cover fails `test_the_table_covers_every_dialog`."""

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton

import cmc_desktop.ui

from .dialog_cases import Demo, DialogCase
from .dialog_table import ABSTRACT, CASES
from .helpers import answer_message_box
from .reading_order import out_of_order
from .secret_helpers import HeldTasks, focused, hold_tasks, show_active

BY_NAME = {case.name: case for case in CASES}
ACCEPTING = {QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole,
             QDialogButtonBox.ButtonRole.ApplyRole}


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_the_table_covers_every_dialog() -> None:
    for module in pkgutil.walk_packages(cmc_desktop.ui.__path__, "cmc_desktop.ui."):
        importlib.import_module(module.name)
    found = {cls for cls in _subclasses(QDialog) if cls.__module__.startswith("cmc_desktop.")}
    covered = {case.dialog for case in CASES} | set(ABSTRACT)
    assert sorted(c.__qualname__ for c in found - covered) == []
    assert len(CASES) == len(BY_NAME)  # one line a dialog


@pytest.fixture(autouse=True)
def stray_modals() -> Iterator[list[str]]:
    """A message box the test did not expect is closed after two seconds and fails the test, which would
    otherwise wait on it for ever."""
    seen: list[str] = []

    def close_stray() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QDialog) and widget.isVisible():
            seen.append(f"{type(widget).__name__}: {widget.windowTitle()} {getattr(widget, 'text', str)()}")
            widget.reject()

    timer = QTimer()
    timer.timeout.connect(close_stray)
    timer.start(2000)
    yield seen
    timer.stop()
    assert seen == [], f"fenêtre modale inattendue : {seen}"


def _open(qtbot, case: DialogCase, demo: Demo) -> QDialog:
    dialog = case.build(demo)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    return dialog


def _results(dialog: QDialog) -> list[int]:
    results: list[int] = []
    dialog.finished.connect(results.append)
    return results


def enter(keypad: bool = False) -> None:
    """Entrée on whatever has the keyboard: the main keyboard's Return, or the keypad's Enter."""
    if keypad:
        QTest.keyClick(focused(), Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    else:
        QTest.keyClick(focused(), Qt.Key.Key_Return)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_only_the_main_button_takes_entree(qtbot, demo: Demo, name: str) -> None:
    dialog = _open(qtbot, BY_NAME[name], demo)
    boxes = [box for box in dialog.findChildren(QDialogButtonBox) if box.isVisible()]
    assert boxes, "pas de QDialogButtonBox"
    takers = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and (b.isDefault() or b.autoDefault())]
    assert len(takers) <= 1, [b.text() for b in takers]
    for button in takers:
        box = next((box for box in boxes if box.isAncestorOf(button)), None)
        assert box is not None, f"« {button.text()} » prend Entrée hors de la boîte de boutons"
        accepting = [b for b in box.buttons() if box.buttonRole(b) in ACCEPTING]
        # A dialog that only shows something (a report, a comparison) closes on Entrée: closing is its action.
        assert button in accepting or not accepting, f"« {button.text()} » prend Entrée, pas l'action principale"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_echap_cancels(qtbot, demo: Demo, name: str) -> None:
    dialog = _open(qtbot, BY_NAME[name], demo)
    results = _results(dialog)
    case = BY_NAME[name]
    if case.escape_asks:
        answer_message_box(case.escape_asks)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    if case.escape_refused:
        assert results == [] and dialog.isVisible()
        assert case.escape_refused in " ".join(label.text() for label in dialog.findChildren(QLabel))
    elif case.escape_asks:  # closed, with nothing applied (or the answer's own result)
        assert len(results) == 1 and not dialog.isVisible()
    else:
        assert results == [QDialog.DialogCode.Rejected] and not dialog.isVisible()


@pytest.mark.parametrize("keypad", [False, True], ids=["Return", "Enter du pavé"])
@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_entree_does_the_main_action(qtbot, demo: Demo, name: str, keypad: bool) -> None:
    case = BY_NAME[name]
    dialog = _open(qtbot, case, demo)
    case.fill(demo, dialog)
    enter(keypad)
    case.check(demo, dialog)


@pytest.fixture
def held_tasks() -> Iterator[HeldTasks]:
    yield from hold_tasks()


@pytest.mark.parametrize("name", sorted(n for n, c in BY_NAME.items() if c.busy))
def test_entree_does_nothing_while_busy(qtbot, demo: Demo, held_tasks: HeldTasks, name: str) -> None:
    case = BY_NAME[name]
    dialog = _open(qtbot, case, demo)
    results = _results(dialog)
    case.fill(demo, dialog)
    enter()
    assert len(held_tasks.pending) == 1 and dialog.isVisible() and results == []
    enter()
    enter(keypad=True)
    assert len(held_tasks.pending) == 1 and dialog.isVisible() and results == []  # nothing else started
    held_tasks.release()
    case.check(demo, dialog)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_the_title_does_not_repeat_the_app_name(qtbot, demo: Demo, name: str) -> None:
    """The platform appends « — cmc-desktop » (the application's display name) to every window title."""
    dialog = BY_NAME[name].build(demo)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() and "cmc-desktop" not in dialog.windowTitle()
    assert QApplication.applicationDisplayName() == "cmc-desktop"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_tab_follows_the_reading_order(qtbot, demo: Demo, name: str) -> None:
    dialog = _open(qtbot, BY_NAME[name], demo)
    assert out_of_order(dialog) == []
