"""The fast `ast` walk the prefilter and the nesting check use: same nodes as CPython's, same depth."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from linter.ast_walk import iter_nodes, nesting_depth
from linter.parse import MAX_NESTING, deepest, nesting_failure

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "tests" / "corpus").rglob("*.py"))[:40] + sorted((REPO / "linter").rglob("*.py"))


class _PreOrder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.nodes: list[ast.AST] = []

    def generic_visit(self, node: ast.AST) -> None:
        if not isinstance(node, ast.expr_context):
            self.nodes.append(node)
        super().generic_visit(node)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_iter_nodes_is_cpythons_pre_order_without_context_markers(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    expected = _PreOrder()
    expected.visit(tree)
    assert [id(n) for n in iter_nodes(tree)] == [id(n) for n in expected.nodes]


@pytest.mark.parametrize(
    "source",
    [
        "x",
        "a and b and c or d",
        "f(g(h(x)))[0].y",
        "(" * 150 + "x" + ")" * 150,
        " + ".join(["x"] * 900),
        "if a:\n    while b:\n        y = [[[1]]] if c else {k: not v for k, v in d}\n",
        "lambda: lambda: lambda: (yield)",
    ],
)
def test_nesting_depth_is_deepest_without_the_context_marker(source: str) -> None:
    tree = ast.parse(source)
    depth, _ = deepest(tree)
    assert nesting_depth(tree) in (depth - 1, depth)


def test_nesting_limit_is_exact_at_the_boundary() -> None:
    # a left-nested sum: depth grows by one per term
    def source(terms: int) -> str:
        return "x = " + " + ".join(["a"] * terms) + "\n"

    sizes = [n for n in range(MAX_NESTING - 5, MAX_NESTING + 5)]
    verdicts = {n: nesting_failure(source(n)) is not None for n in sizes}
    first_refused = min(n for n, refused in verdicts.items() if refused)
    assert all(verdicts[n] for n in sizes if n >= first_refused)
    assert deepest(ast.parse(source(first_refused)))[0] == MAX_NESTING + 1
