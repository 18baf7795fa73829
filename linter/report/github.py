"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

    ::error file=scripts/cleanup.py,line=12,col=5,endLine=12,endColumn=30,title=OPS101::message

Escaping follows the workflow-command rules: in the message (data) `%`, CR and
LF are percent-encoded; in property values `:` and `,` are too, because they
delimit the properties. Nothing else is printed, so the log holds annotations only.
"""

from __future__ import annotations

from linter.baseline import normalise_path
from linter.findings import Finding
from linter.runner import RunResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    properties = {
        "file": normalise_path(f.path),
        "line": str(f.line),
        "col": str(f.column),
        "endLine": str(max(f.end_line, f.line)),
        "endColumn": str(f.end_column if f.end_column >= 1 else f.column),
        "title": f.rule,
    }
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS.get(f.severity, 'warning')} {rendered}::{escape_data(f.message)}"


def render(result: RunResult, **_: object) -> str:
    return "".join(annotation(f) + "\n" for f in result.findings)
