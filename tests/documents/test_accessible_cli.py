"""`cmc-desktop export-synthesis --out FICHIER.odt` writes the agent's accessible copy (the installed script, run as
a shell would run it)."""

import os
import subprocess
import sys
from pathlib import Path

from cmc_desktop.domain.synthesis_schema import SynthesisKind, document_title

from .odf_reader import read_odt

PASSPHRASE = "démonstration accessible 2026"


def test_the_command_line_exports_the_accessible_copy(tmp_path: Path) -> None:
    program = Path(sys.executable).parent / "cmc-desktop"
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR")}
    env.update(HOME=str(tmp_path), _=str(program), CMC_DESKTOP_PASSPHRASE=PASSPHRASE,
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    data, out = tmp_path / "demo", tmp_path / "exemplaire.odt"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(program), *args], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=120)

    assert run("demo", "--data-dir", str(data)).returncode == 0
    exported = run("export-synthesis", "--first", "--out", str(out), "--data-dir", str(data))
    assert exported.returncode == 0, exported.stderr
    odt = read_odt(out.read_bytes())
    assert odt.headings[0][0] == 1 and odt.headings[0][1] in {document_title(kind, collective=collective)
                                                              for kind in SynthesisKind for collective in (False, True)}
    assert odt.language == "fr-FR"
    assert "Réf. DS-" in odt.text and out.name in exported.stdout
    assert out.stat().st_mode & 0o077 == 0


def test_the_command_line_exports_the_agents_data_with_their_accessible_copy(tmp_path: Path) -> None:
    program = Path(sys.executable).parent / "cmc-desktop"
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR")}
    env.update(HOME=str(tmp_path), _=str(program), CMC_DESKTOP_PASSPHRASE=PASSPHRASE,
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    data, out = tmp_path / "demo", tmp_path / "remise"
    assert subprocess.run([str(program), "demo", "--data-dir", str(data)], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=120).returncode == 0
    exported = subprocess.run([str(program), "export-agent", "--first", "--accessible", "--out", str(out),
                               "--data-dir", str(data)], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    [odt_path] = out.glob("donnees-AG-*.odt")
    assert str(odt_path) in exported.stdout and odt_path.stat().st_mode & 0o077 == 0
    odt = read_odt(odt_path.read_bytes())
    assert odt.headings[0] == (1, "Vos données personnelles") and odt.language == "fr-FR"
