"""Lint one source text: parse -> analyse -> rules -> positions -> suppressions.

This is what a worker runs per file. It never raises: a parse failure becomes
OPS001, a failing rule becomes OPS000 and the other rules still run.
"""

from __future__ import annotations

import ast
import io
import re
import signal
import sys
import threading
import tokenize
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

import libcst as cst

from linter.analysis import build
from linter.analysis.model import ModuleAnalysis
from linter.checks import builtin_rules, rules_by_id
from linter.checks.base import Report, Rule
from linter.checks.custom import configured_rules
from linter.config.model import Settings
from linter.engine_options import EngineOptions
from linter.findings import Finding
from linter.parse import ParseFailure, deepest_line, parse_source
from linter.selection import enabled_for_path, ignored_for_path
from linter.suppression import apply_suppressions, parse_suppressions

_SPACE = re.compile(r"\s+")
# The analysis recurses a few frames per nesting level; linter.parse caps the
# nesting (MAX_NESTING), so this limit is never reached by a file it lets through.
_ANALYSIS_RECURSION_LIMIT = 8000


class AnalysisTimeout(BaseException):
    """Raised by the alarm inside a file's analysis. A BaseException, so the
    `except Exception` that turns a failing rule into OPS000 does not catch it."""


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    parsed: bool = True


def active_rules(settings: Settings, display_path: str) -> list[Rule]:
    path_ignores = ignored_for_path(display_path, settings)
    rules: list[Rule] = [cls() for cls in builtin_rules() if not cls.engine]
    rules += configured_rules(settings.custom_rules)
    return [r for r in rules if enabled_for_path(r.id, settings, path_ignores)]


def _engine_rule_on(rule_id: str, settings: Settings, display_path: str) -> bool:
    return enabled_for_path(rule_id, settings, ignored_for_path(display_path, settings))


def make_finding(
    settings: Settings,
    rule_id: str,
    name: str,
    default_severity: str,
    path: str,
    message: str,
    line: int,
    column: int,
    end_line: int | None = None,
    end_column: int | None = None,
    confidence: str = "high",
    snippet: str = "",
    scope: str = "",
) -> Finding:
    return Finding(
        path=path,
        line=line,
        column=column,
        rule=rule_id,
        end_line=end_line if end_line is not None else line,
        end_column=end_column if end_column is not None else column,
        name=name,
        severity=settings.severity.get(rule_id, default_severity),
        message=message,
        confidence=confidence,
        snippet=snippet,
        scope=scope,
    )


