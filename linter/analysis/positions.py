"""Line/column ranges of CST nodes, exactly as LibCST's PositionProvider gives them, for a fraction of the cost.

PositionProvider updates a line/column pair for every token of a full code
generation pass (a regex split per token): about twice the cost of the parse.
The reports of a file need a handful of positions, so this pass records only
token *indices* per node and turns the few wanted ones into line/column at the
end, over the joined text. Start/end rules (syntactic positions, hoisting from
child nodes, whitespace-inclusive fallback) are PositionProvider's own.

With the source text at hand, only the top-level statements that hold a
wanted node are generated, and each is placed by finding its (unique) text in
the source: a report deep in a long file no longer pays for the code before it.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping

import libcst as cst
from libcst._nodes.internal import CodegenState  # the codegen hook PositionProvider itself uses
from libcst._position import CodePosition, CodeRange

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

    With the module's `source` text and the `parents` of its nodes, only the
    top-level statements holding a wanted node are generated: each is placed in
    the file by finding its text, which must occur exactly once. Any node that
    cannot be placed that way falls back to one pass over the module, which
    stops after the last wanted node.
    """
    nodes = list(nodes)
    located: dict[cst.CSTNode, CodeRange] = {}
    rest: list[cst.CSTNode] = nodes
    if source is not None and parents is not None:
        rest = []
        for statement, group in _by_top_level_statement(module, nodes, parents).items():
            found = _positions_in_statement(module, statement, group, source) if statement is not None else None
            if found is None:
                rest.extend(group)
            else:
                located.update(found)
    if rest:
        located.update(_positions_in(module, module, rest, first_line=1))
    return located


def _by_top_level_statement(
    module: cst.Module, nodes: list[cst.CSTNode], parents: Mapping[cst.CSTNode, cst.CSTNode]
) -> dict[cst.CSTNode | None, list[cst.CSTNode]]:
    groups: dict[cst.CSTNode | None, list[cst.CSTNode]] = {}
    for node in nodes:
        current, parent = node, parents.get(node)
        while parent is not None and parent is not module:
            current, parent = parent, parents.get(parent)
        groups.setdefault(current if parent is module else None, []).append(node)
    return groups


def _positions_in_statement(
    module: cst.Module, statement: cst.CSTNode, nodes: list[cst.CSTNode], source: str
) -> dict[cst.CSTNode, CodeRange] | None:
    """Positions inside one top-level statement, or None when its text is not found exactly once."""
    state = _IndexRecordingState(module, set())  # nothing to stop for: the whole text is needed
    statement._codegen(state)
    text = "".join(state.tokens)
    offset = source.find(text)
    if not text or offset < 0 or source.find(text, offset + 1) >= 0:
        return None
    if offset > 0 and source[offset - 1] not in "\r\n":
        return None  # a top-level statement starts a line
    first_line = len(_NEWLINE.findall(source, 0, offset)) + 1
    return _ranges(state, nodes, first_line)


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
