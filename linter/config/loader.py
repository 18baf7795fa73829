"""Load, merge and validate opslint configuration.

Layers, earliest first:

1. every ``*.yaml`` file of the built-in rule pack (sorted by name), each
   preceded by its own ``extends:`` chain;
2. the files the user's configuration ``extends:`` (depth first, in list
   order);
3. the user's configuration file itself.

Each file is parsed, checked against ``schema.json`` and a few semantic rules
(globs compile, regexes compile, custom rule IDs), then the layers are merged
and converted into the frozen dataclasses of :mod:`linter.config.model`.

Every problem becomes exactly one :class:`ConfigError` naming the file, the
line and the key. Nothing else escapes :func:`load_settings`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import yaml

if TYPE_CHECKING:  # jsonschema is imported only when a user's file is validated (start-up cost)
    import jsonschema

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
    "builtin_pack_dir",
    "find_config",
    "load_schema",
    "load_settings",
    "settings_digest",
    "starter_config",
]

#: File names looked for by :func:`find_config`, in order of preference.
CONFIG_NAMES = (".opslint.yaml", "opslint.yaml")

_HERE = Path(__file__).resolve().parent
_SCHEMA_FILE = _HERE / "schema.json"
_STARTER_FILE = _HERE / "starter.yaml"

# Where command-line overrides are reported from.
_CLI = "command line"

# Past this many YAML nodes (aliases count every time they are used) a file is
# rejected rather than expanded: protects against "billion laughs" documents.
_MAX_NODES = 200_000

_MATCH_KINDS = ("call", "method", "command", "sql", "url")
_MATCH_KEYS = ("call", "method", "receiver", "not_receiver", "command", "sql", "url", "args")
_GUARD_KEYS = (
    "dry_run_names",
    "execute_names",
    "bypass_names",
    "calls",
    "mode_names",
    "permanent_values",
    "recoverable_values",
    "cap_names",
)
# YAML key under `ids:` -> IdPolicy field
_ID_KEYS = {
    "names": "collection_names",
    "single_names": "single_names",
    "sources": "sources",
    "validators": "validators",
    "scope_names": "scope_names",
    "pass_through": "pass_through",
}
_PATTERN_HINTS = {
    "^[A-Z]+[0-9]+$": "must be capital letters followed by digits, like ACME001",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "must be kebab-case, like no-direct-purge",
    "^([0-9]+|[A-Za-z_][A-Za-z0-9_]*)$": "is not an argument position (0, 1, 2, ...) or keyword name",
}
# Settings fields that do not change findings, left out of the digest.
_NOT_IN_DIGEST = frozenset({"config_path", "root", "cache_dir", "digest"})


# --------------------------------------------------------------------------
# locating files


def builtin_pack_dir() -> Path:
    """The directory of the built-in rule pack (``rules/`` in a checkout).

    In an installed wheel it is the ``linter._rules`` package; in an editable
    install or a source checkout it is the top-level ``rules/`` directory.
    Plain directories are looked at first: importlib.resources costs a few
    milliseconds of every start.
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_rules", package.parent / "rules"):
        if (candidate / "catalog.yaml").is_file():
            return candidate
    try:
        import importlib.resources

        res = importlib.resources.files("linter._rules")
        if isinstance(res, Path) and res.is_dir():
            return res
        # A namespace package (no __init__.py) gives a MultiplexedPath.
        import importlib.util

        spec = importlib.util.find_spec("linter._rules")
        for loc in (spec.submodule_search_locations or []) if spec else []:
            if Path(loc).is_dir():
                return Path(loc)
    except Exception:  # not importable: fall back to the source layout
        pass
    import linter

    return Path(linter.__file__).resolve().parent.parent / "rules"


