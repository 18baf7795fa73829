"""Stage 3: build one shared model per module, read by every rule."""

from __future__ import annotations

import libcst as cst

from linter.analysis.callgraph import build_call_graph
from linter.analysis.catalog_match import CatalogMatcher
from linter.analysis.cli_options import collect_cli_options
from linter.analysis.indexer import ModuleIndexer
from linter.analysis.walk import walk
from linter.analysis.model import (
    MODULE_SCOPE,
    CallSite,
    ClassInfo,
    CliOption,
    DestructiveCall,
    FunctionInfo,
    ModuleAnalysis,
)
from linter.config.model import Settings


def build(path: str, module: cst.Module, settings: Settings, source: str | None = None) -> ModuleAnalysis:
    """`source`: the text `module` was parsed from, when the caller has it (positions are cheaper)."""
    indexer = ModuleIndexer()
    walk(module, indexer, indexer.parents)  # LibCST's own visit rebuilds every node: three times the cost
    for site in indexer.calls:
        site.statement = indexer.enclosing_statement(site.node)
        if site.callee is not None:
            site.qualname = indexer.imports.resolve(site.callee)
    analysis = ModuleAnalysis(
        path=path,
        module=module,
        settings=settings,
        imports=indexer.imports,
        functions=indexer.functions,
        classes=indexer.classes,
        calls=indexer.calls,
        parents=indexer.parents,
        module_assignments=indexer.module_assignments,
        main_guard=indexer.main_guard,
        membership_tests=indexer.membership_tests,
        environ_subscripts=indexer.environ_subscripts,
        source=source,
    )
    build_call_graph(analysis)
    analysis.destructive = CatalogMatcher(analysis).match_all()
    analysis.cli_options = collect_cli_options(analysis)
    return analysis


__all__ = [
    "MODULE_SCOPE",
    "CallSite",
    "ClassInfo",
    "CliOption",
    "DestructiveCall",
    "FunctionInfo",
    "ModuleAnalysis",
    "build",
]
