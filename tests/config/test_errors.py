"""Every configuration problem is one ConfigError: `file:line: key: message`."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linter.config import ConfigError, load_schema, load_settings

KNOWN = {
    "OPS101": "unguarded-permanent-delete",
    "OPS102": "missing-dry-run",
    "OPS103": "unbounded-bulk-delete",
    "OPS201": "untyped-id-list",
    "OPS204": "unvalidated-ids",
}

PACK_CATALOG = "catalog:\n  - {id: std.shutil.rmtree, call: shutil.rmtree}\n"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "catalog.yaml").write_text(PACK_CATALOG, encoding="utf-8")
    proj = tmp_path / "proj"
    proj.mkdir()
    monkeypatch.chdir(proj)

    def run(text: str | bytes, name: str = ".opslint.yaml", **kw) -> str:
        path = Path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        with pytest.raises(ConfigError) as exc:
            load_settings(path, KNOWN, pack_dir=pack, **kw)
        return str(exc.value)

    run.pack = pack  # type: ignore[attr-defined]
    return run


CASES = {
    "unknown key": (
        "select: [OPS101]\nselct: [OPS1]\n",
        ".opslint.yaml:2: selct: unknown key (did you mean 'select'?)",
    ),
    "unknown nested key": (
        "guards:\n  dry_run_names: [x]\n  execute_name: [go]\n",
        ".opslint.yaml:3: guards.execute_name: unknown key (did you mean 'execute_names'?)",
    ),
    "unknown key without suggestion": (
        "colour: blue\n",
        ".opslint.yaml:1: colour: unknown key",
    ),
    "unknown catalog key": (
        "catalog:\n  - id: x\n    call: a\n    efect: recoverable\n",
        ".opslint.yaml:4: catalog[0].efect: unknown key (did you mean 'effect'?)",
    ),
    "unknown rule": (
        "select:\n  - OPS101\n  - OPS19\n",
        ".opslint.yaml:3: select: unknown rule 'OPS19' (did you mean OPS101?)",
    ),
    "unknown rule in ignore": (
        "ignore: [OPS999]\n",
        ".opslint.yaml:1: ignore: unknown rule 'OPS999'",
    ),
    "unknown rule as severity key": (
        "severity:\n  OPS101: error\n  OPS1O3: info\n",
        ".opslint.yaml:3: severity: unknown rule 'OPS1O3' (did you mean OPS103?)",
    ),
    "unknown rule in per_file_ignores": (
        "per_file_ignores:\n  'tests/**':\n    - OPS2\n    - OPS2O4\n",
        ".opslint.yaml:4: per_file_ignores: unknown rule 'OPS2O4' (did you mean OPS204?)",
    ),
    "unknown rule in unsuppressible": (
        "unsuppressible: [XYZ1]\n",
        ".opslint.yaml:1: unsuppressible: unknown rule 'XYZ1'",
    ),
    "rule name instead of ID": (
        "ignore: [missing-dry-run]\n",
        ".opslint.yaml:1: ignore: unknown rule 'missing-dry-run'"
        " (rule names are not accepted here; use its ID OPS102)",
    ),
    "lower-case rule ID": (
        "ignore: [ops1]\n",
        ".opslint.yaml:1: ignore: unknown rule 'ops1' (rule IDs are upper case: did you mean OPS1?)",
    ),
    "select is a number": (
        "select: 5\n",
        ".opslint.yaml:1: select: expected a list of strings, got a number (5)",
    ),
    "select item is a number": (
        "select:\n  - OPS1\n  - 101\n",
        ".opslint.yaml:3: select: expected a string, got a number (101)",
    ),
    "select is null": (
        "select:\n",
        ".opslint.yaml:1: select: expected a list of strings, got null",
    ),
    "severity is a list": (
        "severity: [OPS101]\n",
        ".opslint.yaml:1: severity: expected a mapping, got a list",
    ),
    "invalid severity": (
        "ignore: []\nseverity:\n  OPS103: fatal\n",
        ".opslint.yaml:3: severity.OPS103: 'fatal' is not allowed; expected one of: error, warning, info",
    ),
    "invalid severity with suggestion": (
        "severity: {OPS103: warn}\n",
        ".opslint.yaml:1: severity.OPS103: 'warn' is not allowed;"
        " expected one of: error, warning, info (did you mean 'warning'?)",
    ),
    "max_file_seconds zero": (
        "max_file_seconds: 0\n",
        ".opslint.yaml:1: max_file_seconds: must be greater than 0, got 0",
    ),
    "max_file_seconds boolean": (
        "max_file_seconds: true\n",
        ".opslint.yaml:1: max_file_seconds: expected a number, got a boolean (true)",
    ),
    "cache_dir date": (
        "cache_dir: 2024-01-01\n",
        ".opslint.yaml:1: cache_dir: expected a string, got a date (2024-01-01)",
    ),
    "invalid glob": (
        "exclude:\n  - vendor/**\n  - 'a\\'\n",
        ".opslint.yaml:3: exclude: invalid glob 'a\\\\': Invalid git pattern: 'a\\\\'",
    ),
    "invalid per_file_ignores glob": (
        "per_file_ignores:\n  'ok/**': [OPS1]\n  'bad\\': [OPS1]\n",
        ".opslint.yaml:3: per_file_ignores: invalid glob 'bad\\\\': Invalid git pattern: 'bad\\\\'",
    ),
    "invalid command regex": (
        "catalog:\n  - id: x\n    command: 'rm (-rf'\n",
        ".opslint.yaml:3: catalog[0].command: invalid regular expression 'rm (-rf':"
        " missing ), unterminated subpattern at position 3",
    ),
    "invalid sql regex in custom rule": (
        "custom_rules:\n  - id: ACME1\n    message: m\n    match:\n      sql: 'DELETE[ FROM'\n",
        ".opslint.yaml:5: custom_rules[0].match.sql: invalid regular expression 'DELETE[ FROM':"
        " unterminated character set at position 6",
    ),
    "invalid YAML": (
        "select: [OPS101\nignore: []\n",
        ".opslint.yaml:2: invalid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence)",
    ),
    "tab indentation": (
        "select:\n\t- OPS1\n",
        ".opslint.yaml:2: invalid YAML: found character '\\t' that cannot start any token"
        " (while scanning for the next token)",
    ),
    "two documents": (
        "select: []\n---\nignore: []\n",
        ".opslint.yaml:2: invalid YAML: expected a single document in the stream,"
        " but found another document",
    ),
    "python tag": (
        "select: !!python/object:os.system [ls]\n",
        ".opslint.yaml:1: invalid YAML: could not determine a constructor for the tag"
        " 'tag:yaml.org,2002:python/object:os.system'",
    ),
    "control character": (
        "select: []\nignore: [\x01]\n",
        ".opslint.yaml:2: invalid YAML: special characters are not allowed",
    ),
    "duplicate key": (
        "select: []\nignore: []\nselect: [OPS1]\n",
        ".opslint.yaml:3: select: duplicate key",
    ),
    "recursive alias": (
        "guards:\n  calls: &a [*a]\n",
        ".opslint.yaml:2: guards.calls: recursive YAML alias",
    ),
    "list instead of mapping": (
        "# a comment first\n- select\n- ignore\n",
        ".opslint.yaml:1: the configuration must be a mapping of keys, not a list",
    ),
    "scalar instead of mapping": (
        "select\n",
        ".opslint.yaml:1: the configuration must be a mapping of keys, not a string ('select')",
    ),
    "catalog entry without a kind": (
        "catalog:\n  - id: x\n    effect: permanent\n",
        ".opslint.yaml:2: catalog[0]: needs exactly one of call, method, command, sql, url",
    ),
    "catalog entry with two kinds": (
        "catalog:\n  - id: x\n    method: a\n    sql: DELETE\n",
        ".opslint.yaml:4: catalog[0].sql: has both 'method' and 'sql'; use exactly one of call, method, command, sql, url",
    ),
    "catalog entry without id": (
        "catalog:\n  - call: os.remove\n",
        ".opslint.yaml:2: catalog[0]: missing required key 'id'",
    ),
    "receiver without method": (
        "catalog:\n  - id: x\n    call: a.b\n    receiver: '*x*'\n",
        ".opslint.yaml:4: catalog[0].receiver: only allowed together with 'method'",
    ),
    "invalid effect": (
        "catalog:\n  - id: x\n    call: a\n    effect: gone\n",
        ".opslint.yaml:4: catalog[0].effect: 'gone' is not allowed; expected one of: permanent, recoverable",
    ),
    "args key neither a position nor a keyword": (
        "catalog:\n  - id: x\n    call: a\n    args:\n      first-arg: DELETE\n",
        ".opslint.yaml:5: catalog[0].args.first-arg: 'first-arg' is not an argument position (0, 1, 2, ...) or keyword name",
    ),
    "method list with a number": (
        "catalog:\n  - id: x\n    method: [purge, 7]\n",
        ".opslint.yaml:3: catalog[0].method: expected a string, got a number (7)",
    ),
    "method is a mapping": (
        "catalog:\n  - id: x\n    method: {name: purge}\n",
        ".opslint.yaml:3: catalog[0].method: expected a string or a list of strings, got a mapping",
    ),
    "duplicate catalog id in one file": (
        "catalog:\n  - {id: x, call: a}\n  - {id: x, call: b}\n",
        ".opslint.yaml:3: catalog[1].id: duplicate catalog id 'x' (first defined at line 2)",
    ),
    "disable unknown entry": (
        "catalog:\n  - id: std.shutil.rmtre\n    disabled: true\n",
        ".opslint.yaml:2: catalog[0].id: cannot disable 'std.shutil.rmtre':"
        " no earlier layer defines it (did you mean 'std.shutil.rmtree'?)",
    ),
    "disabled entry with match keys": (
        "catalog:\n  - id: std.shutil.rmtree\n    disabled: true\n    call: x\n",
        ".opslint.yaml:4: catalog[0].call: a disabled entry takes only 'id' (and 'disabled');"
        " remove it or drop 'disabled'",
    ),
    "custom rule with OPS prefix": (
        "custom_rules:\n  - id: OPS900\n    message: m\n    match: {call: x}\n",
        ".opslint.yaml:2: custom_rules[0].id: 'OPS900': the OPS prefix is reserved for built-in rules;"
        " use your own prefix",
    ),
    "duplicate custom rule": (
        "custom_rules:\n  - {id: ACME1, message: m, match: {call: x}}\n"
        "  - {id: ACME1, message: n, match: {call: y}}\n",
        ".opslint.yaml:3: custom_rules[1].id: duplicate custom rule ID 'ACME1' (already defined in .opslint.yaml:2)",
    ),
    "custom rule ID shape": (
        "custom_rules:\n  - id: acme-1\n    message: m\n    match: {call: x}\n",
        ".opslint.yaml:2: custom_rules[0].id: 'acme-1' must be capital letters followed by digits, like ACME001",
    ),
    "custom rule name shape": (
        "custom_rules:\n  - id: ACME1\n    name: No_Purge\n    message: m\n    match: {call: x}\n",
        ".opslint.yaml:3: custom_rules[0].name: 'No_Purge' must be kebab-case, like no-direct-purge",
    ),
    "custom rule without message": (
        "custom_rules:\n  - id: ACME1\n    match: {call: x}\n",
        ".opslint.yaml:2: custom_rules[0]: missing required key 'message'",
    ),
    "custom rule empty match": (
        "custom_rules:\n  - id: ACME1\n    message: m\n    match: {}\n",
        ".opslint.yaml:4: custom_rules[0].match: needs exactly one of call, method, command, sql, url",
    ),
    "custom rule bad kind": (
        "custom_rules:\n  - id: ACME1\n    message: m\n    kind: forbidden\n    match: {call: x}\n",
        ".opslint.yaml:4: custom_rules[0].kind: 'forbidden' is not allowed;"
        " expected one of: forbid, require-guard (did you mean 'forbid'?)",
    ),
    "custom rule in a mapping not a list": (
        "custom_rules:\n  ACME1: {message: m}\n",
        ".opslint.yaml:1: custom_rules: expected a list of mappings, got a mapping",
    ),
    "permanent_kwargs value is a list": (
        "permanent_kwargs: {force: [1]}\n",
        ".opslint.yaml:1: permanent_kwargs.force: expected a string, a number, a boolean or null, got a list",
    ),
    "extends is a number": (
        "extends: [5]\n",
        ".opslint.yaml:1: extends: expected a string, got a number (5)",
    ),
    "extends target missing": (
        "select: []\nextends:\n  - base.yaml\n  - nothere.yaml\n",
        None,  # needs base.yaml: see test_extends_target_missing
    ),
    "non-string key": (
        "? [a, b]\n: 1\n",
        ".opslint.yaml:1: invalid YAML: mapping keys must be plain strings",
    ),
}


@pytest.mark.parametrize("name", [n for n, (_, want) in CASES.items() if want])
def test_error_message(env, name: str) -> None:
    text, want = CASES[name]
    assert env(text) == want


def test_error_is_first_by_line(env) -> None:
    # two problems: the earlier line is reported, every time
    text = "ignore: [OPS999]\nselect: 5\ncolour: x\n"
    # schema problems come before rule checks within a file
    assert env(text) == ".opslint.yaml:2: select: expected a list of strings, got a number (5)"
    text = "colour: x\nselect: 5\n"
    assert env(text) == ".opslint.yaml:1: colour: unknown key"


def test_extends_target_missing(env) -> None:
    Path("base.yaml").write_text("max_file_seconds: 5\n", encoding="utf-8")
    text, _ = CASES["extends target missing"]
    assert env(text) == (
        ".opslint.yaml:4: extends: cannot extend 'nothere.yaml': nothere.yaml does not exist"
    )


def test_extends_cycle_names_file_and_key(env) -> None:
    Path("conf").mkdir()
    Path("conf/a.yaml").write_text("select: []\nextends: b.yaml\n", encoding="utf-8")
    Path("conf/b.yaml").write_text("extends: [../.opslint.yaml]\n", encoding="utf-8")
    err = env("# top\nextends: conf/a.yaml\n")
    assert err == (
        "conf/b.yaml:1: extends: extends cycle: .opslint.yaml -> conf/a.yaml -> conf/b.yaml -> .opslint.yaml"
    )


def test_extends_self(env) -> None:
    assert env("extends: .opslint.yaml\n") == ".opslint.yaml:1: extends: extends cycle: .opslint.yaml -> .opslint.yaml"


def test_error_in_extended_file_names_that_file(env) -> None:
    Path("shared").mkdir()
    Path("shared/base.yaml").write_text("select: [OPS1]\n\nguards:\n  dry_run_names: dry\n", encoding="utf-8")
    assert env("extends: shared/base.yaml\n") == (
        "shared/base.yaml:4: guards.dry_run_names: expected a list of strings, got a string ('dry')"
    )


def test_rule_error_in_extended_file(env) -> None:
    Path("base.yaml").write_text("\nselect: [OPS3]\n", encoding="utf-8")
    assert env("extends: base.yaml\nselect: [OPS1]\n") == (
        "base.yaml:2: select: unknown rule 'OPS3' (did you mean OPS103?)"
    )


def test_disable_in_earlier_layer_than_definition(env) -> None:
    Path("base.yaml").write_text("catalog: [{id: acme.x, disabled: true}]\n", encoding="utf-8")
    err = env("extends: base.yaml\ncatalog: [{id: acme.x, call: acme.x}]\n")
    assert err == "base.yaml:1: catalog[0].id: cannot disable 'acme.x': no earlier layer defines it"


def test_custom_rule_duplicate_across_files(env) -> None:
    Path("base.yaml").write_text(
        "custom_rules:\n  - {id: ACME1, message: m, match: {call: x}}\n", encoding="utf-8"
    )
    err = env("extends: base.yaml\ncustom_rules:\n  - {id: ACME1, message: m, match: {call: y}}\n")
    assert err == ".opslint.yaml:3: custom_rules[0].id: duplicate custom rule ID 'ACME1' (already defined in base.yaml:2)"


def test_custom_rule_clashing_with_builtin_id(env) -> None:
    known = dict(KNOWN, SEC100="builtin-nonops")
    Path(".opslint.yaml").write_text("custom_rules: [{id: SEC100, message: m, match: {call: x}}]\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(Path(".opslint.yaml"), known, pack_dir=env.pack)
    assert str(exc.value) == ".opslint.yaml:1: custom_rules[0].id: 'SEC100' is already a built-in rule ID"


def test_not_utf8(env) -> None:
    assert env(b"select: []\nignore: [\xff]\n") == ".opslint.yaml:2: file is not valid UTF-8 text"


def test_utf8_bom_is_accepted(env) -> None:
    Path(".opslint.yaml").write_bytes("\ufeffselect: [OPS1]\n".encode("utf-8"))
    assert load_settings(Path(".opslint.yaml"), KNOWN, pack_dir=env.pack).select == ("OPS1",)


def test_unreadable_config(env) -> None:
    Path("dir.yaml").mkdir()
    with pytest.raises(ConfigError) as exc:
        load_settings(Path("dir.yaml"), KNOWN, pack_dir=env.pack)
    assert str(exc.value).startswith("dir.yaml: cannot read file: ")


def test_permission_denied(env, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: the tests run as root here, where chmod 0 does not stop a read."""
    Path("locked.yaml").write_text("select: []\n")

    real_read = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "locked.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ConfigError) as exc:
        load_settings(Path("locked.yaml"), KNOWN, pack_dir=env.pack)
    assert str(exc.value) == "locked.yaml: cannot read file: Permission denied"


