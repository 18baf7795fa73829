"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run. The driver lists every rule (built-in and the configuration's custom
rules), whether or not it fired, so viewers can show rule help for any
result. Result locations are relative to the scan root (`%SRCROOT%`, the
working directory by default) and columns count Unicode code points, as
LibCST does. `partialFingerprints` come from linter.baseline: they hash the
statement and its enclosing function, not the line, so an alert keeps its
identity when lines are inserted above it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import quote

from linter import __version__
from linter.baseline import fingerprints, normalise_path
from linter.findings import Finding
from linter.runner import RunResult

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/opslint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "opslintFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(result: RunResult, *, settings: Any = None, root: str | None = None, **_: object) -> str:
    base = Path(root or os.getcwd()).resolve()
    rules = _rule_descriptors(settings, result.findings)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    relative = _relative_to(base)
    prints = fingerprints(result.findings, lambda p: relative(p) or normalise_path(p))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "opslint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        # OPS000 means opslint itself failed on a file: the run did not fully succeed.
        "invocations": [{"executionSuccessful": not any(f.rule == "OPS000" for f in result.findings)}],
        "originalUriBaseIds": {SRCROOT: {"uri": base.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, fp, index, relative) for f, fp in zip(result.findings, prints)],
    }
    payload = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _relative_to(base: Path):  # type: ignore[no-untyped-def]
    """display path -> path relative to `base` with '/' separators, or None when outside it."""

    def convert(display_path: str) -> str | None:
        absolute = Path(os.path.abspath(display_path))
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            return None

    return convert


def _rule_descriptors(settings: Any, findings: Sequence[Finding]) -> list[dict[str, Any]]:
    from linter.checks import builtin_rules

    severity_overrides: dict[str, str] = getattr(settings, "severity", {}) or {}
    rules = []
    for cls in builtin_rules():
        summary = cls.summary.strip()
        rules.append(
            _descriptor(
                cls.id,
                cls.name,
                summary,
                _unwrap(cls.rationale) or summary,
                cls.explain(),
                severity_overrides.get(cls.id, cls.severity),
            )
        )
    for spec in getattr(settings, "custom_rules", ()) or ():
        config_path = getattr(settings, "config_path", None)
        source = f"`{Path(config_path).name}`" if config_path else "the opslint configuration"
        help_text = (
            f"# {spec.id} {spec.name or spec.id.lower()} ({spec.severity})\n\n{spec.message}\n\n"
            f"A `{spec.kind}` rule of this project, declared under `custom_rules:` in {source}.\n"
        )
        rules.append(_descriptor(spec.id, spec.name or spec.id.lower(), spec.message, spec.message, help_text, spec.severity))
    known = {rule["id"] for rule in rules}
    # A finding whose rule is not described (it should not happen) still gets a descriptor.
    for f in findings:
        if f.rule not in known:
            known.add(f.rule)
            rules.append(_descriptor(f.rule, f.name or f.rule.lower(), f.name or f.rule, f.name or f.rule, f.rule, f.severity))
    return rules


def _unwrap(text: str) -> str:
    """Rule docs are hard-wrapped; plain-text viewers wrap on their own."""
    paragraphs = [" ".join(line.strip() for line in block.splitlines()) for block in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _descriptor(rule_id: str, name: str, short: str, full: str, help_markdown: str, severity: str) -> dict[str, Any]:
    return {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_markdown, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": {"tags": ["opslint"]},
    }


def _result(f: Finding, fp: str, index: dict[str, int], relative: Any) -> dict[str, Any]:
    start_line = max(f.line, 1)
    start_column = max(f.column, 1)
    end_line = max(f.end_line, start_line)
    end_column = f.end_column if f.end_column >= 1 else start_column
    if end_line == start_line:
        end_column = max(end_column, start_column)
    rel = relative(f.path)
    if rel is not None:
        artifact: dict[str, Any] = {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}
    else:
        artifact = {"uri": Path(os.path.abspath(f.path)).as_uri()}
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message or f.name or f.rule},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {
                        "startLine": start_line,
                        "startColumn": start_column,
                        "endLine": end_line,
                        "endColumn": end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": {"confidence": f.confidence},
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    return result
