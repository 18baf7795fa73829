"""The command line: parse options, call the stages, choose a formatter. No logic of its own."""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Any, NoReturn, Sequence

import click

from linter import __version__
from linter.findings import SEVERITY_RANK, Finding

FORMATS = ("text", "json")
CHECK_FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")
FAIL_LEVELS = ("error", "warning", "info", "never")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"opslint: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _split_ids(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip().upper() for value in values for part in value.split(",") if part.strip())


def load_effective_settings(config: str | None, paths: Sequence[str], select: tuple[str, ...], ignore: tuple[str, ...]) -> Any:
    from linter.checks import known_rule_names
    from linter.config import ConfigError, find_config, load_settings

    try:
        if config is not None:
            if not Path(config).is_file():
                _fail(f"config file not found: {config}")
            config_path: Path | None = Path(config)
        else:
            start = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
            config_path = find_config(start if start.is_dir() else start.parent)
        overrides: dict[str, Any] = {}
        if select:
            overrides["select"] = select
        if ignore:
            overrides["ignore"] = ignore
        return load_settings(config_path, known_rule_names(), **overrides)
    except ConfigError as err:
        _fail(str(err))


def exit_code(findings: Sequence[Finding], fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = SEVERITY_RANK[fail_on]
    return EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] >= threshold for f in findings) else EXIT_CLEAN


def _use_colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="opslint", message="%(prog)s %(version)s")
@click.option(
    "--format",
    "group_format",
    type=click.Choice(CHECK_FORMATS),
    default=None,
    help="Output format for the subcommand (`opslint --format json check` = `opslint check --format json`).",
)
@click.pass_context
def cli(ctx: click.Context, group_format: str | None) -> None:
    """opslint: catch destructive ops scripts before they run.

    Flags permanent deletes without a dry run or confirmation, destructive
    defaults, unbounded bulk deletes and untyped, unvalidated ID lists.
    """
    ctx.obj = {"format": group_format}


def _format_choice(given: str | None, allowed: Sequence[str]) -> str:
    """The subcommand's --format, else the group's, else text."""
    group_format = (click.get_current_context().find_root().obj or {}).get("format")
    chosen = given or group_format or "text"
    if chosen not in allowed:
        _fail(f"--format {chosen} is not available here (choose from {', '.join(allowed)})")
    return chosen


