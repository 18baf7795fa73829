"""The effective configuration every later stage reads.

The loader (linter.config.loader) merges the built-in rule pack (rules/*.yaml),
any `extends:` chain and the user's file into one `Settings`. Everything after
loading treats it as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ConfigError(Exception):
    """A configuration problem, rendered as one line: `file:line: key: message`."""

    def __init__(self, path: str, line: int | None, key: str, message: str) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        key = f" {self.key}:" if self.key else ""
        return f"{where}:{key} {self.message}"


@dataclass(frozen=True)
class Match:
    """What a catalog entry (or custom rule) matches. Exactly one kind is set.

    - call:    glob over the qualified name a call resolves to through the
               module's imports (`shutil.rmtree`, `os.*`, `requests.delete`).
    - method:  glob over the called name, for calls into code the module does
               not define (`obj.delete_objects(...)`, an imported
               `delete_user(...)`). Optional `receiver` globs constrain the text
               of the object the method is called on (`*indices*`), and
               `not_receiver` globs exclude lookalikes (`*pool*`).
    - command: regex over a shell command run through subprocess/os.system,
               argv joined with single spaces.
    - sql:     regex over SQL text handed to execute()/text()/read_sql().
    - url:     regex over the URL an HTTP call is handed (requests, a session,
               httpx, urlopen/Request), `{}` for what is not literal: for
               RPC-style APIs whose verb is in the path (`/api/files.delete`).
    """

    call: tuple[str, ...] = ()
    method: tuple[str, ...] = ()
    receiver: tuple[str, ...] = ()
    not_receiver: tuple[str, ...] = ()
    command: str | None = None
    sql: str | None = None
    url: str | None = None
    # argument values that must hold, by position or keyword name: {0: "DELETE"} for
    # session.request("DELETE", url), {"method": "DELETE"} for Request(url, method="DELETE")
    args: tuple[tuple[int | str, str], ...] = ()


@dataclass(frozen=True)
class CatalogEntry:
    """One destructive API. Permanent unless the API keeps the data."""

    id: str
    match: Match
    effect: str = "permanent"  # "permanent" | "recoverable"
    confidence: str | None = None  # default: high for call/command/sql, medium for method
    description: str = ""
    # keyword arguments that flip the effect: {"ForceDeleteWithoutRecovery": True}
    permanent_when: tuple[tuple[str, Any], ...] = ()
    recoverable_when: tuple[tuple[str, Any], ...] = ()
    # the call takes a collection of items (delete_objects, terminate_instances)
    bulk: bool = False
    # the call deletes by filter, not by a collection (delete_by_query): never OPS103
    filter_based: bool = False
    # removing a path: exempt when the path was created by tempfile in the same function
    filesystem: bool = False


@dataclass(frozen=True)
class GuardPolicy:
    dry_run_names: tuple[str, ...] = ()
    execute_names: tuple[str, ...] = ()
    bypass_names: tuple[str, ...] = ()  # --yes/--force: skip a prompt, not a dry run
    calls: tuple[str, ...] = ()  # guard functions (qualified-name globs)
    mode_names: tuple[str, ...] = ()
    permanent_values: tuple[str, ...] = ()
    recoverable_values: tuple[str, ...] = ()
    cap_names: tuple[str, ...] = ()  # --max/--limit/--batch-size


@dataclass(frozen=True)
class IdPolicy:
    collection_names: tuple[str, ...] = ()  # globs: ids, *_ids, *Ids ...
    single_names: tuple[str, ...] = ()  # globs: id, *_id, *Id
    sources: tuple[str, ...] = ()  # qualified-name globs of calls that read outside data
    validators: tuple[str, ...] = ()  # qualified-name globs of validating calls
    # globs of IDs that say where a call acts (project_id), not what it deletes
    scope_names: tuple[str, ...] = ()
    # qualified-name globs of calls that hand their arguments' values through (sorted, tqdm, enumerate)
    pass_through: tuple[str, ...] = ()


@dataclass(frozen=True)
class CustomRule:
    id: str
    message: str
    severity: str
    kind: str  # "forbid" | "require-guard"
    match: Match
    name: str = ""


@dataclass
class Settings:
    """The merged, validated configuration."""

    config_path: str | None = None  # the user's file, if any
    root: str = "."  # directory globs are relative to
    select: tuple[str, ...] | None = None  # None: every rule enabled by default
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    unsuppressible: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    catalog: tuple[CatalogEntry, ...] = ()
    permanent_kwargs: tuple[tuple[str, Any], ...] = ()
    housekeeping_files: tuple[str, ...] = ()  # words naming lock/pid files a script removes as it ends
    guards: GuardPolicy = field(default_factory=GuardPolicy)
    ids: IdPolicy = field(default_factory=IdPolicy)
    custom_rules: tuple[CustomRule, ...] = ()
    max_file_seconds: float = 60.0
    cache_dir: str | None = None
    # a stable digest of everything above that affects findings (for the cache)
    digest: str = ""
