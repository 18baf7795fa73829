"""The per-file engine: failures are findings, never exceptions."""

from __future__ import annotations

from typing import Iterable

import pytest

from linter import engine
from linter.checks.base import Report, Rule
from linter.testing import default_settings, lint_source, rule_lines


class Exploding(Rule):
    id = "OPS999"
    name = "exploding"
    severity = "error"
    summary = "test rule that fails"

    def check(self, analysis: object) -> Iterable[Report]:
        raise ValueError("rule bug")


class AlwaysFires(Rule):
    id = "OPS998"
    name = "always-fires"
    severity = "warning"
    summary = "reports every call"

    def check(self, analysis) -> Iterable[Report]:  # type: ignore[no-untyped-def]
        for site in analysis.calls:
            yield Report(site.node, f"call {site.callee}")


@pytest.fixture()
def fake_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "active_rules", lambda settings, path: [Exploding(), AlwaysFires()])


def test_a_failing_rule_becomes_ops000_and_other_rules_still_run(fake_rules: None) -> None:
    findings = lint_source("print('x')\n")
    assert rule_lines(findings) == ["OPS000:1", "OPS998:1"]
    ops000 = findings[0]
    assert "OPS999 exploding" in ops000.message and "rule bug" in ops000.message


def test_positions_are_one_based_with_exclusive_end(fake_rules: None) -> None:
    finding = next(f for f in lint_source("x = 1\nif x:\n    run(x, y)\n") if f.rule == "OPS998")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 5, 3, 14)


def test_snippet_and_scope_for_baselines(fake_rules: None) -> None:
    finding = next(f for f in lint_source("def go():\n    run(1,\n        2)  # opslint: x\n") if f.rule == "OPS998")
    assert finding.scope == "go"
    assert finding.snippet == "run(1, 2)"


@pytest.mark.parametrize(
    ("source", "line", "text"),
    [
        ("def f(:\n", 1, "invalid syntax"),
        ("x = (\n", 1, "was never closed"),
        ("print 'hi'\n", 1, "Missing parentheses"),
        ("if x:\nfoo()\n", 2, "expected an indented block"),
    ],
)
def test_syntax_errors_are_ops001_with_cpython_location(source: str, line: int, text: str) -> None:
    findings = lint_source(source)
    assert rule_lines(findings) == [f"OPS001:{line}"]
    assert text in findings[0].message


def test_severity_override_from_config(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from linter.testing import settings_from_yaml

    settings = settings_from_yaml("severity: {OPS001: warning}\n", tmp_path)
    assert [f.severity for f in lint_source("def f(:\n", settings)] == ["warning"]
    assert [f.severity for f in lint_source("def f(:\n", default_settings())] == ["error"]


def test_per_file_ignores(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from linter.testing import settings_from_yaml

    settings = settings_from_yaml("per_file_ignores: {'legacy/**': [OPS001]}\n", tmp_path)
    assert lint_source("def f(:\n", settings, path="legacy/old.py") == []
    assert rule_lines(lint_source("def f(:\n", settings, path="scripts/new.py")) == ["OPS001:1"]


def test_libcst_validation_errors_are_ops001_not_crashes() -> None:
    """LibCST raises CSTValidationError (not ParserSyntaxError) for `b"a" "b"`; found by the long fuzz run."""
    findings = lint_source('import shutil\nshutil.rmtree(p)\nx = b"a" "b"\n')
    assert rule_lines(findings) == ["OPS001:3"]
    assert "cannot mix bytes and nonbytes literals" in findings[0].message


def test_an_unexpected_parser_failure_is_ops000_and_never_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_parser(*_: object) -> object:
        raise KeyError("parser bug")

    monkeypatch.setattr(engine, "parse_source", broken_parser)
    findings = lint_source("print('x')\n")
    assert rule_lines(findings) == ["OPS000:1"]
    assert "KeyError" in findings[0].message


def test_node_validation_is_skipped_only_inside_a_parse_cpython_accepted() -> None:
    import libcst as cst

    from linter.parse import parse_source

    module = parse_source("def f(x):\n    return [x for x in range(3)] + b'a'\n")
    assert isinstance(module, cst.Module)
    assert module.code == "def f(x):\n    return [x for x in range(3)] + b'a'\n"
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")  # LibCST checks its nodes again once the parse is over
