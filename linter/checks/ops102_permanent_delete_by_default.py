from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any, Iterable, Iterator

import libcst as cst

from linter.analysis.walk import walk
from linter.analysis.bounds import BoundsAnalysis
from linter.analysis.model import CliOption, FunctionInfo, ModuleAnalysis
from linter.analysis.names import UNKNOWN, dotted_name, fold, keyword_arg, literal_value, positional_args, string_value
from linter.checks.base import Report, Rule


class PermanentDeleteByDefault(Rule):
    id = "OPS102"
    name = "permanent-delete-by-default"
    severity = "error"
    summary = "The permanent way is what happens unless someone asks for the recoverable one."
    rationale = """
## What it does
Flags a choice between a recoverable and a permanent action whose default is
permanent:
- a mode option (named `mode`, `action`, `operation`, `op`, `strategy`,
  `*_mode`, or offering permanent and recoverable values) whose default
  is permanent-sounding (`permanent`, `purge`, `hard`, `delete`, `destroy`,
  `remove`) while a recoverable value (`mark`, `soft`, `archive`, `trash`,
  `disable`) exists;
- the same through the environment or a loaded config file:
  `MODE = os.environ.get("MODE", "purge")`, `cfg.get("mode", "permanent")`
  in a script that also compares it with a recoverable value;
- a CLI mode option with no `choices`/`click.Choice`/`Enum`: free text picks
  the mode, so a typo or a pasted command picks it too (reported on the
  option, whatever its default);
- a boolean `--permanent`/`--hard`/`--purge` flag that defaults to on;
- a function parameter `permanent=True`, `hard=True`, `mode="permanent"` in a
  function that reaches a destructive call.
Reported on the default (or the option).

## Why is this bad?
In the incident behind this tool, a cleanup script had a "mark for deletion"
mode and a "permanently delete" mode, and the permanent one was what ran when
nobody chose. The recoverable mode should be what you get by accident.
"""
    bad = """
import argparse

from insight import InsightClient

parser = argparse.ArgumentParser()
parser.add_argument("--mode", choices=["mark", "permanent"], default="permanent")
parser.add_argument("--execute", action="store_true")
args = parser.parse_args()
client = InsightClient()
site_id = input("site id: ")
if args.execute:
    if args.mode == "permanent":
        client.permanently_delete(site_id)
    else:
        client.mark_for_deletion(site_id)
"""
    good = """
import argparse

from insight import InsightClient

parser = argparse.ArgumentParser()
parser.add_argument("--mode", choices=["mark", "permanent"], default="mark")
parser.add_argument("--execute", action="store_true")
args = parser.parse_args()
client = InsightClient()
site_id = input("site id: ")
if args.execute:
    if args.mode == "permanent":
        client.permanently_delete(site_id)
    else:
        client.mark_for_deletion(site_id)
"""
    options = """
- `guards.mode_names`, `guards.permanent_values`, `guards.recoverable_values`.
"""

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        if not analysis.destructive:
            return
        policy = _Policy(analysis)
        for option in analysis.cli_options:
            yield from policy.option_reports(option)
        yield from policy.parameter_reports()


