"""Orchestration: targets + settings -> findings for every file, in a stable order.

Per file: read -> result cache -> prefilter -> (only if needed) LibCST engine.
Files go to a fork process pool in chunks when `jobs > 1`; `jobs == 1` runs
in this process. The report is sorted, so it is the same for any `jobs` and
for a cold or warm cache. LibCST (through linter.engine) is imported only
when a file passes the prefilter.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterator, Sequence

from linter.config.model import Settings
from linter.discovery import Target
from linter.engine_options import EngineOptions
from linter.findings import CONFIDENCE_RANK, Finding
from linter.prefilter import Prefilter, build_prefilter, examine
from linter.source import SourceText, read_source

if TYPE_CHECKING:
    from linter.cache import IndexEntry, ResultCache

# A LibCST tree is hundreds of thousands of small objects that live as long as
# their file's analysis: with CPython's default thresholds (700, 10, 10) the
# cyclic collector ran 17,500 times on salt and took a fifth of the scan.
_GC_THRESHOLDS = (20_000, 10, 10)
_GC_TUNED = False  # inside _tuned_gc (and so in the workers it forks)
# files per task sent to a worker: small enough to balance two cores, large
# enough that pickling and scheduling stay negligible
_MAX_CHUNK = 32


@dataclass(frozen=True)
class RunOptions:
    engine: EngineOptions = EngineOptions()
    min_confidence: str = "low"
    jobs: int = 1
    use_cache: bool = False
    cache_dir: str | None = None  # None: settings.cache_dir, else <root>/.opslint_cache
    prefilter: bool = True
    # called with (files done, files in total) as files finish
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    files_scanned: int = 0
    files: list[str] = field(default_factory=list)
    # how each file was settled: cache / tokens / calls (prefilter stages) / libcst / unreadable
    stages: dict[str, int] = field(default_factory=dict)


@dataclass
class FileOutcome:
    path: str
    findings: list[Finding]
    stage: str
    cache_entry: IndexEntry | None = None  # what the cache's stamp index should now hold for `path`


# -- one file ----------------------------------------------------------------------------------


def lint_target(
    target: Target,
    settings: Settings,
    options: RunOptions,
    stdin: BinaryIO | None = None,
    prefilter: Prefilter | None = None,
    cache: ResultCache | None = None,
) -> FileOutcome:
    read_ns = time.time_ns()
    source = read_source(target, stdin)
    outcome = _lint_source(target, source, settings, options, prefilter)
    if (
        cache is not None
        and target.fs_path is not None
        and source.raw is not None
        and source.text is not None
        and _cacheable(outcome.findings)
    ):
        from linter.cache import stamp_entry

        # keyed on the bytes actually linted, so an edit during the scan cannot poison the entry
        key = cache.key(target.display_path, source.raw, options.engine.today)
        cache.put(key, outcome.findings)
        if source.stamp is not None:
            outcome.cache_entry = stamp_entry(source.stamp, read_ns, source.raw, key, outcome.findings)
    return outcome


def _cacheable(findings: list[Finding]) -> bool:
    """A timeout depends on the machine's load and an internal error on a bug: try again next run."""
    return not any(
        f.rule == "OPS000" or (f.rule == "OPS001" and f.message.startswith("analysis timed out")) for f in findings
    )


def _lint_source(
    target: Target, source: SourceText, settings: Settings, options: RunOptions, prefilter: Prefilter | None
) -> FileOutcome:
    if source.text is None:
        message = source.error or "cannot read file"
        findings = parse_error_findings(target.display_path, settings, message, source.error_line, source.error_column)
        return FileOutcome(target.display_path, findings, "unreadable")
    cpython_tree = None
    if prefilter is not None:
        verdict = examine(source.text, prefilter)
        if not verdict.needs_libcst:
            return FileOutcome(target.display_path, [], verdict.stage)
        cpython_tree = verdict.tree
    from linter.engine import lint_text  # LibCST: only for files that may have findings

    # A parsed tree lives as long as its file's analysis and holds no cycles: frozen, the collector
    # stops scanning it over and over (a tenth of a salt scan). The young collection afterwards
    # frees the analysis's own cycles before the next freeze could make them permanent.
    settle = gc.freeze if _GC_TUNED else None
    result = lint_text(target.display_path, source.text, settings, options.engine, cpython_tree, settle)
    if settle is not None:
        gc.collect(1)
    return FileOutcome(target.display_path, result.findings, "libcst")


