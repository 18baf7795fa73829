"""Where each name of one function (or of the module body) gets its value.

Built lazily, one scope at a time, only for scopes the data flow walks into.
Bindings are kept in source order so a use sees only the assignments that can
reach it: `ids = load(); ids = [AppId(i) for i in ids]` means the later `ids`
is the typed one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import libcst as cst

from linter.analysis.names import dotted_name

SELF_NAMES = frozenset({"self", "cls"})
LOOPS = (cst.For, cst.While)
# in-place additions to a collection: what the method adds, item by item or as a whole
ADD_ITEM = frozenset({"append", "add", "insert", "appendleft"})
ADD_MANY = frozenset({"extend", "update"})


@dataclass(eq=False)
class Binding:
    """One place a name gets a value.

    kind: assign (value), element (one item of value: loop target, tuple
    unpacking), handle (`with open(p) as f`), add_item (`xs.append(v)`),
    add_many (`xs.extend(vs)`), augment (`xs += vs`), opaque (def/import).
    """

    name: str
    kind: str
    value: cst.BaseExpression | None
    statement: cst.CSTNode
    order: int
    target: cst.CSTNode  # where the name is written: reported by OPS301
    annotation: cst.BaseExpression | None = None
    unpacked: bool = False  # one part of a tuple: `for site_id, name in rows`, `a, b = pair`
    position: int | None = None  # which part, for a flat tuple target without a starred name


@dataclass(eq=False)
class Scope:
    node: cst.CSTNode  # FunctionDef or Module
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    order: dict[cst.CSTNode, int] = field(default_factory=dict)  # statement -> source order
    declared_global: set[str] = field(default_factory=set)
    # `self.x = value` inside this scope: attribute -> bindings
    self_attributes: dict[str, list[Binding]] = field(default_factory=dict)
    returns: list[cst.BaseExpression] = field(default_factory=list)
    yields: list[cst.BaseExpression] = field(default_factory=list)
    yields_from: list[cst.BaseExpression] = field(default_factory=list)


class ScopeCollector:
    """One walk over a scope body's statements, not entering nested functions, classes or lambdas.

    Written by hand over statements only: bindings are made by statements, and
    LibCST's visitor would also walk every expression node, which costs several
    times more on large modules.
    """

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._statement: cst.CSTNode | None = None

    # -- walking ---------------------------------------------------------------------------------
    def statements(self, statements: Sequence[cst.BaseStatement]) -> None:
        for statement in statements:
            self.statement(statement)

    def suite(self, suite: cst.BaseSuite) -> None:
        if isinstance(suite, cst.IndentedBlock):
            self.statements(suite.body)
        else:
            for small in suite.body:
                if isinstance(small, cst.BaseSmallStatement):
                    self.small(small)

    def _enter(self, node: cst.CSTNode) -> None:
        self.scope.order.setdefault(node, len(self.scope.order))
        self._statement = node

    def statement(self, node: cst.BaseStatement) -> None:
        if isinstance(node, cst.SimpleStatementLine):
            for small in node.body:
                self.small(small)
            return
        self._enter(node)
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            self._add(node.name.value, "opaque", None, node.name)
        elif isinstance(node, cst.If):
            self._walrus(node.test)
            self.suite(node.body)
            if node.orelse is not None:
                self._else(node.orelse)
        elif isinstance(node, cst.For):
            self._bind_target(node.target, "element", node.iter)
            self.suite(node.body)
            if node.orelse is not None:
                self._else(node.orelse)
        elif isinstance(node, cst.While):
            self._walrus(node.test)
            self.suite(node.body)
            if node.orelse is not None:
                self._else(node.orelse)
        elif isinstance(node, cst.With):
            for item in node.items:
                if item.asname is not None:
                    self._bind_target(item.asname.name, "handle", item.item)
            self.suite(node.body)
        elif isinstance(node, (cst.Try, cst.TryStar)):
            self.suite(node.body)
            for handler in node.handlers:
                self.suite(handler.body)
            if node.orelse is not None:
                self.suite(node.orelse.body)
            if node.finalbody is not None:
                self.suite(node.finalbody.body)
        elif isinstance(node, cst.Match):
            for case in node.cases:
                self.suite(case.body)

    def _else(self, node: cst.If | cst.Else) -> None:
        if isinstance(node, cst.If):
            self.statement(node)
        else:
            self.suite(node.body)

    def small(self, node: cst.BaseSmallStatement) -> None:
        self._enter(node)
        if isinstance(node, cst.Assign):
            for target in node.targets:
                self._bind_target(target.target, "assign", node.value)
            self._value(node.value)
        elif isinstance(node, cst.AnnAssign):
            self._bind_target(node.target, "assign", node.value, node.annotation.annotation)
            if node.value is not None:
                self._value(node.value)
        elif isinstance(node, cst.AugAssign):
            self._bind_target(node.target, "augment", node.value)
        elif isinstance(node, cst.Expr):
            self._value(node.value)
        elif isinstance(node, cst.Return):
            if node.value is not None:
                self.scope.returns.append(node.value)
        elif isinstance(node, cst.Global):
            self.scope.declared_global.update(n.name.value for n in node.names)
        elif isinstance(node, cst.Import):
            for alias in node.names:
                local = alias.asname.name if alias.asname else alias.name
                name = dotted_name(local) if isinstance(local, (cst.Name, cst.Attribute)) else None
                if name:
                    self._add(name.split(".")[0], "opaque", None, node)
        elif isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                local = alias.asname.name if alias.asname else alias.name
                if isinstance(local, cst.Name):
                    self._add(local.value, "opaque", None, node)

    def _value(self, value: cst.BaseExpression) -> None:
        """What a statement's expression adds: a yield, `xs.append(v)`, `(x := v)` at its top."""
        if isinstance(value, cst.Yield):
            if isinstance(value.value, cst.From):
                self.scope.yields_from.append(value.value.item)
            elif value.value is not None:
                self.scope.yields.append(value.value)
        elif isinstance(value, cst.Call):
            self._addition(value)
        elif isinstance(value, cst.NamedExpr):
            self._bind_target(value.target, "assign", value.value)

    def _walrus(self, test: cst.BaseExpression) -> None:
        """`if (m := pattern.match(x))`, `if not (db_id := os.environ.get(...))`."""
        pending = [test]
        while pending:
            expr = pending.pop()
            if isinstance(expr, cst.NamedExpr):
                self._bind_target(expr.target, "assign", expr.value)
            elif isinstance(expr, cst.UnaryOperation):
                pending.append(expr.expression)
            elif isinstance(expr, cst.BooleanOperation):
                pending.extend((expr.left, expr.right))
            elif isinstance(expr, cst.Comparison):
                pending.append(expr.left)

    def _addition(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute) or not node.args:
            return
        method = func.attr.value
        if method not in ADD_ITEM and method not in ADD_MANY:
            return
        value = node.args[-1].value if method == "insert" else node.args[0].value
        kind = "add_item" if method in ADD_ITEM else "add_many"
        receiver = func.value
        if isinstance(receiver, cst.Name):
            self._add(receiver.value, kind, value, node)
        elif isinstance(receiver, cst.Attribute) and isinstance(receiver.value, cst.Name):
            if receiver.value.value in SELF_NAMES:
                self._bind_target(receiver, kind, value)

    # -- bindings -----------------------------------------------------------------------------
    def _add(self, name: str, kind: str, value: cst.BaseExpression | None, target: cst.CSTNode,
             annotation: cst.BaseExpression | None = None, unpacked: bool = False,
             position: int | None = None) -> None:
        statement = self._statement if self._statement is not None else target
        binding = Binding(name, kind, value, statement, self.scope.order.get(statement, 0), target, annotation,
                          unpacked, position)
        self.scope.bindings.setdefault(name, []).append(binding)

    def _bind_target(self, target: cst.BaseExpression, kind: str, value: cst.BaseExpression | None,
                     annotation: cst.BaseExpression | None = None, unpacked: bool = False) -> None:
        if isinstance(target, cst.Name):
            self._add(target.value, kind, value, target, annotation, unpacked)
        elif isinstance(target, (cst.Tuple, cst.List)):
            flat = not any(isinstance(e, cst.StarredElement) for e in target.elements)
            for position, element in enumerate(target.elements):
                inner = element.value
                inner_kind = "element" if kind in ("assign", "element") else kind
                if flat and isinstance(inner, cst.Name):
                    self._add(inner.value, inner_kind, value, inner, None, True, position)
                else:
                    self._bind_target(inner, inner_kind, value, unpacked=True)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, kind, value, unpacked=unpacked)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
            if target.value.value in SELF_NAMES and value is not None:
                statement = self._statement if self._statement is not None else target
                self.scope.self_attributes.setdefault(target.attr.value, []).append(
                    Binding(target.attr.value, kind, value, statement, self.scope.order.get(statement, 0),
                            target, annotation)
                )


def collect_scope(node: cst.CSTNode) -> Scope:
    scope = Scope(node)
    collector = ScopeCollector(scope)
    if isinstance(node, cst.FunctionDef):
        collector.suite(node.body)
    elif isinstance(node, cst.Module):
        collector.statements(node.body)
    return scope
