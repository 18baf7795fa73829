"""Inline suppressions and OPS002, checked with a custom `forbid` rule that always fires on legacy_sync."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from linter.config.model import Settings
from linter.engine import EngineOptions, lint_text
from linter.testing import rule_lines, settings_from_yaml

CONFIG = """
unsuppressible: [ACME002]
custom_rules:
  - id: ACME001
    message: banned
    severity: error
    kind: forbid
    match: {method: legacy_sync}
  - id: ACME002
    message: banned for good
    severity: error
    kind: forbid
    match: {method: legacy_export}
"""
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return settings_from_yaml(CONFIG, tmp_path_factory.mktemp("cfg"))


def lint(source: str, settings: Settings, unused: bool = False) -> list[str]:
    options = EngineOptions(report_unused_ignores=unused, today=TODAY)
    return rule_lines(lint_text("s.py", source, settings, options).findings)


def messages(source: str, settings: Settings) -> list[str]:
    return [f.message for f in lint_text("s.py", source, settings, EngineOptions(today=TODAY)).findings]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("c.legacy_sync(1)\n", ["ACME001:1"]),
        ("c.legacy_sync(1)  # opslint: ignore[ACME001] migration tested on staging\n", []),
        ("# opslint: ignore[ACME001] one-off, approved in CHG-1234\nc.legacy_sync(1)\n", []),
        # a trailing comment on the line above does not cover the next line
        ("x = 1  # opslint: ignore[ACME001] reason\nc.legacy_sync(1)\n", ["ACME001:2"]),
        ("c.legacy_sync(1)  # opslint: ignore[OPS001] wrong rule named\n", ["ACME001:1"]),
        ("c.legacy_sync(1)  # opslint: ignore[acme001, OPS001] ids are case-insensitive\n", []),
        ("s = '# opslint: ignore[ACME001] in a string'; c.legacy_sync(1)\n", ["ACME001:1"]),
    ],
)
def test_line_suppressions(source: str, expected: list[str], settings: Settings) -> None:
    assert lint(source, settings) == expected


def test_file_suppression_in_first_comment_block(settings: Settings) -> None:
    source = "#!/usr/bin/env python3\n# opslint: ignore-file[ACME001] legacy tool, retired in Q1\nc.legacy_sync(1)\nc.legacy_sync(2)\n"
    assert lint(source, settings) == []


def test_file_suppression_after_code_is_rejected(settings: Settings) -> None:
    source = "c.legacy_sync(1)\n# opslint: ignore-file[ACME001] too late\nc.legacy_sync(2)\n"
    assert lint(source, settings) == ["ACME001:1", "ACME001:3", "OPS002:2"]


def test_suppression_without_reason_is_ops002_and_does_not_suppress(settings: Settings) -> None:
    source = "c.legacy_sync(1)  # opslint: ignore[ACME001]\n"
    assert lint(source, settings) == ["ACME001:1", "OPS002:1"]
    assert any("has no reason" in m for m in messages(source, settings))


def test_unknown_rule_in_suppression(settings: Settings) -> None:
    source = "c.legacy_sync(1)  # opslint: ignore[OPS999] typo\n"
    assert lint(source, settings) == ["ACME001:1", "OPS002:1"]
    assert any("unknown rule 'OPS999'" in m for m in messages(source, settings))


def test_suppression_without_rules(settings: Settings) -> None:
    assert lint("c.legacy_sync(1)  # opslint: ignore because\n", settings) == ["ACME001:1", "OPS002:1"]


def test_expiry(settings: Settings) -> None:
    live = "c.legacy_sync(1)  # opslint: ignore[ACME001] until=2027-03-31 until the migration ends\n"
    expired = "c.legacy_sync(1)  # opslint: ignore[ACME001] until=2026-11-24 until the migration ends\n"
    bad_date = "c.legacy_sync(1)  # opslint: ignore[ACME001] until=2026-13-01 reason\n"
    assert lint(live, settings) == []
    assert lint(expired, settings) == ["ACME001:1", "OPS002:1"]
    assert any("expired on 2026-11-24" in m for m in messages(expired, settings))
    assert lint(bad_date, settings) == ["ACME001:1", "OPS002:1"]


def test_unsuppressible_rule(settings: Settings) -> None:
    source = "c.legacy_export()  # opslint: ignore[ACME002] please\n"
    assert lint(source, settings) == ["ACME002:1", "OPS002:1"]
    assert any("unsuppressible" in m for m in messages(source, settings))


def test_unused_suppressions_only_with_the_option(settings: Settings) -> None:
    source = "x = 1  # opslint: ignore[ACME001] left over from the old purge\n"
    assert lint(source, settings) == []
    assert lint(source, settings, unused=True) == ["OPS002:1"]
    used = "c.legacy_sync(1)  # opslint: ignore[ACME001] reviewed\n"
    assert lint(used, settings, unused=True) == []
