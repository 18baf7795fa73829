"""The per-module model every rule reads. Built once per file by `linter.analysis.build`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import libcst as cst

from linter.analysis.imports import ImportMap
from linter.config.model import CatalogEntry, Settings

if TYPE_CHECKING:
    from libcst._position import CodeRange

    from linter.analysis.guards import GuardAnalysis
    from linter.analysis.dataflow import DataFlow

MODULE_SCOPE = "<module>"


@dataclass(eq=False)
class FunctionInfo:
    """A function or method the module defines."""

    name: str
    qualname: str  # "func", "Class.method", "outer.<locals>.inner"
    node: cst.FunctionDef
    class_name: str | None
    parent: "FunctionInfo | None"
    params: tuple[str, ...]
    decorators: tuple[str, ...]  # dotted text of each decorator's callee

    @property
    def is_method(self) -> bool:
        return self.class_name is not None and self.parent is None


@dataclass(eq=False)
class ClassInfo:
    name: str
    node: cst.ClassDef
    bases: tuple[str, ...]  # dotted text, resolved through imports where possible
    methods: dict[str, FunctionInfo] = field(default_factory=dict)


@dataclass(eq=False)
class CallSite:
    """Every call in the module, with where it stands."""

    node: cst.Call
    callee: str | None  # dotted text of the callee: "client.delete", "rmtree"; None for e.g. f()()
    qualname: str | None  # resolved through imports: "shutil.rmtree"; None if not from an import
    name: str | None  # last segment: "delete"
    receiver: cst.BaseExpression | None  # the object of a method call
    function: FunctionInfo | None  # enclosing function; None at module level
    statement: cst.CSTNode  # enclosing simple or compound statement line
    # the function named here is handed to `node` (with_backoff(s3.delete_object, ...),
    # pool.submit(ec2.delete_volume, v), map(os.remove, paths)), not called by it
    passed: bool = False


@dataclass(eq=False)
class DestructiveCall:
    """A call the destructive-call catalog matches."""

    site: CallSite
    entry: CatalogEntry
    effect: str  # "permanent" | "recoverable"
    confidence: str  # "high" | "medium" | "low"
    label: str  # concrete text for messages: "client.permanently_delete(...)"
    collection_arg: cst.BaseExpression | None = None  # the IDs a bulk call takes, if found
    # for a helper handed the verb, command or SQL (`sh("rm -rf ...")`): the call inside the
    # helper that acts on it, whose own guards (`if DRY_RUN: return`) count for this call
    inner: cst.Call | None = None

    @property
    def node(self) -> cst.Call:
        return self.site.node

    @property
    def permanent(self) -> bool:
        return self.effect == "permanent"


@dataclass(eq=False)
class CliOption:
    """A switch or value the script takes from outside: CLI option, env var, argv test, constant."""

    dest: str  # the Python-side name ("dry_run") or the env/argv spelling
    flags: tuple[str, ...]  # ("--dry-run", "-n") / ("DRY_RUN",)
    source: str  # argparse | click | typer | argv | env | constant
    node: cst.CSTNode  # where it is declared or read
    default: Any = None  # literal default; UNKNOWN when not literal; None when absent
    has_default: bool = False
    is_flag: bool = False  # a boolean switch
    action: str | None = None
    choices: tuple[Any, ...] | None = None
    typed_choices: bool = False  # click.Choice / Enum / Literal restrict values
    type_name: str | None = None
    multiple: bool = False  # click multiple=True / argparse nargs
    required: bool = False  # a value the operator must always give (required=True, a positional): no switch
    secondary_default_on: bool = False  # a --x/--no-x pair whose default is on
    function: FunctionInfo | None = None  # the click/typer command function

    @property
    def folded(self) -> str:
        from linter.analysis.names import fold

        return fold(self.dest)

    @property
    def label(self) -> str:
        """How a message names the option: its long flag (`--dry-run`, not `-n`), else what it has."""
        flags = [f for f in self.flags if f.startswith("--")] or list(self.flags) or [self.dest]
        return flags[0].split("/")[0]


@dataclass(eq=False)
class ModuleAnalysis:
    """Everything the rules read about one module."""

    path: str
    module: cst.Module
    settings: Settings
    imports: ImportMap
    functions: dict[str, FunctionInfo]
    classes: dict[str, ClassInfo]
    calls: list[CallSite]
    parents: dict[cst.CSTNode, cst.CSTNode]
    module_assignments: dict[str, list[cst.BaseExpression]]  # NAME = value at module level
    main_guard: cst.If | None  # `if __name__ == "__main__":`
    membership_tests: list[cst.Comparison]  # `x in y` / `x not in y`
    environ_subscripts: list[cst.Subscript]  # `os.environ["X"]`
    destructive: list[DestructiveCall] = field(default_factory=list)
    cli_options: list[CliOption] = field(default_factory=list)
    # function qualname (or MODULE_SCOPE) -> qualnames of module functions it calls or hands on
    call_graph: dict[str, set[str]] = field(default_factory=dict)
    callers: dict[str, list[CallSite | cst.CSTNode]] = field(default_factory=dict)
    # function qualname -> its calls of its first parameter: `def with_backoff(fn, ...): fn(...)`
    runs_handed: dict[str, list[cst.Call]] = field(default_factory=dict)
    # (scope qualname or "<Class>.self", variable) -> module class it holds an instance of
    local_instances: dict[tuple[str, str], str] = field(default_factory=dict)
    source: str | None = None  # the text parsed, when the caller has it: cheaper positions

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def positions(self, nodes: Iterable[cst.CSTNode]) -> Mapping[cst.CSTNode, CodeRange]:
        """Line/column ranges of `nodes`, as LibCST's PositionProvider would give them."""
        from linter.analysis.positions import node_positions

        return node_positions(self.module, nodes, self.source, self.parents)

    def function_of(self, node: cst.CSTNode) -> FunctionInfo | None:
        current: cst.CSTNode | None = self.parents.get(node)
        while current is not None:
            if isinstance(current, cst.FunctionDef):
                return self.function_by_node.get(current)
            current = self.parents.get(current)
        return None

    def release(self) -> None:
        """Drop the lazily built analyses: each points back here, and that cycle would keep the whole
        tree alive until the cyclic garbage collector ran. Called once the file's rules are done."""
        for name in ("guards", "dataflow"):
            self.__dict__.pop(name, None)

    @cached_property
    def function_by_node(self) -> dict[cst.FunctionDef, FunctionInfo]:
        return {info.node: info for info in self.functions.values()}

    def ancestors(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """Parents of `node`, nearest first, up to the module."""
        chain = []
        current = self.parents.get(node)
        while current is not None:
            chain.append(current)
            current = self.parents.get(current)
        return chain

    @cached_property
    def defined_names(self) -> set[str]:
        """Names of module-level functions and classes."""
        return {q for q in self.functions if "." not in q} | set(self.classes)

    @cached_property
    def method_names(self) -> set[str]:
        return {m for cls in self.classes.values() for m in cls.methods}

    @cached_property
    def guards(self) -> "GuardAnalysis":
        from linter.analysis.guards import GuardAnalysis

        return GuardAnalysis(self)

    @cached_property
    def dataflow(self) -> "DataFlow":
        from linter.analysis.dataflow import DataFlow

        return DataFlow(self)
