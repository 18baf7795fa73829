"""The organisation's own rules, declared in YAML (`custom_rules:`), turned into Rule objects."""

from __future__ import annotations

from typing import Iterable

from linter.analysis.catalog_match import CatalogMatcher
from linter.analysis.model import ModuleAnalysis
from linter.checks.base import Report, Rule
from linter.config.model import CustomRule


class ConfiguredRule(Rule):
    """A `forbid` or `require-guard` rule from the configuration."""

    def __init__(self, spec: CustomRule) -> None:
        self.spec = spec
        self.id = spec.id  # type: ignore[misc]
        self.name = spec.name or spec.id.lower()  # type: ignore[misc]
        self.severity = spec.severity  # type: ignore[misc]
        self.summary = spec.message  # type: ignore[misc]

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        matcher = CatalogMatcher(analysis)
        for site in analysis.calls:
            if not matcher.matches(self.spec.match, site):
                continue
            label = site.callee or "call"
            if self.spec.kind == "forbid":
                yield Report(site.node, f"{label}(...): {self.spec.message}")
            elif not analysis.guards.is_guarded(site.node):
                yield Report(
                    site.node,
                    f"{label}(...) runs with no dry-run check, confirmation or opt-in flag before it: "
                    f"{self.spec.message}",
                )


def configured_rules(specs: Iterable[CustomRule]) -> list[Rule]:
    return [ConfiguredRule(spec) for spec in specs]
