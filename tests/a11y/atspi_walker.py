"""The screen reader's side of the accessibility test. Runs under the *system* Python (Debian's python3-pyatspi),
inside `dbus-run-session`; imports neither Qt nor cmc_desktop.

    dbus-run-session -- /usr/bin/python3 tests/a11y/atspi_walker.py VENV_PYTHON DATA_DIR REPORT.json

Starts the accessibility bus, Xvfb and openbox, then the application through tests/a11y/driver.py. On the unlock
dialog it types a wrong passphrase (the error must reach the bus as an announcement), then the right one
(CMC_DESKTOP_PASSPHRASE), pressing the dialog's default button through AT-SPI. Then, for every screen the driver
puts on show, it walks the application's accessibility tree and notes each showing interactive widget with no
accessible name, each image with no text equivalent, each table column with no header. It writes REPORT.json
and exits 0; the pytest side judges the report.
"""

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyatspi
from gi.repository import GLib

ROOT = Path(__file__).resolve().parents[2]
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
SCREEN_SIZE = "1280x720x24"
APPEAR_TIMEOUT_S = 20.0
READY_TIMEOUT_S = 60.0
ANNOUNCEMENT_TIMEOUT_S = 5.0

# What a screen reader user operates: each needs a name that says what it is for.
INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "page tab", "text", "password text", "entry",
    "combo box", "spin button", "table", "tree table", "tree", "list", "list box", "slider", "menu button",
    "push button menu", "date editor", "editbar",
}
WINDOWS = {"frame", "dialog", "window", "alert", "file chooser"}  # a title tells where the user is
IMAGES = {"image", "icon", "animation"}
# Their children are rows, cells and items (named by their data), or the pop-up list of a combo box.
NO_DESCENT = {"table", "tree table", "tree", "list", "list box", "combo box"}


def start_display(environ: dict[str, str]) -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN_SIZE, "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environ)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        raise RuntimeError("Xvfb n'a pas démarré")
    return xvfb, f":{number}"


