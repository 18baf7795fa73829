"""Stage 4: the rules. Each `opsNNN_*.py` module here defines one Rule subclass.

The registry finds them by module name, so adding a rule means adding one file
(and its test); nothing else is edited.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from linter.checks.base import Report, Rule


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[type[Rule], ...]:
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
    return {rule.id: rule.name for rule in builtin_rules()}


__all__ = ["Report", "Rule", "builtin_rules", "known_rule_names", "rules_by_id"]
