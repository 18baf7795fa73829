"""Which rules run on which file: select, ignore and per-file ignores."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from linter.config.model import Settings

if TYPE_CHECKING:  # imported where a pattern is compiled: most runs have none (start-up cost)
    import pathspec


def _selected(rule_id: str, patterns: Iterable[str]) -> bool:
    return any(rule_id == p or (rule_id.startswith(p)) for p in patterns)


def rule_enabled(rule_id: str, settings: Settings) -> bool:
    if settings.select is not None and not _selected(rule_id, settings.select):
        return False
    return not _selected(rule_id, settings.ignore)


@lru_cache(maxsize=64)
def _spec(patterns: tuple[str, ...]) -> pathspec.PathSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def ignored_for_path(display_path: str, settings: Settings) -> set[str]:
    """Rule IDs (or prefixes) `per_file_ignores` turns off for this path."""
    ignored: set[str] = set()
    path = display_path.lstrip("./") if display_path.startswith("./") else display_path
    for pattern, rules in settings.per_file_ignores.items():
        if _spec((pattern,)).match_file(path):
            ignored.update(rules)
    return ignored


def enabled_for_path(rule_id: str, settings: Settings, path_ignores: set[str]) -> bool:
    return rule_enabled(rule_id, settings) and not _selected(rule_id, path_ignores)
