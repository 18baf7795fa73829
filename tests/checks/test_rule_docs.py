"""Every rule's documented examples are tests: `bad` is flagged, `good` is not; `explain` works."""

from __future__ import annotations

import re
import textwrap

import pytest
from click.testing import CliRunner

from linter.checks import builtin_rules
from linter.cli import cli
from linter.testing import lint_source

RULES = builtin_rules()
WITH_EXAMPLES = [r for r in RULES if r.bad]


@pytest.mark.parametrize("rule", WITH_EXAMPLES, ids=[r.id for r in WITH_EXAMPLES])
def test_bad_example_is_flagged(rule: type) -> None:
    findings = lint_source(textwrap.dedent(rule.bad).lstrip("\n"))
    assert any(f.rule == rule.id for f in findings), [f"{f.rule}:{f.line} {f.message}" for f in findings]


@pytest.mark.parametrize("rule", [r for r in RULES if r.good], ids=[r.id for r in RULES if r.good])
def test_good_example_is_not_flagged(rule: type) -> None:
    findings = lint_source(textwrap.dedent(rule.good).lstrip("\n"))
    assert not [f for f in findings if f.rule == rule.id], [f"{f.rule}:{f.line} {f.message}" for f in findings]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_explain_shows_the_doc(rule: type) -> None:
    result = CliRunner().invoke(cli, ["explain", rule.id])
    assert result.exit_code == 0, result.output
    assert rule.id in result.output and rule.name in result.output
    assert rule.summary.strip().split()[0] in result.output
    if rule.bad:
        assert rule.bad.strip().splitlines()[0] in result.output
    headings = re.findall(r"^## .*$", result.output, re.MULTILINE)
    assert len(headings) == len(set(headings)), headings
    assert not re.search(r"^## .*\n\n## ", result.output, re.MULTILINE), "a section with no text"


def test_every_rule_has_documentation() -> None:
    for rule in RULES:
        assert rule.summary and rule.rationale, rule.id
        if not rule.engine:
            assert rule.bad and rule.good, f"{rule.id} needs bad and good examples"