def test_missing_config(env) -> None:
    with pytest.raises(ConfigError) as exc:
        load_settings(Path("nope.yaml"), KNOWN, pack_dir=env.pack)
    assert str(exc.value) == "nope.yaml: configuration file does not exist"


def test_error_in_builtin_pack_names_pack_file(env) -> None:
    (env.pack / "zz_extra.yaml").write_text("guards:\n  calls: [1]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_settings(None, KNOWN, pack_dir=env.pack)
    assert exc.value.path == str(env.pack / "zz_extra.yaml")
    assert (exc.value.line, exc.value.key) == (2, "guards.calls")


def test_error_attributes(env) -> None:
    Path(".opslint.yaml").write_text("select: [OPS1]\nselct: []\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(Path(".opslint.yaml"), KNOWN, pack_dir=env.pack)
    e = exc.value
    assert (e.path, e.line, e.key) == (".opslint.yaml", 2, "selct")


# --------------------------------------------------------------------------
# the schema itself


def test_schema_is_valid_json_schema() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    shipped = Path(__file__).parents[2] / "linter" / "config" / "schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == schema


def test_schema_accepts_policy_and_rejects_typo() -> None:
    from linter.config import builtin_pack_dir

    v = jsonschema.Draft202012Validator(load_schema())
    policy = yaml.safe_load((builtin_pack_dir() / "policy.yaml").read_text(encoding="utf-8"))
    # plain safe_load turns `yes` into True; editors (YAML 1.2) do not
    policy["guards"]["bypass_names"] = [str(x) for x in policy["guards"]["bypass_names"]]
    assert not list(v.iter_errors(policy))
    assert list(v.iter_errors({"guards": {"dry_run_name": []}}))


# --------------------------------------------------------------------------
# robustness: nothing but ConfigError, never an internal error

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, width=16),
    st.sampled_from(["OPS1", "OPS101", "x", "", "*", "a\\", "(", "ACME1", "OPS900", "base.yaml"]),
)
_keys = st.sampled_from(
    ["extends", "select", "ignore", "severity", "unsuppressible", "include", "exclude", "per_file_ignores",
     "max_file_seconds", "cache_dir", "permanent_kwargs", "catalog", "guards", "ids", "custom_rules",
     "id", "call", "method", "receiver", "command", "sql", "args", "disabled", "match", "message",
     "dry_run_names", "names", "0", "OPS101", "tests/**", "x"]
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=st.dictionaries(_keys, _values, max_size=5))
@example(doc={"custom_rules": [{"match": None}]})
@example(doc={"catalog": [{"id": "x", "call": "a", "receiver": 1}], "severity": {"OPS1": None}})
def test_fuzz_only_config_errors(env, doc) -> None:
    path = Path(".opslint.yaml")
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    try:
        load_settings(path, KNOWN, pack_dir=env.pack)
    except ConfigError as exc:
        assert "internal error" not in str(exc)
        assert exc.path in (".opslint.yaml", "base.yaml")


def test_absolute_path_inside_cwd_is_shown_relative(env) -> None:
    Path("sub").mkdir()
    Path("sub/opslint.yaml").write_text("selct: []\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_settings(Path("sub/opslint.yaml").resolve(), KNOWN, pack_dir=env.pack)
    assert str(exc.value) == f"sub{os.sep}opslint.yaml:1: selct: unknown key (did you mean 'select'?)"
