from __future__ import annotations

from typing import Iterable

import libcst as cst

from linter.analysis.callgraph import resolve_local_callee, site_in
from linter.analysis.names import parameter
from linter.analysis.walk import walk
from linter.analysis.guards import BYPASS, DRY, EXECUTE
from linter.analysis.model import ModuleAnalysis
from linter.checks.base import Report, Rule

# str methods that return another string: still truthy whatever it says
STRING_METHODS = frozenset({"strip", "lower", "upper", "casefold", "lstrip", "rstrip", "title"})


class TruthyEnvFlag(Rule):
    id = "OPS204"
    name = "truthy-env-flag"
    severity = "warning"
    summary = "A safety flag read from the environment is used as a boolean without parsing: 'false' is true."
    rationale = """
## What it does
In a file with a destructive call, flags an environment variable named like a
safety switch (`DRY_RUN`, `EXECUTE`, `APPLY`, `FORCE`, `YES`, ...: the
dry-run, execute and prompt-bypass spellings of the policy) that is read and
used as a boolean as it is: `if os.environ.get("FORCE"):`,
`dry_run = os.getenv("DRY_RUN")`. Reported on the read.

## Why is this bad?
Environment values are strings. `FORCE=false`, `DRY_RUN=0` and `DRY_RUN=no`
are non-empty strings, hence true: the operator who sets `DRY_RUN=0` to act
gets a dry run (annoying), and the one who sets `FORCE=false` to be careful
gets force (dangerous). Compare against explicit values instead.
"""
    bad = """
import os
import shutil

if os.environ.get("FORCE"):
    shutil.rmtree("/srv/releases/old")
"""
    good = """
import os
import shutil

if os.environ.get("FORCE", "").lower() in ("1", "true", "yes"):
    shutil.rmtree("/srv/releases/old")
"""

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        if not analysis.destructive:
            return
        guards = analysis.guards
        for option in analysis.cli_options:
            if option.source != "env" or not isinstance(option.node, (cst.Call, cst.Subscript)):
                continue
            if guards.option_kind(option) not in (DRY, EXECUTE, BYPASS):
                continue
            if _used_unparsed(analysis, option.node):
                yield Report(
                    option.node,
                    f"{option.dest} is read from the environment and used as a boolean: any non-empty value, "
                    f'"0" and "false" included, counts as true. Compare it with explicit values '
                    f'(`.lower() in ("1", "true", "yes")`).',
                    analysis.destructive[0].confidence,
                )


def _used_unparsed(analysis: ModuleAnalysis, read: cst.CSTNode) -> bool:
    node = _through_string_methods(analysis, read)
    parent = analysis.parents.get(node)
    if _boolean_context(analysis, node, parent):
        return True
    if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is node:
        targets = parent.targets if isinstance(parent, cst.Assign) else [parent]
        names = {t.target.value for t in targets if isinstance(t.target, cst.Name)}
        return any(_name_used_as_bool(analysis, name, read) for name in names)
    if isinstance(parent, cst.Param) and parent.default is node:
        return _parameter_used_as_bool(analysis, parent)  # def main(dry_run=os.getenv("DRY_RUN", "1"))
    return False


def _local_parameter(analysis: ModuleAnalysis, arg: cst.Arg) -> cst.Param | None:
    """The parameter of the module's own function that a keyword argument is handed to."""
    call = analysis.parents.get(arg)
    if not isinstance(call, cst.Call) or arg.keyword is None:
        return None
    function = resolve_local_callee(analysis, site_in(call, analysis.function_of(call)))
    return parameter(function.node, arg.keyword.value) if function is not None else None


def _parameter_used_as_bool(analysis: ModuleAnalysis, param: cst.Param) -> bool:
    function = next((a for a in analysis.ancestors(param) if isinstance(a, (cst.FunctionDef, cst.Lambda))), None)
    if function is None:
        return False
    collector = _NameUses(param.name.value)
    walk(function.body, collector)
    return any(_boolean_context(analysis, use, analysis.parents.get(use)) for use in collector.uses)


def _through_string_methods(analysis: ModuleAnalysis, node: cst.CSTNode) -> cst.CSTNode:
    """`os.getenv("X").lower()` and `bool(os.getenv("X"))` are still truthy strings."""
    while True:
        parent = analysis.parents.get(node)
        if isinstance(parent, cst.Attribute) and parent.attr.value in STRING_METHODS:
            call = analysis.parents.get(parent)
            if isinstance(call, cst.Call) and call.func is parent:
                node = call
                continue
        if (
            isinstance(parent, cst.BooleanOperation)
            and isinstance(parent.operator, cst.Or)
            and parent.left is node
            and isinstance(parent.right, (cst.SimpleString, cst.ConcatenatedString))
        ):
            node = parent  # os.getenv("DRY_RUN") or "1": a default, still a string
            continue
        if isinstance(parent, cst.Arg):
            call = analysis.parents.get(parent)
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "bool":
                node = call
                continue
        return node


def _boolean_context(analysis: ModuleAnalysis, node: cst.CSTNode, parent: cst.CSTNode | None) -> bool:
    if isinstance(parent, (cst.If, cst.While, cst.IfExp)) and parent.test is node:
        return True
    if isinstance(parent, cst.Assert) and parent.test is node:
        return True
    if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
        return True
    if isinstance(parent, cst.BooleanOperation):
        return True
    if isinstance(parent, cst.CompIf):
        return True
    return False


def _name_used_as_bool(analysis: ModuleAnalysis, name: str, read: cst.CSTNode) -> bool:
    scope = analysis.function_of(read)
    root: cst.CSTNode = scope.node if scope is not None else analysis.module
    collector = _NameUses(name)
    walk(root, collector)
    if scope is None:
        for info in analysis.functions.values():
            if name not in info.params:
                walk(info.node, collector)
    for use in collector.uses:
        parent = analysis.parents.get(use)
        if _boolean_context(analysis, use, parent):
            return True
        if isinstance(parent, cst.Arg) and parent.keyword is not None:
            # handed on as a flag, run(dry_run=dry_run): a truthy flag unless the module's own
            # function compares it with explicit values (`if dryrun != "True":`)
            param = _local_parameter(analysis, parent)
            if param is None or _parameter_used_as_bool(analysis, param):
                return True
    return False


class _NameUses(cst.CSTVisitor):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.uses: list[cst.Name] = []

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.uses.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        walk(node.value, self)
        return False