def lint_text(
    display_path: str,
    text: str,
    settings: Settings,
    options: EngineOptions = EngineOptions(),
    cpython_tree: ast.AST | None = None,
    on_parsed: Callable[[], None] | None = None,
) -> FileResult:
    """Never raises; a file over `max_file_seconds` becomes OPS001 instead of hanging the scan.

    `cpython_tree` is the text's `ast` tree when the prefilter already parsed it (saves a parse).
    `on_parsed` is called once LibCST has built the tree (the runner uses it to settle the tree
    with the garbage collector).
    """
    limit = settings.max_file_seconds
    try:
        with _time_limit(limit), _deep_recursion():
            return _lint_text(display_path, text, settings, options, cpython_tree, on_parsed)
    except AnalysisTimeout:
        message = (
            f"analysis timed out after {limit:g} s (max_file_seconds), so this file was not checked; "
            "raise max_file_seconds in .opslint.yaml or exclude this generated file"
        )
        return parse_error_result(display_path, settings, message, 1, 1)
    except Exception as err:  # noqa: BLE001 - the last per-file boundary: this file's OPS000, the scan goes on
        return FileResult(display_path, [_internal_error(settings, display_path, "parsing", err)])


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise AnalysisTimeout after `seconds` of wall time.

    SIGALRM reaches only the main thread, so elsewhere (a thread pool) there is
    no limit. The runner's worker processes lint in their main thread. A
    signal is handled between Python bytecodes: a single native LibCST parse
    is interrupted only when it returns.
    """
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise AnalysisTimeout()

    previous_handler = signal.signal(signal.SIGALRM, expire)
    previous_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:  # someone else's alarm (a test timeout): keep it running
            signal.setitimer(signal.ITIMER_REAL, max(previous_delay - seconds, 0.001))


@contextmanager
def _deep_recursion() -> Iterator[None]:
    """Room for the analysis of nesting up to linter.parse.MAX_NESTING (the default 1000 frames is
    not enough for 150 nested lists). Process-wide, so only from the main thread."""
    previous = sys.getrecursionlimit()
    if previous >= _ANALYSIS_RECURSION_LIMIT or threading.current_thread() is not threading.main_thread():
        yield
        return
    sys.setrecursionlimit(_ANALYSIS_RECURSION_LIMIT)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def _lint_text(
    display_path: str,
    text: str,
    settings: Settings,
    options: EngineOptions,
    cpython_tree: ast.AST | None = None,
    on_parsed: Callable[[], None] | None = None,
) -> FileResult:
    parsed = parse_source(text, cpython_tree)
    if isinstance(parsed, ParseFailure):
        return parse_error_result(display_path, settings, parsed.message, parsed.line, parsed.column)
    if on_parsed is not None:
        on_parsed()
    result = FileResult(display_path)
    analysis: ModuleAnalysis | None = None
    try:
        analysis = build(display_path, parsed, settings, text)
    except RecursionError:
        line = deepest_line(text)
        message = f"code too deeply nested to analyse (deepest at line {line}); split the expression"
        return parse_error_result(display_path, settings, message, line, 1)
    except Exception as err:  # noqa: BLE001 - one file's failure must not end the scan
        result.findings.append(_internal_error(settings, display_path, "analysis", err))
        return result
    reports: list[tuple[Rule, Report]] = []
    for rule in active_rules(settings, display_path):
        try:
            reports.extend((rule, report) for report in rule.check(analysis))
        except Exception as err:  # noqa: BLE001
            result.findings.append(_internal_error(settings, display_path, f"{rule.id} {rule.name}", err))
    findings = _locate(analysis, reports, settings, display_path, result)
    analysis.release()
    result.findings.extend(_suppress(findings, text, settings, display_path, options))
    result.findings.sort()
    return result


def _locate(
    analysis: ModuleAnalysis,
    reports: Sequence[tuple[Rule, Report]],
    settings: Settings,
    path: str,
    result: FileResult,
) -> list[Finding]:
    """Positions are computed only for files with something to report."""
    if not reports:
        return []
    try:
        positions = analysis.positions([report.node for _, report in reports])
    except Exception as err:  # noqa: BLE001
        result.findings.append(_internal_error(settings, path, "positions", err))
        return []
    findings: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    for rule, report in reports:
        where = positions.get(report.node)
        if where is None:
            continue
        key = (rule.id, where.start.line, where.start.column)
        if key in seen:
            continue
        seen.add(key)
        findings.append(
            make_finding(
                settings,
                rule.id,
                rule.name,
                rule.severity,
                path,
                report.message,
                where.start.line,
                where.start.column + 1,
                where.end.line,
                where.end.column + 1,
                report.confidence,
                snippet=_snippet(analysis, report.node),
                scope=_scope(analysis, report.node),
            )
        )
    return findings


def _snippet(analysis: ModuleAnalysis, node: cst.CSTNode) -> str:
    statement: cst.CSTNode = node
    for ancestor in [node, *analysis.ancestors(node)]:
        if isinstance(ancestor, (cst.SimpleStatementLine, cst.BaseSmallStatement)):
            statement = ancestor
            break
        if isinstance(ancestor, cst.BaseCompoundStatement):
            statement = node
            break
    if isinstance(statement, cst.BaseCompoundStatement):
        statement = _header_only(statement)
    try:
        code = analysis.code(statement)
    except Exception:  # noqa: BLE001
        return ""
    return _SPACE.sub(" ", _without_comments(code)).strip()


def _header_only(statement: cst.BaseCompoundStatement) -> cst.CSTNode:
    """A block is identified by its header (`for x in xs:`), not by a body that grows and shrinks."""
    changes: dict[str, object] = {"body": cst.SimpleStatementSuite(body=[cst.Pass()])}
    if getattr(statement, "orelse", None) is not None:
        changes["orelse"] = None
    try:
        return statement.with_changes(**changes)
    except Exception:  # noqa: BLE001 - a node that cannot lose its body keeps it
        return statement


def _without_comments(code: str) -> str:
    """Drop comments before lines are joined, or a comment would swallow the code after it."""
    lines = code.splitlines()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return "\n".join(line.split("#", 1)[0] if "opslint:" in line else line for line in lines)
    for token in reversed(tokens):
        if token.type == tokenize.COMMENT:
            row, column = token.start
            lines[row - 1] = lines[row - 1][:column]
    return "\n".join(lines)


def _scope(analysis: ModuleAnalysis, node: cst.CSTNode) -> str:
    function = analysis.function_of(node)
    return function.qualname if function else ""


def _suppress(
    findings: list[Finding], text: str, settings: Settings, path: str, options: EngineOptions
) -> list[Finding]:
    known = set(rules_by_id()) | {r.id for r in settings.custom_rules}
    suppressions = parse_suppressions(text, known, options.today)
    if not suppressions:
        return findings
    kept, suppressions, policy_problems = apply_suppressions(findings, suppressions, settings.unsuppressible)
    if not _engine_rule_on("OPS002", settings, path):
        return kept
    meta = rules_by_id()["OPS002"]
    extra = []
    for s in suppressions:
        for problem in s.problems:
            extra.append(_suppression_finding(settings, meta, path, s.line, s.column, s.end_column, problem))
        if options.report_unused_ignores and not s.problems and not s.used:
            extra.append(
                _suppression_finding(
                    settings, meta, path, s.line, s.column, s.end_column,
                    f"unused suppression: nothing here is reported for {', '.join(s.rules)}; remove it",
                )
            )
    for s, problem in policy_problems:
        extra.append(_suppression_finding(settings, meta, path, s.line, s.column, s.end_column, problem))
    return kept + extra


def _suppression_finding(
    settings: Settings, meta: type[Rule], path: str, line: int, column: int, end_column: int, problem: str
) -> Finding:
    return make_finding(
        settings, meta.id, meta.name, meta.severity, path, f"suppression comment {problem}", line, column, line,
        end_column,
    )


def parse_error_result(display_path: str, settings: Settings, message: str, line: int, column: int) -> FileResult:
    result = FileResult(display_path, parsed=False)
    if _engine_rule_on("OPS001", settings, display_path):
        meta = rules_by_id()["OPS001"]
        result.findings.append(
            make_finding(settings, meta.id, meta.name, meta.severity, display_path, message, line, column)
        )
    return result


def _internal_error(settings: Settings, path: str, stage: str, err: BaseException) -> Finding:
    meta = rules_by_id()["OPS000"]
    detail = f"{type(err).__name__}: {err}".splitlines()[0][:200]
    return make_finding(
        settings,
        meta.id,
        meta.name,
        meta.severity,
        path,
        f"opslint failed in {stage} on this file ({detail}); the file was not fully checked. Please report this.",
        1,
        1,
    )


def all_rule_classes() -> Iterable[type[Rule]]:
    return builtin_rules()
