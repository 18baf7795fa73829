"""The finding: what every stage after the rules passes along."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
CONFIDENCES = ("low", "medium", "high")
CONFIDENCE_RANK = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Field order is the sort order of reports."""

    path: str
    line: int
    column: int
    rule: str
    end_line: int = 0
    end_column: int = 0
    name: str = ""
    severity: str = "error"
    message: str = ""
    confidence: str = "high"
    # What the baseline fingerprints: the normalised code of the finding's
    # statement and the name of its enclosing function (never the line number).
    snippet: str = field(default="", compare=False)
    scope: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "confidence": self.confidence,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
        }
