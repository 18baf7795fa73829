"""Line/column ranges of CST nodes, exactly as LibCST's PositionProvider gives them, for a fraction of the cost.

PositionProvider updates a line/column pair for every token of a full code
generation pass (a regex split per token): about twice the cost of the parse.
The reports of a file need a handful of positions, so this pass records only
token *indices* per node and turns the few wanted ones into line/column at the
end, over the joined text. Start/end rules (syntactic positions, hoisting from
child nodes, whitespace-inclusive fallback) are PositionProvider's own.

With the source text at hand, only a statement that holds a wanted node is
generated (with its block's indentation), the innermost one whose text occurs
exactly once in the source, which places it: a report deep in a long file or
class no longer pays for the code before it.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping

import libcst as cst
from libcst._nodes.internal import CodegenState  # the codegen hook PositionProvider itself uses
from libcst._position import CodePosition, CodeRange

from linter.analysis.walk import type_check

_NEWLINE = re.compile(r"\r\n?|\n")


class _AllFound(Exception):
    """Raised inside code generation once every wanted node has its final span."""


class _IndexRecordingState(CodegenState):
    """Code generation that remembers, per node, the token indices where it starts and ends."""

    def __init__(self, module: cst.Module, wanted: set[cst.CSTNode]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.spans: dict[cst.CSTNode, tuple[int, int]] = {}
        self._starts: list[int] = []
        self._wanted = wanted
        self._settled = 0
        self.stopped = False

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._starts.append(len(self.tokens))

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self._starts.pop()
        if node not in self.spans:  # a syntactic position recorded inside wins
            self.spans[node] = (start, len(self.tokens))
        if node in self._wanted:
            self._settled += 1
            if self._settled == len(self._wanted):
                # every wanted span is final: the rest of the file is not needed
                self.stopped = True
                raise _AllFound

    def pop_trailing_newline(self) -> None:
        pass  # indices must keep pointing into the tokens as generated

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        start = len(self.tokens)
        try:
            yield
        finally:
            if not self.stopped:  # when stopping early, hoisted child spans may not exist yet
                end = len(self.tokens)
                if start_node is not None:
                    start = self.spans[start_node][0]
                if end_node is not None:
                    end = self.spans[end_node][1]
                self.spans[node] = (start, end)


def node_positions(
    module: cst.Module,
    nodes: Iterable[cst.CSTNode],
    source: str | None = None,
    parents: Mapping[cst.CSTNode, cst.CSTNode] | None = None,
) -> Mapping[cst.CSTNode, CodeRange]:
    """CodeRange (1-based lines, 0-based columns) of each of `nodes` found in `module`.

    With the module's `source` text and the `parents` of its nodes, only a
    statement holding each wanted node is generated, the innermost one whose
    text occurs exactly once in the source (so its place is known). A node
    that cannot be placed that way falls back to one pass over the module,
    which stops after the last wanted node.
    """
    nodes = list(nodes)
    located: dict[cst.CSTNode, CodeRange] = {}
    rest: list[cst.CSTNode] = nodes
    if source is not None and parents is not None:
        placer = _StatementPlacer(module, source, parents)
        groups: dict[cst.CSTNode, list[cst.CSTNode]] = {}
        rest = []
        for node in nodes:
            statement = placer.placed_statement(node)
            if statement is None:
                rest.append(node)
            else:
                groups.setdefault(statement, []).append(node)
        for statement, group in groups.items():
            placed = placer.placed[statement]
            assert placed is not None  # placed_statement returns only placed statements
            located.update(_ranges(placed[0], group, placed[1]))
    if rest:
        located.update(_positions_in(module, module, rest, first_line=1))
    return located


class _StatementPlacer:
    """Generates statements on their own, with their indentation, and finds their text in the source."""

    def __init__(self, module: cst.Module, source: str, parents: Mapping[cst.CSTNode, cst.CSTNode]) -> None:
        self.module = module
        self.source = source
        self.parents = parents
        # statement -> (its code generation, the line its text starts on), or None: not unique
        self.placed: dict[cst.CSTNode, tuple[_IndexRecordingState, int] | None] = {}

    def placed_statement(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The innermost statement around (or at) `node` whose text is unique in the source."""
        for statement, indents in self._enclosing_statements(node):
            if statement not in self.placed:
                self.placed[statement] = self._place(statement, indents)
            found = self.placed[statement]
            if found is not None and node in found[0].spans:
                return statement
        return None

    def _enclosing_statements(self, node: cst.CSTNode) -> list[tuple[cst.CSTNode, list[str]]]:
        """Statements that are lines of a block (or of the module) holding `node`, innermost first,
        each with the indentation its block gives it."""
        chain = [node]
        parent = self.parents.get(node)
        while parent is not None:
            chain.append(parent)
            parent = self.parents.get(parent)
        if chain[-1] is not self.module:
            return []
        found: list[tuple[cst.CSTNode, list[str]]] = []
        indents: list[str] = []
        for child, holder in reversed(list(zip(chain, chain[1:]))):  # outermost first
            if isinstance(holder, (cst.Module, cst.IndentedBlock)) and _is_statement(child):
                found.append((child, list(indents)))
            if isinstance(child, cst.IndentedBlock):
                indents.append(self.module.default_indent if child.indent is None else child.indent)
        found.reverse()
        return found

    def _place(self, statement: cst.CSTNode, indents: list[str]) -> tuple[_IndexRecordingState, int] | None:
        state = _IndexRecordingState(self.module, set())  # nothing to stop for: the whole text is needed
        state.indent_tokens = indents
        statement._codegen(state)
        text = "".join(state.tokens)
        source = self.source
        offset = source.find(text)
        if not text or offset < 0 or source.find(text, offset + 1) >= 0:
            return None
        if offset > 0 and source[offset - 1] not in "\r\n":
            return None  # a statement's text starts a line
        return state, len(_NEWLINE.findall(source, 0, offset)) + 1


_is_statement = type_check((cst.SimpleStatementLine, cst.BaseCompoundStatement))


def _positions_in(
    module: cst.Module, root: cst.CSTNode, nodes: list[cst.CSTNode], first_line: int
) -> dict[cst.CSTNode, CodeRange]:
    state = _IndexRecordingState(module, set(nodes))
    try:
        root._codegen(state)
    except _AllFound:
        pass
    return _ranges(state, nodes, first_line)


def _ranges(state: _IndexRecordingState, nodes: list[cst.CSTNode], first_line: int) -> dict[cst.CSTNode, CodeRange]:
    """Token indices -> line/column, for generated text that starts at column 0 of `first_line`."""
    wanted = {node: state.spans[node] for node in nodes if node in state.spans}
    indices = sorted({i for span in wanted.values() for i in span})
    where: dict[int, CodePosition] = {}
    line, column, done = first_line, 0, 0
    for index in indices:
        chunk = "".join(state.tokens[done:index])
        pieces = _NEWLINE.split(chunk)
        if len(pieces) == 1:
            column += len(chunk)
        else:
            line += len(pieces) - 1
            column = len(pieces[-1])
        where[index] = CodePosition(line, column)
        done = index
    return {node: CodeRange(where[start], where[end]) for node, (start, end) in wanted.items()}
