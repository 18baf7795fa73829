"""Helpers for rule tests in the project's compact style (also usable by custom-rule authors).

    CASES = [
        case('''
            import shutil
            shutil.rmtree(path)
        ''', "OPS101:2"),
        case('''print("fine")'''),
    ]

Each case is a source snippet (dedented) and the expected `RULE:LINE` strings.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from linter.config.model import Settings
from linter.engine import EngineOptions, lint_text
from linter.findings import Finding


@dataclass(frozen=True)
class Case:
    source: str
    expected: tuple[str, ...]
    path: str = "script.py"

    @property
    def id(self) -> str:
        first = next((ln.strip() for ln in self.source.splitlines() if ln.strip()), "")
        return f"{','.join(self.expected) or 'clean'}|{first[:40]}"


def case(source: str, *expected: str, path: str = "script.py") -> Case:
    return Case(textwrap.dedent(source).lstrip("\n"), tuple(expected), path)


@lru_cache(maxsize=8)
def default_settings() -> Settings:
    from linter.checks import known_rule_names
    from linter.config import load_settings

    return load_settings(None, known_rule_names())


def settings_from_yaml(text: str, directory: Path) -> Settings:
    """Settings from a user config written to `directory/.opslint.yaml`."""
    from linter.checks import known_rule_names
    from linter.config import load_settings

    path = directory / ".opslint.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_settings(path, known_rule_names())


def lint_source(
    source: str, settings: Settings | None = None, path: str = "script.py", report_unused_ignores: bool = False
) -> list[Finding]:
    settings = settings or default_settings()
    return lint_text(path, source, settings, EngineOptions(report_unused_ignores=report_unused_ignores)).findings


def rule_lines(findings: Iterable[Finding], rules: Sequence[str] | None = None) -> list[str]:
    """`["OPS101:4", ...]` for the findings of `rules` (prefixes allowed), sorted."""
    chosen = [f for f in findings if rules is None or any(f.rule.startswith(r) for r in rules)]
    return sorted(f"{f.rule}:{f.line}" for f in chosen)


def assert_case(c: Case, rules: Sequence[str] | None = None, settings: Settings | None = None) -> None:
    findings = lint_source(c.source, settings, c.path)
    got = rule_lines(findings, rules)
    want = sorted(c.expected)
    assert got == want, (
        f"expected {want}, got {got}\n"
        + "\n".join(f"  {f.rule}:{f.line}:{f.column} {f.message}" for f in findings)
        + f"\n--- source ---\n{c.source}"
    )