def find_config(start: Path) -> Path | None:
    """Find ``.opslint.yaml`` (preferred) or ``opslint.yaml``.

    Looks in ``start`` (a directory, or a file's directory) and then each
    parent, stopping after the repository root (the first directory that
    contains ``.git``) or the filesystem root. Returns an absolute path or
    None.
    """
    try:
        here = Path(start).resolve()
        if not here.is_dir():
            here = here.parent
    except (OSError, RuntimeError):
        return None
    while True:
        for name in CONFIG_NAMES:
            candidate = here / name
            try:
                if candidate.is_file():
                    return candidate
            except OSError:
                pass
        try:
            at_repo_root = (here / ".git").exists()
        except OSError:
            at_repo_root = False
        if at_repo_root or here.parent == here:
            return None
        here = here.parent


def starter_config() -> str:
    """The commented starter configuration that ``opslint init`` writes."""
    return _STARTER_FILE.read_text(encoding="utf-8")


STARTER_CONFIG: str = starter_config()


@functools.lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a configuration file."""
    with open(_SCHEMA_FILE, encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(load_schema())


# --------------------------------------------------------------------------
# YAML parsing with line numbers


class _Loader(yaml.SafeLoader):
    """SafeLoader with two changes.

    * Only ``true``/``false`` are booleans (YAML 1.2), so names such as
      ``yes``, ``no``, ``on`` and ``off`` in a list stay strings.
    * Mapping keys are kept as the exact text written (``0`` stays ``"0"``),
      so every key is a string and maps back to its line.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:  # type: ignore[override]
        self.flatten_mapping(node)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "mapping keys must be plain strings", key_node.start_mark
                )
            mapping[key_node.value] = self.construct_object(value_node, deep=deep)
        return mapping


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules on libyaml's parser: ten times faster on the built-in catalog.

    Used for the shipped pack only; users' files get the pure-Python parser,
    whose error messages name the offending character.
    """

    construct_mapping = _Loader.construct_mapping


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

@dataclass
class _Layer:
    path: Path
    display: str  # how the file is named in errors
    data: dict[str, Any]
    lines: dict[tuple, int]

    def line(self, path: Iterable[Any]) -> int | None:
        """Line of the deepest known node on ``path``."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), None)

    def error(self, path: Iterable[Any], message: str, key: str | None = None) -> ConfigError:
        p = tuple(path)
        return ConfigError(
            self.display, self.line(p), _render_key(p, self.data) if key is None else key, message
        )


