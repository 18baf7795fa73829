"""The command line: parse options, call the stages, choose a formatter. No logic of its own."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn, Sequence

import click

from linter import __version__
from linter.findings import SEVERITY_RANK, Finding

FORMATS = ("text", "json")
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
            config_path: Path | None = Path(config)
            if not config_path.is_file():
                _fail(f"config file not found: {config}")
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
def cli() -> None:
    """opslint: catch destructive ops scripts before they run.

    Flags permanent deletes without a dry run or confirmation, destructive
    defaults, unbounded bulk deletes and untyped, unvalidated ID lists.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, help="Only these rules (IDs or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (IDs or prefixes, comma-separated).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="info", show_default=True, help="Lowest severity that makes the exit status 1.")
@click.option("--min-confidence", type=click.Choice(("low", "medium", "high")), default="low", show_default=True, help="Hide findings below this confidence.")
@click.option("--config", type=str, default=None, help="Use this config file instead of searching for .opslint.yaml.")
@click.option("-q", "--quiet", is_flag=True, help="Text format: one line per finding, no source excerpt.")
@click.option("--statistics", is_flag=True, help="Text format: count findings per rule.")
@click.option("--stdin-filename", type=str, default=None, help="The name to report for source read from '-' (stdin).")
@click.option("--report-unused-ignores", is_flag=True, help="Report suppression comments that suppress nothing (OPS002).")
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
) -> None:
    """Scan PATHS (files or directories; default '.'; '-' for stdin)."""
    from linter.discovery import DiscoveryError, discover
    from linter.engine import EngineOptions
    from linter.runner import RunOptions, run

    settings = load_effective_settings(config, paths, _split_ids(select), _split_ids(ignore))
    try:
        targets = discover(list(paths), settings, stdin_filename=stdin_filename)
    except DiscoveryError as err:
        _fail(str(err))
    stdin_bytes = None
    if any(t.fs_path is None for t in targets):
        stdin_bytes = sys.stdin.buffer.read()
    options = RunOptions(engine=EngineOptions(report_unused_ignores=report_unused_ignores), min_confidence=min_confidence)
    import io

    result = run(targets, settings, options, stdin=io.BytesIO(stdin_bytes) if stdin_bytes is not None else None)
    stdin_lines = stdin_bytes.decode("utf-8", "replace").splitlines() if stdin_bytes is not None else None
    stdin_names = {t.display_path for t in targets if t.fs_path is None}

    def source_lines(path: str) -> list[str] | None:
        if path in stdin_names:
            return stdin_lines
        from linter.report.text import _read_lines

        return _read_lines(path)

    if output_format == "json":
        from linter.report.json_format import render as render_json

        click.echo(render_json(result), nl=False)
    else:
        from linter.report.text import render as render_text

        click.echo(
            render_text(result, colour=_use_colour(), quiet=quiet, statistics=statistics, source_lines=source_lines),
            nl=False,
        )
    sys.exit(exit_code(result.findings, fail_on))


@cli.command("rules")
@click.option("--config", type=str, default=None, help="Config file to read enabled rules and severities from.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
def list_rules(config: str | None, output_format: str) -> None:
    """List every rule: ID, name, severity, and whether the effective config enables it."""
    import json

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
