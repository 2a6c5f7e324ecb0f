"""French written well: real plurals instead of « (s) », and « phrase secrète » for the daily secret — the
word « récupération » belongs to the recovery code only."""

import ast
import re
from pathlib import Path

import pytest

from cmc_desktop.domain.text import plural

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cmc_desktop"
# « dossier(s) », « demandé(es) »: parenthesised plurals (the brief is about plurals, not « informé(e) »).
PARENTHESISED = re.compile(r"\w\(e?s\)")


def _string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


@pytest.mark.parametrize(("count", "expected"), [(0, "0 participant"), (1, "1 participant"),
                                                 (2, "2 participants"), (31, "31 participants")])
def test_plural_follows_french_rules(count: int, expected: str) -> None:
    assert plural(count, "participant", "participants") == expected


def test_the_scan_finds_a_parenthesised_plural(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('message = f"{n} dossier(s) purgé(e)(s)"\nok = "voir (sic), g(x), note (s)"\n', encoding="utf-8")
    assert [text for _, text in _string_literals(sample) if PARENTHESISED.search(text)] == [" dossier(s) purgé(e)(s)"]


def test_no_parenthesised_plural_in_the_package() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}: {text!r}" for path in sorted(PACKAGE.rglob("*.py"))
             for line, text in _string_literals(path) if PARENTHESISED.search(text)]
    assert found == []


def test_the_daily_secret_is_never_a_phrase_de_recuperation() -> None:
    wrong = re.compile(r"phrases? de récupération", re.IGNORECASE)
    files = [*sorted(p for p in PACKAGE.rglob("*") if p.suffix in {".py", ".txt", ".md", ".json", ".ts"}),
             ROOT / "README.md"]
    found = [f"{path.relative_to(ROOT)}:{number}" for path in files
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if wrong.search(line)]
    assert found == []
    assert "phrase secrète" in (ROOT / "README.md").read_text(encoding="utf-8")