def parse_error_findings(display_path: str, settings: Settings, message: str, line: int, column: int) -> list[Finding]:
    """OPS001 for a file that cannot be read, exactly as linter.engine reports it, without LibCST."""
    from linter.checks import rule_metadata
    from linter.selection import enabled_for_path, ignored_for_path

    if not enabled_for_path("OPS001", settings, ignored_for_path(display_path, settings)):
        return []
    name, severity = rule_metadata()["OPS001"]
    return [
        Finding(
            path=display_path,
            line=line,
            column=column,
            rule="OPS001",
            end_line=line,
            end_column=column,
            name=name,
            severity=settings.severity.get("OPS001", severity),
            message=message,
            confidence="high",
        )
    ]


# -- the cache ---------------------------------------------------------------------------------


def _options_key(options: RunOptions) -> str:
    return f"unused={options.engine.report_unused_ignores};today={options.engine.today};code={code_fingerprint()}"


def code_fingerprint() -> str:
    """Size and mtime of opslint's own source files.

    The version alone would keep serving old findings to anyone running a
    working copy whose rules they just edited; a stat per file is cheap.
    """
    package = Path(__file__).resolve().parent
    parts = []
    for path in sorted(package.rglob("*.py")):
        try:
            info = path.stat()
        except OSError:
            continue
        parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _open_cache(settings: Settings, options: RunOptions) -> ResultCache | None:
    if not options.use_cache:
        return None
    from linter.cache import ResultCache, default_cache_dir

    preferred = Path(options.cache_dir) if options.cache_dir else default_cache_dir(settings.cache_dir, settings.root)
    return ResultCache.open(preferred, settings.digest, _options_key(options))


def _cached(
    targets: Sequence[Target], cache: ResultCache, index: dict[str, IndexEntry], today: dt.date | None
) -> tuple[list[FileOutcome], list[Target]]:
    """Split targets into cache hits and the rest; hits found by content refresh their index entry."""
    from linter.cache import stamp_entry

    hits: list[FileOutcome] = []
    misses: list[Target] = []
    for target in targets:
        entry = index.get(target.display_path)
        stamp = _stamp(target)
        if entry is not None and entry.matches(stamp):
            hits.append(FileOutcome(target.display_path, entry.findings, "cache"))
            continue
        read_ns = time.time_ns()
        raw = _read_bytes(target)
        if raw is None or stamp is None:
            misses.append(target)
            continue
        key = cache.key(target.display_path, raw, today)
        found = entry.findings if entry is not None and entry.key == key else cache.get(key)
        if found is None:
            misses.append(target)
        else:
            hits.append(FileOutcome(target.display_path, found, "cache", stamp_entry(stamp, read_ns, raw, key, found)))
    return hits, misses