@cli.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "output_format", type=click.Choice(CHECK_FORMATS), default=None, help="Output format [default: text].")
@click.option("--output", "output_file", type=str, default=None, help="Write the report to this file (atomically, no colour) instead of stdout.")
@click.option("--baseline", "baseline_file", type=str, default=None, help="Report only findings not in this baseline file (see `opslint baseline`).")
@click.option(
    "--diff",
    "diff_ref",
    type=str,
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[REF]",
    help="Scan only files changed since HEAD forked from REF (default: the default branch). A path right after --diff is scanned, not read as REF.",
)
@click.option("--select", multiple=True, help="Only these rules (IDs or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (IDs or prefixes, comma-separated).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="info", show_default=True, help="Lowest severity that makes the exit status 1.")
@click.option("--min-confidence", type=click.Choice(("low", "medium", "high")), default="low", show_default=True, help="Hide findings below this confidence.")
@click.option("--config", type=str, default=None, help="Use this config file instead of searching for .opslint.yaml.")
@click.option("-q", "--quiet", is_flag=True, help="Text format: one line per finding, no source excerpt.")
@click.option("--statistics", is_flag=True, help="Text format: count findings per rule.")
@click.option("--stdin-filename", type=str, default=None, help="The name to report for source read from '-' (stdin).")
@click.option("--report-unused-ignores", is_flag=True, help="Report suppression comments that suppress nothing (OPS002).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of CPUs; 1 runs in-process).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=str, default=None, help="Result cache directory (default: cache_dir from the config, else .opslint_cache).")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    min_confidence: str,
    config: str | None,
    quiet: bool,
    statistics: bool,
    stdin_filename: str | None,
    report_unused_ignores: bool,
    output_file: str | None,
    baseline_file: str | None,
    diff_ref: str | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: str | None,
) -> None:
    """Scan PATHS (files or directories; default '.'; '-' for stdin)."""
    output_format = _format_choice(output_format, CHECK_FORMATS)
    from linter.discovery import DiscoveryError, discover
    from linter.engine_options import EngineOptions
    from linter.runner import RunOptions, default_jobs, run

    if diff_ref:
        paths, diff_ref = _path_given_to_diff(paths, diff_ref)
    settings = load_effective_settings(config, paths, _split_ids(select), _split_ids(ignore))
    try:
        targets = discover(list(paths), settings, stdin_filename=stdin_filename)
    except DiscoveryError as err:
        _fail(str(err))
    if diff_ref is not None:
        targets = _only_changed(targets, diff_ref)
    stdin_bytes = None
    if any(t.fs_path is None for t in targets):
        stdin_bytes = sys.stdin.buffer.read()
    progress = _ProgressBar() if output_format == "text" and output_file is None and sys.stderr.isatty() else None
    options = RunOptions(
        engine=EngineOptions(report_unused_ignores=report_unused_ignores),
        min_confidence=min_confidence,
        jobs=jobs or default_jobs(),
        use_cache=not no_cache,
        cache_dir=cache_dir,
        progress=progress,
    )
    import io

    try:
        result = run(targets, settings, options, stdin=io.BytesIO(stdin_bytes) if stdin_bytes is not None else None)
    finally:
        if progress is not None:
            progress.close()
    if baseline_file is not None:
        _apply_baseline(result, baseline_file)
    stdin_lines = stdin_bytes.decode("utf-8", "replace").splitlines() if stdin_bytes is not None else None
    stdin_names = {t.display_path for t in targets if t.fs_path is None}

    def source_lines(path: str) -> list[str] | None:
        if path in stdin_names:
            return stdin_lines
        from linter.report.text import _read_lines

        return _read_lines(path)

    report = _render(
        output_format,
        result,
        settings=settings,
        colour=_use_colour() and output_file is None,
        quiet=quiet,
        statistics=statistics,
        source_lines=source_lines,
    )
    _emit(report, output_file)
    sys.exit(exit_code(result.findings, fail_on))


class _ProgressBar:
    """click's progress bar on stderr, shown only once a scan has run for more than a second."""

    DELAY_SECONDS = 1.0

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._started = self._clock()
        self._bar: Any = None
        self._shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if self._clock() - self._started < self.DELAY_SECONDS or done >= total:
                return
            self._bar = click.progressbar(length=total, label="opslint: scanning", file=sys.stderr, show_pos=True)
            self._bar.__enter__()
        self._bar.update(done - self._shown)
        self._shown = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _render(output_format: str, result: Any, **options: Any) -> str:
    """One formatter module per format: linter/report/<format>.py, each with `render(result, **options)`."""
    import importlib

    module = {"json": "json_format"}.get(output_format, output_format)
    return str(importlib.import_module(f"linter.report.{module}").render(result, **options))


def _emit(report: str, output_file: str | None) -> None:
    if output_file is None:
        click.echo(report, nl=False)
        return
    from linter.report.output import write_atomically

    try:
        write_atomically(Path(output_file), report)
    except OSError as err:
        _fail(f"cannot write {output_file}: {err.strerror or err}")


def _path_given_to_diff(paths: tuple[str, ...], diff_ref: str) -> tuple[tuple[str, ...], str]:
    """`--diff scripts/`: click hands the path to --diff as its value. A value that is no commit but
    an existing path is a path to scan, diffed against the default branch."""
    from linter.vcs import names_a_commit

    if os.path.exists(diff_ref) and not names_a_commit(diff_ref, Path.cwd()):
        return (diff_ref, *paths), ""
    return paths, diff_ref


def _only_changed(targets: Any, diff_ref: str) -> Any:
    """--diff: keep the discovered targets that git reports as changed (deleted files are never targets)."""
    from linter.vcs import VcsError, changed_files

    if any(t.fs_path is None for t in targets):
        _fail("--diff cannot be combined with '-' (stdin)")
    try:
        changed = {os.path.realpath(p) for p in changed_files(diff_ref)}
    except VcsError as err:
        _fail(str(err))
    return [t for t in targets if os.path.realpath(t.fs_path) in changed]


def _apply_baseline(result: Any, baseline_file: str) -> None:
    """--baseline: drop accepted findings from `result`; say on stderr how many, and how many entries are gone."""
    from linter import baseline

    try:
        entries = baseline.read(Path(baseline_file))
    except baseline.BaselineError as err:
        _fail(str(err))
    outcome = baseline.filter_findings(result.findings, entries, Path(baseline_file).parent, result.files)
    result.findings = outcome.new
    gone = ""
    if outcome.gone:
        s = "y is" if outcome.gone == 1 else "ies are"
        gone = f"; {outcome.gone} baseline entr{s} gone (fixed: refresh with `opslint baseline`)"
    click.echo(
        f"opslint: {outcome.baselined} finding{'' if outcome.baselined == 1 else 's'} baselined by {baseline_file}{gone}",
        err=True,
    )


@cli.command("baseline")
@click.argument("paths", nargs=-1, type=str)
@click.option("--output", "output_file", type=str, default=None, help="Where to write the baseline.  [default: .opslint-baseline.json]")
@click.option("--select", multiple=True, help="Only these rules (IDs or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (IDs or prefixes, comma-separated).")
@click.option("--min-confidence", type=click.Choice(("low", "medium", "high")), default="low", show_default=True, help="Leave out findings below this confidence.")
@click.option("--config", type=str, default=None, help="Use this config file instead of searching for .opslint.yaml.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of CPUs; 1 runs in-process).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
def baseline_command(
    paths: tuple[str, ...],
    output_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    min_confidence: str,
    config: str | None,
    jobs: int | None,
    no_cache: bool,
) -> None:
    """Accept the current findings in PATHS: write them to a baseline file for `check --baseline`."""
    from linter import baseline
    from linter.discovery import DiscoveryError, discover
    from linter.runner import RunOptions, default_jobs, run

    if "-" in paths:
        _fail("opslint baseline reads files, not stdin ('-')")
    settings = load_effective_settings(config, paths, _split_ids(select), _split_ids(ignore))
    try:
        targets = discover(list(paths), settings)
    except DiscoveryError as err:
        _fail(str(err))
    options = RunOptions(min_confidence=min_confidence, jobs=jobs or default_jobs(), use_cache=not no_cache)
    result = run(targets, settings, options)
    target = Path(output_file or baseline.BASELINE_FILENAME)
    try:
        count = baseline.write(result.findings, target)
    except OSError as err:
        _fail(f"cannot write {target}: {err.strerror or err}")
    click.echo(f"opslint: wrote {count} finding{'' if count == 1 else 's'} from {result.files_scanned} files to {target}", err=True)


@cli.command("rules")
@click.option("--config", type=str, default=None, help="Config file to read enabled rules and severities from.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None, help="text or json [default: text].")
def list_rules(config: str | None, output_format: str | None) -> None:
    """List every rule: ID, name, severity, and whether the effective config enables it."""
    import json

    output_format = _format_choice(output_format, FORMATS)
    from linter.checks import builtin_rules
    from linter.selection import rule_enabled

    settings = load_effective_settings(config, (), (), ())
    rows = [
        (cls.id, cls.name, settings.severity.get(cls.id, cls.severity), rule_enabled(cls.id, settings), cls.summary)
        for cls in builtin_rules()
    ]
    rows += [(r.id, r.name or r.id.lower(), r.severity, rule_enabled(r.id, settings), r.message) for r in settings.custom_rules]
    if output_format == "json":
        click.echo(json.dumps([dict(zip(("id", "name", "severity", "enabled", "summary"), row)) for row in rows], indent=2))
        return
    width = max(len(row[1]) for row in rows)
    click.echo(f"{'ID':<8} {'NAME':<{width}} {'SEVERITY':<8} ENABLED")
    for rule_id, name, severity, enabled, _ in rows:
        click.echo(f"{rule_id:<8} {name:<{width}} {severity:<8} {'yes' if enabled else 'no'}")


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Show a rule's rationale, a bad example and the fix."""
    import difflib

    from linter.checks import rules_by_id

    rules = rules_by_id()
    by_name = {cls.name: cls for cls in rules.values()}
    cls = rules.get(rule_id.upper()) or by_name.get(rule_id.lower())
    if cls is None:
        close = difflib.get_close_matches(rule_id.upper(), list(rules) + list(by_name), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        _fail(f"unknown rule '{rule_id}'{hint}; `opslint rules` lists them")
    click.echo(cls.explain(), nl=False)


@cli.command()
@click.option("--config", type=str, default=None, help="Config file whose cache_dir to clean.")
@click.option("--cache-dir", type=str, default=None, help="Remove this cache directory instead.")
def clean(config: str | None, cache_dir: str | None) -> None:
    """Remove the result cache (.opslint_cache, or cache_dir from the config) and the user-level fallback cache."""
    from linter.cache import clean as remove_caches
    from linter.cache import default_cache_dir, user_cache_dir

    settings = load_effective_settings(config, (), (), ())
    project = Path(cache_dir) if cache_dir else default_cache_dir(settings.cache_dir, settings.root)
    removed = remove_caches([project, user_cache_dir()])
    for directory in removed:
        click.echo(f"Removed {directory}")
    if not removed:
        click.echo(f"No opslint cache at {project}")


@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .opslint.yaml.")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
def init(force: bool, directory: str) -> None:
    """Write a commented starter .opslint.yaml."""
    from linter.config import starter_config

    target = Path(directory) / ".opslint.yaml"
    if target.exists() and not force:
        _fail(f"{target} already exists (use --force to overwrite)")
    try:
        target.write_text(starter_config(), encoding="utf-8")
    except OSError as err:
        _fail(f"cannot write {target}: {err.strerror or err}")
    click.echo(f"Wrote {target}")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: no Python traceback ever reaches the user."""
    # Reading a scanned file's string literals compiles them (LibCST's evaluated_value): their
    # invalid escapes and `"x"()` slips are the scanned code's, not something to print here.
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    warnings.filterwarnings("ignore", message="invalid escape sequence", category=DeprecationWarning)
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="opslint")
    except KeyboardInterrupt:
        click.echo("opslint: interrupted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as err:  # noqa: BLE001 - the last line of defence
        click.echo(f"opslint: internal error: {type(err).__name__}: {err}. Please report this.", err=True)
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":  # pragma: no cover
    main()
