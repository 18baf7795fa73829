from __future__ import annotations

from typing import Iterable

import libcst as cst

from linter.analysis.model import ModuleAnalysis
from linter.checks.base import Report, Rule

COMMAND_DECORATORS = (".command", ".group", ".callback")
# calls only a command-line program makes: a parser of its arguments, a CLI runner
EXECUTABLE_CALLS = frozenset({
    "argparse.ArgumentParser", "typer.run", "fire.Fire", "configargparse.ArgumentParser",
    "configargparse.ArgParser", "configargparse.get_argument_parser", "configargparse.getArgumentParser",
})


class MissingDryRun(Rule):
    id = "OPS201"
    name = "missing-dry-run"
    severity = "error"
    summary = "An executable script makes destructive calls and has no dry-run mode."
    rationale = """
## What it does
Reports, once per script, an executable script (it has `if __name__ ==
"__main__":`, a click/typer command, an argparse parser, a Django management
command, a `main()` called at module level, or destructive calls at module
level) that makes at least one destructive call and has no dry-run mode:
no `--dry-run`/`--execute` option, no `DRY_RUN` variable, and no opt-in flag
without which nothing destructive runs. A module of only functions and
classes is a library and is not reported. A confirmation prompt alone is not
a dry-run mode: it asks "are you sure?" but never shows what would happen.

## Why is this bad?
A dry run is how an operator sees what a cleanup will touch before it does:
"400 sites would be deleted" is the line that stops an incident. Without one,
the first real run is the test.
"""
    bad = """
import boto3

ec2 = boto3.client("ec2")


def main():
    for snap in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"][:100]:
        if snap["Description"].startswith("nightly"):
            ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])


if __name__ == "__main__":
    main()
"""
    good = """
import argparse

import boto3

ec2 = boto3.client("ec2")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true", help="delete for real")
    args = parser.parse_args()
    for snap in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"][:100]:
        if snap["Description"].startswith("nightly"):
            print("delete", snap["SnapshotId"])
            if args.execute:
                ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])


if __name__ == "__main__":
    main()
"""

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        if not analysis.destructive or not _is_executable(analysis):
            return
        if analysis.guards.has_dry_run_mode:
            return
        first = analysis.destructive[0]
        anchor = analysis.main_guard or _command_function(analysis) or first.node
        yield Report(
            anchor,
            f"this script runs {first.label} and has no dry-run mode: add a --dry-run flag that is on by default "
            f"(or an --execute flag that is off), print what would be deleted, and act only when asked.",
            first.confidence,
        )


def _is_executable(analysis: ModuleAnalysis) -> bool:
    if analysis.main_guard is not None or _command_function(analysis) is not None:
        return True
    for site in analysis.calls:
        if site.qualname in EXECUTABLE_CALLS:
            return True
        if site.function is None and _at_module_level(analysis, site.node):
            if site.callee == "main" or site.callee in analysis.functions:
                return True
            if any(_runs_code(analysis, arg.value) for arg in site.node.args):
                return True  # list(map(drop_bucket, sys.argv[1:])), map(lambda k: ..., keys)
    return any(d.site.function is None and _at_module_level(analysis, d.node) for d in analysis.destructive)


def _runs_code(analysis: ModuleAnalysis, value: cst.BaseExpression) -> bool:
    """A module function or a lambda handed to a top-level call (map, an executor, a thread)."""
    if isinstance(value, cst.Name):
        return value.value in analysis.functions
    return isinstance(value, cst.Lambda)


def _at_module_level(analysis: ModuleAnalysis, node: cst.CSTNode) -> bool:
    return not any(isinstance(a, (cst.ClassDef, cst.Lambda)) for a in analysis.ancestors(node))


def _command_function(analysis: ModuleAnalysis) -> cst.CSTNode | None:
    for info in analysis.functions.values():
        for decorator in info.decorators:
            resolved = analysis.imports.resolve(decorator) or decorator
            if resolved in ("click.command", "click.group") or decorator.endswith(COMMAND_DECORATORS):
                return info.node.name
    for cls in analysis.classes.values():
        if any(base.endswith("BaseCommand") for base in cls.bases) and "handle" in cls.methods:
            return cls.methods["handle"].node.name
    return None
