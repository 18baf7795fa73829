"""--format junit: one testcase per scanned file, one failure per finding; parsed back with ElementTree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from report_fixtures import invoke

from linter.findings import Finding
from linter.report.junit import render
from linter.runner import RunResult


def junit(*paths: str) -> tuple[int, ET.Element]:
    code, out, _ = invoke("check", "--format", "junit", *paths)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return code, ET.fromstring(out.split("\n", 1)[1])


def test_testcase_per_file_and_failure_per_finding(project: Path) -> None:
    code, root = junit("scripts")
    assert code == 1
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"scripts/broken.py", "scripts/clean.py", "scripts/cleanup.py"}
    assert cases["scripts/clean.py"].findall("failure") == []
    failures = cases["scripts/cleanup.py"].findall("failure")
    assert [f.get("type", "").split()[0] for f in failures] == ["ACME001", "ACME002", "ACME003"]
    assert "shutil.rmtree" in (failures[0].get("message") or "")
    assert (failures[0].text or "").startswith("scripts/cleanup.py:7:5: ACME001 [error]")
    assert cases["scripts/broken.py"].find("failure").get("type", "").startswith("OPS001")  # type: ignore[union-attr]
    assert suite.get("tests") == "3" and suite.get("failures") == "2" and suite.get("errors") == "0"


def test_clean_run_has_passing_testcases(project: Path) -> None:
    code, root = junit("scripts/clean.py")
    assert code == 0
    [case] = root.iter("testcase")
    assert case.get("name") == "scripts/clean.py" and list(case) == []


def test_special_characters_survive_a_round_trip() -> None:
    message = 'rm -rf "$DIR" <all> & more\x1b[0m'
    finding = Finding(path="a&b.py", line=1, column=1, rule="OPS101", name="x", severity="error", message=message)
    root = ET.fromstring(render(RunResult([finding], 1, ["a&b.py"])).split("\n", 1)[1])
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == 'OPS101 [error] rm -rf "$DIR" <all> & more\ufffd[0m'
    assert root.find("testsuite/testcase").get("name") == "a&b.py"  # type: ignore[union-attr]


def test_output_file_for_junit(project: Path) -> None:
    code, out, _ = invoke("check", "--format", "junit", "--output", "out/junit.xml", "scripts")
    assert code == 2 and out == ""  # the directory does not exist: a clear usage error
    (project / "out").mkdir()
    code, out, _ = invoke("check", "--format", "junit", "--output", "out/junit.xml", "scripts")
    assert code == 1 and out == ""
    assert len(list(ET.parse(project / "out" / "junit.xml").getroot().iter("failure"))) == 4
