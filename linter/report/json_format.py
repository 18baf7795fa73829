"""`--format json`: the stable machine-readable contract."""

from __future__ import annotations

import json

from linter import __version__
from linter.report import summary_counts
from linter.runner import RunResult


def render(result: RunResult, **_: object) -> str:
    payload = {
        "version": __version__,
        "files_scanned": result.files_scanned,
        "findings": [f.to_dict() for f in result.findings],
        "summary": summary_counts(result.findings),
    }
    return json.dumps(payload, indent=2) + "\n"