def _stamp(target: Target) -> tuple[int, int] | None:
    if target.fs_path is None:
        return None
    try:
        info = os.stat(target.fs_path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _update_index(cache: ResultCache, index: dict[str, IndexEntry], outcomes: Sequence[FileOutcome]) -> None:
    changed = False
    for outcome in outcomes:
        if outcome.cache_entry is not None and index.get(outcome.path) != outcome.cache_entry:
            index[outcome.path] = outcome.cache_entry
            changed = True
    if changed:
        cache.save_index(index)


def _read_bytes(target: Target) -> bytes | None:
    if target.fs_path is None:
        return None  # stdin is read once, by the linting itself
    try:
        with open(target.fs_path, "rb") as handle:
            return handle.read()
    except OSError:
        return None  # read_source reports it


# -- the pool ----------------------------------------------------------------------------------

# Set in the parent before the fork; workers inherit them (nothing is pickled but targets).
_WORKER_STATE: tuple[Settings, RunOptions, Prefilter | None, ResultCache | None] | None = None


def _lint_chunk(chunk: list[Target]) -> list[FileOutcome]:
    assert _WORKER_STATE is not None
    settings, options, prefilter, cache = _WORKER_STATE
    return [lint_target(target, settings, options, None, prefilter, cache) for target in chunk]


def _chunks(targets: Sequence[Target], jobs: int) -> list[list[Target]]:
    """Tasks for the pool: biggest files first, each task up to _MAX_CHUNK files and about
    1/(8 jobs) of the bytes, so the workers finish together instead of one of them starting a
    large file at the end. (The report is sorted afterwards, so this order never shows.)"""
    sized = sorted(((_size(t), i, t) for i, t in enumerate(targets)), key=lambda item: (-item[0], item[1]))
    budget = max(1, sum(size for size, _, _ in sized) // (jobs * 8))
    chunks: list[list[Target]] = []
    current: list[Target] = []
    held = 0
    for size, _, target in sized:
        if current and (len(current) >= _MAX_CHUNK or held + size > budget):
            chunks.append(current)
            current, held = [], 0
        current.append(target)
        held += size
    if current:
        chunks.append(current)
    return chunks


def _size(target: Target) -> int:
    stamp = _stamp(target)
    return stamp[0] if stamp is not None else 0


def _lint_all(
    targets: Sequence[Target],
    settings: Settings,
    options: RunOptions,
    stdin: BinaryIO | None,
    prefilter: Prefilter | None,
    cache: ResultCache | None,
) -> Iterator[FileOutcome]:
    with _tuned_gc():
        files = [t for t in targets if t.fs_path is not None]
        piped = [t for t in targets if t.fs_path is None]
        for target in piped:
            yield lint_target(target, settings, options, stdin, prefilter)
        if not files:
            return
        jobs = max(1, min(options.jobs, len(files)))
        if jobs > 1:
            import multiprocessing  # not for one file (pre-commit's usual case) or a run the cache answers

            if "fork" in multiprocessing.get_all_start_methods():
                yield from _lint_in_pool(files, jobs, (settings, options, prefilter, cache))
                return
        for target in files:
            yield lint_target(target, settings, options, None, prefilter, cache)


def _lint_in_pool(
    files: list[Target], jobs: int, state: tuple[Settings, RunOptions, Prefilter | None, ResultCache | None]
) -> Iterator[FileOutcome]:
    import multiprocessing

    global _WORKER_STATE
    _WORKER_STATE = state  # inherited by the forked workers, never pickled
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for outcomes in pool.imap_unordered(_lint_chunk, _chunks(files, jobs)):
                yield from outcomes
    finally:
        _WORKER_STATE = None


@contextmanager
def _tuned_gc() -> Iterator[None]:
    """Fewer, larger collections while linting, and none over the objects that exist before it
    (imports, settings: `gc.freeze`). Restored afterwards: the caller may be a long-lived process."""
    global _GC_TUNED
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)
    _GC_TUNED = True
    try:
        yield
    finally:
        _GC_TUNED = False
        gc.set_threshold(*previous)
        gc.unfreeze()


# -- the run -----------------------------------------------------------------------------------


def default_jobs() -> int:
    return os.cpu_count() or 1


def run(
    targets: Sequence[Target], settings: Settings, options: RunOptions = RunOptions(), stdin: BinaryIO | None = None
) -> RunResult:
    from linter.checks import known_rule_names

    result = RunResult()
    threshold = CONFIDENCE_RANK[options.min_confidence]
    cache = _open_cache(settings, options)
    outcomes: list[FileOutcome] = []
    pending: Sequence[Target] = targets
    index = cache.load_index() if cache is not None else {}
    if cache is not None:
        hits, pending = _cached(targets, cache, index, options.engine.today)
        outcomes.extend(hits)
    prefilter = build_prefilter(settings, known_rule_names()) if options.prefilter and pending else None
    done = len(outcomes)
    for outcome in _lint_all(pending, settings, options, stdin, prefilter, cache):
        outcomes.append(outcome)
        done += 1
        if options.progress is not None:
            options.progress(done, len(targets))
    if cache is not None:
        _update_index(cache, index, outcomes)
    order = {t.display_path: i for i, t in enumerate(targets)}
    outcomes.sort(key=lambda o: order.get(o.path, len(order)))
    for outcome in outcomes:
        result.files.append(outcome.path)
        result.stages[outcome.stage] = result.stages.get(outcome.stage, 0) + 1
        result.findings.extend(f for f in outcome.findings if CONFIDENCE_RANK[f.confidence] >= threshold)
    result.files_scanned = len(targets)
    result.findings.sort()
    return result
