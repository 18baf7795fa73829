"""Orchestration: targets + settings -> findings for every file, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO, Sequence

from linter.config.model import Settings
from linter.discovery import Target
from linter.engine import EngineOptions, FileResult, lint_text, parse_error_result
from linter.findings import CONFIDENCE_RANK, Finding
from linter.source import read_source


@dataclass(frozen=True)
class RunOptions:
    engine: EngineOptions = EngineOptions()
    min_confidence: str = "low"


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    files_scanned: int = 0
    files: list[str] = field(default_factory=list)


def lint_target(target: Target, settings: Settings, options: RunOptions, stdin: BinaryIO | None = None) -> FileResult:
    source = read_source(target, stdin)
    if source.text is None:
        return parse_error_result(
            target.display_path, settings, source.error or "cannot read file", source.error_line, source.error_column
        )
    return lint_text(target.display_path, source.text, settings, options.engine)


def run(
    targets: Sequence[Target], settings: Settings, options: RunOptions = RunOptions(), stdin: BinaryIO | None = None
) -> RunResult:
    result = RunResult()
    threshold = CONFIDENCE_RANK[options.min_confidence]
    for target in targets:
        file_result = lint_target(target, settings, options, stdin)
        result.files.append(target.display_path)
        result.findings.extend(f for f in file_result.findings if CONFIDENCE_RANK[f.confidence] >= threshold)
    result.files_scanned = len(targets)
    result.findings.sort()
    return result
