"""Stage 2: parse source text with LibCST, turning every failure into a located message.

LibCST's native parser overflows its stack and kills the whole process on
expressions nested about 1,200 brackets (or 3,500 lambdas, 7,000 `and`s)
deep, and slows down quadratically on long left-nested chains. A segfault
cannot be caught, so before LibCST sees a text, CPython's parser (fast, and
limited to 200 nested brackets) measures the nesting; a text beyond
MAX_NESTING becomes OPS001 instead.
"""

from __future__ import annotations

import ast
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from linter.ast_walk import cpython_parse, nesting_depth

_LIBCST_AT = re.compile(r"error at (\d+):(\d+): ")

# Nesting levels (as LibCST nests them) that opslint parses. Far below where
# LibCST crashes, far above anything written by hand.
MAX_NESTING = 1100
# CPython refuses more nested brackets than this ("too many nested parentheses").
_CPYTHON_MAX_BRACKETS = 200


@dataclass(frozen=True)
class ParseFailure:
    message: str
    line: int
    column: int


def parse_source(text: str, cpython_tree: ast.AST | None = None) -> cst.Module | ParseFailure:
    """`cpython_tree`: the text's `ast` tree when the caller already has one (the prefilter does)."""
    if cpython_tree is None:
        cpython_tree = cpython_parse(text)
    too_deep = nesting_failure(text, cpython_tree)
    if too_deep is not None:
        return too_deep
    try:
        if cpython_tree is not None:
            with _without_node_validation():
                return cst.parse_module(text)
        return cst.parse_module(text)
    except cst.ParserSyntaxError as err:
        return _describe_syntax_error(text, str(err.message))
    except RecursionError:
        return ParseFailure("syntax too deeply nested to analyse", 1, 1)
    except SyntaxError as err:  # LibCST's own validation (CSTValidationError): `b"a" "b"` and the like
        return _describe_syntax_error(text, str(err))
    except (ValueError, TypeError, MemoryError) as err:
        return ParseFailure(f"cannot parse: {err}", 1, 1)
    except Exception as err:  # noqa: BLE001 - any other parser failure is this file's OPS001, not a crash
        return _describe_syntax_error(text, f"{type(err).__name__}: {err}")


# LibCST checks every node it builds (CSTNode.__post_init__ -> _validate), about
# a seventh of a parse. The checks reject trees that are not valid Python; a
# text CPython's own parser has accepted yields none, so for it they are skipped.
_VALIDATE_NODE = cst.CSTNode.__post_init__


def _skip_validation(self: cst.CSTNode) -> None:
    pass


@contextmanager
def _without_node_validation() -> Iterator[None]:
    cst.CSTNode.__post_init__ = _skip_validation  # type: ignore[method-assign]
    try:
        yield
    finally:
        cst.CSTNode.__post_init__ = _VALIDATE_NODE  # type: ignore[method-assign]


def _describe_syntax_error(text: str, libcst_message: str) -> ParseFailure:
    """CPython's own parser locates and words syntax errors best; LibCST's word is the fallback."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except SyntaxError as err:
        line = err.lineno or 1
        column = err.offset or 1
        return ParseFailure(f"syntax error: {err.msg}", max(line, 1), max(column, 1))
    except (RecursionError, MemoryError, ValueError):
        pass
    located = _LIBCST_AT.search(libcst_message)
    detail = libcst_message.strip().splitlines()[0] if libcst_message.strip() else "invalid syntax"
    if located:
        detail = libcst_message[located.end() :].strip().splitlines()[0]
        return ParseFailure(f"syntax error: {detail}", int(located.group(1)), int(located.group(2)) + 1)
    return ParseFailure(f"syntax error: {detail}", 1, 1)


def nesting_failure(text: str, cpython_tree: ast.AST | None = None) -> ParseFailure | None:
    """OPS001 for a text nested too deeply to hand to LibCST safely; None when it is safe."""
    if cpython_tree is not None:
        return _too_deep(cpython_tree)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes etc. are not ours to report
            tree = ast.parse(text)
    except SyntaxError as err:
        # LibCST may still accept it (newer syntax), unless it is nested past
        # what CPython itself allows: then CPython's message is the answer.
        if _bracket_depth(text) > _CPYTHON_MAX_BRACKETS:
            return ParseFailure(f"syntax error: {err.msg}", max(err.lineno or 1, 1), max(err.offset or 1, 1))
        return None
    except (RecursionError, MemoryError):
        line = _longest_line(text)
        return ParseFailure(
            f"too deeply nested: Python's own parser gives up on this file (near line {line}); "
            "split the expression, or exclude this generated file",
            line,
            1,
        )
    except (ValueError, OverflowError):
        return None  # NUL bytes and the like: LibCST words these itself
    return _too_deep(tree)


def _too_deep(tree: ast.AST) -> ParseFailure | None:
    # the common case, without tracking lines; `deepest` also counts the Load/Store
    # marker under a name, one level more
    if nesting_depth(tree) + 1 <= MAX_NESTING:
        return None
    depth, line = deepest(tree)
    if depth > MAX_NESTING:
        return ParseFailure(
            f"too deeply nested: expressions nest {depth} levels deep at line {line} "
            f"(opslint analyses up to {MAX_NESTING}); split the expression, or exclude this generated file",
            line,
            1,
        )
    return None


def deepest(tree: ast.AST) -> tuple[int, int]:
    """(nesting depth, line) of the most deeply nested node, walked without recursion.

    `a and b and c` is one flat node to CPython but a chain to LibCST, so the
    operands of a boolean operation count one level each.
    """
    best_depth, best_line = 0, 1
    stack: list[tuple[ast.AST, int, int]] = [(tree, 0, 1)]
    while stack:
        node, depth, line = stack.pop()
        line = getattr(node, "lineno", line)
        if depth > best_depth:
            best_depth, best_line = depth, line
        step = len(node.values) if isinstance(node, ast.BoolOp) else 1
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + step, line))
    return best_depth, best_line


def deepest_line(text: str) -> int:
    """The line of the most deeply nested code, for messages about nesting; 1 if unknown."""
    tree = cpython_parse(text)
    return deepest(tree)[1] if tree is not None else _longest_line(text)


def _bracket_depth(text: str) -> int:
    """Deepest bracket nesting, counting brackets in strings too (an over-estimate, which is the safe side)."""
    depth = deepest_seen = 0
    for char in text:
        if char in "([{":
            depth += 1
            if depth > deepest_seen:
                deepest_seen = depth
        elif char in ")]}" and depth:
            depth -= 1
    return deepest_seen


def _longest_line(text: str) -> int:
    lines = text.splitlines() or [""]
    return max(range(len(lines)), key=lambda i: len(lines[i])) + 1
