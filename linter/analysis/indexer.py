"""One pass over the tree: parents, imports, functions, classes, call sites."""

from __future__ import annotations

import libcst as cst

from linter.analysis.imports import ImportMap
from linter.analysis.model import CallSite, ClassInfo, FunctionInfo
from linter.analysis.names import dotted_name, string_value
from linter.analysis.walk import type_check

_STATEMENT_TYPES = (cst.SimpleStatementLine, cst.BaseCompoundStatement)
_is_statement = type_check(_STATEMENT_TYPES)


class ModuleIndexer(cst.CSTVisitor):
    """Run with `walk(module, indexer, indexer.parents)`: the walk records the parents."""

    def __init__(self) -> None:
        super().__init__()
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.imports = ImportMap()
        self.functions: dict[str, FunctionInfo] = {}
        self.classes: dict[str, ClassInfo] = {}
        self.calls: list[CallSite] = []
        self.module_assignments: dict[str, list[cst.BaseExpression]] = {}
        self.main_guard: cst.If | None = None
        # candidates for env/argv reads, so later stages need no second walk
        self.membership_tests: list[cst.Comparison] = []
        self.environ_subscripts: list[cst.Subscript] = []
        self._functions: list[FunctionInfo] = []
        self._classes: list[ClassInfo] = []
        self._scopes: list[FunctionInfo | ClassInfo] = []  # both kinds, innermost last

    def enclosing_statement(self, node: cst.CSTNode) -> cst.CSTNode:
        """The innermost simple statement line or compound statement holding `node` (after the walk)."""
        current: cst.CSTNode | None = self.parents.get(node)
        while current is not None:
            if _is_statement(current):
                return current
            current = self.parents.get(current)
        return node

    # -- definitions --------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> None:
        self.imports.add(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.imports.add(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        bases = tuple(dotted_name(arg.value) or "" for arg in node.bases)
        info = ClassInfo(name=node.name.value, node=node, bases=bases)
        if not self._functions and not self._classes:
            self.classes.setdefault(info.name, info)
        self._classes.append(info)
        self._scopes.append(info)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._classes.pop()
        self._scopes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        parent = self._functions[-1] if self._functions else None
        cls = self._classes[-1] if self._classes else None
        # a class nested inside a function still owns its methods: the innermost scope decides
        in_class = cls is not None and self._scopes[-1] is cls
        name = node.name.value
        if parent is not None and not in_class:
            qualname = f"{parent.qualname}.<locals>.{name}"
        elif in_class and cls is not None:
            qualname = f"{cls.name}.{name}"
        else:
            qualname = name
        params = tuple(
            p.name.value
            for p in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)
        )
        decorators = tuple(
            dotted_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) or ""
            for d in node.decorators
        )
        info = FunctionInfo(
            name=name,
            qualname=qualname,
            node=node,
            class_name=cls.name if in_class and cls is not None else None,
            parent=None if in_class else parent,
            params=params,
            decorators=decorators,
        )
        self.functions.setdefault(qualname, info)
        if in_class and cls is not None:
            cls.methods.setdefault(name, info)
        self._functions.append(info)
        self._scopes.append(info)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions.pop()
        self._scopes.pop()

    # -- module-level facts -------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        if self._functions or self._classes:
            return
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.module_assignments.setdefault(target.target.value, []).append(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if self._functions or self._classes or node.value is None:
            return
        if isinstance(node.target, cst.Name):
            self.module_assignments.setdefault(node.target.value, []).append(node.value)

    def visit_If(self, node: cst.If) -> None:
        if self.main_guard is None and not self._functions and _is_main_test(node.test):
            self.main_guard = node

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if any(isinstance(t.operator, (cst.In, cst.NotIn)) for t in node.comparisons):
            self.membership_tests.append(node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if isinstance(node.value, cst.Attribute) and node.value.attr.value == "environ":
            self.environ_subscripts.append(node)
        elif isinstance(node.value, cst.Name) and node.value.value == "environ":
            self.environ_subscripts.append(node)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        callee = dotted_name(func)
        receiver = func.value if isinstance(func, cst.Attribute) else None
        if isinstance(func, cst.Attribute):
            name: str | None = func.attr.value
        elif isinstance(func, cst.Name):
            name = func.value
        else:
            name = None
        self.calls.append(
            CallSite(
                node=node,
                callee=callee,
                qualname=None,  # resolved after the pass, once every import is known
                name=name,
                receiver=receiver,
                function=self._functions[-1] if self._functions else None,
                statement=node,  # the enclosing statement, set once the walk has recorded every parent
            )
        )


def _is_main_test(test: cst.BaseExpression) -> bool:
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    left = test.left
    right = test.comparisons[0].comparator
    if not isinstance(test.comparisons[0].operator, cst.Equal):
        return False
    pair = {dotted_name(left) or string_value(left), dotted_name(right) or string_value(right)}
    return pair == {"__name__", "__main__"}
