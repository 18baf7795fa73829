"""Stage 5a: inline suppressions (`# opslint: ignore[...]`, `# opslint: ignore-file[...]`)."""

from __future__ import annotations

import datetime as dt
import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Collection

from linter.findings import Finding

MARKER = "opslint:"
_DIRECTIVE = re.compile(
    r"#\s*opslint:\s*(?P<kind>ignore-file|ignore)\b(?:\[(?P<rules>[^\]]*)\])?(?P<rest>.*)$",
)
_UNTIL = re.compile(r"^\s*until=(?P<date>\S+)")


@dataclass
class Suppression:
    line: int  # 1-based line of the comment
    column: int
    end_column: int
    file_level: bool
    rules: tuple[str, ...]
    reason: str
    until: dt.date | None
    own_line: bool  # the comment stands alone on its line (applies to the next line)
    problems: list[str] = field(default_factory=list)
    used: bool = False


def parse_suppressions(text: str, known_rules: Collection[str], today: dt.date | None = None) -> list[Suppression]:
    """Find suppression comments in real comment tokens (never inside strings)."""
    if MARKER not in text:
        return []
    today = today or dt.date.today()
    found: list[Suppression] = []
    first_code_line = None
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []
    lines_with_code: set[int] = set()
    for tok in tokens:
        if tok.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENCODING, tokenize.ENDMARKER):
            lines_with_code.add(tok.start[0])
            if first_code_line is None and tok.type not in (tokenize.INDENT, tokenize.DEDENT):
                first_code_line = tok.start[0]
    for tok in tokens:
        if tok.type != tokenize.COMMENT or MARKER not in tok.string:
            continue
        match = _DIRECTIVE.search(tok.string)
        if match is None:
            continue
        found.append(_build(tok, match, known_rules, today, tok.start[0] not in lines_with_code, first_code_line))
    return found


def _build(
    tok: tokenize.TokenInfo,
    match: re.Match[str],
    known_rules: Collection[str],
    today: dt.date,
    own_line: bool,
    first_code_line: int | None,
) -> Suppression:
    file_level = match.group("kind") == "ignore-file"
    raw_rules = match.group("rules")
    rules = tuple(r.strip().upper() for r in (raw_rules or "").split(",") if r.strip())
    rest = match.group("rest") or ""
    until = None
    problems = []
    until_match = _UNTIL.match(rest)
    if until_match:
        rest = rest[until_match.end() :]
        try:
            until = dt.date.fromisoformat(until_match.group("date"))
        except ValueError:
            problems.append(f"invalid date '{until_match.group('date')}' in until= (use YYYY-MM-DD)")
    reason = rest.strip(" -:—")
    if not rules:
        problems.append("names no rule; write the rule IDs it is for, e.g. `# opslint: ignore[OPS101] reason`")
    for rule in rules:
        if rule not in known_rules:
            problems.append(f"names unknown rule '{rule}'")
    if not reason:
        problems.append("has no reason; say why the finding is acceptable after the rule list")
    if until is not None and until < today:
        problems.append(f"expired on {until.isoformat()} and no longer suppresses anything")
    if file_level and first_code_line is not None and tok.start[0] > first_code_line:
        problems.append("ignore-file must stand in the file's first comment block, before any code")
    return Suppression(
        line=tok.start[0],
        column=tok.start[1] + 1,
        end_column=tok.end[1] + 1,
        file_level=file_level,
        rules=rules,
        reason=reason,
        until=until,
        own_line=own_line,
        problems=problems,
    )


def _active(s: Suppression) -> bool:
    """Only a well-formed, unexpired suppression suppresses."""
    return not s.problems


def apply_suppressions(
    findings: list[Finding],
    suppressions: list[Suppression],
    unsuppressible: Collection[str],
) -> tuple[list[Finding], list[Suppression], list[tuple[Suppression, str]]]:
    """Returns (kept findings, the suppressions, suppression problems caused by policy).

    A line suppression covers findings starting on its own line; a comment alone
    on its line also covers the next line.
    """
    kept: list[Finding] = []
    policy_problems: list[tuple[Suppression, str]] = []
    by_line: dict[int, list[Suppression]] = {}
    file_level = [s for s in suppressions if s.file_level and _active(s)]
    for s in suppressions:
        if s.file_level or not _active(s):
            continue
        by_line.setdefault(s.line, []).append(s)
        if s.own_line:
            by_line.setdefault(s.line + 1, []).append(s)
    reported_unsuppressible: set[tuple[int, str]] = set()
    for finding in findings:
        candidates = by_line.get(finding.line, []) + file_level
        suppressed = False
        for s in candidates:
            if finding.rule not in s.rules:
                continue
            if finding.rule in unsuppressible:
                key = (s.line, finding.rule)
                if key not in reported_unsuppressible:
                    reported_unsuppressible.add(key)
                    policy_problems.append(
                        (s, f"{finding.rule} is unsuppressible in this project's configuration; fix the finding")
                    )
                continue
            s.used = True
            suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept, suppressions, policy_problems
