"""Background tasks deliver on the main thread; confidential copies leave the clipboard."""

import threading

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from cmc_desktop.domain.progress import Step
from cmc_desktop.ui import tasks
from cmc_desktop.ui.clipboard import CLEAR_AFTER_MS, HINT, SECRET_FORMATS, ConfidentialClipboard, confidential
from tests.conftest import MARKER


def test_run_now_is_synchronous() -> None:
    results: list[object] = []
    tasks.submit(lambda: 41 + 1, on_done=results.append)
    tasks.submit(lambda: 1 / 0, on_error=results.append)
    assert results[0] == 42 and isinstance(results[1], ZeroDivisionError)
    assert tasks.running() == 0


def test_thread_pool_delivers_results_progress_and_errors_on_the_main_thread(qtbot) -> None:
    previous = tasks.set_executor(tasks.thread_pool)
    try:
        main = threading.get_ident()
        seen: list[tuple] = []

        def work():
            yield Step(50, "à moitié")
            return threading.get_ident()

        task = tasks.submit(work, on_progress=lambda p, t: seen.append(("progress", p, t, threading.get_ident())),
                            on_done=lambda worker: seen.append(("done", worker != main, threading.get_ident())))
        with qtbot.waitSignal(task.succeeded, timeout=5000):
            pass
        assert seen == [("progress", 50, "à moitié", main), ("done", True, main)]
        failing = tasks.submit(lambda: [][1], on_error=lambda e: seen.append(("error", type(e).__name__)))
        with qtbot.waitSignal(failing.failed, timeout=5000):
            pass
        assert seen[-1] == ("error", "IndexError")
    finally:
        tasks.set_executor(previous)


def test_results_for_a_deleted_owner_are_dropped(qtbot) -> None:
    owner = QLabel()
    results: list[object] = []
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner))
    tasks.submit(lambda: 1, on_done=results.append, owner=owner)
    assert results == []


def test_confidential_copy_is_marked_and_cleared_after_the_delay(qtbot) -> None:
    clipboard = ConfidentialClipboard(clear_after_ms=30)
    clipboard.copy(MARKER)
    data = QApplication.clipboard().mimeData()
    assert data.text() == MARKER
    assert all(data.hasFormat(mime) for mime in SECRET_FORMATS if "windows" not in mime)
    assert clipboard.holding
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == "", timeout=3000)
    assert not clipboard.holding


def test_something_copied_since_is_left_alone(qtbot) -> None:
    clipboard = ConfidentialClipboard(clear_after_ms=60_000)
    clipboard.copy(MARKER)
    QApplication.clipboard().setText("copié par la CMC ailleurs")
    assert clipboard.clear_if_ours() is False
    assert QApplication.clipboard().text() == "copié par la CMC ailleurs"


def test_default_delay_is_thirty_seconds() -> None:
    assert ConfidentialClipboard()._timer.interval() == 30_000


def test_a_plain_ctrl_c_in_a_field_is_marked_secret_and_cleared(qtbot, window) -> None:
    """Once the main window shows the store's content, every copy in the application is watched."""
    field = QLineEdit(MARKER)
    qtbot.addWidget(field)
    field.show()
    field.windowHandle().requestActivate()  # the CMC copies in her active window
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    confidential().set_clear_after(50)
    try:
        field.selectAll()
        field.copy()
        qtbot.waitUntil(lambda: QApplication.clipboard().mimeData().hasFormat(HINT), timeout=3000)
        assert QApplication.clipboard().text() == MARKER
        qtbot.waitUntil(lambda: QApplication.clipboard().text() == "", timeout=3000)
    finally:
        confidential().set_clear_after(CLEAR_AFTER_MS)