def _render_key(path: tuple, data: Any) -> str:
    """`catalog[0].method`; a trailing list index of a scalar item is dropped
    (the message names the value)."""
    p = list(path)
    if p and isinstance(p[-1], int) and not isinstance(_get(data, path), (dict, list)):
        p.pop()
    out = ""
    for part in p:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _get(data: Any, path: Iterable[Any]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _walk(node: yaml.Node, path: tuple, layer_lines: dict, display: str, state: dict) -> None:
    """Record the line of every key and list item; reject duplicate keys and
    recursive aliases."""
    state["count"] += 1
    if state["count"] > _MAX_NODES:
        raise ConfigError(display, node.start_mark.line + 1, "", "document too large (too many nodes or aliases)")
    if id(node) in state["stack"]:
        raise ConfigError(
            display, node.start_mark.line + 1, _render_key(path, None), "recursive YAML alias"
        )
    state["stack"].add(id(node))
    try:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue  # rejected when constructing
                key = key_node.value
                child = path + (key,)
                if key in seen and key != "<<":
                    raise ConfigError(
                        display, key_node.start_mark.line + 1, _render_key(child, None), "duplicate key"
                    )
                seen.add(key)
                layer_lines[child] = key_node.start_mark.line + 1
                _walk(value_node, child, layer_lines, display, state)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                child = path + (i,)
                layer_lines[child] = item.start_mark.line + 1
                _walk(item, child, layer_lines, display, state)
    finally:
        state["stack"].discard(id(node))


def _parse(path: Path, display: str, trusted: bool = False) -> _Layer:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(display, None, "", f"cannot read file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(display, line, "", "file is not valid UTF-8 text") from None

    lines: dict[tuple, int] = {}
    loader: _Loader | _FastLoader | None = None
    try:
        loader = _FastLoader(text) if trusted else _Loader(text)
        node = loader.get_single_node()
        if node is None:  # empty, or only comments: almost always a mistake (a failed write, a stray touch)
            raise ConfigError(
                display, 1, "", "the file is empty: add settings (`opslint init` writes a commented starter) or delete it"
            )
        _walk(node, (), lines, display, {"count": 0, "stack": set()})
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        if exc.context and exc.problem:
            if exc.context.startswith("while"):
                problem = f"{exc.problem} ({exc.context})"
            else:
                problem = f"{exc.context}, {exc.problem}"
        raise ConfigError(
            display, mark.line + 1 if mark else None, "", f"invalid YAML: {problem}"
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text[: max(exc.position, 0)].count("\n") + 1
        raise ConfigError(display, line, "", f"invalid YAML: {exc.reason}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(display, None, "", f"invalid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            display, 1, "", f"the configuration must be a mapping of keys, not {_describe_value(data)}"
        )
    return _Layer(path, display, data, lines)


# --------------------------------------------------------------------------
# schema errors -> one helpful message


def _resolve(schema: Any) -> Any:
    while isinstance(schema, dict) and "$ref" in schema and len(schema) <= 2:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            break
        node: Any = load_schema()
        for part in ref[2:].split("/"):
            node = node[part]
        schema = node
    return schema


def _describe_schema(schema: Any, plural: bool = False) -> str:
    schema = _resolve(schema)
    if not isinstance(schema, dict):
        return "a value"
    for combo in ("anyOf", "oneOf"):
        if combo in schema:
            parts = [_describe_schema(s, plural) for s in schema[combo]]
            return _join_or(list(dict.fromkeys(parts)))
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    types = schema.get("type")
    if types is None and "$ref" in schema:
        return _describe_schema({"$ref": schema["$ref"]}, plural)
    if isinstance(types, list):
        return _join_or([_describe_schema({"type": t}, plural) for t in types])
    if types == "array":
        inner = _describe_schema(schema.get("items", {}), plural=True)
        return ("lists of " if plural else "a list of ") + inner
    names = {
        "string": ("a string", "strings"),
        "number": ("a number", "numbers"),
        "integer": ("an integer", "integers"),
        "boolean": ("a boolean", "booleans"),
        "object": ("a mapping", "mappings"),
        "null": ("null", "nulls"),
    }
    if types in names:
        return names[types][1 if plural else 0]
    return "values" if plural else "a value"


def _join_or(parts: list[str]) -> str:
    if len(parts) <= 2:
        return " or ".join(parts)
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def _describe_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} ({value})"


def _json_type_ok(schema: Any, value: Any) -> bool:
    schema = _resolve(schema)
    if not isinstance(schema, dict):
        return True
    types = schema.get("type")
    if types is None:
        return True
    types = types if isinstance(types, list) else [types]
    checker = _validator().TYPE_CHECKER
    return any(checker.is_type(value, t) for t in types)


def _did_you_mean(word: str, choices: Iterable[str], quote: bool = True) -> str:
    import difflib  # only when there is a mistake to explain

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    return f" (did you mean {close[0]!r}?)" if quote else f" (did you mean {close[0]}?)"


def _explain(err: jsonschema.ValidationError) -> list[tuple[tuple, str]]:
    """Turn one jsonschema error into (key path, message) candidates."""
    path = tuple(err.absolute_path)
    kind = err.validator
    inst = err.instance
    value = err.validator_value
    schema = err.schema if isinstance(err.schema, dict) else {}

    if "propertyNames" in err.relative_schema_path:
        # the instance is a key of the mapping at `path`
        hint = _PATTERN_HINTS.get(schema.get("pattern", ""), "is not a valid key")
        if kind == "minLength":
            hint = "empty keys are not allowed"
            return [(path, hint)]
        return [(path + (inst,), f"{inst!r} {hint}")]
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        return [
            (path + (k,), "unknown key" + _did_you_mean(k, allowed))
            for k in inst
            if k not in schema.get("properties", {})
        ]
    if kind == "oneOf" and all(
        isinstance(b, dict) and set(b) == {"required"} for b in value
    ):
        if not isinstance(inst, dict):
            return []  # the type error is reported instead
        kinds = [b["required"][0] for b in value]
        present = [k for k in kinds if k in inst]
        options = ", ".join(kinds)
        if not present:
            return [(path, f"needs exactly one of {options}")]
        return [
            (
                path + (present[1],),
                f"has both {present[0]!r} and {present[1]!r}; use exactly one of {options}",
            )
        ]
    if kind in ("anyOf", "oneOf"):
        for idx, branch in enumerate(value):
            if _json_type_ok(branch, inst):
                sub = [e for e in (err.context or []) if e.relative_schema_path and e.relative_schema_path[0] == idx]
                out: list[tuple[tuple, str]] = []
                for e in sub:
                    out.extend(_explain(e))
                if out:
                    return out
        return [(path, f"expected {_describe_schema(schema)}, got {_describe_value(inst)}")]
    if kind == "dependentRequired":
        out = []
        for key, deps in value.items():
            missing = [d for d in deps if d not in inst]
            if key in inst and missing:
                needs = " and ".join(repr(d) for d in missing)
                out.append((path + (key,), f"only allowed together with {needs}"))
        return out
    if kind == "type":
        return [(path, f"expected {_describe_schema(schema)}, got {_describe_value(inst)}")]
    if kind == "enum":
        options = ", ".join(str(v) for v in value)
        msg = f"{inst!r} is not allowed; expected one of: {options}"
        if isinstance(inst, str):
            msg += _did_you_mean(inst, [str(v) for v in value])
        return [(path, msg)]
    if kind == "required":
        return [(path, f"missing required key {k!r}") for k in value if k not in inst]
    if kind == "pattern":
        hint = _PATTERN_HINTS.get(value, f"must match the pattern {value}")
        return [(path, f"{inst!r} {hint}")]
    if kind == "minLength":
        return [(path, "must not be empty")]
    if kind == "exclusiveMinimum":
        return [(path, f"must be greater than {value}, got {inst}")]
    return [(path, err.message)]


def _check_schema(layer: _Layer) -> None:
    errors = list(_validator().iter_errors(layer.data))
    if not errors:
        return
    candidates: list[tuple[tuple, str]] = []
    for err in errors:
        candidates.extend(_explain(err))
    if not candidates:  # pragma: no cover - every validator yields a message
        candidates = [(tuple(errors[0].absolute_path), errors[0].message)]
    path, message = min(
        candidates, key=lambda c: (layer.line(c[0]) or 0, repr(c[0]), c[1])
    )
    raise layer.error(path, message)


# --------------------------------------------------------------------------
# semantic checks of one layer (after the schema passed)


def _compile_glob(pattern: str) -> str | None:
    """None if pathspec accepts the gitignore-style pattern, else why not."""
    import pathspec  # here, not at the top: only a config with globs pays for the import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                pathspec.PathSpec.from_lines("gitignore", [pattern])
            except (KeyError, LookupError):  # older pathspec: no "gitignore" factory
                pathspec.PathSpec.from_lines("gitwildmatch", [pattern])
    except Exception as exc:  # pathspec raises ValueError subclasses
        return str(exc) or type(exc).__name__
    return None


def _compile_regex(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        return f"{exc.msg}{where}"
    except (RecursionError, OverflowError, ValueError) as exc:
        return str(exc)
    return None


def _check_layer(layer: _Layer) -> None:
    data = layer.data
    for key in ("include", "exclude"):
        for i, pattern in enumerate(data.get(key, ())):
            why = _compile_glob(pattern)
            if why:
                raise layer.error((key, i), f"invalid glob {pattern!r}: {why}")
    for pattern in data.get("per_file_ignores", {}):
        why = _compile_glob(pattern)
        if why:
            raise layer.error(("per_file_ignores", pattern), f"invalid glob {pattern!r}: {why}", key="per_file_ignores")

    seen_ids: dict[str, int] = {}
    for i, entry in enumerate(data.get("catalog", ())):
        entry_id = entry["id"]
        if entry_id in seen_ids:
            raise layer.error(
                ("catalog", i, "id"),
                f"duplicate catalog id {entry_id!r} (first defined at line {layer.line(('catalog', seen_ids[entry_id]))})",
            )
        seen_ids[entry_id] = i
        if entry.get("disabled") is True:
            extra = sorted(set(entry) - {"id", "disabled", "description"})
            if extra:
                raise layer.error(
                    ("catalog", i, extra[0]),
                    "a disabled entry takes only 'id' (and 'disabled'); remove it or drop 'disabled'",
                )
        _check_regexes(layer, ("catalog", i), entry)

    for i, rule in enumerate(data.get("custom_rules", ())):
        rule_id = rule["id"]
        if rule_id.startswith("OPS"):
            raise layer.error(
                ("custom_rules", i, "id"),
                f"{rule_id!r}: the OPS prefix is reserved for built-in rules; use your own prefix",
            )
        _check_regexes(layer, ("custom_rules", i, "match"), rule["match"])


def _check_regexes(layer: _Layer, path: tuple, match: Mapping[str, Any]) -> None:
    for key in ("command", "sql", "url"):
        if key in match:
            why = _compile_regex(match[key])
            if why:
                raise layer.error(path + (key,), f"invalid regular expression {match[key]!r}: {why}")


# --------------------------------------------------------------------------
# loading a file with its extends chain


def _load_chain(
    path: Path,
    display: str,
    stack: list[tuple[str, str]],
    done: set[str],
    layers: list[_Layer],
    trusted: bool = False,
) -> None:
    key = os.path.realpath(path)
    if key in done:
        return  # already loaded through another extends (diamond)
    layer = _parse(path, display, trusted)
    if not trusted:  # the built-in pack is validated by the test suite, not on every run
        _check_schema(layer)
        _check_layer(layer)

    targets = layer.data.get("extends", [])
    single = isinstance(targets, str)
    for i, target in enumerate([targets] if single else targets):
        where: tuple = ("extends",) if single else ("extends", i)
        target_path = path.parent / target
        target_display = target if os.path.isabs(target) else os.path.normpath(
            os.path.join(os.path.dirname(display), target)
        )
        if not target_path.exists():
            raise layer.error(where, f"cannot extend {target!r}: {target_display} does not exist", key="extends")
        target_key = os.path.realpath(target_path)
        chain_keys = [k for k, _ in stack]
        if target_key in chain_keys:
            names = [d for _, d in stack[chain_keys.index(target_key):]] + [target_display]
            raise layer.error(where, "extends cycle: " + " -> ".join(names), key="extends")
        _load_chain(target_path, target_display, stack + [(target_key, target_display)], done, layers)

    done.add(key)
    layers.append(layer)


# --------------------------------------------------------------------------
# rule references


def _is_category_prefix(value: str, rule_id: str) -> bool:
    letters = rule_id.rstrip("0123456789")
    return rule_id.startswith(value) and len(value) <= len(letters) + 1


def _rule_problem(value: str, known: Mapping[str, str]) -> str | None:
    """None if `value` is a known rule ID or a category prefix of one, else a message.

    Prefixes stop at category boundaries (`OPS`, `OPS1`), so a truncated ID such
    as `OPS10` is a typo to report, not a selector that quietly means OPS10x.
    """
    if value in known or any(_is_category_prefix(value, rule_id) for rule_id in known):
        return None
    msg = f"unknown rule {value!r}"
    by_name = {name: rule_id for rule_id, name in known.items() if name}
    if value in by_name:
        return msg + f" (rule names are not accepted here; use its ID {by_name[value]})"
    upper = value.upper()
    if upper != value and (upper in known or any(r.startswith(upper) for r in known)):
        return msg + f" (rule IDs are upper case: did you mean {upper}?)"
    import difflib  # only when there is a mistake to explain

    close = difflib.get_close_matches(upper, sorted(known), n=5, cutoff=0.6)
    if close:
        # prefer the candidate sharing the longest prefix: OPS19 -> OPS101, not OPS201
        best = min(
            close,
            key=lambda c: (
                -len(os.path.commonprefix([c, upper])),
                -difflib.SequenceMatcher(None, upper, c).ratio(),
                c,
            ),
        )
        msg += f" (did you mean {best}?)"
    return msg


def _rule_refs(data: Mapping[str, Any]) -> Iterable[tuple[tuple, str, str]]:
    """(key path, key shown, rule ID or prefix) for every rule reference."""
    for key in ("select", "ignore", "unsuppressible"):
        for i, value in enumerate(data.get(key, ())):
            yield (key, i), key, value
    for rule_id in data.get("severity", {}):
        yield ("severity", rule_id), "severity", rule_id
    for glob, values in data.get("per_file_ignores", {}).items():
        for i, value in enumerate(values):
            yield ("per_file_ignores", glob, i), "per_file_ignores", value


# --------------------------------------------------------------------------
# merging and conversion


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _extend(base: list[str], more: Iterable[str]) -> None:
    for item in more:
        if item not in base:
            base.append(item)


def _to_match(raw: Mapping[str, Any]) -> Match:
    return Match(
        call=_as_tuple(raw.get("call")),
        method=_as_tuple(raw.get("method")),
        receiver=_as_tuple(raw.get("receiver")),
        not_receiver=_as_tuple(raw.get("not_receiver")),
        command=raw.get("command"),
        sql=raw.get("sql"),
        url=raw.get("url"),
        args=_to_args(raw.get("args", {})),
    )


def _to_args(raw: Mapping[Any, str]) -> tuple[tuple[int | str, str], ...]:
    """{0: DELETE} (a position) or {method: DELETE} (a keyword name)."""
    keyed = [(int(k) if str(k).isdigit() else str(k), v) for k, v in raw.items()]
    return tuple(sorted(keyed, key=lambda item: (isinstance(item[0], str), str(item[0]).zfill(8))))


def _to_entry(raw: Mapping[str, Any]) -> CatalogEntry:
    match = _to_match(raw)
    confidence = raw.get("confidence") or ("medium" if match.method else "high")
    return CatalogEntry(
        id=raw["id"],
        match=match,
        effect=raw.get("effect", "permanent"),
        confidence=confidence,
        description=raw.get("description", ""),
        permanent_when=tuple(raw.get("permanent_when", {}).items()),
        recoverable_when=tuple(raw.get("recoverable_when", {}).items()),
        bulk=raw.get("bulk", False),
        filter_based=raw.get("filter_based", False),
        filesystem=raw.get("filesystem", False),
    )


def _to_custom_rule(raw: Mapping[str, Any]) -> CustomRule:
    return CustomRule(
        id=raw["id"],
        message=raw["message"],
        severity=raw.get("severity", "warning"),
        kind=raw.get("kind", "forbid"),
        match=_to_match(raw["match"]),
        name=raw.get("name", ""),
    )


def _merge(layers: Sequence[_Layer], known_rules: Mapping[str, str]) -> tuple[Settings, dict[str, str]]:
    # custom rules first: their IDs are valid in every layer's select/ignore/...
    custom: list[dict[str, Any]] = []
    custom_where: dict[str, str] = {}
    for layer in layers:
        for i, rule in enumerate(layer.data.get("custom_rules", ())):
            rule_id = rule["id"]
            if rule_id in known_rules:
                raise layer.error(("custom_rules", i, "id"), f"{rule_id!r} is already a built-in rule ID")
            if rule_id in custom_where:
                raise layer.error(
                    ("custom_rules", i, "id"),
                    f"duplicate custom rule ID {rule_id!r} (already defined in {custom_where[rule_id]})",
                )
            custom_where[rule_id] = f"{layer.display}:{layer.line(('custom_rules', i))}"
            custom.append(rule)
    known = dict(known_rules)
    known.update({r["id"]: r.get("name", "") for r in custom})

    select: list[str] | None = None
    ignore: list[str] = []
    severity: dict[str, str] = {}
    unsuppressible: list[str] = []
    include: list[str] = []
    exclude: list[str] = []
    per_file: dict[str, tuple[str, ...]] = {}
    catalog: dict[str, dict[str, Any]] = {}
    permanent_kwargs: dict[str, Any] = {}
    housekeeping: list[str] = []
    guards: dict[str, list[str]] = {k: [] for k in _GUARD_KEYS}
    ids: dict[str, list[str]] = {k: [] for k in _ID_KEYS}
    max_file_seconds = 60.0
    cache_dir: str | None = None

    for layer in layers:
        data = layer.data
        for path, shown, value in _rule_refs(data):
            problem = _rule_problem(value, known)
            if problem:
                raise layer.error(path, problem, key=shown)
        if "select" in data:
            select = list(data["select"])
        if "ignore" in data:
            ignore = list(data["ignore"])
        severity.update(data.get("severity", {}))
        _extend(unsuppressible, data.get("unsuppressible", ()))
        if "include" in data:
            include = list(data["include"])
        if "exclude" in data:
            exclude = list(data["exclude"])
        for glob, values in data.get("per_file_ignores", {}).items():
            per_file[glob] = tuple(values)
        if "max_file_seconds" in data:
            max_file_seconds = float(data["max_file_seconds"])
        if "cache_dir" in data:
            cache_dir = data["cache_dir"]
        permanent_kwargs.update(data.get("permanent_kwargs", {}))
        _extend(housekeeping, data.get("housekeeping_files", ()))
        for key in _GUARD_KEYS:
            _extend(guards[key], data.get("guards", {}).get(key, ()))
        for key in _ID_KEYS:
            _extend(ids[key], data.get("ids", {}).get(key, ()))
        for i, entry in enumerate(data.get("catalog", ())):
            if entry.get("disabled") is True:
                if entry["id"] not in catalog:
                    raise layer.error(
                        ("catalog", i, "id"),
                        f"cannot disable {entry['id']!r}: no earlier layer defines it"
                        + _did_you_mean(entry["id"], catalog),
                    )
                del catalog[entry["id"]]
            else:
                catalog[entry["id"]] = entry  # replaces in place, or appends

    settings = Settings(
        select=None if select is None else tuple(select),
        ignore=tuple(ignore),
        severity=_expand_severity(severity, known),
        unsuppressible=_expand_ids(unsuppressible, known),
        include=tuple(include),
        exclude=tuple(exclude),
        per_file_ignores=per_file,
        catalog=tuple(_to_entry(e) for e in catalog.values()),
        permanent_kwargs=tuple(permanent_kwargs.items()),
        housekeeping_files=tuple(housekeeping),
        guards=GuardPolicy(**{k: tuple(v) for k, v in guards.items()}),
        ids=IdPolicy(**{field: tuple(ids[key]) for key, field in _ID_KEYS.items()}),
        custom_rules=tuple(_to_custom_rule(r) for r in custom),
        max_file_seconds=max_file_seconds,
        cache_dir=cache_dir,
    )
    return settings, known


def _expand_severity(severity: Mapping[str, str], known: Mapping[str, str]) -> dict[str, str]:
    """Prefix keys (`OPS1: info`) become one key per rule ID they cover, so
    consumers can look a rule up by its exact ID. The most specific key wins:
    `{OPS1: info, OPS101: error}` gives OPS101 error and other OPS1xx info."""
    out: dict[str, str] = {}
    for key in sorted(severity, key=len):
        for rule_id in sorted(known):
            if rule_id.startswith(key):
                out[rule_id] = severity[key]
    return dict(sorted(out.items()))


def _expand_ids(patterns: Iterable[str], known: Mapping[str, str]) -> tuple[str, ...]:
    """Rule IDs and prefixes -> the rule IDs they cover, in first-mention order."""
    out: list[str] = []
    for pattern in patterns:
        _extend(out, [rule_id for rule_id in sorted(known) if rule_id.startswith(pattern)])
    return tuple(out)


def _apply_overrides(
    settings: Settings,
    known: Mapping[str, str],
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
) -> None:
    for flag, values in (("--select", select), ("--ignore", ignore)):
        if isinstance(values, str):
            raise ConfigError(_CLI, None, flag, "expected a sequence of rule IDs, got a string")
        for value in values or ():
            if not isinstance(value, str) or not value:
                raise ConfigError(_CLI, None, flag, f"invalid rule ID {value!r}")
            problem = _rule_problem(value, known)
            if problem:
                raise ConfigError(_CLI, None, flag, problem)
    if select:
        settings.select = tuple(dict.fromkeys(select))
    if ignore:
        merged = list(settings.ignore)
        _extend(merged, ignore)
        settings.ignore = tuple(merged)


def settings_digest(settings: Settings) -> str:
    """sha256 of everything in `settings` that can change findings."""
    from linter import __version__

    payload = {k: v for k, v in vars(settings).items() if k not in _NOT_IN_DIGEST}
    payload["opslint_version"] = __version__
    # nested dataclasses serialise through `default` (vars): asdict's deep copy cost more than the rest of loading
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {name: getattr(value, name) for name in value.__dataclass_fields__}
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    return repr(value)


# --------------------------------------------------------------------------
# public entry point


def load_settings(
    config_path: Path | str | None,
    known_rules: Mapping[str, str],
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    pack_dir: Path | None = None,
) -> Settings:
    """Load the built-in pack, then `config_path` (with its extends chain).

    `known_rules` maps built-in rule ID -> rule name. `select`/`ignore` are
    command-line overrides: a non-empty `select` replaces the configured one,
    `ignore` is added to the configured one. `pack_dir` replaces the built-in
    pack directory (for tests).

    Raises ConfigError, and only ConfigError.
    """
    try:
        display = _display(Path(config_path)) if config_path is not None else "<built-in rules>"
    except Exception:
        display = str(config_path)
    try:
        return _load_settings(config_path, known_rules, select, ignore, pack_dir)
    except ConfigError:
        raise
    except RecursionError:
        raise ConfigError(display, None, "", "configuration is nested too deeply") from None
    except Exception as exc:  # a bug: still honour the ConfigError-only contract
        raise ConfigError(
            display, None, "", f"internal error while loading configuration: {type(exc).__name__}: {exc}"
        ) from exc


def _display(path: Path) -> str:
    """How a file is named in errors: relative to the working directory when
    it is inside it, else as given."""
    text = str(path)
    if not path.is_absolute():
        return text
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return text
    return text if rel.startswith(os.pardir) else rel


def _load_settings(
    config_path: Path | str | None,
    known_rules: Mapping[str, str],
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    pack_dir: Path | None,
) -> Settings:
    layers: list[_Layer] = []
    done: set[str] = set()

    pack = Path(pack_dir) if pack_dir is not None else builtin_pack_dir()
    if pack.is_dir():
        for pack_file in sorted(pack.glob("*.yaml"), key=lambda p: p.name):
            key = os.path.realpath(pack_file)
            shown = _display(pack_file)
            _load_chain(pack_file, shown, [(key, shown)], done, layers, trusted=pack_dir is None)

    root = Path.cwd()
    user_path: Path | None = None
    if config_path is not None:
        user_path = Path(config_path)
        display = _display(user_path)
        if not user_path.exists():
            raise ConfigError(display, None, "", "configuration file does not exist")
        key = os.path.realpath(user_path)
        _load_chain(user_path, display, [(key, display)], done, layers)
        root = user_path.resolve().parent

    settings, known = _merge(layers, known_rules)
    _apply_overrides(settings, known, select, ignore)
    settings.config_path = str(user_path.resolve()) if user_path is not None else None
    settings.root = str(root)
    if settings.cache_dir is not None:
        settings.cache_dir = str(root / settings.cache_dir)  # no-op when absolute
    settings.digest = settings_digest(settings)
    return settings
