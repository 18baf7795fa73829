from __future__ import annotations

import re
from typing import Iterable

import libcst as cst

from linter.analysis.guards import DRY, EXECUTE
from linter.analysis.model import CliOption, ModuleAnalysis
from linter.analysis.names import UNKNOWN, fold, literal_value
from linter.checks.base import Report, Rule

FALSY_TEXT = frozenset({"", "0", "false", "no", "n", "off"})
TRUTHY_TEXT = frozenset({"1", "true", "yes", "y", "on"})


class DestructiveByDefault(Rule):
    id = "OPS203"
    name = "destructive-by-default"
    severity = "warning"
    summary = "The script's dry-run mode is off unless someone asks for it."
    rationale = """
## What it does
In a script with destructive calls, flags a dry-run switch whose default is
to act: a `--dry-run` flag defaulting to False, an `--execute`/`--apply` flag
defaulting to True, `DRY_RUN` read from the environment with no default
(`os.environ.get("DRY_RUN")`, and `os.environ["DRY_RUN"]` too: nothing makes
the dry run the default, `DRY_RUN=false` acts) or a default that means off,
`"--dry-run" in sys.argv` (or a slice of it), `dry_run` read from a loaded
config file with an off default (`cfg.get("dry_run", False)` after
`cfg = yaml.safe_load(...)`), or a module constant `DRY_RUN = False` (or
`EXECUTE = True`) that is the script's only switch: it deletes on every run
until someone edits the file. Reported on the option definition, the read or
the constant.
A dry-run switch that is off by default is not reported when every
destructive call also needs an opt-in of its own (`--delete`, `--execute`
off by default, a confirmation helper): a run with no options deletes
nothing either way.

## Why is this bad?
A dry run that must be remembered is a dry run that gets forgotten: under
pressure, at 3 a.m., from shell history. The safe default is to pretend, and
to act only when the operator types `--execute` (or `--no-dry-run`).
"""
    bad = """
import argparse
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("path")
parser.add_argument("--dry-run", action="store_true")
args = parser.parse_args()
if args.dry_run:
    print("would remove", args.path)
else:
    shutil.rmtree(args.path)
"""
    good = """
import argparse
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("path")
parser.add_argument("--execute", action="store_true", help="actually remove (default: dry run)")
args = parser.parse_args()
if not args.execute:
    print("would remove", args.path)
else:
    shutil.rmtree(args.path)
"""

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        if not analysis.destructive:
            return
        guards = analysis.guards
        seen_env: set[str] = set()
        # a constant is the switch only when nothing from outside sets the mode
        outside = any(o.source != "constant" for o in guards.dry_run_options)
        for option in guards.dry_run_options:
            if option.source == "constant" and (outside or _rebound(analysis, option.dest)):
                continue
            kind = guards.option_kind(option)
            problem = _problem(option, kind, _or_default(analysis, option))
            if problem is None:
                continue
            if kind == DRY and guards.acts_only_when_opted_in:
                continue  # `--dry-run` off by default, but nothing deletes without `--delete` either
            if option.source == "env":
                if fold(option.dest) in seen_env:
                    continue
                seen_env.add(fold(option.dest))
            yield Report(option.node, problem, analysis.destructive[0].confidence)


def _rebound(analysis: ModuleAnalysis, name: str) -> bool:
    """`global DRY_RUN` in a function: the constant is set at run time (from args, say)."""
    return re.search(rf"\bglobal\b[^\n]*\b{re.escape(name)}\b", analysis.source or "") is not None


def _or_default(analysis: ModuleAnalysis, option: CliOption) -> object:
    """`os.getenv("DRY_RUN") or "1"`: the literal after `or` is the effective default."""
    parent = analysis.parents.get(option.node)
    if isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.Or) and parent.left is option.node:
        value = literal_value(parent.right)
        if value is not UNKNOWN:
            return value
    return option.default


def _problem(option: CliOption, kind: str | None, default: object) -> str | None:
    name = option.label
    if option.source == "argv" and kind == DRY:
        return (
            f'`"{name}" in sys.argv` makes acting the default: a run without {name} deletes. '
            f"Invert it: act only when --execute is given."
        )
    if option.source == "env":
        if isinstance(option.node, cst.Comparison) and kind == DRY:
            return (
                f'`"{name}" in os.environ` makes acting the default: a run without {name} set deletes. '
                f'Invert it: act only when an EXECUTE variable is set to "1".'
            )
        if not isinstance(option.node, cst.Call):
            if kind != DRY:
                return None  # os.environ["EXECUTE"]: must be set, so acting is asked for either way
            return (
                f'os.environ["{name}"] has no default, so nothing makes a dry run the default: a run with '
                f"{name}=false (or a typo in its value) deletes. "
                f'Read it as os.environ.get("{name}", "1") and act only when it is explicitly "0".'
            )
        text = str(default).strip().lower() if default is not None else None
        if kind == DRY and (default is None or default is False or text in FALSY_TEXT):
            return (
                f"{name} is read from the environment and is off unless set, so the script deletes by default. "
                f'Default it to on (os.environ.get("{name}", "1")) and act only when it is explicitly "0".'
            )
        if kind == EXECUTE and (default is True or text in TRUTHY_TEXT):
            return f"{name} defaults to on, so the script deletes by default. Default it to off."
        return None
    if option.source == "config":
        if kind == DRY and (default is None or default is False):
            return (
                f"{name} is read from a config file and is off unless the file sets it, so the script deletes "
                f'by default. Default it to on (.get("{name}", True)) and act only when it is explicitly false.'
            )
        if kind == EXECUTE and default is True:
            return f"{name} defaults to on when the config file does not set it, so the script acts. Default it to off."
        return None
    if option.source == "constant":
        if kind == DRY and default is False:
            return (
                f"{name} = False is fixed in the code, so every run deletes for real. Set it to True and "
                f"take --execute (or --no-dry-run) from the command line to act."
            )
        if kind == EXECUTE and default is True:
            return f"{name} = True is fixed in the code, so every run acts. Set it to False and take --execute to act."
        return None
    if option.source not in ("argparse", "click", "typer"):
        return None
    if kind == DRY and option.is_flag and option.default is not True and not option.secondary_default_on:
        return (
            f"{name} defaults to off, so a run without it deletes for real. Make the dry run the default "
            f"and add --execute (or --no-dry-run) to act."
        )
    if kind == EXECUTE and option.is_flag and (option.default is True or option.secondary_default_on):
        return f"{name} defaults to on, so the script acts unless told not to. Default it to off."
    return None
