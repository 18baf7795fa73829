"""Guard analysis: does anything stand between the script's start and a call?

A call is guarded when every path to it passes a dry-run check, a confirmation,
an opt-in flag or a guard function (see issue 3). The analysis walks up from
the call through its enclosing blocks, looking at the branch conditions it sits
under and the statements that run before it, then on to the call sites of the
enclosing function, to a fixed point. Everything is computed on demand and
memoised per node, so a file with no destructive call costs nothing.

Names (dry-run, execute and prompt-bypass spellings) come from the policy
(`guards:` in rules/policy.yaml and the user's config); the code only knows the
shapes: branches, exits, prompts, flags handed to APIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cached_property
from typing import Iterable, Iterator, Sequence

import libcst as cst

from linter.analysis.walk import walk
from linter.analysis.callgraph import passed_argument, resolve_local_callee, site_in
from linter.analysis.cli_options import is_argv
from linter.analysis.model import CallSite, CliOption, FunctionInfo, ModuleAnalysis
from linter.analysis.names import (
    UNKNOWN,
    dotted_name,
    fold,
    keyword_arg,
    literal_value,
    parameter,
    positional_args,
    references,
    returns_in,
    string_value,
)
from linter.known_calls import SHELL_CALLS

# Interactive prompts (mechanism, not policy: these are the APIs that ask a person).
PROMPT_CALLS = frozenset(
    {
        "click.confirm",
        "click.prompt",
        "typer.confirm",
        "typer.prompt",
        "rich.prompt.Confirm.ask",
        "rich.prompt.Prompt.ask",
        "questionary.confirm",
        "questionary.text",
        "inquirer.confirm",
        "getpass.getpass",
        "six.moves.input",
        "builtins.input",
    }
)
PROMPT_BUILTINS = frozenset({"input", "raw_input"})
# Calls that end the process (or the command) where they stand.
EXIT_CALLS = frozenset({"sys.exit", "os._exit", "os.abort"})
EXIT_BUILTINS = frozenset({"exit", "quit"})
EXIT_METHODS = frozenset({"exit", "abort", "fail"})  # ctx.exit(), ctx.abort(), ctx.fail()
# argparse/optparse parsers: their error() and exit() raise SystemExit
PARSER_CLASSES = frozenset(
    {"argparse.ArgumentParser", "optparse.OptionParser", "configargparse.ArgumentParser", "configargparse.ArgParser"}
)
PARSER_EXIT_METHODS = frozenset({"error", "exit"})
PARSE_METHODS = frozenset({"parse_args", "parse_known_args", "parse_intermixed_args"})
# String methods that keep a value's meaning: input().strip().lower()
TRANSPARENT_METHODS = frozenset({"strip", "lower", "upper", "casefold", "lstrip", "rstrip", "ask", "unsafe_ask"})
# Calls that read a flag by key: os.environ.get("DRY_RUN"), options.get("dry_run"), getattr(args, "dry_run")
KEYED_READS = frozenset({"get", "getenv", "pop", "setdefault"})
TRUTHY_WORDS = frozenset({"1", "true", "yes", "y", "on", "t"})
FALSY_WORDS = frozenset({"0", "false", "no", "n", "off", "f", ""})
# calls that run a statement built earlier: stmt = delete(t).where(...); conn.execute(stmt)
EXECUTE_METHODS = frozenset({"execute", "exec_driver_sql", "executemany", "scalars", "scalar"})
COMMAND_DECORATOR_SUFFIXES = (".command", ".callback", ".group")

# what a flag means when it is true
DRY = "dry"  # only pretend
EXECUTE = "execute"  # act (named opt-in)
BYPASS = "bypass"  # skip a prompt
OPT_IN = "opt-in"  # an unnamed boolean option off by default
PROMPT = "prompt"  # a person answered


@dataclass(frozen=True)
class _Names:
    dry: tuple[str, ...]
    execute: tuple[str, ...]
    bypass: tuple[str, ...]
    calls: tuple[str, ...]
    memo: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False)

    def kind(self, name: str) -> str | None:
        if name not in self.memo:
            self.memo[name] = self._kind(name)
        return self.memo[name]

    def _kind(self, name: str) -> str | None:
        folded = fold(name)
        if not folded:
            return None
        if _glob(self.dry, folded):
            return DRY
        for prefix in ("no", "skip", "disable"):
            if folded.startswith(prefix) and _glob(self.dry, folded[len(prefix) :]):
                return EXECUTE  # --no-dry-run
        if _glob(self.execute, folded):
            return EXECUTE
        if _glob(self.bypass, folded):
            return BYPASS
        return None


def _glob(patterns: Sequence[str], folded: str) -> bool:
    return any(fnmatchcase(folded, p) for p in patterns)


class GuardAnalysis:
    """Guard facts for one module, computed lazily and memoised."""

    def __init__(self, analysis: ModuleAnalysis, count_dry_run_switches: bool = True) -> None:
        """`count_dry_run_switches=False`: a `--dry-run`-style switch is just another flag (what
        `acts_only_when_opted_in` asks)."""
        self.analysis = analysis
        policy = analysis.settings.guards
        self.names = _Names(
            dry=tuple(fold(n) for n in policy.dry_run_names) if count_dry_run_switches else (),
            execute=tuple(fold(n) for n in policy.execute_names),
            bypass=tuple(fold(n) for n in policy.bypass_names),
            calls=tuple(policy.calls),
        )
        self._assignments: dict[cst.FunctionDef, dict[str, list[cst.BaseExpression]]] = {}
        self._self_assignments: dict[str, dict[str, list[tuple[FunctionInfo, cst.BaseExpression]]]] = {}
        self._with_prompts = _Evaluator(self, count_prompts=True)
        self._without_prompts = _Evaluator(self, count_prompts=False)

    # -- the questions rules ask --------------------------------------------------
    def is_guarded(self, node: cst.CSTNode) -> bool:
        """Does every path from the entry to `node` pass a guard?"""
        return self._with_prompts.node_guarded(node)

    def is_opted_in(self, node: cst.CSTNode) -> bool:
        """Guarded by a flag or guard call alone, not by an interactive prompt."""
        return self._without_prompts.node_guarded(node)

    def is_prompted_within(self, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
        """A prompt between `outer` (a loop) and `node` guards it: the operator approves each item."""
        return self._with_prompts.segment_guarded(node, outer) and not self._without_prompts.segment_guarded(node, outer)

    @cached_property
    def helper_inner_calls(self) -> dict[cst.CSTNode, list[cst.Call]]:
        """Helper call site -> the calls inside the helper that act on what it is handed."""
        found: dict[cst.CSTNode, list[cst.Call]] = {}
        for call in self.analysis.destructive:
            if call.inner is not None:
                found.setdefault(call.node, []).append(call.inner)
        return found

    @cached_property
    def dry_run_options(self) -> list[CliOption]:
        """Options whose name says dry run or execute (`--dry-run`, `--execute`, `DRY_RUN`)."""
        return [o for o in self.analysis.cli_options if self.option_kind(o) in (DRY, EXECUTE)]

    @cached_property
    def has_named_switch(self) -> bool:
        """A dry-run or execute switch exists: an option, or a parameter of one of the module's functions."""
        if self.dry_run_options:
            return True
        # def empty_bucket(name, dry_run=True) whose body never looks at dry_run is no switch
        return any(
            self.names.kind(param) in (DRY, EXECUTE)
            and param in _read_names(info.node.body)
            and not self.is_inert_parameter(param, info)
            for info in self.analysis.functions.values()
            for param in info.params
        )

    @cached_property
    def has_dry_run_mode(self) -> bool:
        """A dry-run/execute switch, or an opt-in flag without which no destructive call runs."""
        if self.has_named_switch:
            return True
        destructive = self.analysis.destructive
        return bool(destructive) and all(self.is_opted_in(d.node) for d in destructive)

    @cached_property
    def acts_only_when_opted_in(self) -> bool:
        """Every destructive call also needs an opt-in (an execute or off-by-default flag, a guard
        call) that a dry-run switch does not provide: a run with no options deletes nothing."""
        destructive = self.analysis.destructive
        if not destructive:
            return True
        strict = GuardAnalysis(self.analysis, count_dry_run_switches=False)
        return all(strict.is_opted_in(d.node) for d in destructive)

    def is_inert_parameter(self, name: str, scope: FunctionInfo | None) -> bool:
        """A switch parameter every call in the script fixes to acting: `def remove_all(paths,
        dry_run=False)` called without `dry_run` (or with `dry_run=False`), `def purge(keys,
        execute=False)` called only as `purge(keys, execute=True)`. Testing it stops nothing."""
        kind = self.names.kind(name)
        if kind not in (DRY, EXECUTE):
            return False
        values = self._parameter_values(name, scope)
        if not values:
            return False
        if kind == DRY:
            return all(v in (False, None, 0) for v in values)
        return all(v is True for v in values)

    def _parameter_values(self, name: str, scope: FunctionInfo | None) -> list[object] | None:
        """The literal value `name` takes at every call of its function, or None when any is unknown."""
        if scope is None or scope.is_method or scope.decorators or not self._runs_own_functions:
            return None
        param = parameter(scope.node, name)
        if param is None:
            return None
        sites = self.analysis.callers.get(scope.qualname)
        if not sites:
            return None  # called from elsewhere, or not at all: nothing to go on
        values: list[object] = []
        for site in sites:
            bound = self._partial_binding(site, scope, name)
            if bound is not None:
                values.append(bound)
                continue
            if not isinstance(site, CallSite) or resolve_local_callee(self.analysis, site) is not scope:
                return None  # handed on (a callback, a thread target): its arguments are unknown
            if any(a.star for a in site.node.args):
                return None
            value = passed_argument(site.node, scope, name)
            if value is None:
                value = param.default
            literal = literal_value(value) if value is not None else UNKNOWN
            if literal is UNKNOWN:
                return None
            values.append(literal)
        return values

    @cached_property
    def _runs_own_functions(self) -> bool:
        """A script that runs its functions itself (a `__main__` block, or module-level code that
        calls one or hands one on: `handle = functools.partial(trash_file, ...)`), so the calls
        seen here are all the calls there are; a library's functions are called from elsewhere."""
        if self.analysis.main_guard is not None:
            return True
        functions = self.analysis.functions
        for site in self.analysis.calls:
            if site.function is not None or any(isinstance(a, cst.ClassDef) for a in self.analysis.ancestors(site.node)):
                continue
            if site.callee in functions or any(isinstance(a.value, cst.Name) and a.value.value in functions for a in site.node.args):
                return True
        return False

    @staticmethod
    def _partial_binding(site: object, scope: FunctionInfo, name: str) -> object | None:
        """`functools.partial(trash_file, drive, dry_run=False)`: the literal the partial binds
        `name` to for every call made through it; None when it binds nothing literal."""
        if not isinstance(site, CallSite) or site.qualname != "functools.partial":
            return None
        args = positional_args(site.node)
        if not args or not isinstance(args[0], cst.Name) or args[0].value != scope.name:
            return None
        bound = keyword_arg(site.node, name)
        value = literal_value(bound.value) if bound is not None else UNKNOWN
        return None if value is UNKNOWN or value is None else value

    def option_kind(self, option: CliOption) -> str | None:
        if option.required and not option.is_flag:
            return None  # `--plan FILE` (required) or a positional: always given, so no switch
        if option.action == "store_false" and (flipped := self._spelled_kind(option)) is not None:
            return flipped  # add_argument("--execute", action="store_false"): true means not executing
        for name in (option.dest, *option.flags):
            kind = self.names.kind(name.split("/")[0])
            if kind is not None:
                return kind
        if self.dry_run_default(option):
            return DRY  # MODE=os.environ.get("MODE", "dry-run"): a mode whose default is the dry run
        return None

    def dry_run_default(self, option: CliOption) -> bool:
        """A value option (`--mode`, `MODE`) whose default names a dry run (`"dry-run"`, `"plan"`)."""
        default = option.default
        return not option.is_flag and isinstance(default, str) and self.names.kind(default) == DRY

    def option_for(self, key: str) -> CliOption | None:
        folded = fold(key)
        for option in self.analysis.cli_options:
            if fold(option.dest) == folded or any(fold(f.split("/")[0]) == folded for f in option.flags):
                return option
        return None

    def switch_label(self) -> str | None:
        """How the script spells its dry-run switch, for messages: `--dry-run`, `DRY_RUN`."""
        for option in self.dry_run_options:
            flags = [f for f in option.flags if f.startswith("--")] or list(option.flags) or [option.dest]
            return flags[0].split("/")[0]
        return None

    @cached_property
    def opt_in_flags(self) -> frozenset[str]:
        """Folded names of switches that are off unless someone passes them: boolean options, and
        counting ones (`action="count"`, or `type=int` with no default or 0: `-r/--remove N`)."""
        names: set[str] = set()
        for option in self.analysis.cli_options:
            if option.source in ("env", "constant") or not (option.is_flag or _counting_switch(option)):
                continue
            if option.default is True or option.secondary_default_on:
                continue
            names.add(fold(option.dest))
            names.update(fold(f.split("/")[0]) for f in option.flags)
        return frozenset(names)

    @cached_property
    def renamed_flag_kinds(self) -> dict[str, str]:
        """Folded dest -> meaning, for CLI switches stored under another name: `add_argument("--execute",
        dest="go")`. The code reads `go`, but the operator types `--execute`: the spelling tells what a
        true value means. A dest whose options disagree (or say nothing) is left to its own name."""
        found: dict[str, set[str]] = {}
        for option in self.analysis.cli_options:
            if option.source not in ("argparse", "click", "typer"):
                continue
            dest = fold(option.dest)
            spellings = [fold(f.split("/")[0]) for f in option.flags]
            if dest in spellings and option.action != "store_false":
                continue  # not renamed: the name read is the name typed (store_false reads the opposite)
            found.setdefault(dest, set()).add(self._spelled_kind(option) or "")
        return {dest: kinds.pop() for dest, kinds in found.items() if len(kinds) == 1 and "" not in kinds}

    def _spelled_kind(self, option: CliOption) -> str | None:
        """What the stored value means when true, from the flag's spelling and its action."""
        kind = next((k for f in option.flags if (k := self.names.kind(f.split("/")[0])) is not None), None)
        if option.action != "store_false":
            return kind
        # add_argument("--execute", dest="dry_run", action="store_false"): true unless --execute is typed
        return {DRY: EXECUTE, EXECUTE: DRY}.get(kind or "")

    @cached_property
    def parser_names(self) -> frozenset[str]:
        """Dotted names that hold a CLI parser: assigned from ArgumentParser(...) or a subparsers'
        add_parser(...), or whatever the script calls parse_args() on (a parser a helper built)."""
        names: set[str] = set()
        for site in self.analysis.calls:
            if site.name in PARSE_METHODS and site.receiver is not None:
                names.add(dotted_name(site.receiver) or "")
            elif site.qualname in PARSER_CLASSES or (site.name == "add_parser" and site.receiver is not None):
                parent = self.analysis.parents.get(site.node)
                if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
                    names.add(dotted_name(parent.targets[0].target) or "")
        names.discard("")
        return frozenset(names)

    @cached_property
    def has_prompt(self) -> bool:
        return any(self.is_prompt_site(site) for site in self.analysis.calls)

    def is_prompt_site(self, site: CallSite) -> bool:
        if site.qualname is not None:
            return site.qualname in PROMPT_CALLS
        return site.callee in PROMPT_BUILTINS

    def scope_assignments(self, function: cst.FunctionDef) -> dict[str, list[cst.BaseExpression]]:
        """NAME = value inside one function (not its nested functions), from one shared pass."""
        cached = self._assignments.get(function)
        if cached is None:
            cached = {}
            _collect_assignments(function.body, cached)
            self._assignments[function] = cached
        return cached

    def self_assignments(self, class_name: str) -> dict[str, list[tuple[FunctionInfo, cst.BaseExpression]]]:
        """`self.X = value` in every method of a class, with the method that assigns it."""
        cached = self._self_assignments.get(class_name)
        if cached is None:
            cached = {}
            cls = self.analysis.classes.get(class_name)
            for method in cls.methods.values() if cls is not None else ():
                for attr, value in _self_assigned(method.node.body):
                    cached.setdefault(attr, []).append((method, value))
            self._self_assignments[class_name] = cached
        return cached

    def flag_kind(self, key: str) -> str | None:
        renamed = self.renamed_flag_kinds.get(fold(key))
        if renamed is not None:
            return renamed
        kind = self.names.kind(key)
        if kind is not None:
            return kind
        if fold(key) in self.opt_in_flags:
            return OPT_IN
        return None


