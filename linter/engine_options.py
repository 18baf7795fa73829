"""Options of the per-file engine, kept apart from linter.engine so that reading them never imports LibCST."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class EngineOptions:
    report_unused_ignores: bool = False
    today: dt.date | None = None
