from linter.checks.base import Rule


class InternalError(Rule):
    id = "OPS000"
    name = "internal-error"
    severity = "error"
    summary = "opslint failed while analysing this file; the file was not fully checked."
    engine = True
    rationale = """
An unexpected failure inside one rule on one file is reported as this finding,
naming the rule and the file, and the scan goes on. A file with this finding was
not fully checked: treat it as unreviewed. Please report it with the file (or a
reduced copy) so the rule can be fixed.
"""
