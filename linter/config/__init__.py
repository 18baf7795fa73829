"""Configuration: the built-in rule pack plus the user's .opslint.yaml.

The public API is re-exported here; see docs/configuration.md.
"""

from .loader import (
    CONFIG_NAMES,
    STARTER_CONFIG,
    builtin_pack_dir,
    find_config,
    load_schema,
    load_settings,
    settings_digest,
    starter_config,
)
from .model import (
    CatalogEntry,
    ConfigError,
    CustomRule,
    GuardPolicy,
    IdPolicy,
    Match,
    Settings,
)

__all__ = [
    "CONFIG_NAMES",
    "STARTER_CONFIG",
    "CatalogEntry",
    "ConfigError",
    "CustomRule",
    "GuardPolicy",
    "IdPolicy",
    "Match",
    "Settings",
    "builtin_pack_dir",
    "find_config",
    "load_schema",
    "load_settings",
    "settings_digest",
    "starter_config",
]
