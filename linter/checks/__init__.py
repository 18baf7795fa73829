"""Stage 4: the rules. Each `opsNNN_*.py` module here defines one Rule subclass.

The registry finds them by module name, so adding a rule means adding one file
(and its test); nothing else is edited.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linter.checks.base import Report, Rule


def __getattr__(name: str) -> Any:
    # Report and Rule import LibCST: load them only when asked for
    if name in ("Report", "Rule"):
        from linter.checks import base

        return getattr(base, name)
    raise AttributeError(name)


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[type[Rule], ...]:
    from linter.checks.base import Rule

    found: list[type[Rule]] = []
    for module_info in pkgutil.iter_modules(__path__):
        if not module_info.name.startswith("ops"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule and getattr(value, "id", None):
                if value.__module__ == module.__name__:
                    found.append(value)
    return tuple(sorted(found, key=lambda r: r.id))


def rules_by_id() -> dict[str, type[Rule]]:
    return {rule.id: rule for rule in builtin_rules()}


def known_rule_names() -> dict[str, str]:
    return {rule_id: meta[0] for rule_id, meta in rule_metadata().items()}


# A rule class's plain attributes, as its module spells them: `    id = "OPS101"`.
_ATTRIBUTE = re.compile(r'^    (id|name|severity) = "([^"\\]*)"\s*$', re.MULTILINE)


@lru_cache(maxsize=1)
def rule_metadata() -> dict[str, tuple[str, str]]:
    """Rule ID -> (name, default severity), read from the rule modules' source.

    Reading the class attributes from the text instead of importing the
    modules keeps LibCST (which every rule module imports) out of runs that
    never parse a file with it: loading the config and reporting OPS001 need
    only these names. (A regex, not `ast`: parsing twelve modules was a
    twentieth of a warm rescan.) A module whose attributes are not spelled as
    one plain string each is imported instead.
    """
    from pathlib import Path

    found: dict[str, tuple[str, str]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if not module_info.name.startswith("ops"):
            continue
        try:
            text = (Path(__path__[0]) / f"{module_info.name}.py").read_text(encoding="utf-8")
        except (OSError, ValueError):
            return _imported_metadata()
        values = dict(_ATTRIBUTE.findall(text))
        if len(_ATTRIBUTE.findall(text)) != 3 or len(values) != 3:
            return _imported_metadata()
        found[values["id"]] = (values["name"], values["severity"])
    return dict(sorted(found.items()))


def _imported_metadata() -> dict[str, tuple[str, str]]:
    return {rule.id: (rule.name, rule.severity) for rule in builtin_rules()}


__all__ = ["Report", "Rule", "builtin_rules", "known_rule_names", "rule_metadata", "rules_by_id"]
