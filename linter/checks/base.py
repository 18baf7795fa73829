"""What a rule is: metadata, documentation and a `check` over the module model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Iterable, Iterator

import libcst as cst

from linter.analysis.model import ModuleAnalysis


@dataclass(frozen=True)
class Report:
    """A rule's raw finding: a node and a message; positions are resolved later, once per file."""

    node: cst.CSTNode
    message: str
    confidence: str = "high"


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement `check`.

    Documentation follows ruff's sections: `summary` (one line), `rationale`
    (what it does and why it is dangerous), `bad` (an example it flags), `good`
    (the fix it accepts) and optionally `options` (the config keys it reads).
    The `bad` and `good` examples are tests too: tests/checks/test_rule_docs.py
    runs every rule on them.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    summary: ClassVar[str]
    rationale: ClassVar[str] = ""
    bad: ClassVar[str] = ""
    good: ClassVar[str] = ""
    options: ClassVar[str] = ""
    # reported by the engine itself (parse errors, suppressions), not by check()
    engine: ClassVar[bool] = False

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        return ()

    @classmethod
    def explain(cls) -> str:
        parts = [f"# {cls.id} {cls.name} ({cls.severity})", "", cls.summary.strip()]
        if cls.rationale:
            rationale = cls.rationale.strip()
            # a rationale written in ruff's sections ("## What it does", ...) brings its own headings
            heading = [] if rationale.startswith("## ") else ["", "## Why this matters"]
            parts += [*heading, "", rationale]
        if cls.bad:
            parts += ["", "## Example", "", "```python", cls.bad.strip("\n"), "```"]
        if cls.good:
            parts += ["", "## Use instead", "", "```python", cls.good.strip("\n"), "```"]
        if cls.options:
            parts += ["", "## Options", "", cls.options.strip()]
        return "\n".join(parts) + "\n"


def iter_reports(rule: Rule, analysis: ModuleAnalysis) -> Iterator[Report]:
    yield from rule.check(analysis)