class App:
    """The driver process and the lines it writes, read on a thread so GLib events keep flowing meanwhile."""

    def __init__(self, command: list[str], environ: dict[str, str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        env=environ, cwd=ROOT)
        self.lines: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            line = line.strip()
            if line.startswith("{"):
                self.lines.put(json.loads(line))
        self.lines.put({"exited": self.process.wait()})

    def next_message(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pump()
            try:
                return self.lines.get(timeout=0.02)
            except queue.Empty:
                continue
        raise TimeoutError("l'application n'a pas répondu à temps")

    def send(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()


def pump() -> None:
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


def find_application(pid: int) -> "pyatspi.Accessible":
    deadline = time.monotonic() + APPEAR_TIMEOUT_S
    while time.monotonic() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.get_process_id() == pid:
                return app
        time.sleep(0.1)
    raise TimeoutError("l'application n'est pas apparue sur le bus d'accessibilité")


def showing(acc: "pyatspi.Accessible") -> bool:
    return acc.getState().contains(pyatspi.STATE_SHOWING)


def label(acc: "pyatspi.Accessible") -> str:
    return f"{acc.getRoleName()} « {acc.name or ''} »"


def walk(app: "pyatspi.Accessible") -> tuple[list[str], int]:
    """Problems of every showing object under `app`, and how many objects were looked at."""
    problems: list[str] = []
    seen = 0

    def visit(acc: "pyatspi.Accessible", path: list[str]) -> None:
        # Each property read is a D-Bus round trip to the application: read each once, and only what is needed.
        nonlocal seen
        seen += 1
        role = acc.getRoleName()
        name = (acc.name or "").strip()
        here = [*path, f"{role} « {name} »"]
        where = " > ".join(here[-3:])
        if role in INTERACTIVE | WINDOWS and not name:
            description = (acc.description or "").strip()
            hint = f" (description : « {description} »)" if description else ""
            problems.append(f"sans nom accessible : {where}{hint}")
        if role in IMAGES and not name and not (acc.description or "").strip():
            problems.append(f"image sans équivalent textuel : {where}")
        if role in {"table", "tree table"}:
            problems.extend(f"{where} : {problem}" for problem in table_problems(acc))
        if role in NO_DESCENT:
            return
        for child in acc:
            if child is not None and showing(child):
                visit_if_there(child, here)

    def visit_if_there(acc: "pyatspi.Accessible", path: list[str]) -> None:
        try:
            visit(acc, path)
        except Exception as error:  # an object deleted while walked (a view torn down by the lock): not a defect
            if "No such object path" not in str(error):
                raise

    for window in app:
        if window is not None and showing(window):
            visit_if_there(window, [])
    return problems, seen


def table_problems(acc: "pyatspi.Accessible") -> list[str]:
    """Columns whose header says nothing (what a screen reader announces on moving to another column)."""
    try:
        table = acc.queryTable()
    except NotImplementedError:
        return []
    return [f"colonne {column + 1} sans en-tête" for column in range(table.nColumns)
            if not (table.getColumnDescription(column) or "").strip()]


def find(app: "pyatspi.Accessible", predicate) -> "pyatspi.Accessible | None":
    for window in app:
        if window is None or not showing(window):
            continue
        found = pyatspi.findDescendant(window, lambda acc: acc is not None and showing(acc) and predicate(acc))
        if found is not None:
            return found
    return None


def unlock(app: "pyatspi.Accessible", good: str, announcements: list[dict]) -> dict:
    """Type a wrong passphrase then the right one, as a screen reader user: the password field, then the
    dialog's default button. Returns what was announced after the wrong one."""
    field = find(app, lambda acc: acc.getRoleName() == "password text")
    button = find(app, lambda acc: acc.getRoleName() == "push button"
                  and acc.getState().contains(pyatspi.STATE_IS_DEFAULT))
    if field is None or button is None:
        raise LookupError("champ de la phrase ou bouton par défaut introuvable dans le dialogue de déverrouillage")
    before = len(announcements)
    field.queryEditableText().setTextContents("ce n'est pas la bonne phrase")
    button.queryAction().doAction(0)
    deadline = time.monotonic() + ANNOUNCEMENT_TIMEOUT_S
    while time.monotonic() < deadline and len(announcements) == before:
        pump()
        time.sleep(0.02)
    heard = announcements[before:]
    field.queryEditableText().setTextContents(good)
    button.queryAction().doAction(0)
    return {"after_wrong_passphrase": heard}


def main(venv_python: str, data_dir: str, report_path: str) -> int:
    environ = dict(os.environ)
    processes: list[subprocess.Popen] = []
    report: dict = {"screens": [], "announcements": [], "errors": []}
    started = time.monotonic()
    try:
        try:
            xvfb, display = start_display(environ)
            processes.append(xvfb)
            environ["DISPLAY"] = display
            processes.append(subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=environ,
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            if pyatspi.Registry.getDesktop(0).childCount < 0:  # the registry answers: AT-SPI works here
                raise RuntimeError("le registre AT-SPI ne répond pas")
        except Exception as error:  # no X server or no accessibility bus: the test is skipped, saying why
            report["unavailable"] = f"{type(error).__name__}: {error}"
            return 0
        processes.append(subprocess.Popen(["openbox"], env=environ, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        announcements: list[dict] = []

        def heard(event) -> None:
            announcements.append({"text": str(event.any_data), "politeness": event.detail1,
                                  "source": label(event.source) if event.source is not None else ""})

        pyatspi.Registry.registerEventListener(heard, "object:announcement")
        app_env = dict(environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        app = App([venv_python, "-m", "tests.a11y.driver", data_dir], app_env)
        processes.append(app.process)
        accessible = None
        said_before: list[dict] = []
        asked = time.monotonic()
        while True:
            message = app.next_message(READY_TIMEOUT_S)
            if "exited" in message:
                report["errors"].append(f"l'application s'est arrêtée (code {message['exited']})")
                break
            if message.get("done"):
                report["errors"].extend(message.get("errors", []))
                break
            if "ready" not in message:
                continue
            if accessible is None:
                accessible = find_application(app.process.pid)
            walk_started = time.monotonic()
            problems, seen = walk(accessible)
            pump()  # announcements made while the screen opened
            heard = [a["text"] for a in announcements[len(said_before):]]
            said_before = list(announcements)
            expected = message.get("announces", "")
            if expected and not any(expected in text for text in heard):
                problems.append(f"non annoncé aux lecteurs d'écran : « {expected} » (entendu : {heard})")
            report["screens"].append({"name": message["ready"], "problems": problems, "objects": seen,
                                      "heard": heard, "open_s": round(walk_started - asked, 2),
                                      "walk_s": round(time.monotonic() - walk_started, 2)})
            if message.get("unlock"):
                report["unlock"] = unlock(accessible, environ["CMC_DESKTOP_PASSPHRASE"], announcements)
            else:
                app.send("next")
            asked = time.monotonic()
        report["announcements"] = announcements
    except Exception as error:  # reported, judged by the pytest side
        report["errors"].append(f"{type(error).__name__}: {error}")
    finally:
        report["seconds"] = round(time.monotonic() - started, 1)
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
        Path(report_path).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