class _Policy:
    def __init__(self, analysis: ModuleAnalysis) -> None:
        guards = analysis.settings.guards
        self.analysis = analysis
        self.mode_names = tuple(fold(n) for n in guards.mode_names)
        self.permanent = tuple(fold(n) for n in guards.permanent_values)
        self.recoverable = tuple(fold(n) for n in guards.recoverable_values)
        self.confidence = analysis.destructive[0].confidence

    def is_permanent(self, value: Any) -> bool:
        return isinstance(value, str) and any(fnmatchcase(fold(value), p) for p in self.permanent)

    def is_recoverable(self, value: Any) -> bool:
        return isinstance(value, str) and any(fnmatchcase(fold(value), p) for p in self.recoverable)

    def is_mode_name(self, name: str) -> bool:
        return any(fnmatchcase(fold(name), p) for p in self.mode_names)

    # -- CLI options -------------------------------------------------------------------------
    def option_reports(self, option: CliOption) -> Iterator[Report]:
        if option.source in ("env", "config"):
            yield from self._env_mode_reports(option)
            return
        if option.source not in ("argparse", "click", "typer"):
            return
        name = option.label
        if option.is_flag:
            if self.is_permanent(option.dest) and (option.default is True or option.secondary_default_on):
                yield Report(
                    _default_node(option),
                    f"{name} is on by default, so the permanent delete runs unless someone passes the opposite. "
                    f"Default it to off and make the permanent path an explicit choice.",
                    self.confidence,
                )
            return
        default, choices = self._values(option)
        values = [v for v in (choices or ()) if v is not UNKNOWN]
        by_values = any(self.is_permanent(v) for v in values) and any(self.is_recoverable(v) for v in values)
        if not by_values and not self.is_mode_name(option.dest):
            return
        compared = self._compared_values(option.dest)
        known = values + compared + ([default] if isinstance(default, str) else [])
        if not (any(self.is_permanent(v) for v in known) and any(self.is_recoverable(v) for v in known)):
            return  # `--action create|delete|list`: no recoverable way to choose instead
        if not option.typed_choices and not choices:
            yield Report(
                option.node,
                f"{name} takes free text to choose between deleting permanently and recoverably: a typo or a "
                f"pasted command picks the mode. Restrict it with choices (or click.Choice/Enum) and default "
                f"to the recoverable one.",
                self.confidence,
            )
            return
        if self.is_permanent(default) and any(self.is_recoverable(v) for v in known):
            yield Report(
                _default_node(option),
                f"{name} defaults to {default!r}: the permanent delete is what runs when nobody chooses. "
                f"Default to the recoverable mode and require {name} {default} explicitly.",
                self.confidence,
            )

    def _env_mode_reports(self, option: CliOption) -> Iterator[Report]:
        """`MODE = os.environ.get("MODE", "purge")` ... `if MODE == "trash":`: the environment's
        default picks the permanent path when nobody sets the variable."""
        if not self.is_permanent(option.default) or not isinstance(option.node, cst.Call):
            return
        names = {option.dest, *self._assigned_to(option.node)}
        if not any(self.is_mode_name(n) for n in names):
            return
        if not any(self.is_recoverable(v) for n in names for v in self._compared_values(n)):
            return
        where = "environment variable" if option.source == "env" else "config key"
        yield Report(
            positional_args(option.node)[1],
            f"{where} {option.dest} defaults to {option.default!r}: the permanent delete is what runs when "
            f"nobody sets it. Default to the recoverable mode and require {option.dest}={option.default} explicitly.",
            self.confidence,
        )

    def _assigned_to(self, read: cst.Call) -> list[str]:
        """The variable an env read lands in: `mode = os.getenv("M", "purge").lower()` -> ["mode"]."""
        node: cst.CSTNode = read
        parent = self.analysis.parents.get(node)
        while isinstance(parent, cst.Attribute) and parent.value is node:  # through `.lower()`, `.strip()`
            call = self.analysis.parents.get(parent)
            if not (isinstance(call, cst.Call) and call.func is parent):
                return []
            node, parent = call, self.analysis.parents.get(call)
        if isinstance(parent, cst.Assign) and parent.value is node:
            return [t.target.value for t in parent.targets if isinstance(t.target, cst.Name)]
        return []

    def _values(self, option: CliOption) -> tuple[Any, tuple[Any, ...] | None]:
        default = option.default
        choices = option.choices
        enum = self._enum_members(option.type_name)
        if enum is not None:
            choices = tuple(enum.values())
            member = _enum_default(option)
            if member is not None:
                default = enum.get(member, member)
        return default, choices

    def _enum_members(self, type_name: str | None) -> dict[str, Any] | None:
        if not type_name or type_name not in self.analysis.classes:
            return None
        members: dict[str, Any] = {}
        for statement in self.analysis.classes[type_name].node.body.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign) and isinstance(small.targets[0].target, cst.Name):
                        members[small.targets[0].target.value] = literal_value(small.value)
        return members or None

    def _compared_values(self, dest: str) -> list[str]:
        """Values the script compares the option with: `if args.mode == "purge":`."""
        found = []
        for node in _comparisons(self.analysis):
            sides = [node.left, *(c.comparator for c in node.comparisons)]
            if not any(_key(s) == fold(dest) for s in sides):
                continue
            for side in sides:
                value = string_value(side)
                if value is not None:
                    found.append(value)
                elif isinstance(side, (cst.Tuple, cst.List, cst.Set)):
                    found.extend(v for v in (string_value(e.value) for e in side.elements) if v is not None)
        return found

    # -- function parameters -------------------------------------------------------------------
    def parameter_reports(self) -> Iterator[Report]:
        reaching = BoundsAnalysis(self.analysis).reaching
        for info in self.analysis.functions.values():
            if info.qualname not in reaching:
                continue
            yield from self._function_params(info)

    def _function_params(self, info: FunctionInfo) -> Iterator[Report]:
        params = info.node.params
        for param in (*params.params, *params.kwonly_params):
            if param.default is None:
                continue
            value = literal_value(param.default)
            name = param.name.value
            if value is True and self.is_permanent(name):
                problem = f"{name}=True"
            elif isinstance(value, str) and self.is_mode_name(name) and self.is_permanent(value):
                problem = f"{name}={value!r}"
            else:
                continue
            yield Report(
                param.default,
                f"{info.name}() defaults to {problem}, so a caller who leaves it out deletes permanently. "
                f"Default to the recoverable way and make callers ask for the permanent one.",
                self.confidence,
            )


def _default_node(option: CliOption) -> cst.CSTNode:
    node = option.node
    if isinstance(node, cst.Call):
        arg = keyword_arg(node, "default")
        if arg is not None:
            return arg.value
    if isinstance(node, cst.Param) and node.default is not None:
        return node.default
    return node


def _enum_default(option: CliOption) -> str | None:
    """The member named as the default: `mode: Mode = Mode.purge`, `typer.Option(Mode.purge)`,
    `add_argument("--mode", type=Mode, default=Mode.PURGE)`."""
    node = option.node
    expr: cst.BaseExpression | None = node.default if isinstance(node, cst.Param) else None
    call = expr if isinstance(expr, cst.Call) else node if isinstance(node, cst.Call) else None
    if call is not None:
        keyword = keyword_arg(call, "default")
        positional = [a.value for a in call.args if a.keyword is None]
        expr = keyword.value if keyword is not None else positional[0] if positional and call is expr else None
    return expr.attr.value if isinstance(expr, cst.Attribute) else None


def _key(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.Attribute):
        return fold(expr.attr.value)
    if isinstance(expr, cst.Name):
        return fold(expr.value)
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        value = string_value(expr.slice[0].slice.value)
        return fold(value) if value else None
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get":
        args = [a.value for a in expr.args]
        value = string_value(args[0]) if args else None
        return fold(value) if value else None
    return None


def _comparisons(analysis: ModuleAnalysis) -> list[cst.Comparison]:
    cached = getattr(analysis, "_ops102_comparisons", None)
    if cached is None:
        collector = _Comparisons()
        walk(analysis.module, collector)
        cached = collector.found
        setattr(analysis, "_ops102_comparisons", cached)
    return cached


class _Comparisons(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.Comparison] = []

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self.found.append(node)


__all__ = ["PermanentDeleteByDefault", "dotted_name"]
