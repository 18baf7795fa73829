from __future__ import annotations

from typing import Iterable

from linter.analysis.model import ModuleAnalysis
from linter.checks.base import Report, Rule


class DryRunNotHonored(Rule):
    id = "OPS202"
    name = "dry-run-not-honored"
    severity = "error"
    summary = "A script with a dry-run mode makes a recoverable destructive call that the dry run does not stop."
    rationale = """
## What it does
In a script that has a dry-run mode (a `--dry-run`/`--execute` option, a
`DRY_RUN` variable, an opt-in flag), flags each recoverable destructive call
(`archive_*`, `disable_*`, `mark_for_deletion`, `soft_delete*`, KMS
`schedule_key_deletion`, ...) that is reached on some path without passing
the dry-run check. Permanent calls are OPS101's; a call gets one or the
other, never both.

## Why is this bad?
A dry run is a promise: nothing changes. An operator who reads the dry run's
output and signs off has not approved the disabled accounts or archived
projects it already produced. Recoverable is not harmless: restoring takes
someone's day, and customers notice in the meantime.

Where the analysis cannot tell which call runs (dynamic dispatch, `getattr`,
`eval`), this rule stays silent.
"""
    bad = """
import argparse
from acme.directory import DirectoryClient

parser = argparse.ArgumentParser()
parser.add_argument("--execute", action="store_true")
args = parser.parse_args()
client = DirectoryClient()
for user in client.inactive_users():
    print("disabling", user.id)
    client.disable_user(user.id)
"""
    good = """
import argparse
from acme.directory import DirectoryClient

parser = argparse.ArgumentParser()
parser.add_argument("--execute", action="store_true")
args = parser.parse_args()
client = DirectoryClient()
for user in client.inactive_users()[:50]:
    print("disabling", user.id)
    if args.execute:
        client.disable_user(user.id)
"""

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        if not analysis.destructive:
            return
        guards = analysis.guards
        candidates = [c for c in analysis.destructive if not c.permanent]
        if not candidates or not guards.has_dry_run_mode:
            return
        switch = guards.switch_label() or "the dry-run mode"
        for call in candidates:
            if guards.is_guarded(call.node):
                continue
            yield Report(
                call.node,
                f"{call.label} still runs when {switch} says not to act: the dry run changes production. "
                f"Put it behind the same check as the script's other actions.",
                call.confidence,
            )
