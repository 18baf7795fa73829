"""--format gitlab: GitLab Code Quality (Code Climate subset) with stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from report_fixtures import CLEANUP, invoke


def issues(*paths: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = invoke("check", "--format", "gitlab", *paths)
    return code, json.loads(out)


def test_issue_shape_and_severity_mapping(project: Path) -> None:
    code, report = issues("scripts")
    assert code == 1
    assert isinstance(report, list) and len(report) == 4
    for issue in report:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str)
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)
    by_rule = {issue["check_name"]: issue for issue in report}
    assert by_rule["ACME001"]["severity"] == "major"
    assert by_rule["ACME002"]["severity"] == "minor"
    assert by_rule["ACME003"]["severity"] == "info"
    assert by_rule["ACME001"]["location"] == {"path": "scripts/cleanup.py", "lines": {"begin": 7, "end": 7}}
    assert "shutil.rmtree" in by_rule["ACME001"]["description"]
    assert len({issue["fingerprint"] for issue in report}) == 4


def test_clean_scan_is_an_empty_list(project: Path) -> None:
    assert issues("scripts/clean.py") == (0, [])


def test_paths_are_normalised(project: Path) -> None:
    _, report = issues("./scripts/cleanup.py")
    assert {issue["location"]["path"] for issue in report} == {"scripts/cleanup.py"}


def test_fingerprints_survive_inserted_lines(project: Path) -> None:
    _, before = issues("scripts/cleanup.py")
    (project / "scripts" / "cleanup.py").write_text("# header\n# more header\n\n" + CLEANUP)
    _, after = issues("scripts/cleanup.py")
    assert [i["location"]["lines"]["begin"] for i in after] == [i["location"]["lines"]["begin"] + 3 for i in before]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
