"""A read-only traversal of a LibCST tree, several times cheaper than `node.visit(visitor)`.

LibCST's `visit` rebuilds every node it passes (`_visit_and_replace_children`
constructs a new node even for a read-only CSTVisitor), which costs more than
the parse itself. `walk` calls the same `on_visit`/`on_leave` callbacks in the
same order, reading children straight from the node's fields. The order of a
node type's fields is taken, once per type, from the order in which LibCST's
own `_visit_and_replace_children` visits them; a type whose method does not
have the plain "return Node(field=visit_x(self, "field", ...), ...)" shape is
handed to LibCST's traversal, so the order is always LibCST's.

Attribute callbacks (`visit_Call_func`, ...) are not called: use `walk` only
with visitors that define none (tests/test_prefilter.py checks the indexer).
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any, Callable

import libcst as cst

_VISIT_HELPERS = frozenset(
    {
        "visit_required",
        "visit_optional",
        "visit_sentinel",
        "visit_iterable",
        "visit_sequence",
        "visit_body_iterable",
        "visit_body_sequence",
    }
)
# node type -> field names in visiting order, or None: let LibCST traverse it
_ORDER: dict[type, tuple[str, ...] | None] = {}


def walk(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """Like `node.visit(visitor)` for a read-only visitor, without rebuilding the tree."""
    node_type = type(node)
    if node_type in _ORDER:
        order = _ORDER[node_type]
    else:
        order = _ORDER[node_type] = _field_order(node_type)
    if order is None:
        node.visit(visitor)
        return
    if visitor.on_visit(node):
        for name in order:
            value = getattr(node, name)
            if is_node(value):
                walk(value, visitor)
            elif isinstance(value, (tuple, list)):
                for child in value:
                    walk(child, visitor)
    visitor.on_leave(node)


# CSTNode is an ABC, and an ABC isinstance check costs several times a dict
# lookup; a tree walk makes millions of them, so the answer is kept per type.
_IS_NODE: dict[type, bool] = {}


def is_node(value: object) -> bool:
    value_type = type(value)
    known = _IS_NODE.get(value_type)
    if known is None:
        known = _IS_NODE[value_type] = issubclass(value_type, cst.CSTNode)
    return known


def type_check(classes: tuple[type, ...]) -> "Callable[[object], bool]":
    """A cached `isinstance(x, classes)` for abstract LibCST classes (BaseCompoundStatement...)."""
    answers: dict[type, bool] = {}

    def check(value: object) -> bool:
        value_type = type(value)
        known = answers.get(value_type)
        if known is None:
            known = answers[value_type] = issubclass(value_type, classes)
        return known

    return check


def _field_order(node_type: type) -> tuple[str, ...] | None:
    try:
        source = textwrap.dedent(inspect.getsource(getattr(node_type, "_visit_and_replace_children")))
        function = ast.parse(source).body[0]
    except (OSError, TypeError, SyntaxError, IndexError):
        return None
    if not isinstance(function, ast.FunctionDef) or len(function.body) != 1:
        return None
    statement = function.body[0]
    if isinstance(statement, ast.Return) and isinstance(statement.value, ast.Name) and statement.value.id == "self":
        return ()  # a leaf: nothing to visit
    if not isinstance(statement, ast.Return) or not isinstance(statement.value, ast.Call):
        return None
    fields: list[str] = []
    for keyword in statement.value.keywords:
        name = _visited_field(keyword.value)
        if name is not None:
            fields.append(name)
        elif _calls_anything(keyword.value):
            return None  # some logic of its own: keep LibCST's traversal
    return tuple(fields)


def _visited_field(expr: Any) -> str | None:
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in ("tuple", "list"):
        expr = expr.args[0] if len(expr.args) == 1 and not expr.keywords else expr
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in _VISIT_HELPERS):
        return None
    if len(expr.args) < 2 or not isinstance(expr.args[1], ast.Constant) or not isinstance(expr.args[1].value, str):
        return None
    value = expr.args[2] if len(expr.args) > 2 else None
    if not (isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "self"):
        return None
    return expr.args[1].value if value.attr == expr.args[1].value else None


def _calls_anything(expr: ast.AST) -> bool:
    return any(isinstance(node, ast.Call) for node in ast.walk(expr))
