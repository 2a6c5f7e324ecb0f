"""Known vulnerabilities of the installed packages, from pip-audit on this environment (run by scripts/test).

pip-audit asks PyPI's advisory data for each installed version. A package with an advisory fails the suite.
Where PyPI's per-version data cannot be reached (offline, or a mirror that does not serve it: measured on the
development machines, every package comes back "not found"), nothing can be checked: the audit says so,
names how many packages went unchecked, and lets the suite go on — unless CMC_AUDIT_REQUIRED=1, for a
machine where the audit must have run.

Usage: python scripts/dependency_audit.py PIP_AUDIT_EXECUTABLE
"""

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field


@dataclass
class Verdict:
    vulnerable: list[str] = field(default_factory=list)
    audited: int = 0
    unchecked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.vulnerable

    def report(self) -> str:
        if self.vulnerable:
            return "Audit des dépendances : vulnérabilités connues\n  " + "\n  ".join(self.vulnerable)
        if not self.audited:
            return (f"Audit des dépendances impossible ici : aucune donnée de PyPI pour les {len(self.unchecked)} "
                    "paquets installés (hors ligne ?). Rien n'a été vérifié.")
        unchecked = f" ; non vérifiés : {', '.join(self.unchecked)}" if self.unchecked else ""
        checked = f"{self.audited} paquet{'s' if self.audited > 1 else ''} vérifié{'s' if self.audited > 1 else ''}"
        return f"Audit des dépendances : {checked}, aucune vulnérabilité connue{unchecked}."


def verdict(audit: dict[str, object]) -> Verdict:
    """What pip-audit's JSON report (`-f json`) says of this environment."""
    result = Verdict()
    dependencies = audit.get("dependencies", [])
    for dependency in dependencies if isinstance(dependencies, list) else []:
        name = f"{dependency.get('name')} {dependency.get('version', '')}".strip()
        if "skip_reason" in dependency:
            result.unchecked.append(name)
            continue
        result.audited += 1
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "aucune"
            result.vulnerable.append(f"{name} : {vuln.get('id')} (corrigé dans : {fixed})")
    return result


def main(argv: list[str]) -> int:
    run = subprocess.run([argv[0], "--local", "--skip-editable", "--progress-spinner", "off", "-f", "json"],
                         capture_output=True, text=True, timeout=600, check=False)
    try:
        found = verdict(json.loads(run.stdout))
    except ValueError:
        print(f"Audit des dépendances : pip-audit n'a pas rendu de rapport (code {run.returncode}).\n"
              f"{run.stderr[-2000:]}", file=sys.stderr)
        return 1
    print(found.report())
    if not found.ok:
        return 1
    return 1 if not found.audited and os.environ.get("CMC_AUDIT_REQUIRED") == "1" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
