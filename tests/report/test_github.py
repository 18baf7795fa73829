"""--format github: one workflow command per finding, escaped per the workflow-command rules."""

from __future__ import annotations

from pathlib import Path

from report_fixtures import invoke

from linter.findings import Finding
from linter.report.github import annotation, escape_data, escape_property, render
from linter.runner import RunResult


def test_one_annotation_per_finding_with_severity_command(project: Path) -> None:
    code, out, _ = invoke("check", "--format", "github", "scripts")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 4
    assert all(line.startswith("::") for line in lines)
    assert lines[0].startswith("::error file=scripts/broken.py,line=1,")
    assert lines[1] == (
        "::error file=scripts/cleanup.py,line=7,col=5,endLine=7,endColumn=24,title=ACME001::"
        "shutil.rmtree(...): shutil.rmtree deletes the whole tree for good; use the archive helper"
    )
    assert lines[2].startswith("::warning file=scripts/cleanup.py,line=8,col=5,")
    assert lines[3].startswith("::notice file=scripts/cleanup.py,line=12,col=5,")
    assert "title=ACME003::" in lines[3]


def test_clean_scan_prints_nothing_and_exits_0(project: Path) -> None:
    code, out, _ = invoke("check", "--format", "github", "scripts/clean.py")
    assert (code, out) == (0, "")


def test_fail_on_applies(project: Path) -> None:
    code, out, _ = invoke("check", "--format", "github", "--fail-on", "never", "scripts")
    assert code == 0 and out.count("\n") == 4


def test_data_escaping() -> None:
    assert escape_data("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b"


def test_property_escaping() -> None:
    assert escape_property("dir:a,b%\n") == "dir%3Aa%2Cb%25%0A"


def test_annotation_escapes_path_and_message() -> None:
    finding = Finding(
        path="./odd:dir/a,b.py",
        line=3,
        column=1,
        rule="OPS101",
        end_line=4,
        end_column=2,
        name="unguarded-permanent-delete",
        severity="error",
        message="deletes 100%\nof the bucket",
    )
    assert annotation(finding) == (
        "::error file=odd%3Adir/a%2Cb.py,line=3,col=1,endLine=4,endColumn=2,title=OPS101::deletes 100%25%0Aof the bucket"
    )


def test_render_of_nothing_is_empty() -> None:
    assert render(RunResult()) == ""
