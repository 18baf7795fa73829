"""Where each name of one function (or of the module body) gets its value.

Built lazily, one scope at a time, only for scopes the data flow walks into.
Bindings are kept in source order so a use sees only the assignments that can
reach it: `ids = load(); ids = [AppId(i) for i in ids]` means the later `ids`
is the typed one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


class ScopeCollector(cst.CSTVisitor):
    """One walk over a scope body, not entering nested functions, classes or lambdas."""

    def __init__(self, scope: Scope) -> None:
        super().__init__()
        self.scope = scope
        self._statements: list[cst.CSTNode] = []

    # -- statement order -----------------------------------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            self.scope.order.setdefault(node, len(self.scope.order))
            self._statements.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        if isinstance(original_node, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            self._statements.pop()

    def _add(self, name: str, kind: str, value: cst.BaseExpression | None, target: cst.CSTNode,
             annotation: cst.BaseExpression | None = None, unpacked: bool = False) -> None:
        statement = self._statements[-1] if self._statements else target
        binding = Binding(name, kind, value, statement, self.scope.order.get(statement, 0), target, annotation,
                          unpacked)
        self.scope.bindings.setdefault(name, []).append(binding)

    def _bind_target(self, target: cst.BaseExpression, kind: str, value: cst.BaseExpression | None,
                     annotation: cst.BaseExpression | None = None, unpacked: bool = False) -> None:
        if isinstance(target, cst.Name):
            self._add(target.value, kind, value, target, annotation, unpacked)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                inner = element.value
                self._bind_target(inner, "element" if kind in ("assign", "element") else kind, value, unpacked=True)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, kind, value, unpacked=unpacked)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
            if target.value.value in SELF_NAMES and value is not None:
                statement = self._statements[-1] if self._statements else target
                self.scope.self_attributes.setdefault(target.attr.value, []).append(
                    Binding(target.attr.value, kind, value, statement, self.scope.order.get(statement, 0),
                            target, annotation)
                )

    # -- nested scopes are their own -------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._add(node.name.value, "opaque", None, node.name)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self._add(node.name.value, "opaque", None, node.name)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    # -- bindings -----------------------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind_target(target.target, "assign", node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind_target(node.target, "assign", node.value, node.annotation.annotation)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind_target(node.target, "augment", node.value)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_target(node.target, "assign", node.value)

    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, "element", node.iter)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_target(node.asname.name, "handle", node.item)

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            local = alias.asname.name if alias.asname else alias.name
            name = dotted_name(local) if isinstance(local, (cst.Name, cst.Attribute)) else None
            if name:
                self._add(name.split(".")[0], "opaque", None, node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            local = alias.asname.name if alias.asname else alias.name
            if isinstance(local, cst.Name):
                self._add(local.value, "opaque", None, node)

    def visit_Global(self, node: cst.Global) -> None:
        self.scope.declared_global.update(n.name.value for n in node.names)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.scope.returns.append(node.value)

    def visit_Yield(self, node: cst.Yield) -> None:
        if isinstance(node.value, cst.From):
            self.scope.yields_from.append(node.value.item)
        elif node.value is not None:
            self.scope.yields.append(node.value)

    def visit_Call(self, node: cst.Call) -> None:
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


def collect_scope(node: cst.CSTNode) -> Scope:
    scope = Scope(node)
    collector = ScopeCollector(scope)
    if isinstance(node, cst.FunctionDef):
        node.body.visit(collector)
    elif isinstance(node, cst.Module):
        for statement in node.body:
            statement.visit(collector)
    return scope
