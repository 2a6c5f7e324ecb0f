"""Running the installed `cmc-desktop` script as a shell runs it: `_` set to the program's path (bash does that),
stdin not a terminal (a pipe or /dev/null) unless a pseudo-terminal is asked for, no keyring.

In-process `main([...])` calls miss what only the real process sees: the environment a shell gives, how stdin is
connected, tracebacks printed on the way out, the exit status.
"""

import fcntl
import os
import pty
import select
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("cmc-desktop")
TIMEOUT_S = 120


def shell_env(**variables: str) -> dict[str, str]:
    """The environment of a command typed in bash: the test's own minus any CMC_DESKTOP_* value, `_` set."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("CMC_DESKTOP_")}
    env.update({"_": str(SCRIPT), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "LANG": "C.UTF-8"})
    env.update(variables)
    return env


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def message(self) -> str:
        """stderr without the log lines (timestamped INFO/WARNING codes)."""
        return "\n".join(line for line in self.err.splitlines() if not line[:4].isdigit())


def cmc(*args: str | Path, stdin: str | None = None, **variables: str) -> Result:
    """Run the script; `stdin` text is sent through a pipe, else stdin is /dev/null. Never a traceback."""
    done = subprocess.run([str(SCRIPT), *map(str, args)], env=shell_env(**variables), text=True,
                          input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                          capture_output=True, timeout=TIMEOUT_S)
    assert "Traceback" not in done.stderr, done.stderr
    return Result(done.returncode, done.stdout, done.stderr)


def cmc_on_terminal(*args: str | Path, answers: list[tuple[str, str]], **variables: str) -> Result:
    """Run the script in a session whose controlling terminal is a pseudo-terminal (stdin and stdout on it, as in
    a terminal window), answering each prompt (a text it prints) with a line, as a CMC typing. stderr apart."""
    controller, terminal = pty.openpty()

    def take_the_terminal() -> None:  # in the child, after setsid: the terminal becomes its /dev/tty
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen([str(SCRIPT), *map(str, args)], env=shell_env(**variables), stdin=terminal,
                               stdout=terminal, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=take_the_terminal)
    os.close(terminal)
    seen, pending = "", list(answers)
    deadline = time.monotonic() + TIMEOUT_S
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:  # the process ended: the terminal is gone
                    break
                if not chunk:
                    break
                seen += chunk.decode("utf-8", "replace")
            if pending and pending[0][0] in seen:
                prompt, line = pending.pop(0)
                seen = seen.replace(prompt, "", 1)
                os.write(controller, line.encode("utf-8") + b"\r")
            if process.poll() is not None and not ready:
                break
        err = process.communicate(timeout=TIMEOUT_S)[1].decode("utf-8")
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
    assert not pending, f"invites jamais vues : {pending}; sortie : {seen!r}"
    assert "Traceback" not in err, err
    return Result(process.returncode, seen, err)
