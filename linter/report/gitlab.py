"""`--format gitlab`: GitLab Code Quality, the Code Climate JSON subset GitLab reads.

Each issue has a description, check_name, a fingerprint that survives
inserted lines (linter.baseline hashes the statement and its function, not
the line), a severity (error -> major, warning -> minor, info -> info) and a
location with the path and the first line.
"""

from __future__ import annotations

import json
from typing import Any

from linter.baseline import fingerprints, normalise_path
from linter.findings import Finding
from linter.runner import RunResult

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(result: RunResult, **_: object) -> str:
    issues = [_issue(f, fp) for f, fp in zip(result.findings, fingerprints(result.findings))]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(f: Finding, fp: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"{f.rule}: {f.message}",
        "check_name": f.rule,
        "categories": ["Bug Risk"],
        "fingerprint": fp,
        "severity": SEVERITIES.get(f.severity, "minor"),
        "location": {
            "path": normalise_path(f.path),
            "lines": {"begin": f.line, "end": max(f.end_line, f.line)},
        },
    }
