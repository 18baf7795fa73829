"""`--format text`: `path:line:col: OPS101 [error] message`, the source line, a caret underline."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import click

from linter.report import summary_counts
from linter.runner import RunResult

SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(
    result: RunResult,
    *,
    colour: bool = False,
    quiet: bool = False,
    statistics: bool = False,
    source_lines: Callable[[str], list[str] | None] | None = None,
    **_: object,
) -> str:
    style = click.style if colour else (lambda text, **_: text)
    lines_of = source_lines or _read_lines
    cache: dict[str, list[str] | None] = {}
    out: list[str] = []
    for f in result.findings:
        head = f"{style(f.path, bold=True)}:{f.line}:{f.column}: {style(f.rule, fg=SEVERITY_COLOURS.get(f.severity), bold=True)} [{f.severity}] {f.message}"
        if f.confidence != "high":
            head += f" (confidence: {f.confidence})"
        out.append(head)
        if quiet:
            continue
        if f.path not in cache:
            cache[f.path] = lines_of(f.path)
        lines = cache[f.path]
        if lines and 0 < f.line <= len(lines):
            code = lines[f.line - 1].rstrip("\r\n").expandtabs(1)
            out.append(f"    {code}")
            start = max(f.column - 1, 0)
            end = f.end_column - 1 if f.end_line == f.line and f.end_column > f.column else len(code.rstrip())
            width = max(1, min(end, len(code)) - start)
            out.append("    " + " " * start + style("^" * width, fg=SEVERITY_COLOURS.get(f.severity)))
    if statistics:
        counts = summary_counts(result.findings)["by_rule"]
        names = {f.rule: f.name for f in result.findings}
        if counts:
            out.append("")
            for rule, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                out.append(f"{count:5d}  {rule}  {names[rule]}")
    out.append(_summary_line(result))
    return "\n".join(out) + "\n"


def _summary_line(result: RunResult) -> str:
    files = f"{result.files_scanned} file{'s' if result.files_scanned != 1 else ''}"
    if not result.findings:
        return f"All clear: no findings in {files}."
    counts = summary_counts(result.findings)["by_severity"]
    parts = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items())
    total = len(result.findings)
    return f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files}."


def _read_lines(path: str) -> list[str] | None:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
