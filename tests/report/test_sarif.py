"""--format sarif: valid against the official SARIF 2.1.0 schema, complete rule metadata, stable fingerprints."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_fixtures import CLEANUP, invoke

from linter.checks import builtin_rules

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def assert_valid(log: dict[str, Any]) -> None:
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def sarif(*args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = invoke("check", "--format", "sarif", *args)
    return code, json.loads(out)


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    return log["runs"][0]["results"]


def fingerprint_of(log: dict[str, Any], rule: str) -> str:
    [result] = [r for r in results(log) if r["ruleId"] == rule]
    return result["partialFingerprints"]["opslintFingerprint/v1"]


def test_output_validates_against_the_official_schema(project: Path) -> None:
    code, log = sarif("scripts")
    assert code == 1
    assert_valid(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    assert sorted(r["ruleId"] for r in results(log)) == ["ACME001", "ACME002", "ACME003", "OPS001"]


def test_clean_scan_is_valid_with_no_results(project: Path) -> None:
    code, log = sarif("scripts/clean.py")
    assert code == 0
    assert_valid(log)
    assert results(log) == []


def test_examples_and_corpus_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real scripts with the built-in rules' own findings and messages."""
    monkeypatch.chdir(PROJECT_ROOT)
    dirs = [d for d in ("examples", "tests/corpus") if any((PROJECT_ROOT / d).rglob("*.py"))]
    assert dirs
    _, log = sarif(*dirs, "--no-cache")
    assert_valid(log)
    ids = {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results(log)} <= ids


def test_driver_describes_every_rule(project: Path) -> None:
    _, log = sarif("scripts")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "opslint"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [cls.id for cls in builtin_rules()] + ["ACME001", "ACME002", "ACME003"]
    for rule in driver["rules"]:
        for key in ("name", "shortDescription", "fullDescription", "help", "defaultConfiguration"):
            assert rule[key], (rule["id"], key)
        assert rule["help"]["markdown"].startswith(f"# {rule['id']} ")
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert by_id["OPS001"]["help"]["markdown"] == next(c for c in builtin_rules() if c.id == "OPS001").explain()
    assert [by_id[i]["defaultConfiguration"]["level"] for i in ("ACME001", "ACME002", "ACME003")] == [
        "error",
        "warning",
        "note",
    ]


def test_severity_override_changes_default_level(project: Path) -> None:
    (project / ".opslint.yaml").write_text((project / ".opslint.yaml").read_text() + "severity:\n  OPS001: warning\n")
    _, log = sarif("scripts")
    by_id = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert by_id["OPS001"]["defaultConfiguration"]["level"] == "warning"
    [parse_error] = [r for r in results(log) if r["ruleId"] == "OPS001"]
    assert parse_error["level"] == "warning"


def test_result_location_rule_index_and_level(project: Path) -> None:
    _, log = sarif("scripts")
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    [rmtree] = [r for r in results(log) if r["ruleId"] == "ACME001"]
    assert run["tool"]["driver"]["rules"][rmtree["ruleIndex"]]["id"] == "ACME001"
    assert rmtree["level"] == "error"
    assert "shutil.rmtree" in rmtree["message"]["text"]
    location = rmtree["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "scripts/cleanup.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 7,
        "startColumn": 5,
        "endLine": 7,
        "endColumn": 5 + len("shutil.rmtree(path)"),
    }
    levels = {r["ruleId"]: r["level"] for r in results(log)}
    assert levels["ACME002"] == "warning" and levels["ACME003"] == "note"


def test_uri_is_relative_to_scan_root_whatever_the_path_spelling(project: Path) -> None:
    _, log = sarif("./scripts/../scripts/cleanup.py", str(project / "scripts" / "clean.py"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results(log)}
    assert uris == {"scripts/cleanup.py"}


def test_uri_is_percent_encoded(project: Path) -> None:
    (project / "my scripts").mkdir()
    (project / "my scripts" / "wipe #1.py").write_text("import shutil\nshutil.rmtree('/x')\n")
    _, log = sarif("my scripts")
    assert_valid(log)
    [result] = results(log)
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20scripts/wipe%20%231.py"


def test_fingerprints_survive_inserted_lines_and_moves(project: Path) -> None:
    _, before = sarif("scripts/cleanup.py")
    shifted = '"""Cleanup helpers.\n\nNow with a docstring.\n"""\n' + CLEANUP.replace(
        "def purge(path):", "def unrelated():\n    return 1\n\n\ndef purge(path):"
    )
    (project / "scripts" / "cleanup.py").write_text(shifted)
    _, after = sarif("scripts/cleanup.py")
    lines = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results(after)}
    assert lines["ACME001"] == 7 + 8
    for rule in ("ACME001", "ACME002", "ACME003"):
        assert fingerprint_of(before, rule) == fingerprint_of(after, rule)


def test_fingerprint_changes_when_the_call_changes(project: Path) -> None:
    _, before = sarif("scripts/cleanup.py")
    changed = CLEANUP.replace("shutil.rmtree(path)", "shutil.rmtree(path, ignore_errors=True)")
    (project / "scripts" / "cleanup.py").write_text(changed)
    _, after = sarif("scripts/cleanup.py")
    assert fingerprint_of(before, "ACME001") != fingerprint_of(after, "ACME001")
    assert fingerprint_of(before, "ACME002") == fingerprint_of(after, "ACME002")


def test_identical_statements_get_distinct_fingerprints(project: Path) -> None:
    (project / "scripts" / "twice.py").write_text("import shutil\n\ndef f(p):\n    shutil.rmtree(p)\n    shutil.rmtree(p)\n")
    _, log = sarif("scripts/twice.py")
    prints = [r["partialFingerprints"]["opslintFingerprint/v1"] for r in results(log)]
    assert len(prints) == 2 and len(set(prints)) == 2


def test_output_file_gets_the_report_and_stdout_stays_empty(project: Path) -> None:
    code, out, err = invoke("check", "--format", "sarif", "--output", "report.sarif", "scripts")
    assert code == 1
    assert out == ""
    log = json.loads((project / "report.sarif").read_text())
    assert_valid(log)
    assert len(results(log)) == 4
