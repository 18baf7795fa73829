"""Baselines: accept today's findings, fail only on new ones.

A finding is identified by a fingerprint of what it *is*, never where it is:
the rule, the file, the name of the enclosing function (`Finding.scope`) and
the normalised code of the finding's statement (`Finding.snippet`). Moving a
function within its file or adding lines above keeps the fingerprint; editing
the destructive call changes it, so the finding comes back.

Two identical statements in one function get an occurrence counter (0, 1, ...
in source order), so they are two entries: fixing one of them leaves exactly
one baselined.

The file (`.opslint-baseline.json`) is versioned, sorted and stable, so it
diffs cleanly in review. Its paths are relative to the directory the baseline
file is in, so `opslint check --baseline` works from any working directory.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import os
import re
import tokenize
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from linter.findings import Finding

BASELINE_FILENAME = ".opslint-baseline.json"
FORMAT_VERSION = 1
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_LAYOUT_TOKENS = frozenset(
    {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
)


class BaselineError(Exception):
    """An unreadable or malformed baseline file; one line, the CLI exits 2."""


@dataclass(frozen=True, order=True)
class BaselineEntry:
    path: str
    rule: str
    scope: str
    fingerprint: str

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "path": self.path, "scope": self.scope, "fingerprint": self.fingerprint}


@dataclass(frozen=True)
class FilterResult:
    new: list[Finding]
    baselined: int
    gone: int


def normalise_path(path: str) -> str:
    """`./a\\b.py` -> `a/b.py`: one spelling per file."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def normalise_code(code: str) -> str:
    """The statement's tokens, one space apart: layout, comments, a trailing comma
    before a closing bracket and the quote style of plain strings do not count,
    so reformatting (black, a wrapped call) keeps the fingerprint."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return "".join(code.split())
    parts: list[str] = []
    for token in tokens:
        if token.type in _LAYOUT_TOKENS:
            continue
        text = _canonical_string(token.string) if token.type == tokenize.STRING else token.string
        if text in (")", "]", "}") and parts and parts[-1] == ",":
            parts.pop()
        parts.append(text)
    return " ".join(parts)


def _canonical_string(literal: str) -> str:
    try:
        value = ast.literal_eval(literal)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return literal
    return repr(value) if isinstance(value, (str, bytes)) else literal


def _identity_text(finding: Finding) -> str:
    """The code the fingerprint hashes. Findings without a statement (parse
    errors, bad suppressions) fall back to their message with numbers blanked,
    so a position inside the message does not count."""
    if finding.snippet:
        return normalise_code(finding.snippet)
    return _DIGITS.sub("#", _SPACE.sub(" ", finding.message).strip())


def fingerprint(rule: str, path: str, scope: str, code: str, occurrence: int) -> str:
    payload = "\0".join((rule, normalise_path(path), scope, code, str(occurrence)))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def fingerprints(findings: Sequence[Finding], path_of: Callable[[str], str] = normalise_path) -> list[str]:
    """One fingerprint per finding, in the same order.

    `path_of` maps a finding's display path to the path that is hashed (the
    baseline uses paths relative to its own directory, SARIF relative to the
    scan root). Occurrences are counted in source order.
    """
    order = sorted(range(len(findings)), key=lambda i: findings[i])
    seen: Counter[tuple[str, str, str, str]] = Counter()
    result = [""] * len(findings)
    for i in order:
        f = findings[i]
        key = (f.rule, path_of(f.path), f.scope, _identity_text(f))
        result[i] = fingerprint(*key, seen[key])
        seen[key] += 1
    return result


def _path_relative_to(directory: Path) -> Callable[[str], str]:
    base = directory.resolve()

    def convert(display_path: str) -> str:
        absolute = Path(os.path.abspath(display_path))
        try:
            return normalise_path(os.path.relpath(absolute, base))
        except ValueError:  # another drive on Windows
            return normalise_path(str(absolute))

    return convert


def entries_for(findings: Sequence[Finding], baseline_dir: Path) -> list[BaselineEntry]:
    path_of = _path_relative_to(baseline_dir)
    prints = fingerprints(findings, path_of)
    return sorted(BaselineEntry(path_of(f.path), f.rule, f.scope, fp) for f, fp in zip(findings, prints))


def render(entries: Iterable[BaselineEntry]) -> str:
    payload = {
        "version": FORMAT_VERSION,
        "tool": "opslint",
        "comment": "Accepted opslint findings. `opslint check --baseline FILE` reports only findings not listed here. "
        "Regenerate with `opslint baseline`.",
        "findings": [e.to_dict() for e in sorted(entries)],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def write(findings: Sequence[Finding], target: Path) -> int:
    """Write the baseline of `findings` to `target` atomically; return the number of entries."""
    from linter.report.output import write_atomically

    entries = entries_for(findings, target.parent if str(target.parent) else Path("."))
    write_atomically(target, render(entries))
    return len(entries)


def read(source: Path) -> list[BaselineEntry]:
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"baseline file not found: {source} (create it with `opslint baseline`)") from None
    except (OSError, UnicodeDecodeError) as err:
        detail = getattr(err, "strerror", None) or str(err)
        raise BaselineError(f"cannot read baseline file {source}: {detail}") from None
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as err:
        raise BaselineError(
            f"{source}:{err.lineno}: baseline file is not valid JSON ({err.msg}); regenerate it with `opslint baseline`"
        ) from None
    return _parse(payload, source)


def _parse(payload: object, source: Path) -> list[BaselineEntry]:
    if not isinstance(payload, dict) or "findings" not in payload:
        raise BaselineError(f"{source}: not an opslint baseline (no 'findings' list); regenerate it with `opslint baseline`")
    version = payload.get("version")
    if version != FORMAT_VERSION:
        raise BaselineError(
            f"{source}: unsupported baseline version {version!r} (this opslint reads version {FORMAT_VERSION}); "
            "regenerate it with `opslint baseline`"
        )
    items = payload["findings"]
    if not isinstance(items, list):
        raise BaselineError(f"{source}: 'findings' must be a list")
    entries = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("rule", "path", "fingerprint")):
            raise BaselineError(f"{source}: findings[{index}] needs string fields 'rule', 'path' and 'fingerprint'")
        scope = item.get("scope", "")
        entries.append(BaselineEntry(item["path"], item["rule"], scope if isinstance(scope, str) else "", item["fingerprint"]))
    return entries


def filter_findings(
    findings: Sequence[Finding], entries: Sequence[BaselineEntry], baseline_dir: Path, scanned: Iterable[str]
) -> FilterResult:
    """Split findings into new ones and baselined ones.

    `gone` counts baseline entries that no longer match anything, among the
    files scanned this run and files that no longer exist: a check of one file
    does not call the rest of the baseline fixed.
    """
    path_of = _path_relative_to(baseline_dir)
    remaining = Counter((e.rule, e.path, e.fingerprint) for e in entries)
    new: list[Finding] = []
    baselined = 0
    for f, fp in zip(findings, fingerprints(findings, path_of)):
        key = (f.rule, path_of(f.path), fp)
        if remaining[key] > 0:
            remaining[key] -= 1
            baselined += 1
        else:
            new.append(f)
    scanned_paths = {path_of(p) for p in scanned}
    gone = sum(
        count
        for (_, path, _), count in remaining.items()
        if count > 0 and (path in scanned_paths or not (baseline_dir / path).exists())
    )
    return FilterResult(new, baselined, gone)
