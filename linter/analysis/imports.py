"""Import resolution: a light pass of our own over the import statements.

LibCST's ScopeProvider/QualifiedNameProvider cost about six times a parse; the
rules only need "which module does this name come from", which the import
statements answer directly.
"""

from __future__ import annotations

import libcst as cst

from linter.analysis.names import dotted_name


class ImportMap:
    """Maps local names bound by imports to the qualified names they stand for."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}

    def add(self, node: cst.Import | cst.ImportFrom) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted_name(alias.name) or ""
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.aliases[alias.asname.name.value] = full
                else:
                    head = full.split(".")[0]
                    self.aliases.setdefault(head, head)
            return
        module = dotted_name(node.module) if node.module is not None else ""
        prefix = "." * len(node.relative) + (module or "")
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted_name(alias.name) or ""
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.aliases[local] = f"{prefix}.{name}" if prefix else name

    def is_imported(self, name: str) -> bool:
        return name in self.aliases

    def resolve(self, dotted: str) -> str | None:
        """`np.array` -> `numpy.array` when `np` was imported; None when the root is not an import."""
        head, _, rest = dotted.partition(".")
        target = self.aliases.get(head)
        if target is None:
            return None
        return f"{target}.{rest}" if rest else target

    def resolve_expr(self, expr: cst.BaseExpression) -> str | None:
        dotted = dotted_name(expr)
        return self.resolve(dotted) if dotted else None
