"""The README stays true: its rules table lists every rule, and CI runs its commands."""

from __future__ import annotations

import re
from pathlib import Path

from linter.checks import builtin_rules

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_table_matches_the_rules() -> None:
    rows = dict(re.findall(r"^\| (OPS\d{3}) \| ([a-z-]+) \|", README, flags=re.M))
    assert rows == {rule.id: rule.name for rule in builtin_rules()}


def test_exactly_two_setup_commands_and_ci_runs_them() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert len(blocks) == 2
    main_job, tests = blocks
    assert "pip install ." in main_job and main_job.endswith("opslint check examples/")
    assert 'pip install ".[test]"' in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = tests.split(" && ", 2)[2]
    assert test_command in ci
