"""Stage 6: formatters. Each module renders a RunResult in one format."""

from __future__ import annotations

from collections import Counter
from typing import Callable

from linter.findings import Finding
from linter.runner import RunResult

Formatter = Callable[..., str]


def summary_counts(findings: list[Finding]) -> dict[str, dict[str, int]]:
    by_rule = Counter(f.rule for f in findings)
    by_severity = Counter(f.severity for f in findings)
    return {
        "by_rule": dict(sorted(by_rule.items())),
        "by_severity": {s: by_severity[s] for s in ("error", "warning", "info") if by_severity[s]},
    }


__all__ = ["RunResult", "summary_counts"]