def _counting_switch(option: CliOption) -> bool:
    if not any(flag.startswith("-") for flag in option.flags):
        return False  # a positional argument is always given
    if option.action == "count":
        return option.default in (None, 0)
    return option.type_name == "int" and not option.multiple and option.default in (None, 0) and not option.choices


class _Evaluator:
    """One guard semantics (with or without prompts counting), with its memo tables."""

    def __init__(self, guards: GuardAnalysis, count_prompts: bool) -> None:
        self.guards = guards
        self.analysis = guards.analysis
        self.count_prompts = count_prompts
        self._node_memo: dict[cst.CSTNode, bool] = {}
        self._function_memo: dict[str, bool] = {}
        self._guard_function_memo: dict[str, bool] = {}
        self._returns_memo: dict[tuple[str, bool], bool] = {}
        self._exit_function_memo: dict[str, bool] = {}
        self._in_progress: set[object] = set()

    # -- paths to a node ------------------------------------------------------------
    def node_guarded(self, node: cst.CSTNode) -> bool:
        cached = self._node_memo.get(node)
        if cached is None:
            cached = self._compute_node(node)
            self._node_memo[node] = cached
        return cached

    def _compute_node(self, node: cst.CSTNode) -> bool:
        scope = self.analysis.function_of(node)
        if isinstance(node, cst.Call) and self._is_external(node, scope) and self._flag_handed_to_api(node, scope):
            return True
        if isinstance(node, cst.Call) and self._runs_handed_function_guarded(node, scope):
            return True
        inner = self.guards.helper_inner_calls.get(node)
        if inner and all(self._guarded_in_own_function(n) for n in inner):
            return True  # sh("rm -rf ...") where `def sh(cmd)` returns early in a dry run
        executions = self._later_executions(node, scope) if isinstance(node, cst.Call) else []
        if executions:
            # stmt = delete(Table).where(...); ...; conn.execute(stmt): the delete happens at execute()
            return all(self.node_guarded(e) for e in executions)
        child = node
        known_true: set[str] = set()  # names a branch on the way up has already tested true
        for parent in self.analysis.ancestors(node):
            if isinstance(parent, cst.FunctionDef):
                info = self.analysis.function_by_node.get(parent)
                return info is not None and (self._decorator_guards(info) or self._function_guarded(info))
            if self._branch_guards(parent, child, scope) or self._correlated_else_guards(parent, child, scope, known_true):
                return True
            if isinstance(parent, cst.With) and child is parent.body and self._context_guards(parent, scope):
                return True
            if isinstance(parent, cst.If) and child is parent.body:
                known_true.update(_conjunct_names(parent.test))
            if self._earlier_statement_guards(parent, child, scope):
                return True
            child = parent
        return False

    def _decorator_guards(self, info: FunctionInfo) -> bool:
        """`@require_confirmation` / `@skip_in_dry_run`: a decorator of the module whose wrapper
        calls the decorated function only past its own guard (a prompt that exits, `if DRY_RUN:
        return`) guards every call of it."""
        for decorator in info.decorators:
            factory = self.analysis.functions.get(decorator)
            if factory is None or not factory.params:
                continue
            calls = _calls_of(factory.node.body, factory.params[0])
            if calls and all(self._guarded_in_own_function(call) for call in calls):
                return True
        return False

    def _context_guards(self, statement: cst.With, scope: FunctionInfo | None) -> bool:
        """`with live_only(args.execute):` where the module's @contextmanager function exits
        before its `yield` unless told to act: the body runs only past that guard."""
        for item in statement.items:
            call = item.item
            target = resolve_local_callee(self.analysis, site_in(call, scope)) if isinstance(call, cst.Call) else None
            if target is None or not any(d.rsplit(".", 1)[-1] == "contextmanager" for d in target.decorators):
                continue
            yields = _yields(target.node.body)
            if yields and all(self.segment_guarded(y, target.node) for y in yields):
                return True
        return False

    def _guarded_in_own_function(self, node: cst.CSTNode) -> bool:
        function = self.analysis.function_of(node)
        return function is not None and self.segment_guarded(node, function.node)

    def _runs_handed_function_guarded(self, call: cst.Call, scope: FunctionInfo | None) -> bool:
        """`run(s3.delete_object, Key=k)` where the module's `def run(action, *args, **kwargs)`
        calls `action(...)` only past its own dry-run check."""
        site = self._site_for(call, scope)
        wrapper = resolve_local_callee(self.analysis, site) if site is not None else None
        if wrapper is None:
            return False
        inner = self.analysis.runs_handed.get(wrapper.qualname, [])
        return bool(inner) and all(self.segment_guarded(n, wrapper.node) for n in inner)

    def _later_executions(self, call: cst.Call, scope: FunctionInfo | None) -> list[cst.Call]:
        """The calls a built statement or request is handed to: `conn.execute(stmt)`, `urlopen(req)`."""
        node: cst.CSTNode = call
        parent = self.analysis.parents.get(node)
        while isinstance(parent, cst.Attribute) or (isinstance(parent, cst.Call) and parent.func is node):
            node = parent  # delete(t).where(...).returning(...)
            parent = self.analysis.parents.get(node)
        if not isinstance(parent, cst.Assign) or len(parent.targets) != 1:
            return []
        target = parent.targets[0].target
        if not isinstance(target, cst.Name):
            return []
        name = target.value
        return [
            site.node
            for site in self.analysis.calls
            if site.function is scope
            and (
                (site.name in EXECUTE_METHODS and isinstance(site.node.func, cst.Attribute))
                # a built Request(url, method="DELETE") is sent by urlopen(req) / opener.open(req)
                or site.name == "urlopen"
                or (site.name == "open" and isinstance(site.node.func, cst.Attribute))
            )
            and any(isinstance(a.value, cst.Name) and a.value.value == name for a in site.node.args)
        ]

    def _is_external(self, call: cst.Call, scope: FunctionInfo | None) -> bool:
        """A call into code the module does not define (its own functions check their flags inside)."""
        site = self._site_for(call, scope)
        return site is None or resolve_local_callee(self.analysis, site) is None

    def _branch_guards(self, parent: cst.CSTNode, child: cst.CSTNode, scope: FunctionInfo | None) -> bool:
        if isinstance(parent, (cst.If, cst.While)):
            if child is parent.body:
                return self.cond(parent.test, True, scope)
            if child is parent.orelse and isinstance(parent, cst.If):
                return self.cond(parent.test, False, scope)
            return False
        if isinstance(parent, cst.IfExp):
            if child is parent.body:
                return self.cond(parent.test, True, scope)
            if child is parent.orelse:
                return self.cond(parent.test, False, scope)
            return False
        if isinstance(parent, cst.MatchCase) and child is parent.body:
            return self._case_guards(parent, scope)
        if isinstance(parent, cst.BooleanOperation) and child is parent.right:
            return self.cond(parent.left, isinstance(parent.operator, cst.And), scope)
        if isinstance(parent, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
            inside = child is getattr(parent, "elt", None) or child in (
                getattr(parent, "key", None),
                getattr(parent, "value", None),
            )
            if inside:
                return any(self.cond(c.test, True, scope) for c in _comp_ifs(parent.for_in))
        return False

    def _case_guards(self, case: cst.MatchCase, scope: FunctionInfo | None) -> bool:
        """A case body runs only when its guard holds and its pattern matches: `case "clean" if
        args.execute:`, `match args.execute: case True:`, `match answer: case "y" | "yes":`."""
        if case.guard is not None and self.cond(case.guard, True, scope):
            return True
        match = self.analysis.parents.get(case)
        return isinstance(match, cst.Match) and self._pattern_guards(match.subject, case.pattern, True, scope)

    def _pattern_guards(self, subject: cst.BaseExpression, pattern: cst.MatchPattern, matched: bool, scope: FunctionInfo | None) -> bool:
        """If `pattern` matched (or failed to match) `subject`, was the action asked for?"""
        if isinstance(pattern, cst.MatchOr):
            alternatives = [self._pattern_guards(subject, p.pattern, matched, scope) for p in pattern.patterns]
            # matched: any alternative may be the one; failed: every alternative failed
            return all(alternatives) if matched else any(alternatives)
        if isinstance(pattern, (cst.MatchValue, cst.MatchSingleton)):
            # a value pattern is an equality test on the subject: read it as `subject == value`
            operator = cst.Equal() if matched else cst.NotEqual()
            test = cst.Comparison(subject, [cst.ComparisonTarget(operator, pattern.value)])
            return self.cond(test, True, scope)
        return False  # captures, wildcards, class and sequence patterns test no flag

    def _match_guards(self, statement: cst.Match, scope: FunctionInfo | None, in_function: bool) -> bool:
        """After a match statement (`match args.execute: case False: sys.exit()`), like after an if:
        every case ends guarded or is entered only when guarded, and so is falling past them all."""
        for case in statement.cases:
            if not (self.block_guards(case.body, scope, in_function) or self._case_guards(case, scope)):
                return False
        unguarded = [c for c in statement.cases if c.guard is None]
        if any(_irrefutable(c.pattern) for c in unguarded):
            return True  # some case always runs
        # no case ran: every unguarded pattern failed, so one whose failure means "go" suffices
        return any(self._pattern_guards(statement.subject, c.pattern, False, scope) for c in unguarded)

    def _correlated_else_guards(self, parent: cst.CSTNode, child: cst.CSTNode, scope: FunctionInfo | None, known_true: set[str]) -> bool:
        """`if dry_run and ids: ... elif ids: delete(ids)`: where `ids` is known true, the else means not dry_run."""
        if not (known_true and isinstance(parent, cst.If) and child is parent.orelse):
            return False
        test = parent.test
        if not (isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And)):
            return False
        operands = list(_flatten(test, cst.And))
        rest = [o for o in operands if dotted_name(o) not in known_true]
        # `a and b` is false and b is true: every remaining operand may be the false one
        return 0 < len(rest) < len(operands) and all(self.cond(o, False, scope) for o in rest)

    def _earlier_statement_guards(self, parent: cst.CSTNode, child: cst.CSTNode, scope: FunctionInfo | None) -> bool:
        body: Sequence[cst.CSTNode] | None = None
        if isinstance(parent, (cst.IndentedBlock, cst.Module, cst.SimpleStatementSuite, cst.SimpleStatementLine)):
            body = parent.body
        if not body:
            return False
        for statement in body:
            if statement is child:
                return False
            if self.statement_guards(statement, scope, in_function=True):
                return True
        return False

    # -- functions ---------------------------------------------------------------------
    def _function_guarded(self, info: FunctionInfo) -> bool:
        """Every call of the function in the module is guarded (or its declaration confirms)."""
        cached = self._function_memo.get(info.qualname)
        if cached is not None:
            return cached
        if info.qualname in self._in_progress:
            return True  # a cycle adds no new way in: the greatest fixed point
        self._in_progress.add(info.qualname)
        try:
            result = self._declares_confirmation(info)
            if not result:
                sites = [
                    s
                    for s in self.analysis.callers.get(info.qualname, [])
                    if not (isinstance(s, CallSite) and s.function is info)
                ]
                nodes = [s.node if isinstance(s, CallSite) else s for s in sites]
                result = bool(nodes) and all(self.node_guarded(n) for n in nodes)
        finally:
            self._in_progress.discard(info.qualname)
        self._function_memo[info.qualname] = result
        return result

    def _declares_confirmation(self, info: FunctionInfo) -> bool:
        """@click.confirmation_option, or an option that prompts and aborts through a callback."""
        if not self.count_prompts:
            return False
        for decorator in info.node.decorators:
            expr = decorator.decorator
            target = expr.func if isinstance(expr, cst.Call) else expr
            resolved = self.analysis.imports.resolve_expr(target) or dotted_name(target) or ""
            if resolved.endswith("confirmation_option"):
                return True
            if isinstance(expr, cst.Call) and resolved.endswith(".option"):
                if keyword_arg(expr, "prompt") and keyword_arg(expr, "callback"):
                    return True
        for param in (*info.node.params.params, *info.node.params.kwonly_params):
            default = param.default
            if isinstance(default, cst.Call) and (dotted_name(default.func) or "").endswith("Option"):
                if keyword_arg(default, "prompt") and keyword_arg(default, "callback"):
                    return True
        return False

    def is_guard_function(self, info: FunctionInfo) -> bool:
        """A function whose normal return means "confirmed": it exits or raises otherwise."""
        cached = self._guard_function_memo.get(info.qualname)
        if cached is not None:
            return cached
        key = ("guardfn", info.qualname)
        if key in self._in_progress:
            return False
        self._in_progress.add(key)
        try:
            result = self.block_guards(info.node.body, info, in_function=False) or self._asks_until_confirmed(info)
        finally:
            self._in_progress.discard(key)
        self._guard_function_memo[info.qualname] = result
        return result

    def _asks_until_confirmed(self, info: FunctionInfo) -> bool:
        """`while True: reply = input(...); if reply == "y": return; if reply == "n": sys.exit()`: the
        loop re-asks until an answer, so the only way back to the caller is a return past the yes."""
        body = info.node.body
        last = body.body[-1] if isinstance(body, cst.IndentedBlock) and body.body else None
        if not (isinstance(last, cst.While) and literal_value(last.test) is True) or any(_loop_breaks(last.body)):
            return False  # the loop can end, and what follows it is the fall-through path
        returns = returns_in(body)
        return bool(returns) and all(self._reached_only_guarded(r, info) for r in returns)

    def _always_exits(self, info: FunctionInfo) -> bool:
        """die(msg), fatal(): a function that never returns normally."""
        cached = self._exit_function_memo.get(info.qualname)
        if cached is None:
            self._exit_function_memo[info.qualname] = False  # recursion: assume it returns
            cached = _block_exits(info.node.body, self, info)
            self._exit_function_memo[info.qualname] = cached
        return cached

    def _returns_guard(self, info: FunctionInfo, when: bool) -> bool:
        """Every value the function returns guards when it is `when`: def confirmed(): return input() == "y"."""
        memo_key = (info.qualname, when)
        cached = self._returns_memo.get(memo_key)
        if cached is not None:
            return cached
        if memo_key in self._in_progress:
            return False
        self._in_progress.add(memo_key)
        try:
            result = self._every_return_guards(info, when)
        finally:
            self._in_progress.discard(memo_key)
        self._returns_memo[memo_key] = result
        return result

    def _every_return_guards(self, info: FunctionInfo, when: bool) -> bool:
        """Each return that yields `when` guards; a literal of the other polarity is neutral.

        `if reply == "y": return True` / `return False`: the literal True is reached only on the
        yes branch, so the helper's True result means a person confirmed.
        """
        returns = returns_in(info.node.body)
        decisive = False
        for ret in returns:
            value = ret.value
            literal = literal_value(value) if value is not None else None
            if value is None or isinstance(literal, bool):
                if bool(literal) != when:
                    continue  # `return False` when the caller acts on True: the call is not reached
                if not self._reached_only_guarded(ret, info):
                    return False
            elif not self.cond(value, when, info):
                return False
            decisive = True
        # falling off the end returns None, which a caller acting on False would take as "go"
        return decisive and (when or _ends_without_fall_through(info.node.body))

    def _reached_only_guarded(self, node: cst.CSTNode, info: FunctionInfo) -> bool:
        """Inside `info` alone, is every path to `node` past a guard (branch or earlier exit)?"""
        return self.segment_guarded(node, info.node)

    def segment_guarded(self, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
        """Between `outer` (exclusive) and `node`, does every path pass a guard?"""
        scope = self.analysis.function_of(node)
        child = node
        for parent in self.analysis.ancestors(node):
            if parent is outer or isinstance(parent, (cst.FunctionDef, cst.Lambda)):
                return False
            if self._branch_guards(parent, child, scope) or self._earlier_statement_guards(parent, child, scope):
                return True
            child = parent
        return False

    # -- statements ----------------------------------------------------------------------
    def block_guards(self, block: cst.BaseSuite | Sequence[cst.CSTNode], scope: FunctionInfo | None, in_function: bool) -> bool:
        """After the block completes normally, is the path guarded?"""
        statements: Sequence[cst.CSTNode] = (
            block.body if isinstance(block, (cst.IndentedBlock, cst.SimpleStatementSuite)) else block  # type: ignore[assignment]
        )
        return any(self.statement_guards(s, scope, in_function) for s in statements)

    def statement_guards(self, statement: cst.CSTNode, scope: FunctionInfo | None, in_function: bool) -> bool:
        if isinstance(statement, cst.SimpleStatementLine):
            return any(self._small_guards(s, scope, in_function) for s in statement.body)
        if isinstance(statement, cst.BaseSmallStatement):
            return self._small_guards(statement, scope, in_function)
        if isinstance(statement, cst.If):
            return self._if_guards(statement, scope, in_function)
        if isinstance(statement, cst.Try):
            body_ok = self.block_guards(statement.body, scope, in_function) or bool(
                statement.orelse and self.block_guards(statement.orelse.body, scope, in_function)
            )
            handlers_ok = all(self.block_guards(h.body, scope, in_function) for h in statement.handlers)
            finally_ok = bool(statement.finalbody and self.block_guards(statement.finalbody.body, scope, in_function))
            return (body_ok and handlers_ok) or finally_ok
        if isinstance(statement, cst.With):
            return self.block_guards(statement.body, scope, in_function)
        if isinstance(statement, cst.Match):
            return self._match_guards(statement, scope, in_function)
        if isinstance(statement, cst.While) and literal_value(statement.test) is True:
            return self._loop_guards(statement, in_function)
        return False

    def _loop_guards(self, loop: cst.While, in_function: bool) -> bool:
        """`while True:` re-asking until `if reply == "y": break`: the path after it left by a guarded
        break. In a guard function (`in_function=False`) a return leaves to the caller, so it must be
        past a guard too."""
        exits: list[cst.CSTNode] = list(_loop_breaks(loop.body))
        if not exits:
            return False  # only a return or an exit leaves it: nothing runs after it
        if not in_function:
            exits += returns_in(loop.body)
        return all(self.segment_guarded(e, loop) for e in exits)

    def _if_guards(self, statement: cst.If, scope: FunctionInfo | None, in_function: bool) -> bool:
        body_ok = self.block_guards(statement.body, scope, in_function)
        orelse = statement.orelse
        if orelse is None:
            else_ok = False
        elif isinstance(orelse, cst.If):
            else_ok = self._if_guards(orelse, scope, in_function)
        else:
            else_ok = self.block_guards(orelse.body, scope, in_function)
        # `if not args.yes: <prompt or exit>`: skipping the prompt takes an explicit --yes
        bypass_ok = body_ok or else_ok
        when_true = body_ok or self.cond(statement.test, True, scope, bypass_ok)
        when_false = else_ok or self.cond(statement.test, False, scope, bypass_ok)
        return when_true and when_false

    def _small_guards(self, statement: cst.BaseSmallStatement, scope: FunctionInfo | None, in_function: bool) -> bool:
        if isinstance(statement, cst.Raise):
            return True
        if isinstance(statement, (cst.Return, cst.Continue, cst.Break)):
            return in_function
        if isinstance(statement, cst.Assert):
            return self.cond(statement.test, True, scope)
        value: cst.BaseExpression | None = None
        if isinstance(statement, cst.Expr):
            value = statement.value
        elif isinstance(statement, (cst.Assign, cst.AnnAssign)):
            value = statement.value
        if isinstance(value, cst.Await):
            value = value.expression
        if isinstance(value, cst.Call):
            return self._call_guards(value, scope)
        return False

    def _call_guards(self, call: cst.Call, scope: FunctionInfo | None) -> bool:
        """A call after which the path is guarded: an exit, an aborting prompt, a guard function."""
        callee = dotted_name(call.func) or ""
        resolved = self.analysis.imports.resolve(callee) if callee else None
        if self.is_exit_call(call):
            return True
        if self.count_prompts and (resolved or "").endswith("confirm"):
            abort = keyword_arg(call, "abort")
            if abort is not None and literal_value(abort.value) is True:
                return True
        if self._is_configured_guard(callee, resolved):
            return True
        site = self._site_for(call, scope)
        target = resolve_local_callee(self.analysis, site) if site is not None else None
        if target is not None:
            return self._always_exits(target) or (self.count_prompts and self.is_guard_function(target))
        return False

    def is_exit_call(self, call: cst.Call) -> bool:
        """sys.exit(), exit(), click's ctx.exit()/abort()/fail(), argparse's parser.error()/exit()."""
        callee = dotted_name(call.func) or ""
        resolved = self.analysis.imports.resolve(callee) if callee else None
        if resolved in EXIT_CALLS or (resolved is None and callee in EXIT_BUILTINS):
            return True
        if not isinstance(call.func, cst.Attribute):
            return False
        method = call.func.attr.value
        receiver = dotted_name(call.func.value) or ""
        if method in EXIT_METHODS and fold(receiver).endswith("ctx"):
            return True
        # parser.error() exits with status 2, parser.exit() with its own; logger.error() only logs
        is_parser = fold(receiver).endswith("parser") or receiver in self.guards.parser_names
        return method in PARSER_EXIT_METHODS and is_parser

    def _is_configured_guard(self, callee: str, resolved: str | None) -> bool:
        patterns = self.guards.names.calls
        if not patterns or not callee:
            return False
        candidates = {callee, resolved or callee, callee.split(".")[-1]}
        return any(fnmatchcase(c, p) for c in candidates for p in patterns)

    def _site_for(self, call: cst.Call, scope: FunctionInfo | None) -> CallSite | None:
        return site_in(call, scope)

    # -- conditions ------------------------------------------------------------------------
    def cond(self, expr: cst.BaseExpression, when: bool, scope: FunctionInfo | None, bypass_ok: bool = False, depth: int = 0) -> bool:
        """If `expr` evaluates to `when`, did a person or an explicit flag ask for the action?"""
        if depth > 8:
            return False
        nxt = depth + 1
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
            return self.cond(expr.expression, not when, scope, bypass_ok, nxt)
        if isinstance(expr, cst.BooleanOperation):
            return self._bool_op(expr, when, scope, bypass_ok, nxt)
        if isinstance(expr, cst.Comparison):
            return self._comparison(expr, when, scope, nxt, bypass_ok)
        if isinstance(expr, cst.IfExp):
            return self.cond(expr.body, when, scope, bypass_ok, nxt) and self.cond(expr.orelse, when, scope, bypass_ok, nxt)
        if isinstance(expr, cst.Await):
            return self.cond(expr.expression, when, scope, bypass_ok, nxt)
        meaning = self.meaning(expr, scope, nxt)
        if meaning is None:
            return self._call_returns_guard(expr, when, scope)
        return self._meaning_guards(meaning, when, bypass_ok)

    def _meaning_guards(self, meaning: str, when: bool, bypass_ok: bool) -> bool:
        if meaning == DRY:
            return not when
        if not when:
            return False
        if meaning == EXECUTE:
            return True
        if meaning == PROMPT:
            return self.count_prompts
        if meaning == BYPASS:
            return bypass_ok or not self.guards.has_named_switch
        if meaning == OPT_IN:
            return not self.guards.has_named_switch
        return False

    def _bool_op(self, expr: cst.BooleanOperation, when: bool, scope: FunctionInfo | None, bypass_ok: bool, depth: int) -> bool:
        operands = list(_flatten(expr, type(expr.operator)))
        conjunction = isinstance(expr.operator, cst.And)
        if conjunction == when:
            # `a and b` true / `a or b` false: every operand took that value; one guard suffices
            return any(self.cond(o, when, scope, bypass_ok, depth) for o in operands)
        # `a or b` true / `a and b` false: any operand may be the one; all must guard
        strict = [self.cond(o, when, scope, False, depth) for o in operands]
        if all(strict):
            return True
        if not any(strict):
            return False
        # `args.yes or click.confirm(...)`: the bypass is the explicit alternative to a prompt
        return all(self.cond(o, when, scope, True, depth) for o in operands)

    def _comparison(self, expr: cst.Comparison, when: bool, scope: FunctionInfo | None, depth: int, bypass_ok: bool = False) -> bool:
        if len(expr.comparisons) != 1:
            return False
        target = expr.comparisons[0]
        operator = target.operator
        left, right = expr.left, target.comparator
        if isinstance(operator, (cst.In, cst.NotIn)) and self.analysis.imports.resolve_expr(right) == "os.environ":
            # `"FORCE" in os.environ`: the variable set at all, read like os.environ.get("FORCE")
            word = string_value(left)
            kind = self.guards.names.kind(word) if word else None  # a named switch: env vars are no CLI opt-ins
            return kind is not None and self._meaning_guards(kind, when != isinstance(operator, cst.NotIn), bypass_ok)
        if isinstance(operator, (cst.Is, cst.Equal, cst.IsNot, cst.NotEqual)):
            negated = isinstance(operator, (cst.IsNot, cst.NotEqual))
            for subject, other in ((left, right), (right, left)):
                value = literal_value(other)
                if isinstance(value, bool):
                    flip = (value is False) != negated
                    return self.cond(subject, when != flip, scope, False, depth)
        if isinstance(operator, (cst.In, cst.NotIn)) and is_argv(right, self.analysis):
            word = string_value(left)
            if word is None:
                return False
            # `"--execute" in sys.argv`: a switch off unless typed
            meaning = self.guards.flag_kind(word.lstrip("-")) or OPT_IN
            return self._meaning_guards(meaning, when != isinstance(operator, cst.NotIn), False)
        if isinstance(operator, (cst.Equal, cst.NotEqual, cst.In, cst.NotIn)):
            negated = isinstance(operator, (cst.NotEqual, cst.NotIn))
            for subject, other in ((left, right), (right, left)):
                words = _literal_words(other)
                if words is None:
                    # `answer.strip() == host`: typing back a name the script shows is a confirmation
                    if self.meaning(subject, scope, depth) == PROMPT:
                        return self.count_prompts and when != negated
                    continue
                result = self._compare_words(subject, words, when != negated, scope, depth)
                if result is not None:
                    return result
        return False

    def _compare_words(self, subject: cst.BaseExpression, words: list[str], holds: bool, scope: FunctionInfo | None, depth: int) -> bool | None:
        """`subject == "yes"` (holds=True) or `subject != "yes"` (holds=False)."""
        if isinstance(subject, cst.Subscript) and self.analysis.imports.resolve_expr(subject.value) == "sys.argv":
            # sys.argv[1] == "--go": a positional switch, off unless typed
            if all(w.startswith("-") for w in words):
                kinds = {self.guards.flag_kind(w.lstrip("-")) or OPT_IN for w in words}
                return len(kinds) == 1 and self._meaning_guards(kinds.pop(), holds, False)
            return None
        meaning = self.meaning(subject, scope, depth)
        lowered = [w.lower() for w in words]
        if meaning == PROMPT:
            if not self.count_prompts:
                return False
            negative = all(w in FALSY_WORDS - {""} for w in lowered)
            # answer == "yes" guards its body; answer == "n" guards the other way
            return holds != negative
        if meaning is not None:
            if all(w in TRUTHY_WORDS for w in lowered):
                return self._meaning_guards(meaning, holds, False)
            if all(w in FALSY_WORDS for w in lowered):
                return self._meaning_guards(meaning, not holds, False)
            return False
        # args.mode == "dry-run" / args.mode == "apply": the value names the mode
        mode_kinds = {self.guards.names.kind(w) for w in words}
        if len(mode_kinds) == 1 and None not in mode_kinds:
            (kind,) = mode_kinds
            if kind in (DRY, EXECUTE):
                return self._meaning_guards(kind, holds, False)
        if mode_kinds == {None} and self._defaults_to_dry_run(subject, scope):
            # MODE == "delete" where MODE defaults to "dry-run": acting has to be asked for by name
            return self._meaning_guards(EXECUTE, holds, False)
        return None

    def _defaults_to_dry_run(self, subject: cst.BaseExpression, scope: FunctionInfo | None) -> bool:
        """`subject` is a mode option (or a name assigned from one) whose default is the dry run."""
        candidates = [subject]
        if isinstance(subject, cst.Name):
            candidates += self._assigned(subject.value, scope)
        for candidate in candidates:
            key = self.flag_key(candidate)
            option = self.guards.option_for(key) if key is not None else None
            if option is not None and self.guards.dry_run_default(option):
                return True
        return False

    def _call_returns_guard(self, expr: cst.BaseExpression, when: bool, scope: FunctionInfo | None) -> bool:
        """`if confirm_deletion(ids):` where the module's function returns a prompt's answer."""
        if not isinstance(expr, cst.Call):
            return False
        site = self._site_for(expr, scope)
        target = resolve_local_callee(self.analysis, site) if site is not None else None
        if target is None:
            callee = dotted_name(expr.func) or ""
            return when and self._is_configured_guard(callee, self.analysis.imports.resolve(callee))
        return self._returns_guard(target, when)

    # -- what an expression means -------------------------------------------------------------
    def meaning(self, expr: cst.BaseExpression, scope: FunctionInfo | None, depth: int = 0) -> str | None:
        """DRY / EXECUTE / BYPASS / OPT_IN / PROMPT for a flag-like expression, else None."""
        if depth > 8:
            return None
        if self._is_prompt(expr):
            return PROMPT
        if isinstance(expr, cst.Name) and self._name_meaning(expr.value, scope, depth) == PROMPT:
            return PROMPT  # confirm = input(): a typed answer, whatever the name says
        key = self.flag_key(expr)
        if key is not None:
            kind = self.guards.flag_kind(key)
            if kind in (DRY, EXECUTE) and isinstance(expr, cst.Name) and self.guards.is_inert_parameter(expr.value, scope):
                return None  # a switch parameter every call fixes to acting
            if kind is not None:
                return kind
        if isinstance(expr, cst.Name):
            return self._name_meaning(expr.value, scope, depth)
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self":
            return self._attribute_meaning(expr.attr.value, scope, depth)
        if isinstance(expr, cst.Subscript) and self.meaning(expr.value, scope, depth + 1) == PROMPT:
            return PROMPT  # reply[0] == "y", reply[:1] == "y": still the typed answer
        if isinstance(expr, cst.Call):
            inner = _unwrap_value_call(expr)
            if inner is not None:
                return self.meaning(inner, scope, depth + 1)
        return None

    def _name_meaning(self, name: str, scope: FunctionInfo | None, depth: int) -> str | None:
        """A local assigned from a prompt or a flag: `answer = input(...)`, `ok = args.yes`."""
        values = self._assigned(name, scope)
        if not values:
            return self._parameter_meaning(name, scope, depth) if scope is not None and name in scope.params else None
        meanings = {self._value_meaning(v, scope, depth + 1) for v in values}
        if len(meanings) == 1:
            return meanings.pop()
        return None

    def _parameter_meaning(self, name: str, scope: FunctionInfo, depth: int) -> str | None:
        """`def clear(path, remove=False): if remove: ...` called only as `clear(p, args.delete)`:
        the parameter means what every caller hands it (a default of False hands nothing on)."""
        if depth > 4:
            return None
        sites = [s for s in self.analysis.callers.get(scope.qualname, []) if isinstance(s, CallSite)]
        if not sites or any(resolve_local_callee(self.analysis, s) is not scope for s in sites):
            return None
        param = parameter(scope.node, name)
        meanings: set[str | None] = set()
        for site in sites:
            value = passed_argument(site.node, scope, name)
            if value is None:
                if param is not None and param.default is not None and literal_value(param.default) in (False, None, 0):
                    continue  # left at its default: the branch it guards never runs from here
                return None
            meanings.add(self._value_meaning(value, site.function, depth + 1))
        return meanings.pop() if len(meanings) == 1 else None

    def _attribute_meaning(self, attr: str, scope: FunctionInfo | None, depth: int) -> str | None:
        """`self.for_real = options["execute"]` in one method, `if not self.for_real:` in another."""
        if scope is None or scope.class_name is None:
            return None
        assigned = self.guards.self_assignments(scope.class_name).get(attr)
        if not assigned:
            return None
        meanings = {self._value_meaning(value, method, depth + 1) for method, value in assigned}
        return meanings.pop() if len(meanings) == 1 else None

    def _value_meaning(self, value: cst.BaseExpression, scope: FunctionInfo | None, depth: int) -> str | None:
        meaning = self.meaning(value, scope, depth)
        if meaning is not None:
            return meaning
        # proceed = args.yes or click.confirm(...): a derived condition that guards when true
        # ok = confirm("sure?"): a module helper whose True result means a person confirmed
        if isinstance(value, (cst.BooleanOperation, cst.Comparison, cst.UnaryOperation, cst.Call)):
            if self.cond(value, True, scope, False, depth):
                return EXECUTE
            if self.cond(value, False, scope, False, depth):
                return DRY
        return None

    def _assigned(self, name: str, scope: FunctionInfo | None) -> list[cst.BaseExpression]:
        if scope is not None:
            values = self._scope_assignments(scope.node).get(name)
            if values:
                return values
            if name in scope.params:
                return []
        return self.analysis.module_assignments.get(name, [])

    def _scope_assignments(self, node: cst.FunctionDef) -> dict[str, list[cst.BaseExpression]]:
        return self.guards.scope_assignments(node)

    def _is_prompt(self, expr: cst.BaseExpression) -> bool:
        while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in TRANSPARENT_METHODS:
            inner = expr.func.value
            if not isinstance(inner, cst.Call):
                break
            expr = inner
        if not isinstance(expr, cst.Call):
            return False
        callee = dotted_name(expr.func)
        if callee is None:
            return False
        resolved = self.analysis.imports.resolve(callee)
        if resolved is not None:
            return resolved in PROMPT_CALLS
        return callee in PROMPT_BUILTINS

    def flag_key(self, expr: cst.BaseExpression) -> str | None:
        """The name a flag goes by: `args.dry_run`, `options["dry_run"]`, `os.getenv("DRY_RUN")` -> the key."""
        return flag_key(expr)

    # -- flags handed to the API ------------------------------------------------------------------
    def _flag_handed_to_api(self, call: cst.Call, scope: FunctionInfo | None) -> bool:
        for arg in call.args:
            if arg.keyword is None:
                continue
            if self.guards.names.kind(arg.keyword.value) != DRY:
                continue
            if literal_value(arg.value) not in (False, None):
                return True
        callee = dotted_name(call.func) or ""
        if (self.analysis.imports.resolve(callee) or "") not in SHELL_CALLS:
            return False
        return any(self._is_dry_run_word(text) for text in self._argv_strings(call, scope))

    def _is_dry_run_word(self, text: str) -> bool:
        for word in text.split():
            if word.startswith("-") and self.guards.names.kind(word.split("=")[0].lstrip("-")) == DRY:
                return True
        return False

    def _argv_strings(self, call: cst.Call, scope: FunctionInfo | None) -> Iterator[str]:
        roots: list[cst.CSTNode] = [a.value for a in call.args]
        names = {n for r in roots for n in _names(r)}
        if scope is not None and names:
            roots.extend(_list_growth(scope.node.body, names))
            assigned = self._scope_assignments(scope.node)
            for name in names:
                roots.extend(assigned.get(name, []))
        elif names:  # a top-level script: `cmd = [...]; if args.dry_run: cmd.insert(1, "--dry-run")`
            roots.extend(_list_growth(self.analysis.module, names))
            for name in names:
                roots.extend(self.analysis.module_assignments.get(name, []))
        for root in roots:
            yield from references(root).strings


# -- small syntactic helpers -----------------------------------------------------------------------


def flag_key(expr: cst.BaseExpression) -> str | None:
    """The name a flag goes by: `args.dry_run`, `options["dry_run"]`, `os.getenv("DRY_RUN")` -> the key."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        element = expr.slice[0].slice
        if isinstance(element, cst.Index):
            return string_value(element.value)
        return None
    if isinstance(expr, cst.Call):
        func = expr.func
        args = positional_args(expr)
        name = func.attr.value if isinstance(func, cst.Attribute) else dotted_name(func)
        if name in KEYED_READS and args:
            return string_value(args[0])
        if name == "getattr" and len(args) >= 2:
            return string_value(args[1])
    return None


def _unwrap_value_call(call: cst.Call) -> cst.BaseExpression | None:
    """`bool(x)`, `strtobool(x)`, `x.lower()`: the value whose meaning the call keeps."""
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in TRANSPARENT_METHODS:
        return func.value
    args = positional_args(call)
    if len(args) == 1 and isinstance(func, (cst.Name, cst.Attribute)):
        return args[0]
    return None


def _literal_words(expr: cst.BaseExpression) -> list[str] | None:
    if isinstance(expr, (cst.Tuple, cst.List, cst.Set)):
        words = [string_value(e.value) for e in expr.elements]
        if words and all(w is not None for w in words):
            return [w for w in words if w is not None]
        return None
    word = string_value(expr)
    return [word] if word is not None else None


def _conjunct_names(test: cst.BaseExpression) -> Iterator[str]:
    """The plain names a true `test` makes true: `args.delete and ids` -> args.delete, ids."""
    for operand in _flatten(test, cst.And):
        name = dotted_name(operand)
        if name is not None:
            yield name


def _flatten(expr: cst.BaseExpression, operator: type) -> Iterator[cst.BaseExpression]:
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, operator):
        yield from _flatten(expr.left, operator)
        yield from _flatten(expr.right, operator)
    else:
        yield expr


def _loop_breaks(block: cst.CSTNode) -> Iterator[cst.Break]:
    """The `break`s that leave the loop whose body is `block` (not those of nested loops)."""
    for statement in getattr(block, "body", ()):
        if isinstance(statement, cst.Break):
            yield statement  # `while True: break` on one line
        elif isinstance(statement, cst.SimpleStatementLine):
            yield from (s for s in statement.body if isinstance(s, cst.Break))
        elif isinstance(statement, (cst.For, cst.While)):
            if statement.orelse is not None:
                yield from _loop_breaks(statement.orelse.body)  # a nested loop's else breaks ours
        elif isinstance(statement, cst.BaseCompoundStatement) and not isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            for part in _sub_blocks(statement):
                yield from _loop_breaks(part)


def _irrefutable(pattern: cst.MatchPattern) -> bool:
    """`case _:` or `case name:` (or an alternative of them) matches anything."""
    if isinstance(pattern, cst.MatchOr):
        return any(_irrefutable(p.pattern) for p in pattern.patterns)
    return isinstance(pattern, cst.MatchAs) and (pattern.pattern is None or _irrefutable(pattern.pattern))


def _comp_ifs(comp_for: cst.CompFor | None) -> Iterator[cst.CompIf]:
    while comp_for is not None:
        yield from comp_for.ifs
        comp_for = comp_for.inner_for_in


def _block_exits(block: cst.BaseSuite, evaluator: _Evaluator, scope: FunctionInfo) -> bool:
    """The block never completes normally: it raises or exits on every path."""
    statements = block.body if isinstance(block, (cst.IndentedBlock, cst.SimpleStatementSuite)) else []
    for statement in statements:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Raise):
                    return True
                if isinstance(small, cst.Return):
                    return False
                if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and evaluator.is_exit_call(small.value):
                    return True
        elif isinstance(statement, cst.If) and isinstance(statement.orelse, cst.Else):
            if _block_exits(statement.body, evaluator, scope) and _block_exits(statement.orelse.body, evaluator, scope):
                return True
    return False


def _assignments(block: cst.CSTNode) -> Iterator[tuple[cst.BaseSmallStatement, cst.BaseExpression, cst.BaseExpression]]:
    """(statement, target, value) of every assignment in a block and its nested blocks, not in
    nested functions or classes. Walks statements only (never expressions): much cheaper than a
    LibCST visitor."""
    body = getattr(block, "body", ())
    if not isinstance(body, (list, tuple)):
        return
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign):
                    for target in small.targets:
                        yield small, target.target, small.value
                elif isinstance(small, cst.AnnAssign) and small.value is not None:
                    yield small, small.target, small.value
        elif isinstance(statement, cst.BaseCompoundStatement) and not isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            for part in _sub_blocks(statement):
                yield from _assignments(part)


def _collect_assignments(block: cst.CSTNode, into: dict[str, list[cst.BaseExpression]]) -> None:
    """`NAME = value` (and `NAME: T = value`) statements of a block and its nested blocks."""
    for _, target, value in _assignments(block):
        if isinstance(target, cst.Name):
            into.setdefault(target.value, []).append(value)


def _self_assigned(block: cst.CSTNode) -> Iterator[tuple[str, cst.BaseExpression]]:
    """`self.X = value` statements of a method's body and its nested blocks."""
    for statement, target, value in _assignments(block):
        if isinstance(statement, cst.Assign) and isinstance(target, cst.Attribute):
            if isinstance(target.value, cst.Name) and target.value.value == "self":
                yield target.attr.value, value


def _sub_blocks(statement: cst.BaseCompoundStatement) -> Iterator[cst.CSTNode]:
    body = getattr(statement, "body", None)  # Match has cases, not a body
    if body is not None:
        yield body
    orelse = getattr(statement, "orelse", None)
    while isinstance(orelse, cst.If):
        yield orelse.body
        orelse = orelse.orelse
    if orelse is not None:
        yield orelse.body
    for handler in getattr(statement, "handlers", ()):
        yield handler.body
    final = getattr(statement, "finalbody", None)
    if final is not None:
        yield final.body
    for case in getattr(statement, "cases", ()):
        yield case.body


def _ends_without_fall_through(body: cst.BaseSuite) -> bool:
    """The last statement returns, raises or loops forever: no implicit `return None`."""
    statements = body.body if isinstance(body, (cst.IndentedBlock, cst.SimpleStatementSuite)) else []
    if not statements:
        return False
    last = statements[-1]
    if isinstance(last, cst.SimpleStatementLine):
        return any(isinstance(s, (cst.Return, cst.Raise)) for s in last.body)
    return isinstance(last, cst.While) and literal_value(last.test) is True


def _read_names(body: cst.CSTNode) -> set[str]:
    return set(_names(body))


def _calls_of(body: cst.BaseSuite, name: str) -> list[cst.Call]:
    """Calls of the local name `name` (a decorator's `fn`) anywhere in `body`, nested wrappers included."""
    collector = _CallsOf(name)
    walk(body, collector)
    return collector.found


class _CallsOf(cst.CSTVisitor):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.found: list[cst.Call] = []

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == self.name:
            self.found.append(node)


def _yields(body: cst.BaseSuite) -> list[cst.Yield]:
    collector = _Yields()
    walk(body, collector)
    return collector.found


class _Yields(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.Yield] = []

    def visit_Yield(self, node: cst.Yield) -> None:
        self.found.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False


def _names(node: cst.CSTNode) -> list[str]:
    return references(node).names


class _Growth(cst.CSTVisitor):
    """`cmd.append("--dry-run")`, `cmd += ["--dry-run"]` for the argv names of a call."""

    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self.names = names
        self.found: list[cst.CSTNode] = []

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("append", "extend", "insert"):
            if isinstance(func.value, cst.Name) and func.value.value in self.names:
                self.found.extend(a.value for a in node.args)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name) and node.target.value in self.names:
            self.found.append(node.value)


def _list_growth(body: cst.CSTNode, names: Iterable[str]) -> list[cst.CSTNode]:
    collector = _Growth(set(names))
    walk(body, collector)
    return collector.found
