"""Line/column ranges of CST nodes, exactly as LibCST's PositionProvider gives them, for a fraction of the cost.

PositionProvider updates a line/column pair for every token of a full code
generation pass (a regex split per token): about twice the cost of the parse.
The reports of a file need a handful of positions, so this pass records only
token *indices* per node and turns the few wanted ones into line/column at the
end, over the joined text. Start/end rules (syntactic positions, hoisting from
child nodes, whitespace-inclusive fallback) are PositionProvider's own.
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


def node_positions(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> Mapping[cst.CSTNode, CodeRange]:
    """CodeRange (1-based lines, 0-based columns) of each of `nodes` found in `module`.

    Code generation stops after the last wanted node, so a report near the
    top of a long file costs little.
    """
    nodes = list(nodes)
    state = _IndexRecordingState(module, set(nodes))
    try:
        module._codegen(state)
    except _AllFound:
        pass
    wanted = {node: state.spans[node] for node in nodes if node in state.spans}
    indices = sorted({i for span in wanted.values() for i in span})
    where: dict[int, CodePosition] = {}
    line, column, done = 1, 0, 0
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
