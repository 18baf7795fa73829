"""A read-only traversal of a LibCST tree, several times cheaper than `node.visit(visitor)`.

LibCST's `visit` rebuilds every node it passes (`_visit_and_replace_children`
constructs a new node even for a read-only CSTVisitor), which costs more than
the parse itself. `walk` calls the same `visit_<Type>`/`leave_<Type>`
callbacks in the same order, reading children straight from the node's
fields, and skips trivia: whitespace, comments, commas, brackets and operator
tokens make up about half of a LibCST tree and no analysis reads them as
nodes (a rule that needs an operator reads the field, `isinstance(t.operator,
cst.In)`). The order of a node type's fields is taken, once per type, from
the order in which LibCST's own `_visit_and_replace_children` visits them.

Attribute callbacks (`visit_Call_func`, ...) are not called: use `walk` only
with visitors that define none (tests/test_prefilter.py checks the indexer).
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap
import typing
from typing import Any, Callable, Optional, cast

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
# Node types that carry no meaning for a rule: layout and punctuation.
TRIVIA: tuple[type, ...] = (
    cst.BaseParenthesizableWhitespace,
    cst.EmptyLine,
    cst.TrailingWhitespace,
    cst.Newline,
    cst.Comment,
    cst.LeftParen,
    cst.RightParen,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.Semicolon,
    cst.AssignEqual,
    cst.BaseBinaryOp,
    cst.BaseBooleanOp,
    cst.BaseCompOp,
    cst.BaseUnaryOp,
    cst.BaseAugOp,
    cst.Asynchronous,
)

Callback = Optional[Callable[[Any, Any], Any]]
# node type -> the fields holding non-trivia children, in LibCST's visiting order
_FIELDS: dict[type, tuple[str, ...]] = {}
# visitor type -> node type -> (fields, visit callback, leave callback)
_PLANS: dict[type, dict[type, tuple[tuple[str, ...], Callback, Callback]]] = {}


def walk(
    node: cst.CSTNode, visitor: cst.CSTVisitor, parents: dict[cst.CSTNode, cst.CSTNode] | None = None
) -> None:
    """Like `node.visit(visitor)` for a read-only visitor, without rebuilding the tree or visiting trivia.

    `parents`, when given, receives child -> parent for every node visited below `node`.
    """
    visitor_type = type(visitor)
    if visitor_type.on_visit is not cst.CSTVisitor.on_visit or visitor_type.on_leave is not cst.CSTVisitor.on_leave:
        _walk_hooks(node, visitor, parents)
        return
    plans = _PLANS.get(visitor_type)
    if plans is None:
        plans = _PLANS[visitor_type] = {}
    _walk_plain(node, visitor, plans, parents)


def _walk_plain(
    node: cst.CSTNode,
    visitor: cst.CSTVisitor,
    plans: dict[type, tuple[tuple[str, ...], Callback, Callback]],
    parents: dict[cst.CSTNode, cst.CSTNode] | None,
) -> None:
    node_type = type(node)
    plan = plans.get(node_type)
    if plan is None:
        plan = plans[node_type] = _plan(type(visitor), node_type)
    fields, visit, leave = plan
    if visit is None or visit(visitor, node) is not False:
        for name in fields:
            value = getattr(node, name)
            value_type = type(value)
            if value_type is tuple or value_type is list:
                for child in value:
                    if not _trivia(child):
                        if parents is not None:
                            parents[child] = node
                        _walk_plain(child, visitor, plans, parents)
            elif is_node(value):
                if parents is not None:
                    parents[value] = node
                _walk_plain(value, visitor, plans, parents)
    if leave is not None:
        leave(visitor, node)


def _walk_hooks(
    node: cst.CSTNode, visitor: cst.CSTVisitor, parents: dict[cst.CSTNode, cst.CSTNode] | None
) -> None:
    """For visitors with their own on_visit/on_leave: every non-trivia node goes through them."""
    if visitor.on_visit(node):
        for child in _children(node):
            if parents is not None:
                parents[child] = node
            _walk_hooks(child, visitor, parents)
    visitor.on_leave(node)


def _children(node: cst.CSTNode) -> list[cst.CSTNode]:
    children: list[cst.CSTNode] = []
    for name in child_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, (tuple, list)):
            children.extend(child for child in value if not _trivia(child))
        elif is_node(value):
            children.append(value)
    return children


def _plan(visitor_type: type, node_type: type) -> tuple[tuple[str, ...], Callback, Callback]:
    name = node_type.__name__
    return child_fields(node_type), getattr(visitor_type, f"visit_{name}", None), getattr(visitor_type, f"leave_{name}", None)


# CSTNode is an ABC, and an ABC isinstance check costs several times a dict
# lookup; a tree walk makes millions of them, so the answer is kept per type.
_IS_NODE: dict[type, bool] = {}
_IS_TRIVIA: dict[type, bool] = {}


def is_node(value: object) -> bool:
    value_type = type(value)
    known = _IS_NODE.get(value_type)
    if known is None:
        known = _IS_NODE[value_type] = issubclass(value_type, cst.CSTNode) and not issubclass(value_type, TRIVIA)
    return known


def _trivia(value: object) -> bool:
    value_type = type(value)
    known = _IS_TRIVIA.get(value_type)
    if known is None:
        known = _IS_TRIVIA[value_type] = not issubclass(value_type, cst.CSTNode) or issubclass(value_type, TRIVIA)
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


def child_fields(node_type: type) -> tuple[str, ...]:
    """The fields of `node_type` that can hold non-trivia nodes, in LibCST's visiting order."""
    known = _FIELDS.get(node_type)
    if known is None:
        order = _visiting_order(node_type)
        if order is None:  # a shape we cannot read: declaration order, which LibCST mostly follows
            order = tuple(f.name for f in dataclasses.fields(node_type))
        known = _FIELDS[node_type] = tuple(name for name in order if not _trivia_field(node_type, name))
    return known


