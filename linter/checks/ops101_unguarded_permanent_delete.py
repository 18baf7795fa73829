from __future__ import annotations

from typing import Iterable

from linter.analysis.model import ModuleAnalysis
from linter.checks.base import Report, Rule


class UnguardedPermanentDelete(Rule):
    id = "OPS101"
    name = "unguarded-permanent-delete"
    severity = "error"
    summary = "A permanent delete runs with no dry-run check, confirmation or opt-in flag on the way to it."
    rationale = """
## What it does
Flags every call the catalog marks permanent (`shutil.rmtree`, `s3.delete_objects`,
`DROP TABLE`, `client.permanently_delete(...)`, ...) that some path from the
script's entry reaches without passing a guard: a branch that runs only when
the run is not a dry run (`if not args.dry_run:`), an earlier exit in dry-run
or unconfirmed mode (`if dry_run: return`, `if not click.confirm(...):
sys.exit(1)`, `if not args.execute: parser.error(...)` on the script's
argparse parser, whatever its name; `logger.error(...)` is no exit), the flag handed to the API (`DryRun=args.dry_run`,
`dry_run="All"`), an opt-in flag that is off by default (`--execute`, or a
count that is 0 unless given: `if args.remove:` for `--remove N`), a
confirmation declared on the command, a guard function, a decorator of the
module whose wrapper calls the function only past its own guard
(`@require_confirmation`, `@skip_in_dry_run`), or a `with` block whose
@contextmanager exits before its `yield` unless told to act. A `match` reads
like an `if`: a case guard (`case "clean" if args.execute:`), a value pattern
on the flag or the answer (`match args.execute: case True:`, `case "y" |
"yes":`), and an earlier match that exits in its dry-run cases. A prompt loop
that re-asks until yes (`while True:` ... `if reply == "y": break` or `return`,
`if reply == "n": sys.exit()`) guards what follows it, and a helper made of one
is a guard function. A variable tested by presence (`"FORCE" in os.environ`)
reads like `os.environ.get("FORCE")`: a prompt bypass, so `if "FORCE" in
os.environ or input(...) == "yes":` guards its body (both ways need an explicit
act). Guards in callers
count: a function whose every call site is guarded is guarded. A mode value
whose default is the dry run guards the branch that asks for another value
(`MODE = os.environ.get("MODE", "dry_run")` ... `if MODE == "delete":`), and
branches are read together (`if dry_run and ids: ... elif ids:` means not a dry
run). A dry-run or execute parameter that every call in the script fixes to
acting (`def remove_all(paths, dry_run=False)` never called with `dry_run`,
`purge(keys, execute=True)`) guards nothing. A switch stored under another name
means what its flag says: `add_argument("--execute", dest="go")` makes `if
args.go:` an opt-in, while `add_argument("--force", dest="really")` stays a
prompt bypass.

## Why is this bad?
Permanent means restore-from-backup. When a script has a `--dry-run` flag
that does not reach the delete, the operator who "just checks what it would
do" deletes for real; when it has no guard at all, a wrong argument (the
sites' IDs instead of the app's) deletes the wrong things at once.

Where the analysis cannot decide (dynamic dispatch, `getattr`, `eval`), a call
whose name alone marks it permanent is still reported.
"""
    bad = """
import argparse
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("path")
parser.add_argument("--execute", action="store_true")
args = parser.parse_args()
print("removing", args.path)
shutil.rmtree(args.path)
"""
    good = """
import argparse
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("path")
parser.add_argument("--execute", action="store_true")
args = parser.parse_args()
if not args.execute:
    print("would remove", args.path, "(pass --execute to delete)")
else:
    shutil.rmtree(args.path)
"""
    options = """
- `guards.dry_run_names`, `guards.execute_names`, `guards.bypass_names`: the
  flag spellings recognised (matched case-insensitively, `-` and `_` folded).
- `guards.calls`: functions whose call counts as a guard (an approval gate).
"""

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        if not analysis.destructive:
            return
        guards = analysis.guards
        for call in analysis.destructive:
            if not call.permanent or guards.is_guarded(call.node):
                continue
            switch = guards.switch_label() if guards.has_named_switch else None
            if switch:
                message = (
                    f"{call.label} deletes permanently and ignores {switch}: it runs even in a dry run. "
                    f"Put it behind the flag (`if not dry_run:` or return early in dry-run mode)."
                )
            else:
                message = (
                    f"{call.label} deletes permanently with no dry-run check, confirmation or opt-in flag before it. "
                    f"Make it run only when the operator passes --execute (or confirms)."
                )
            yield Report(call.node, message, call.confidence)
