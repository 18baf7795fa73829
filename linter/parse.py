"""Stage 2: parse source text with LibCST, turning every failure into a located message."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import libcst as cst

_LIBCST_AT = re.compile(r"error at (\d+):(\d+): ")


@dataclass(frozen=True)
class ParseFailure:
    message: str
    line: int
    column: int


def parse_source(text: str) -> cst.Module | ParseFailure:
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as err:
        return _describe_syntax_error(text, str(err.message))
    except RecursionError:
        return ParseFailure("syntax too deeply nested to analyse", 1, 1)
    except (ValueError, TypeError, MemoryError) as err:
        return ParseFailure(f"cannot parse: {err}", 1, 1)


def _describe_syntax_error(text: str, libcst_message: str) -> ParseFailure:
    """CPython's own parser locates and words syntax errors best; LibCST's word is the fallback."""
    try:
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
