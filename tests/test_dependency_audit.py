"""The dependency audit of scripts/test: a known vulnerability fails the suite, an audit that could check nothing
says so; and the pypdf floor stays above the releases with denial-of-service advisories."""

import importlib.util
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("dependency_audit", ROOT / "scripts" / "dependency_audit.py")
assert _spec is not None and _spec.loader is not None
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

VULNERABLE = {"dependencies": [
    {"name": "pypdf", "version": "5.9.0", "vulns": [{"id": "GHSA-7hfw-26vp-jp8m", "fix_versions": ["6.0.0"]}]},
    {"name": "reportlab", "version": "5.1.0", "vulns": []},
    {"name": "cmc-desktop", "skip_reason": "Dependency not found on PyPI"}]}


def test_a_known_vulnerability_fails_and_is_named() -> None:
    found = audit.verdict(VULNERABLE)
    assert not found.ok and found.audited == 2
    assert "pypdf 5.9.0 : GHSA-7hfw-26vp-jp8m (corrigé dans : 6.0.0)" in found.report()


def test_a_clean_environment_passes_and_names_what_went_unchecked() -> None:
    clean = {"dependencies": VULNERABLE["dependencies"][1:]}
    found = audit.verdict(clean)
    assert found.ok
    assert found.report() == ("Audit des dépendances : 1 paquet vérifié, aucune vulnérabilité connue ; "
                              "non vérifiés : cmc-desktop.")


def test_an_audit_that_reached_nothing_says_nothing_was_checked() -> None:
    offline = {"dependencies": [{"name": n, "skip_reason": "not found"} for n in ("pypdf", "alembic")]}
    found = audit.verdict(offline)
    assert found.ok and found.audited == 0
    assert "Rien n'a été vérifié" in found.report()


def test_the_pypdf_floor_is_past_the_denial_of_service_advisories() -> None:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    floor = next(re.fullmatch(r"pypdf>=(\d+)\.(\d+),<\d+", d) for d in dependencies if d.startswith("pypdf"))
    assert floor is not None
    # Advisories on crafted PDFs (CVE-2025-55197 … CVE-2026-59938) are fixed by 6.15; 7.0 added more limits.
    assert (int(floor[1]), int(floor[2])) >= (7, 1)
