"""Small helpers over LibCST expressions: dotted names, literals, name folding."""

from __future__ import annotations

import re
from typing import Any

import libcst as cst

from linter.analysis.walk import walk

UNKNOWN: Any = type("Unknown", (), {"__repr__": lambda self: "UNKNOWN"})()
"""A value the analysis cannot know statically."""

_FOLD = re.compile(r"[-_\s]")


def fold(name: str) -> str:
    """Case-insensitive, '-'/'_' folded form: `--dry-run`, `DRY_RUN`, `dryRun` -> `dryrun`."""
    return _FOLD.sub("", name.lower())


def dotted_name(expr: cst.BaseExpression) -> str | None:
    """`a.b.c` for a chain of Name/Attribute nodes, else None."""
    parts: list[str] = []
    while isinstance(expr, cst.Attribute):
        parts.append(expr.attr.value)
        expr = expr.value
    if isinstance(expr, cst.Name):
        parts.append(expr.value)
        return ".".join(reversed(parts))
    return None


def root_name(expr: cst.BaseExpression) -> str | None:
    """The leftmost Name of an attribute/subscript/call chain: `a` for `a.b[0].c()`."""
    while True:
        if isinstance(expr, cst.Name):
            return expr.value
        if isinstance(expr, cst.Attribute):
            expr = expr.value
        elif isinstance(expr, cst.Subscript):
            expr = expr.value
        elif isinstance(expr, cst.Call):
            expr = expr.func
        else:
            return None


def string_value(expr: cst.BaseExpression | None) -> str | None:
    """The value of a plain or implicitly concatenated string literal."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        try:
            value = expr.evaluated_value
        except Exception:  # noqa: BLE001 - malformed escapes: treat as unknown
            return None
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value
    return None


def literal_value(expr: cst.BaseExpression | None) -> Any:
    """A Python value for simple literals (str, int, bool, None, negative numbers), else UNKNOWN."""
    if expr is None:
        return UNKNOWN
    text = string_value(expr)
    if text is not None:
        return text
    if isinstance(expr, cst.Name):
        return {"True": True, "False": False, "None": None}.get(expr.value, UNKNOWN)
    if isinstance(expr, cst.Integer):
        try:
            return int(expr.value.replace("_", ""), 0)
        except ValueError:
            return UNKNOWN
    if isinstance(expr, cst.Float):
        try:
            return float(expr.value.replace("_", ""))
        except ValueError:
            return UNKNOWN
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        inner = literal_value(expr.expression)
        if isinstance(inner, (int, float)) and not isinstance(inner, bool):
            return -inner
    return UNKNOWN


def keyword_arg(call: cst.Call, name: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def parameter(function: cst.FunctionDef, name: str) -> cst.Param | None:
    """The parameter `name` of `function` (positional-only, ordinary or keyword-only)."""
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value == name:
            return param
    return None


def positional_args(call: cst.Call) -> list[cst.BaseExpression]:
    return [a.value for a in call.args if a.keyword is None and not a.star]


def string_prefix(expr: cst.BaseExpression) -> str | None:
    """The statically known leading text of a string expression.

    Literals give their value; f-strings their text with `{}` for each
    expression; `"..." % x`, `"...".format(...)` and `"..." + x` give what the
    known left part says. Used for SQL and shell command text.
    """
    value = string_value(expr)
    if value is not None:
        return value
    if isinstance(expr, cst.FormattedString):
        parts = []
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                parts.append(part.value)
            else:
                parts.append("{}")
        return "".join(parts)
    if isinstance(expr, cst.ConcatenatedString):
        left = string_prefix(expr.left)
        right = string_prefix(expr.right)  # type: ignore[arg-type]
        if left is None:
            return None
        return left + (right or "")
    if isinstance(expr, cst.BinaryOperation):
        if isinstance(expr.operator, (cst.Modulo, cst.Add)):
            return string_prefix(expr.left)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        if expr.func.attr.value in ("format", "strip", "lower", "upper", "replace"):
            return string_prefix(expr.func.value)
    if isinstance(expr, cst.ParenthesizedWhitespace):  # pragma: no cover - not an expression
        return None
    return None


class References(cst.CSTVisitor):
    """What an expression reads, in one walk: variable names (not attribute names), calls, string text."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.calls: list[cst.Call] = []
        self.strings: list[str] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        walk(node.value, self)  # the attribute's own name is not a variable
        return False

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = string_value(node)
        if value is not None:
            self.strings.append(value)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self.strings.append(node.value)


def references(node: cst.CSTNode) -> References:
    found = References()
    walk(node, found)
    return found


def returns_in(body: cst.CSTNode) -> list[cst.Return]:
    """The `return` statements of one function body (not of functions or lambdas nested in it)."""
    collector = _Returns()
    walk(body, collector)
    return collector.found


class _Returns(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.Return] = []

    def visit_Return(self, node: cst.Return) -> None:
        self.found.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False
