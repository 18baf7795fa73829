from linter.checks.base import Rule


class BadSuppression(Rule):
    id = "OPS002"
    name = "bad-suppression"
    severity = "warning"
    summary = "An `# opslint: ignore[...]` comment is malformed, unexplained, expired, unused or not allowed."
    engine = True
    rationale = """
A suppression is a decision someone will have to revisit, so it must say why.
This finding reports suppressions with no reason, naming unknown rules, past
their `until=` date (they no longer suppress anything), naming a rule the
configuration marks `unsuppressible`, or - with `--report-unused-ignores` -
suppressing nothing at all.
"""
    bad = """
import shutil

shutil.rmtree("/srv/cache")  # opslint: ignore[OPS101]
"""
    good = """
import shutil

shutil.rmtree("/srv/cache")  # opslint: ignore[OPS101,OPS201] cache dir is rebuilt on boot
"""
