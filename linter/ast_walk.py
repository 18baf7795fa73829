"""CPython `ast` trees for the stages that run before LibCST: a quiet parse and a fast walk.

`ast.walk` goes through `iter_child_nodes` and `iter_fields`, two generators
per node, and visits every `Load()`/`Store()` context object; the prefilter
and the nesting check walk every file that reaches them, so this walk reads
each node type's fields once (without `ctx`) and keeps its own stack: about
twice as fast. `iter_nodes` is depth-first, children left to right; `nesting_depth`
goes level by level.
"""

from __future__ import annotations

import ast
import warnings
from typing import Iterator

_AST = ast.AST


def cpython_parse(text: str) -> ast.AST | None:
    """CPython's tree of `text`, or None when CPython rejects it (or gives up on its nesting)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences etc. are not ours to report
            return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return None

# node type -> fields that can hold child nodes, last first (`ctx` holds only Load/Store/Del markers)
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields_last_first(node_type: type) -> tuple[str, ...]:
    known = _CHILD_FIELDS.get(node_type)
    if known is None:
        known = _CHILD_FIELDS[node_type] = tuple(reversed([n for n in getattr(node_type, "_fields", ()) if n != "ctx"]))
    return known


def iter_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of `tree`, `tree` first, depth-first, children left to right."""
    stack = [tree]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        yield node
        for name in _CHILD_FIELDS.get(type(node)) or _fields_last_first(type(node)):
            value = getattr(node, name, None)
            if type(value) is list:
                for child in reversed(value):
                    if isinstance(child, _AST):
                        push(child)
            elif isinstance(value, _AST):
                push(value)


def nesting_depth(tree: ast.AST) -> int:
    """How deep `tree` nests, counted level by level (no per-node bookkeeping).

    `a and b and c` is one flat node to CPython but a chain to LibCST, so the
    operands of a boolean operation sit one level deeper per operand.
    """
    deepest = depth = 0
    level: list[ast.AST] = [tree]
    later: dict[int, list[ast.AST]] = {}  # boolean operands, waiting for their depth
    while level or later:
        if level:
            deepest = depth
        below = later.pop(depth + 1, [])
        push = below.append
        for node in level:
            node_type = type(node)
            if node_type is ast.BoolOp:
                later.setdefault(depth + len(node.values), []).extend(node.values)  # type: ignore[attr-defined]
                continue
            for name in _CHILD_FIELDS.get(node_type) or _fields_last_first(node_type):
                value = getattr(node, name, None)
                if type(value) is list:
                    for child in value:
                        if isinstance(child, _AST):
                            push(child)
                elif isinstance(value, _AST):
                    push(value)
        level = below
        depth += 1
    return deepest
