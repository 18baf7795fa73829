"""Tests of linter.config.loader: finding, layering, merging, converting."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from linter.config import (
    STARTER_CONFIG,
    CatalogEntry,
    ConfigError,
    Match,
    builtin_pack_dir,
    find_config,
    load_settings,
)

KNOWN = {
    "OPS101": "unguarded-permanent-delete",
    "OPS102": "missing-dry-run",
    "OPS103": "unbounded-bulk-delete",
    "OPS201": "untyped-id-list",
    "OPS204": "unvalidated-ids",
}

SMALL_CATALOG = """\
catalog:
  - id: std.shutil.rmtree
    call: shutil.rmtree
    filesystem: true
  - id: aws.s3.delete_objects
    method: delete_objects
    bulk: true
  - id: http.delete
    call: requests.request
    args: {0: DELETE}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A small built-in pack: the real policy.yaml and a three-entry catalog."""
    d = tmp_path / "pack"
    d.mkdir()
    shutil.copy(builtin_pack_dir() / "policy.yaml", d / "policy.yaml")
    write(d / "catalog.yaml", SMALL_CATALOG)
    return d


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "proj"
    d.mkdir()
    monkeypatch.chdir(d)  # error messages show paths as given: relative
    return d


def load(path: Path | str | None, pack: Path, **kw):
    return load_settings(path, KNOWN, pack_dir=pack, **kw)


# --------------------------------------------------------------------------
# find_config


def test_find_config_walks_up_to_parent(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    cfg = write(tmp_path / ".opslint.yaml", "")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == cfg.resolve()


def test_find_config_accepts_a_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    cfg = write(tmp_path / "opslint.yaml", "")
    script = write(tmp_path / "ops" / "purge.py", "")
    assert find_config(script) == cfg.resolve()


def test_find_config_stops_at_repo_root(tmp_path: Path) -> None:
    write(tmp_path / ".opslint.yaml", "")  # above the repository: not used
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "src").mkdir()
    assert find_config(repo / "src") is None


def test_find_config_git_file_marks_root(tmp_path: Path) -> None:
    # worktrees and submodules have a .git *file*
    write(tmp_path / ".opslint.yaml", "")
    repo = tmp_path / "sub"
    write(repo / ".git", "gitdir: ../.git/modules/sub\n")
    assert find_config(repo) is None


def test_find_config_config_in_repo_root_is_found(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    cfg = write(tmp_path / "opslint.yaml", "")
    assert find_config(tmp_path) == cfg.resolve()


def test_dot_opslint_preferred(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "opslint.yaml", "")
    dot = write(tmp_path / ".opslint.yaml", "")
    assert find_config(tmp_path) == dot.resolve()


def test_nearest_directory_wins_over_preferred_name(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".opslint.yaml", "")
    near = write(tmp_path / "svc" / "opslint.yaml", "")
    assert find_config(tmp_path / "svc") == near.resolve()


def test_find_config_ignores_directory_named_like_config(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".opslint.yaml").mkdir()
    cfg = write(tmp_path / "opslint.yaml", "")
    assert find_config(tmp_path) == cfg.resolve()


# --------------------------------------------------------------------------
# the real built-in pack


def test_builtin_pack_dir_has_policy() -> None:
    assert (builtin_pack_dir() / "policy.yaml").is_file()


def test_defaults_from_real_builtin_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = load_settings(None, KNOWN)
    assert s.config_path is None
    assert Path(s.root) == tmp_path.resolve()
    assert "dry_run" in s.guards.dry_run_names
    assert "actually_*" in s.guards.execute_names
    # YAML 1.1 would turn an unquoted yes into True; it must stay a name
    assert "yes" in s.guards.bypass_names and True not in s.guards.bypass_names
    assert "*_mode" in s.guards.mode_names
    assert "purge" in s.guards.permanent_values
    assert "soft_delete" in s.guards.recoverable_values
    assert "batch_size" in s.guards.cap_names
    assert "*_ids" in s.ids.collection_names
    assert "*Id" in s.ids.single_names
    assert "csv.DictReader" in s.ids.sources
    assert ("ForceDeleteWithoutRecovery", True) in s.permanent_kwargs
    assert "lock" in s.housekeeping_files and "pid" in s.housekeeping_files
    assert s.select is None and s.max_file_seconds == 60.0
    assert len(s.digest) == 64


def test_real_policy_file_is_a_valid_user_config(proj: Path, tmp_path: Path) -> None:
    empty_pack = tmp_path / "empty"
    empty_pack.mkdir()
    s = load(builtin_pack_dir() / "policy.yaml", empty_pack)
    assert s.guards.dry_run_names[0] == "dry_run"


def test_housekeeping_files_extend_the_built_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cfg = write(tmp_path / ".opslint.yaml", "housekeeping_files: [sentinel]\n")
    s = load_settings(cfg, KNOWN)
    assert "sentinel" in s.housekeeping_files and "lock" in s.housekeeping_files


def test_starter_config_loads(proj: Path, pack: Path) -> None:
    cfg = write(proj / ".opslint.yaml", STARTER_CONFIG)
    s = load(cfg, pack)
    assert ".venv/" in s.exclude
    shipped = Path(__file__).parents[2] / "linter" / "config" / "starter.yaml"
    assert STARTER_CONFIG == shipped.read_text(encoding="utf-8")


def test_full_example_in_docs_loads(proj: Path, pack: Path) -> None:
    """The first ```yaml block of docs/configuration.md is a complete, valid config."""
    doc = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    block = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    write(proj / "shared" / "base.yaml", "max_file_seconds: 30\n")
    cfg = write(proj / ".opslint.yaml", block.replace("some.builtin.entry", "std.shutil.rmtree"))
    s = load(cfg, pack)
    assert s.custom_rules and s.catalog and s.select


# --------------------------------------------------------------------------
# layering and merging


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing but a comment\n"])
def test_empty_user_config_is_an_error(proj: Path, pack: Path, text: str) -> None:
    cfg = write(proj / ".opslint.yaml", text)
    with pytest.raises(ConfigError) as err:
        load(cfg, pack)
    assert str(err.value).endswith(".opslint.yaml:1: the file is empty: add settings (`opslint init` writes a commented starter) or delete it")


def test_extends_chain_merges_in_order(proj: Path, pack: Path, tmp_path: Path) -> None:
    write(
        tmp_path / "shared" / "base.yaml",
        """\
        select: [OPS1]
        ignore: [OPS204]
        severity: {OPS101: info, OPS103: warning}
        per_file_ignores: {"tests/**": [OPS201], "docs/**": [OPS1]}
        max_file_seconds: 10
        permanent_kwargs: {force: true, nuke: true}
        unsuppressible: [OPS101]
        guards: {dry_run_names: [rehearse, dry_run]}
        custom_rules:
          - {id: BASE1, message: base, match: {call: "x.y"}}
        """,
    )
    write(
        tmp_path / "shared" / "mid.yaml",
        """\
        extends: base.yaml
        severity: {OPS103: error}
        ids: {validators: ["acme.ids.check"]}
        guards: {dry_run_names: [rehearse, make_believe]}
        """,
    )
    cfg = write(
        proj / ".opslint.yaml",
        """\
        extends: ../shared/mid.yaml
        select: [OPS2, BASE1]
        per_file_ignores: {"tests/**": [OPS204]}
        permanent_kwargs: {force: false}
        unsuppressible: [OPS102]
        custom_rules:
          - {id: PROJ1, message: proj, severity: error, match: {method: purge}}
        """,
    )
    s = load(cfg, pack)
    assert s.select == ("OPS2", "BASE1")  # later layer wins
    assert s.ignore == ("OPS204",)  # inherited untouched
    assert s.severity == {"OPS101": "info", "OPS103": "error"}  # merged by key
    assert s.unsuppressible == ("OPS101", "OPS102")
    assert s.per_file_ignores == {"tests/**": ("OPS204",), "docs/**": ("OPS1",)}
    assert s.max_file_seconds == 10.0
    assert dict(s.permanent_kwargs)["force"] is False
    assert dict(s.permanent_kwargs)["nuke"] is True
    assert dict(s.permanent_kwargs)["ForceDeleteWithoutRecovery"] is True  # from the pack
    # lists extend: built-ins first, then base, then mid; no duplicates
    names = s.guards.dry_run_names
    assert names[0] == "dry_run" and names.count("dry_run") == 1
    assert names[-2:] == ("rehearse", "make_believe")
    assert s.ids.validators == ("acme.ids.check",)
    assert [r.id for r in s.custom_rules] == ["BASE1", "PROJ1"]
    assert s.custom_rules[0].severity == "warning" and s.custom_rules[0].kind == "forbid"
    assert s.custom_rules[1].match == Match(method=("purge",))


def test_extends_list_order_and_diamond(proj: Path, pack: Path) -> None:
    write(proj / "cfg" / "common.yaml", "custom_rules: [{id: COM1, message: m, match: {call: a}}]\nmax_file_seconds: 1\n")
    write(proj / "cfg" / "a.yaml", "extends: common.yaml\nmax_file_seconds: 2\n")
    write(proj / "cfg" / "b.yaml", "extends: common.yaml\nmax_file_seconds: 3\n")
    cfg = write(proj / ".opslint.yaml", "extends: [cfg/a.yaml, cfg/b.yaml]\n")
    s = load(cfg, pack)
    assert s.max_file_seconds == 3.0  # b comes after a
    assert [r.id for r in s.custom_rules] == ["COM1"]  # common loaded once


def test_catalog_override_by_id_and_disable(proj: Path, pack: Path) -> None:
    cfg = write(
        proj / ".opslint.yaml",
        """\
        catalog:
          - id: aws.s3.delete_objects
            method: delete_objects
            receiver: ["*s3*"]
            effect: recoverable
          - id: std.shutil.rmtree
            disabled: true
          - id: acme.insight.purge_site
            method: [purge_site, purge_all]
            not_receiver: "*pool*"
            permanent_when: {ForceDeleteWithoutRecovery: true}
            recoverable_when: {status: current}
            confidence: low
            description: gone for good
        """,
    )
    s = load(cfg, pack)
    by_id = {e.id: e for e in s.catalog}
    assert [e.id for e in s.catalog] == ["aws.s3.delete_objects", "http.delete", "acme.insight.purge_site"]
    s3 = by_id["aws.s3.delete_objects"]
    assert s3.effect == "recoverable" and s3.match.receiver == ("*s3*",)
    assert s3.bulk is False  # replaced wholesale, not merged field by field
    assert by_id["http.delete"].match.args == ((0, "DELETE"),)
    assert by_id["http.delete"].confidence == "high"
    acme = by_id["acme.insight.purge_site"]
    assert acme == CatalogEntry(
        id="acme.insight.purge_site",
        match=Match(method=("purge_site", "purge_all"), not_receiver=("*pool*",)),
        confidence="low",
        description="gone for good",
        permanent_when=(("ForceDeleteWithoutRecovery", True),),
        recoverable_when=(("status", "current"),),
    )


def test_method_entries_default_to_medium_confidence(proj: Path, pack: Path) -> None:
    s = load(None, pack)
    by_id = {e.id: e for e in s.catalog}
    assert by_id["aws.s3.delete_objects"].confidence == "medium"
    assert by_id["std.shutil.rmtree"].confidence == "high"
    assert by_id["std.shutil.rmtree"].filesystem is True


def test_disable_then_redefine_in_later_layer(proj: Path, pack: Path) -> None:
    write(proj / "base.yaml", "catalog: [{id: std.shutil.rmtree, disabled: true}]\n")
    cfg = write(proj / ".opslint.yaml", "extends: base.yaml\ncatalog: [{id: std.shutil.rmtree, call: shutil.rmtree}]\n")
    s = load(cfg, pack)
    assert s.catalog[-1].id == "std.shutil.rmtree" and s.catalog[-1].filesystem is False


def test_args_keys_become_ints(proj: Path, pack: Path) -> None:
    cfg = write(proj / ".opslint.yaml", 'catalog: [{id: x, call: "a.b", args: {"10": X, 2: Y}}]\n')
    entry = load(cfg, pack).catalog[-1]
    assert entry.match.args == ((2, "Y"), (10, "X"))


def test_custom_rule_ids_are_known_rules(proj: Path, pack: Path) -> None:
    cfg = write(
        proj / ".opslint.yaml",
        """\
        select: [OPS1, ACME]
        severity: {ACME001: info}
        per_file_ignores: {"legacy/**": [ACME001]}
        custom_rules:
          - id: ACME001
            name: no-direct-purge
            message: use the workflow
            kind: require-guard
            match: {sql: "DELETE\\\\s+FROM"}
        """,
    )
    s = load(cfg, pack)
    assert s.select == ("OPS1", "ACME")
    assert s.custom_rules[0].match.sql == r"DELETE\s+FROM"
    assert s.custom_rules[0].name == "no-direct-purge"


def test_cli_overrides(proj: Path, pack: Path) -> None:
    cfg = write(proj / ".opslint.yaml", "select: [OPS2]\nignore: [OPS204]\n")
    s = load(cfg, pack, select=("OPS1",), ignore=("OPS103", "OPS204"))
    assert s.select == ("OPS1",)
    assert s.ignore == ("OPS204", "OPS103")
    same = load(cfg, pack, select=(), ignore=())
    assert same.select == ("OPS2",) and same.ignore == ("OPS204",)
    assert s.digest != same.digest


def test_cli_override_unknown_rule(proj: Path, pack: Path) -> None:
    with pytest.raises(ConfigError) as exc:
        load(None, pack, select=("OPS19",))
    assert str(exc.value) == "command line: --select: unknown rule 'OPS19' (did you mean OPS101?)"


def test_yaml_11_booleans_stay_strings(proj: Path, pack: Path) -> None:
    cfg = write(proj / ".opslint.yaml", "guards: {bypass_names: [no, on, off, y, n]}\npermanent_kwargs: {yes: true}\n")
    s = load(cfg, pack)
    assert s.guards.bypass_names[-4:] == ("no", "on", "off", "n")
    assert ("yes", True) in s.permanent_kwargs


# --------------------------------------------------------------------------
# digest


def test_digest_stable_and_sensitive(proj: Path, pack: Path, tmp_path: Path) -> None:
    text = "severity: {OPS103: error}\ncache_dir: .cache-a\n"
    cfg = write(proj / ".opslint.yaml", text)
    first_settings = load(cfg, pack)
    first = first_settings.digest
    assert first_settings.cache_dir == str(proj.resolve() / ".cache-a")  # relative to the root
    assert load(cfg, pack).digest == first
    # same settings from another directory, another cache dir: same findings
    other = write(tmp_path / "elsewhere" / "opslint.yaml", text.replace(".cache-a", ".cache-b"))
    assert load(other, pack).digest == first
    write(cfg, "severity: {OPS103: warning}\ncache_dir: .cache-a\n")
    assert load(cfg, pack).digest != first
    write(cfg, text + "guards: {dry_run_names: [rehearse]}\n")
    assert load(cfg, pack).digest != first
    write(pack / "catalog.yaml", SMALL_CATALOG + "  - {id: extra, call: os.remove}\n")
    write(cfg, text)
    with_extra = load(cfg, pack).digest
    assert with_extra != first
    # a change deep inside a catalog entry's match counts too
    write(pack / "catalog.yaml", SMALL_CATALOG + "  - {id: extra, call: os.unlink}\n")
    assert load(cfg, pack).digest not in (first, with_extra)


def test_severity_and_unsuppressible_prefixes_expand_to_ids(proj: Path, pack: Path) -> None:
    cfg = write(
        proj / ".opslint.yaml",
        """\
        severity: {OPS1: info, OPS103: error, ACME: warning}
        unsuppressible: [OPS2, OPS101, OPS201]
        custom_rules:
          - {id: ACME001, message: m, severity: error, match: {call: x}}
        """,
    )
    s = load(cfg, pack)
    # consumers look severities up by exact ID; the most specific key wins
    assert s.severity == {
        "ACME001": "warning", "OPS101": "info", "OPS102": "info", "OPS103": "error",
    }
    assert s.unsuppressible == ("OPS201", "OPS204", "OPS101")


def test_built_in_pack_files_validate_against_the_schema() -> None:
    """The shipped pack skips schema validation at run time (start-up cost); this test stands in for it."""
    import jsonschema
    import yaml

    from linter.config import builtin_pack_dir, load_schema

    validator = jsonschema.Draft202012Validator(load_schema())
    files = sorted(builtin_pack_dir().glob("*.yaml"))
    assert {f.name for f in files} >= {"catalog.yaml", "policy.yaml"}
    for pack_file in files:
        errors = list(validator.iter_errors(yaml.safe_load(pack_file.read_text(encoding="utf-8"))))
        assert not errors, f"{pack_file.name}: {errors[0].message}"
    # and its semantic checks (regexes compile, ids unique...), also skipped at run time
    checked = load_settings(None, KNOWN, pack_dir=builtin_pack_dir())
    assert checked.digest == load_settings(None, KNOWN).digest