def _trivia_field(node_type: type, name: str) -> bool:
    """Does the field's annotation allow nothing but trivia (and None / MaybeSentinel)?"""
    annotation = next((f.type for f in dataclasses.fields(node_type) if f.name == name), None)
    classes = list(_annotation_classes(annotation))
    return bool(classes) and all(c is type(None) or c is cst.MaybeSentinel or issubclass(c, TRIVIA) for c in classes)


def _annotation_classes(annotation: Any) -> typing.Iterator[type]:
    if isinstance(annotation, type) and not typing.get_args(annotation):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Union or (origin is not None and typing.get_args(annotation)):
        if origin is typing.Literal:
            yield object  # a plain value, not a node: keeps the field
            return
        for argument in typing.get_args(annotation):
            yield from _annotation_classes(argument)
        return
    yield object  # a forward reference or anything unreadable: keep the field


def _visiting_order(node_type: type) -> tuple[str, ...] | None:
    try:
        source = textwrap.dedent(inspect.getsource(getattr(node_type, "_visit_and_replace_children")))
        function = ast.parse(source).body[0]
    except (OSError, TypeError, SyntaxError, IndexError):
        return None
    if not isinstance(function, ast.FunctionDef):
        return None
    built = _constructed_node(function)
    if built is None:
        return None
    if isinstance(built, ast.Name):
        return ()  # `return self`: a leaf, nothing to visit
    fields: list[str] = []
    for keyword in built.keywords:
        name = _visited_field(keyword.value)
        if name is not None:
            fields.append(name)
        elif _calls_anything(keyword.value):
            return None  # some logic of its own
    return tuple(fields)


def _constructed_node(function: ast.FunctionDef) -> ast.Call | ast.Name | None:
    """The `Node(...)` call the method returns: `return Node(...)`, or `ret = Node(...); return ret`."""
    *before, last = function.body
    if not isinstance(last, ast.Return) or last.value is None:
        return None
    returned = last.value
    if isinstance(returned, ast.Name) and returned.id != "self":
        local = returned.id
        for statement in before:
            target = statement.targets[0] if isinstance(statement, ast.Assign) and len(statement.targets) == 1 else None
            if isinstance(target, ast.Name) and target.id == local:
                returned = cast(ast.Assign, statement).value
    if isinstance(returned, ast.Name) and returned.id == "self":
        return returned
    return returned if isinstance(returned, ast.Call) else None


def _visited_field(expr: Any) -> str | None:
    if isinstance(expr, ast.IfExp):
        # `visit_sequence(self, "x", x, v) if x is not None else None`: both arms visit one field or none
        arms = {_visited_field(expr.body), _visited_field(expr.orelse)} - {None}
        return arms.pop() if len(arms) == 1 else None
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in ("tuple", "list"):
        expr = expr.args[0] if len(expr.args) == 1 and not expr.keywords else expr
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in _VISIT_HELPERS):
        return None
    if len(expr.args) < 2 or not isinstance(expr.args[1], ast.Constant) or not isinstance(expr.args[1].value, str):
        return None
    field_name = expr.args[1].value
    value = expr.args[2] if len(expr.args) > 2 else None
    if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "self":
        return field_name if value.attr == field_name else None
    if isinstance(value, ast.Name) and value.id == field_name:
        return field_name  # read into a local of the same name first (`names = self.names`)
    return None


def _calls_anything(expr: ast.AST) -> bool:
    return any(isinstance(node, ast.Call) for node in ast.walk(expr))
